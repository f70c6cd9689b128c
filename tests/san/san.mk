# make check also runs the unit tests, the compare harness and the
# random-syscall guest against a kit built with ASan+UBSan in build-san/
# (tests/san/check.sh).  Not when the whole check already runs sanitized:
# `make check SANITIZE=address,undefined` builds everything in build-san.
ifeq ($(SANITIZE),)
.PHONY: check-san
check-san: $(B)/compatkit $(COMPARE_GUESTS) $(SYSFUZZ_GUESTS) probe-inputs
	@bash tests/san/check.sh "$(MAKE)" $(ABIS)
CHECKS += check-san
endif
