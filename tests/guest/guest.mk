# Guest programs: every tests/guest/*.c is cross-built for every ABI, statically
# into build/guest/<abi>/<name> and dynamically into build/guest/<abi>/<name>.dyn.
GUEST_NAMES := $(basename $(notdir $(wildcard tests/guest/*.c)))
GUEST_CFLAGS ?= -O1 -g0 -Wall
guest_cc = $(if $(filter x86_64-linux-gnu,$(TRIPLET_$(1))),gcc,$(TRIPLET_$(1))-gcc)

define guest_rules
$(B)/guest/$(1)/%: tests/guest/%.c $(wildcard tests/guest/*.h)
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) $(GUEST_CFLAGS) $(GUEST_CFLAGS_$(1)) -static -o $$@ $$< $$(GUEST_LIBS_$$*)
$(B)/guest/$(1)/%.dyn: tests/guest/%.c $(wildcard tests/guest/*.h)
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) $(GUEST_CFLAGS) $(GUEST_CFLAGS_$(1)) -o $$@ $$< $$(GUEST_LIBS_$$*)
endef
$(foreach a,$(ABIS),$(eval $(call guest_rules,$(a))))

GUESTS := $(foreach a,$(ABIS),$(foreach n,$(GUEST_NAMES),$(B)/guest/$(a)/$(n) $(B)/guest/$(a)/$(n).dyn))
.PHONY: guests
guests: $(GUESTS)
GUEST_LIBS_pthreads := -lpthread
