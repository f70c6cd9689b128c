# Random-syscall guest (tests/guest/sysfuzz.c) under the kit, every ABI.
# make check: a moderate N from a fixed seed (a few seconds per ABI);
# make soak: seeds 1, 2, ... with a large N until SOAK_SECONDS per ABI.
SYSFUZZ_N    ?= 20000
SYSFUZZ_SEED ?= 1
SOAK_N       ?= 200000
SOAK_SECONDS ?= 120
SYSFUZZ_GUESTS := $(foreach a,$(ABIS),$(B)/guest/$(a)/sysfuzz)

.PHONY: check-sysfuzz soak
check-sysfuzz: $(B)/compatkit $(SYSFUZZ_GUESTS)
	@ABIS="$(ABIS)" bash tests/sysfuzz/run.sh --kit $(B)/compatkit --n $(SYSFUZZ_N) --seed $(SYSFUZZ_SEED)
CHECKS += check-sysfuzz

# make soak: also the 1000-cycle fork+exec+wait hygiene run (tests/faults).
soak: $(B)/compatkit $(SYSFUZZ_GUESTS)
	@rm -f build/check-results
	@ABIS="$(ABIS)" bash tests/sysfuzz/run.sh --kit $(B)/compatkit --n $(SOAK_N) \
	  --timeout $$(( $(SOAK_SECONDS) + 60 )) --soak $(SOAK_SECONDS) --group soak; \
	  rc=$$?; $(MAKE) --no-print-directory soak-hygiene || rc=1; bash tests/summary.sh; exit $$rc
