# posix_spawn and vfork (tests/spawn.sh): the kit against a native run.
SPAWN_GUESTS := $(foreach a,$(ABIS),$(B)/guest/$(a)/spawn $(B)/guest/$(a)/exechelper)
.PHONY: check-spawn
check-spawn: $(B)/compatkit $(SPAWN_GUESTS)
	@ABIS="$(ABIS)" bash tests/spawn.sh
CHECKS += check-spawn
# The spawn-run-* cases of tests/compare.cases exec these helpers.
check-compare check-compare-ref: $(filter %/i386/exechelper %/amd64/exechelper,$(SPAWN_GUESTS))
