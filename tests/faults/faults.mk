# Bad endings end as on Linux (tests/faults/check.sh), and fork+exec+wait
# cycles leave the kit flat (tests/faults/hygiene.sh): HYGIENE_CHECK_N cycles
# per ABI in make check, HYGIENE_N (1000) in make soak.
HYGIENE_N       ?= 1000
HYGIENE_CHECK_N ?= 250
FAULT_GUESTS := $(foreach a,$(ABIS),$(foreach g,spin stackovf segvhandler forkexec,$(B)/guest/$(a)/$(g)))
.PHONY: check-faults check-hygiene soak-hygiene
check-faults: $(B)/compatkit $(FAULT_GUESTS)
	@bash tests/faults/check.sh $(B)/compatkit $(ABIS)
check-hygiene: $(B)/compatkit $(FAULT_GUESTS)
	@bash tests/faults/hygiene.sh $(B)/compatkit $(HYGIENE_CHECK_N) $(ABIS)
soak-hygiene: $(B)/compatkit $(FAULT_GUESTS)
	@bash tests/faults/hygiene.sh $(B)/compatkit $(HYGIENE_N) $(ABIS)
CHECKS += check-faults check-hygiene
