# make check also runs the unit tests, the compare harness and the
# random-syscall guest against a kit built with ASan+UBSan in build-san/
# (tests/san/check.sh).  Not when the whole check already runs sanitized:
# `make check SANITIZE=address,undefined` builds everything in build-san.
ifeq ($(SANITIZE),)
.PHONY: check-san
# The sysfuzz guests are named here, not through $(SYSFUZZ_GUESTS): this
# fragment is included before tests/sysfuzz/sysfuzz.mk, where that list
# would still be empty when the prerequisites are read.  The guests are
# build/'s: guest programs are the same for both kits.
check-san: $(B)/compatkit $(COMPARE_GUESTS) $(foreach a,$(ABIS),$(B)/guest/$(a)/sysfuzz) probe-inputs
	@bash tests/san/check.sh "$(MAKE)" $(ABIS)
CHECKS += check-san
endif
