# sigcode: per-arch signal trampolines (sigcode/<arch>.S), assembled for
# every ABI by its cross toolchain into build/gen/sigcode_<abi>.h, which
# arches/<arch>/signal.c includes.  The arch directory of an ABI is the one
# whose arch.mk adds it to ABIS.
sigcode_dir = $(firstword $(foreach d,$(ARCHDIRS),$(if $(filter $(1),$(shell sed -n 's/^ABIS[[:space:]]*+=//p' arches/$(d)/arch.mk)),$(d))))
sigcode_cc = $(if $(filter x86_64-linux-gnu,$(TRIPLET_$(1))),gcc,$(TRIPLET_$(1))-gcc)
sigcode_pre = $(if $(filter x86_64-linux-gnu,$(TRIPLET_$(1))),,$(TRIPLET_$(1))-)

define sigcode_rules
$(B)/gen/sigcode_$(1).h: sigcode/$(call sigcode_dir,$(1)).S sigcode/mksigcode.sh
	@mkdir -p $(B)/gen
	bash sigcode/mksigcode.sh "$(call sigcode_cc,$(1))" "$(call sigcode_pre,$(1))" $$< $(1) $$@
$(B)/obj/arches/$(call sigcode_dir,$(1))/signal.o: $(B)/gen/sigcode_$(1).h
endef
$(foreach a,$(ABIS),$(eval $(call sigcode_rules,$(a))))
