# The files/time/sysinfo family's LTP-style tests, each run under the kit
# and under qemu-user for every ABI (tests/ltp/files.sh), until the suite
# runner takes them over.
LTP_FILES := open01 fcntl01 rw01 getdents01 path01 ioctl01 time01
LTP_FILES := $(filter $(basename $(notdir $(wildcard tests/ltp/*.c))),$(LTP_FILES))
.PHONY: check-ltp-files
check-ltp-files: $(B)/compatkit $(foreach a,$(ABIS),$(foreach n,$(LTP_FILES),$(B)/ltp/$(a)/$(n)))
	@B=$(B) ABIS="$(ABIS)" bash tests/ltp/files.sh $(LTP_FILES)
CHECKS += check-ltp-files
