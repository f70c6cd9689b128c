# Valgrind memcheck on hello for each ABI (tests/valgrind/check.sh).
.PHONY: check-valgrind
check-valgrind: $(B)/compatkit $(foreach a,$(ABIS),$(B)/guest/$(a)/hello)
	@bash tests/valgrind/check.sh $(B)/compatkit $(ABIS)
ifeq ($(SANITIZE),)
CHECKS += check-valgrind
endif
