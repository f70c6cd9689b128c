# Struct layout tables (arches/<dir>/layouts.def) checked against each ABI's
# cross compiler and headers, run under its qemu-user reference; plus a
# mutation test and bad-input tests for the generator.  See probe.sh.

# ABI -> arch dir, read from each arches/<dir>/arch.mk's "ABIS += ..." line.
LAYOUT_PAIRS := $(foreach d,$(ARCHDIRS),$(foreach a,$(shell sed -n 's/^ABIS *+= *//p' arches/$(d)/arch.mk),$(a):$(d)))
layout_dir = $(patsubst $(1):%,%,$(filter $(1):%,$(LAYOUT_PAIRS)))
layout_cc  = $(if $(filter x86_64-linux-gnu,$(TRIPLET_$(1))),gcc,$(TRIPLET_$(1))-gcc)

LAYOUT_CHECKS := $(addprefix check-layouts-,$(ABIS))
.PHONY: check-layouts check-layouts-mutation $(LAYOUT_CHECKS)
check-layouts: $(LAYOUT_CHECKS) check-layouts-mutation

define layout_rule
check-layouts-$(1): $(B)/gen/$(call layout_dir,$(1))/layoutprobe.c
	@bash tests/layouts/run.sh $(1) $$< $(B)/layouts/$(1) $(call layout_cc,$(1)) $(QEMU_$(1))
endef
$(foreach a,$(ABIS),$(eval $(call layout_rule,$(a))))

check-layouts-mutation: $(B)/mklayout
	@bash tests/layouts/mutate.sh $(B)/mklayout $(B)/layouts/mutation \
		"powerpc powerpc $(call layout_cc,powerpc) $(QEMU_powerpc)" \
		"amd64 amd64 $(call layout_cc,amd64) $(QEMU_amd64)"

CHECKS += $(LAYOUT_CHECKS) check-layouts-mutation
