# The event/IPC/socket LTP-style cases (tests/ltp/<name>.c), run under the kit
# and under qemu-user for every ABI until the suite runner takes them over.
EVENT_TESTS := epoll_create01 epoll_ctl01 epoll_wait01 poll01 select01 pwait01 eventfd01 \
	timerfd01 signalfd01 inotify01 memfd_create01 semop01 semctl01 shmat01 msgsnd01 \
	socket01 socketpair01 sendmsg01 bind01 sockopt01 socketcall01 ipc01
EVENT_TESTS := $(filter $(EVENT_TESTS),$(basename $(notdir $(wildcard tests/ltp/*.c))))
CHECKS += check-ltp-events
.PHONY: check-ltp-events
check-ltp-events: $(B)/compatkit $(foreach a,$(ABIS),$(foreach n,$(EVENT_TESTS),$(B)/ltp/$(a)/$(n)))
	@bash tests/ltp/events.sh $(B)/compatkit $(B)/ltp-events $(foreach a,$(ABIS),$(a):$(QEMU_$(a))) -- $(EVENT_TESTS)
