# Per-ABI constants of the event/socket/IPC families (tests/events/consts.h):
# each cross compiler's headers, run under the ABI's qemu, against the kit's
# tables (arches/*/abi.c .sockopts, open_flags) and pass-through values.
CONSTS_CHECKS := $(addprefix check-consts-,$(ABIS))
.PHONY: check-consts $(CONSTS_CHECKS)
check-consts: $(CONSTS_CHECKS)
CHECKS += $(CONSTS_CHECKS)

$(B)/consts_kit: tests/events/consts_kit.c tests/events/consts.h tests/events/consts_incs.h $(B)/libck.a
	$(CC) $(CFLAGS) -o $@ $< $(B)/libck.a $(LDLIBS)

define consts_rule
$(B)/consts/$(1)/consts_guest: tests/events/consts_guest.c tests/events/consts.h tests/events/consts_incs.h
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) -O1 $(GUEST_CFLAGS_$(1)) -static -o $$@ $$<
check-consts-$(1): $(B)/consts/$(1)/consts_guest $(B)/consts_kit
	@$(QEMU_$(1)) $(B)/consts/$(1)/consts_guest > $(B)/consts/$(1)/out && \
	  $(B)/consts_kit $(1) < $(B)/consts/$(1)/out > $(B)/consts/$(1)/res; rc=$$$$?; cat $(B)/consts/$(1)/res; \
	  set -- $$$$(sed -n 's/^consts [^:]*: \([0-9]*\) ok, \([0-9]*\) mismatched/\1 \2/p' $(B)/consts/$(1)/res); \
	  bash tests/record.sh consts-$(1) $$$${1:-0} $$$${2:-1} 0; exit $$$$rc
endef
$(foreach a,$(ABIS),$(eval $(call consts_rule,$(a))))
