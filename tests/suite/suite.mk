# The regression suite (compatkit suite) and the runner's own tests.
#  check-suite           every tests/ltp case on every ABI, kit and qemu lanes,
#                        judged against tests/manifest.tsv; writes
#                        build/suite/suite.{json,xml,html}
#  check-suite-selftest  the runner against fixtures of known outcome, the
#                        manifest check, compatkit diff (tests/suite/selftest.sh)
#  check-suite-html      the HTML page in headless chromium (skipped without it)
SUITE_FIX_MODES := pass fail conf brok segv hang silent oldfmt child
SUITE_FIX_ABI   := $(firstword $(ABIS))
SUITE_FIXES := $(foreach m,$(SUITE_FIX_MODES),$(B)/suite-fix/$(SUITE_FIX_ABI)/fix_$(m))
$(B)/suite-fix/$(SUITE_FIX_ABI)/fix_%: tests/suite/fixture.c tests/ltp/tst.c tests/ltp/tst.h
	@mkdir -p $(dir $@)
	$(call guest_cc,$(SUITE_FIX_ABI)) -O1 -g0 -Wall $(GUEST_CFLAGS_$(SUITE_FIX_ABI)) -static -Itests/ltp \
		-DFIX_$(shell echo $* | tr a-z A-Z) -o $@ $< tests/ltp/tst.c

# compatkit diff's test guest, built for every ABI
DIFF_GUESTS := $(foreach a,$(ABIS),$(B)/diff-guest/$(a)/diffenv)
define diffguest_rule
$(B)/diff-guest/$(1)/diffenv: tests/suite/diffenv.c
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) -O1 -g0 -Wall $(GUEST_CFLAGS_$(1)) -static -o $$@ $$<
endef
$(foreach a,$(ABIS),$(eval $(call diffguest_rule,$(a))))

SUITE_ARGS ?= -j $(shell nproc 2>/dev/null || echo 2) -t 30
.PHONY: check-suite check-suite-selftest check-suite-html
check-suite: $(B)/compatkit $(LTP_BINS)
	@mkdir -p $(B)/suite
	@$(B)/compatkit suite --lane both $(SUITE_ARGS) --json $(B)/suite/suite.json \
		--junit $(B)/suite/suite.xml --html $(B)/suite/suite.html; rc=$$?; \
	 bash tests/suite/record-suite.sh $(B)/suite/suite.json $$rc
check-suite-selftest: $(B)/compatkit $(SUITE_FIXES) $(DIFF_GUESTS) $(LTP_BINS)
	@FIX_ABI=$(SUITE_FIX_ABI) ABIS="$(ABIS)" bash tests/suite/selftest.sh
check-suite-html: $(B)/compatkit $(SUITE_FIXES)
	@FIX_ABI=$(SUITE_FIX_ABI) bash tests/suite/html-test.sh
CHECKS += check-suite check-suite-selftest check-suite-html
