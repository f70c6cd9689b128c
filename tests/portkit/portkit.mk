# The porting kit end to end (tests/portkit/run.sh): new-arch in a scratch
# copy of the tree, check and grade on the blank arch, then a scripted
# learner who copies the powerpc reference one stage at a time.
# `make arch-lines` prints the hand-written lines per arch.
.PHONY: check-portkit arch-lines
check-portkit: $(B)/compatkit $(B)/libck.a $(B)/mksys $(B)/mklayout
	@bash tests/portkit/run.sh $(B)/compatkit $(B)/portkit
CHECKS += check-portkit
arch-lines:
	@bash kit/scripts/arch-lines.sh
