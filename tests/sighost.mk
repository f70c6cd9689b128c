# Host-originated signals reaching the guest (tests/sighost.sh).
SIGHOST_GUESTS := $(foreach a,$(ABIS),$(B)/guest/$(a)/sigext)
.PHONY: check-sighost
check-sighost: $(B)/compatkit $(SIGHOST_GUESTS)
	@ABIS="$(ABIS)" bash tests/sighost.sh
CHECKS += check-sighost
# The signal constants of kit/ksig.h against every cross toolchain's headers.
.PHONY: check-sigflags
check-sigflags:
	@ABIS="$(ABIS)" bash tests/sigflags.sh
CHECKS += check-sigflags
