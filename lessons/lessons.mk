# The lessons' checkpoints (lessons/README.md):
#   make grade ARCH=NAME [LESSON=N]
# grades lesson N's stage of arches/NAME (every stage without LESSON): each
# graded item with OK or FAIL, then "Score: N/M".  Stages whose machinery is
# not in the tree yet are shown but not graded.  Exit 0 once the score is
# printed; 2 for a usage error (no ARCH, unknown arch or lesson).
.PHONY: grade
grade: $(B)/compatkit
	@if [ -z "$(ARCH)" ]; then echo "usage: make grade ARCH=NAME [LESSON=1-7]" >&2; exit 2; fi
	@$(B)/compatkit check $(ARCH) --grade $(if $(LESSON),--stage $(LESSON)); [ $$? -le 1 ]
