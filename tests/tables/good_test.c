/*
 * Compiled against the table mksys generates from tests/tables/good.entries
 * with one variant's directives (FIX_BITS, FIX_ALIGNED, FIX_HI say which).
 * The expected register slots come from the ABI rules, not from mksys:
 *  - 64-bit ABIs: one slot per argument.
 *  - i386 (int $0x80): a 64-bit value takes the next two slots, low word
 *    first (e.g. pread64: ebx ecx edx esi=lo edi=hi).
 *  - ppc32 SVR4 ABI: a 64-bit value takes an aligned register pair
 *    r3/r4, r5/r6, r7/r8 (slots 0/1, 2/3, 4/5), high word first; an odd
 *    register before it is skipped (pread64: r3 r4 r5, r6 unused, r7:r8).
 */
#include <stdio.h>
#include <string.h>
#include "abi.h"
#include "sysent.h"
#include "sysnum.h"

long linux_sys_write(struct task *t, const uint64_t *a) { return 100; }
long linux_sys_getuid(struct task *t, const uint64_t *a) { return 101; }
long linux_sys_pread64(struct task *t, const uint64_t *a) { return 103; }
long linux_sys_ftruncate64(struct task *t, const uint64_t *a) { return 105; }
long linux_sys_fallocate(struct task *t, const uint64_t *a) { return 107; }
long linux_sys_fanotify_mark(struct task *t, const uint64_t *a) { return 109; }

extern const struct systable ck_systable_fixture;
static int pass, fail;

#define CHECK(cond, ...) do { if (cond) pass++; else { fail++; \
	printf("FAIL %s:%d: ", __FILE__, __LINE__); printf(__VA_ARGS__); printf("\n"); } } while (0)

/* One expected argument: kind, first slot, slot count. */
struct want { int kind, slot, nslots; };

static void args(const char *name, unsigned nr, unsigned n, const struct want *w)
{
	const struct sysent *e = sysent_lookup(&ck_systable_fixture, nr);
	CHECK(e && !strcmp(e->name, name), "%u is %s", nr, name);
	if (!e)
		return;
	CHECK(e->nargs == n, "%s has %u args, not %u", name, n, e->nargs);
	for (unsigned i = 0; i < n && i < e->nargs; i++) {
		const struct sysarg *a = &e->args[i];
		CHECK(a->kind == w[i].kind, "%s arg %u (%s) kind %d, want %d", name, i, a->name, a->kind, w[i].kind);
		CHECK(a->slot == w[i].slot && a->nslots == w[i].nslots,
		      "%s arg %u (%s) at slot %u+%u, want %d+%d", name, i, a->name,
		      a->slot, a->nslots, w[i].slot, w[i].nslots);
	}
}

int main(void)
{
	const struct systable *st = &ck_systable_fixture;
	const int b32 = FIX_BITS == 32, al = b32 && FIX_ALIGNED;
	const int two = b32 ? 2 : 1;	/* slots of a 64-bit value */

	CHECK(!strcmp(st->name, "fixture"), "table name %s", st->name);
	CHECK(st->bits == FIX_BITS, "bits %u", st->bits);
	CHECK(st->pair_aligned == (b32 && FIX_ALIGNED), "pair_aligned %u", st->pair_aligned);
	CHECK(st->pair_hi_first == (b32 && FIX_HI), "pair_hi_first %u", st->pair_hi_first);
	CHECK(st->n == 14 && st->base == 0, "n %u base %u", st->n, st->base);

	/* holes and out of range */
	CHECK(!sysent_lookup(st, 4) && !sysent_lookup(st, 12), "holes 4 and 12 are NULL");
	CHECK(!sysent_lookup(st, 14) && !sysent_lookup(st, 1ull << 40), "out of range is NULL");

	/* STD: its own handler, referenced strongly */
	const struct sysent *e = sysent_lookup(st, LINUX_fixture_SYS_write);
	CHECK(LINUX_fixture_SYS_write == 0 && e && e->type == SY_STD && e->call == linux_sys_write,
	      "write is STD -> linux_sys_write");
	CHECK(e && e->call && e->call(NULL, NULL) == 100, "write handler is called");
	CHECK(e && !strcmp(e->rettype, "ssize_t") && !strcmp(e->args[1].type, "const void *"),
	      "write types as written");

	/* NOARGS: Linux name, the trailing name's handler */
	e = sysent_lookup(st, LINUX_fixture_SYS_getuid32);
	CHECK(LINUX_fixture_SYS_getuid32 == 1 && e && !strcmp(e->name, "getuid32") &&
	      e->type == SY_NOARGS && e->call == linux_sys_getuid && e->nargs == 0,
	      "getuid32 is NOARGS -> linux_sys_getuid");
	e = sysent_lookup(st, LINUX_fixture_SYS_geteuid32);
	CHECK(LINUX_fixture_SYS_geteuid32 == 13 && e && e->call == linux_sys_getuid, "geteuid32 shares linux_sys_getuid");

	/* UNIMPL with and without prototype; OBSOL */
	e = sysent_lookup(st, 6);
	CHECK(e && e->type == SY_UNIMPL && !e->call && e->rettype && e->nargs == 3, "readahead UNIMPL with prototype");
	e = sysent_lookup(st, LINUX_fixture_SYS_unknown_proto);
	CHECK(e && e->type == SY_UNIMPL && !e->call && !e->rettype && !e->args, "unknown_proto UNIMPL without one");
	e = sysent_lookup(st, LINUX_fixture_SYS_break);
	CHECK(e && e->type == SY_OBSOL && !e->call, "break OBSOL");

	struct syscount c = sysent_count(st);
	CHECK(c.total == 12 && c.implemented == 8 && c.obsolete == 1,
	      "count total %u implemented %u obsolete %u", c.total, c.implemented, c.obsolete);

	/* argument kinds and slots */
	args("write", 0, 3, (struct want[]){ { SA_FD, 0, 1 }, { SA_PTR, 1, 1 }, { SA_ULONG, 2, 1 } });
	args("pread64", 3, 4, (struct want[]){ { SA_FD, 0, 1 }, { SA_PTR, 1, 1 }, { SA_ULONG, 2, 1 },
					       { SA_U64, al ? 4 : 3, two } });
	args("ftruncate64", 5, 2, (struct want[]){ { SA_FD, 0, 1 }, { SA_U64, al ? 2 : 1, two } });
	args("readahead", 6, 3, (struct want[]){ { SA_FD, 0, 1 }, { SA_U64, al ? 2 : 1, two },
						 { SA_ULONG, al ? 4 : 1 + two, 1 } });
	args("fallocate", 7, 4, (struct want[]){ { SA_FD, 0, 1 }, { SA_INT, 1, 1 }, { SA_U64, 2, two },
						 { SA_U64, 2 + two, two } });
	args("lookup_dcookie", 8, 3, (struct want[]){ { SA_U64, 0, two }, { SA_PTR, two, 1 },
						      { SA_ULONG, two + 1, 1 } });
	args("fanotify_mark", 9, 5, (struct want[]){ { SA_FD, 0, 1 }, { SA_FLAGS, 1, 1 }, { SA_U64, 2, two },
						     { SA_FD, 2 + two, 1 }, { SA_STR, 3 + two, 1 } });

	printf("%d passed, %d failed\n", pass, fail);
	return fail != 0;
}
