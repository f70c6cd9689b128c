# Benchmarks (issue 10): guest programs tests/bench/*.c (except the driver)
# cross-built for every ABI into build/bench/<abi>/, and build/benchrun, the
# host driver that runs each under the kit and under qemu-user, interleaved.
#   make bench [BENCH_REPS=5] [BENCH_ONLY=compute,getppid] [BENCH_ABIS="amd64 i386"]
# prints the table and writes build/bench.json.  Not part of `make check`;
# check-bench only runs each program once, tiny-sized, and compares outputs.
BENCH_PROGS  := compute getppid devnull hello true forkexec
BENCH_REPS   ?= 5
BENCH_ABIS   ?= $(ABIS)
BENCH_ONLY   ?=
BENCH_CFLAGS ?= -O2 -g0 -Wall

define bench_rules
$(B)/bench/$(1)/%: tests/bench/%.c
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) $(BENCH_CFLAGS) $(GUEST_CFLAGS_$(1)) -static -o $$@ $$<
endef
$(foreach a,$(ABIS),$(eval $(call bench_rules,$(a))))

BENCH_BINS := $(foreach a,$(BENCH_ABIS),$(foreach p,$(BENCH_PROGS),$(B)/bench/$(a)/$(p)))
BENCH_SPECS = $(foreach a,$(BENCH_ABIS),$(a)=$(QEMU_$(a)))

$(B)/benchrun: tests/bench/benchrun.c tests/bench/benchreport.c tests/bench/benchrun.h | $(B)
	$(CC) -O2 -g -Wall -Wextra -I. -o $@ tests/bench/benchrun.c tests/bench/benchreport.c $(LDLIBS) -lm

.PHONY: bench bench-progs check-bench
bench-progs: $(BENCH_BINS) $(B)/benchrun
bench: $(B)/compatkit bench-progs
	$(B)/benchrun -r $(BENCH_REPS) -j $(B)/bench.json $(if $(BENCH_ONLY),-b $(BENCH_ONLY)) $(BENCH_SPECS)

check-bench: $(B)/compatkit bench-progs
	@$(B)/benchrun -t -j $(B)/bench-check.json $(BENCH_SPECS) > $(B)/bench-check.log 2>&1; \
	cat $(B)/bench-check.log; \
	p=$$(awk '$$3 ~ /^[0-9.]+$$/' $(B)/bench-check.log | wc -l); \
	f=$$(grep -c 'MISMATCH\|FAIL' $(B)/bench-check.log); \
	s=$$(grep -c ' skipped: ' $(B)/bench-check.log); \
	bash tests/record.sh bench-tiny $$p $$f $$s; test $$f -eq 0
CHECKS += check-bench
