# Dynamic guests through a sysroot (tests/dynamic.sh): dlopen on every ABI
# against the host's run, the ways to name the sysroot, a missing interpreter,
# the host's /etc/ld.so.cache kept from the guest ld.so.
DYN_GUESTS := $(foreach a,$(ABIS),$(B)/guest/$(a)/dlopen.dyn $(B)/guest/$(a)/hello.dyn)
.PHONY: check-dynamic
check-dynamic: $(B)/compatkit $(DYN_GUESTS)
	@ABIS="$(ABIS)" bash tests/dynamic.sh
CHECKS += check-dynamic
