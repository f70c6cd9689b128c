# LTP-style guest tests: tests/ltp/<name>.c + tst.c, static, every ABI,
# into build/ltp/<abi>/<name>.  The suite runner (compatkit suite) runs them.
LTP_NAMES := $(filter-out tst,$(basename $(notdir $(wildcard tests/ltp/*.c))))
# The harness tst.c is compiled once per ABI (tst.o, not an executable, so
# the suite's scan of build/ltp/<abi>/ skips it) and linked into each case.
define ltp_rules
$(B)/ltp/$(1)/tst.o: tests/ltp/tst.c tests/ltp/tst.h tests/ltp/ltp.mk
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) -O1 -g0 -Wall $(GUEST_CFLAGS_$(1)) -Itests/ltp -DTST_ABI='"$(1)"' -c -o $$@ $$<
$(B)/ltp/$(1)/%: tests/ltp/%.c $(B)/ltp/$(1)/tst.o tests/ltp/tst.h tests/ltp/ltp.mk
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) -O1 -g0 -Wall $(GUEST_CFLAGS_$(1)) -static -Itests/ltp -DTST_ABI='"$(1)"' -o $$@ $$< $(B)/ltp/$(1)/tst.o
endef
$(foreach a,$(ABIS),$(eval $(call ltp_rules,$(a))))
LTP_BINS := $(foreach a,$(ABIS),$(foreach n,$(LTP_NAMES),$(B)/ltp/$(a)/$(n)))
.PHONY: ltp
ltp: $(LTP_BINS)
# The exec tests run the same ABI's helper image, found next to their build
# (tst_guest_path), so building them builds it.
$(foreach a,$(ABIS),$(eval $(B)/ltp/$(a)/execve01 $(B)/ltp/$(a)/execveat01: | $(B)/guest/$(a)/exechelper))
