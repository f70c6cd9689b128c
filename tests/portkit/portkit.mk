# The porting kit end to end (tests/portkit/run.sh): new-arch in a scratch
# copy of the tree, check and grade on the blank arch, then a scripted
# learner who copies the powerpc reference one stage at a time.  powerpc's
# own suite cases are prerequisites: run.sh runs its stage 7 in this tree
# (built here, so no other make builds them at the same time).
# `make arch-lines` prints the hand-written lines per arch.
PORTKIT_REF_LTP := $(if $(filter powerpc,$(ABIS)),$(patsubst tests/ltp/%.c,$(B)/ltp/powerpc/%,\
	$(filter-out tests/ltp/tst.c,$(wildcard tests/ltp/*.c))))
.PHONY: check-portkit arch-lines
check-portkit: $(B)/compatkit $(B)/libck.a $(B)/mksys $(B)/mklayout $(PORTKIT_REF_LTP)
	@bash tests/portkit/run.sh $(B)/compatkit $(B)/portkit
CHECKS += check-portkit
arch-lines:
	@bash kit/scripts/arch-lines.sh
