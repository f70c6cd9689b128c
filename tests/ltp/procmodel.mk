# The process-model LTP cases under the kit against a reference (a real
# kernel where the host runs the ABI natively, else qemu-user), until the
# suite runner takes them over; and the Linux constants the process code
# passes through unchanged, checked against every cross toolchain.
PM_LTP := $(foreach a,$(ABIS),$(foreach n,$(shell sed -n 's/^\([a-z0-9_]\+\).*/\1/p' tests/ltp/procmodel.list),$(B)/ltp/$(a)/$(n)))
PM_HELPERS := $(foreach a,$(ABIS),$(B)/guest/$(a)/exechelper $(B)/guest/$(a)/clonevm)

.PHONY: check-procmodel check-procmodel-consts
check-procmodel: $(B)/compatkit $(PM_LTP) $(PM_HELPERS)
	@ABIS="$(ABIS)" bash tests/ltp/procmodel.sh
check-procmodel-consts:
	@bash tests/ltp/consts.sh $(foreach a,$(ABIS),$(call guest_cc,$(a)))
CHECKS += check-procmodel check-procmodel-consts
