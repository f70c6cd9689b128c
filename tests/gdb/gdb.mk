# The gdb stub (compatkit run --gdb) driven by gdb-multiarch in batch mode on
# every ABI (tests/gdb/gdb.sh).  Its guest is built with debug info (the
# guest programs of tests/guest/ are -g0) and without optimisation, so
# `next` and `print` have lines and variables to work with.  prog.dyn is
# the same program linked dynamically (PIE where the toolchain's default);
# threads is a threaded guest.
GDB_PROGS := $(foreach a,$(ABIS),$(B)/gdb/$(a)/prog $(B)/gdb/$(a)/prog.dyn $(B)/gdb/$(a)/threads)
define gdb_rules
$(B)/gdb/$(1)/prog: tests/gdb/prog.c
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) -O0 -g $(GUEST_CFLAGS_$(1)) -static -o $$@ $$<
$(B)/gdb/$(1)/prog.dyn: tests/gdb/prog.c
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) -O0 -g $(GUEST_CFLAGS_$(1)) -o $$@ $$<
$(B)/gdb/$(1)/threads: tests/gdb/threads.c
	@mkdir -p $$(dir $$@)
	$$(call guest_cc,$(1)) -O0 -g $(GUEST_CFLAGS_$(1)) -static -pthread -o $$@ $$<
endef
$(foreach a,$(ABIS),$(eval $(call gdb_rules,$(a))))

.PHONY: check-gdb
check-gdb: $(B)/compatkit $(GDB_PROGS)
	@ABIS="$(ABIS)" bash tests/gdb/gdb.sh
CHECKS += check-gdb
