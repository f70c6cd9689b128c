# The guest cannot reach the kit's own descriptors (tests/isolation/check.sh).
.PHONY: check-isolation
check-isolation: $(B)/compatkit $(foreach a,$(ABIS),$(B)/guest/$(a)/fdisolate)
	@bash tests/isolation/check.sh $(B)/compatkit $(ABIS)
CHECKS += check-isolation
