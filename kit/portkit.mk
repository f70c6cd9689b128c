# The porting kit's generated name table (EM_*, UC_ARCH_*, UC_MODE_* from the
# system headers) for `compatkit new-arch`.  Linked into the CLI and libck.a
# here, so the Makefile's source lists need no edit.
$(B)/gen/cknames.c: kit/gen/mknames.sh | $(B)
	@mkdir -p $(B)/gen
	bash kit/gen/mknames.sh $(CC) $(shell pkg-config --cflags unicorn 2>/dev/null) > $@.tmp && mv $@.tmp $@
$(B)/libck.a: $(B)/obj/gen/cknames.o
$(B)/compatkit: $(B)/obj/gen/cknames.o
