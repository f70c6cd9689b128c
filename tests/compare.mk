# Runtime comparison (tests/compare.sh): every case of tests/compare.cases,
# for every ABI, under `compatkit run` against qemu-user-static.
# check-compare-ref checks the reference side alone (status as declared,
# repeatable output, agreement with a native run on the host's ABI).
COMPARE_PROGS  := $(sort $(shell awk '!/^[[:space:]]*(\#|$$)/ {print $$2}' tests/compare.cases))
COMPARE_GUESTS := $(foreach a,$(ABIS),$(foreach p,$(COMPARE_PROGS),$(B)/guest/$(a)/$(p)))

.PHONY: check-compare check-compare-ref
check-compare: $(B)/compatkit $(COMPARE_GUESTS)
	@ABIS="$(ABIS)" bash tests/compare.sh
check-compare-ref: $(COMPARE_GUESTS)
	@ABIS="$(ABIS)" bash tests/compare.sh --ref-only
CHECKS += check-compare check-compare-ref
