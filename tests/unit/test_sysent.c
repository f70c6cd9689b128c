/* The generated syscall tables as the core sees them, and sysent_lookup. */
#include <criterion/criterion.h>
#include <asm/unistd_64.h>	/* the host's own numbers: amd64 */
#include <string.h>
#include "abi.h"
#include "sysent.h"

Test(sysent, lookup_range_and_holes)
{
	for (const struct abi *const *a = ck_abis; *a; a++) {
		const struct systable *st = (*a)->sys;
		cr_assert_not_null(st->ent, "%s has no table", (*a)->name);
		cr_assert_null(sysent_lookup(st, st->base + st->n), "%s: one past the end", (*a)->name);
		cr_assert_null(sysent_lookup(st, UINT64_MAX), "%s: huge number", (*a)->name);
		cr_assert_null(sysent_lookup(NULL, 0));
		for (unsigned i = 0; i < st->n; i++) {
			const struct sysent *e = sysent_lookup(st, st->base + i);
			cr_assert_eq(e, st->ent[i].name ? &st->ent[i] : NULL, "%s %u", (*a)->name, i);
		}
	}
}

/* Slot width follows the ELF class; every entry is self-consistent. */
Test(sysent, tables_consistent)
{
	for (const struct abi *const *a = ck_abis; *a; a++) {
		const struct systable *st = (*a)->sys;
		cr_assert_eq(st->bits, (*a)->ptr_size * 8, "%s: %u-bit table", (*a)->name, st->bits);
		for (unsigned i = 0; i < st->n; i++) {
			const struct sysent *e = &st->ent[i];
			if (!e->name)
				continue;
			int impl = e->type == SY_STD || e->type == SY_NOARGS;
			cr_assert_eq(impl, e->call != NULL, "%s %s: handler vs type", (*a)->name, e->name);
			unsigned next = 0;
			for (unsigned j = 0; j < e->nargs; j++) {
				const struct sysarg *s = &e->args[j];
				cr_assert_geq(s->slot, next, "%s %s arg %u overlaps", (*a)->name, e->name, j);
				cr_assert_eq(s->nslots, s->kind == SA_U64 && st->bits == 32 ? 2 : 1,
					     "%s %s arg %u", (*a)->name, e->name, j);
				next = s->slot + s->nslots;
			}
			cr_assert_leq(next, 6, "%s %s uses %u slots", (*a)->name, e->name, next);
		}
	}
}

/* The host is x86_64: its own header numbers must name the same syscalls. */
Test(sysent, amd64_matches_host_header)
{
	const struct systable *st = abi_find("amd64")->sys;
	struct { unsigned nr; const char *name; } k[] = {
		{ __NR_read, "read" }, { __NR_write, "write" }, { __NR_mmap, "mmap" },
		{ __NR_clone, "clone" }, { __NR_exit_group, "exit_group" },
		{ __NR_openat, "openat" }, { __NR_arch_prctl, "arch_prctl" },
	};
	for (size_t i = 0; i < sizeof k / sizeof k[0]; i++) {
		const struct sysent *e = sysent_lookup(st, k[i].nr);
		cr_assert_not_null(e, "%s", k[i].name);
		cr_assert_str_eq(e->name, k[i].name);
	}
}
