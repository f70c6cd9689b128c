# Per-arch numbers (open flags, ioctl numbers, termios bits, c_cc indices)
# checked against each cross toolchain's headers: tests/flags/run.sh.
$(B)/tests/flagcheck: tests/flags/flagcheck.c $(B)/libck.a kit/xlate.h kit/abi.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(B)/libck.a $(LDFLAGS) $(LDLIBS)

FLAG_CHECKS := $(addprefix check-flags-,$(ABIS))
.PHONY: check-flags $(FLAG_CHECKS)
check-flags: $(FLAG_CHECKS)
define flags_rule
check-flags-$(1): $(B)/tests/flagcheck
	@bash tests/flags/run.sh $(1) $(if $(filter x86_64-linux-gnu,$(TRIPLET_$(1))),gcc,$(TRIPLET_$(1))-gcc) $(QEMU_$(1)) $(B)/tests/flagcheck $(B)/flags/$(1)
endef
$(foreach a,$(ABIS),$(eval $(call flags_rule,$(a))))
CHECKS += $(FLAG_CHECKS)
