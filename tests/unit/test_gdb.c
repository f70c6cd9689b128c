/* The gdb stub's data: every ABI's register map (arches/<arch>/gdb.c) and
 * the target description built from it, and gdb's signal numbers. */
#include <criterion/criterion.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include "abi.h"
#include "gdbpriv.h"

/* The 'g' packet is the registers in regnum order with nothing between:
 * the numbers must run 0..n-1, each once. */
Test(gdb, regnums_dense_and_unique)
{
	for (const struct abi *const *a = ck_abis; *a; a++) {
		const struct gdbtarget *tg = (*a)->gdb;
		cr_assert_not_null(tg, "%s has no gdb register map", (*a)->name);
		unsigned n = 0, seen[256] = { 0 };
		for (const struct gdbfeature *f = tg->features; f->name; f++)
			for (const struct gdbreg *r = f->regs; r->name; r++, n++) {
				cr_assert_lt(r->regnum, 256u, "%s %s", (*a)->name, r->name);
				cr_assert_eq(seen[r->regnum]++, 0u, "%s: regnum %u twice", (*a)->name, r->regnum);
				cr_assert(r->bits && r->bits % 8 == 0 && r->bits <= 128, "%s %s: %u bits",
					  (*a)->name, r->name, r->bits);
			}
		for (unsigned i = 0; i < n; i++)
			cr_assert_eq(seen[i], 1u, "%s: regnum %u missing", (*a)->name, i);
	}
}

/* gdb takes the word size from the first GPR and the PC (rs6000, i386
 * tdesc checks): they must be the ABI's pointer size. */
Test(gdb, word_size_matches_abi)
{
	for (const struct abi *const *a = ck_abis; *a; a++) {
		const struct gdbreg *core = (*a)->gdb->features[0].regs;
		cr_assert_eq(core[0].bits, (*a)->ptr_size * 8, "%s %s", (*a)->name, core[0].name);
		int found = 0;
		for (const struct gdbreg *r = core; r->name; r++)
			if (!strcmp(r->name, "pc") || !strcmp(r->name, "rip") || !strcmp(r->name, "eip")) {
				cr_assert_eq(r->bits, (*a)->ptr_size * 8, "%s %s", (*a)->name, r->name);
				cr_assert_neq(r->uc, 0, "%s: the PC has no engine register", (*a)->name);
				found = 1;
			}
		cr_assert(found, "%s: no PC in the core feature", (*a)->name);
	}
}

Test(gdb, target_xml_lists_every_register)
{
	for (const struct abi *const *a = ck_abis; *a; a++) {
		struct task t = { .abi = *a };
		struct gdbstub g = { .t = &t };
		cr_assert_eq(gdbr_init(&g), 0);
		char arch[128];
		snprintf(arch, sizeof arch, "<architecture>%s</architecture>", (*a)->gdb->arch);
		cr_assert_not_null(strstr(g.xml, arch), "%s", (*a)->name);
		for (unsigned i = 0; i < g.nregs; i++) {
			char pat[64];
			snprintf(pat, sizeof pat, "<reg name=\"%s\" ", g.regs[i]->name);
			const char *p = strstr(g.xml, pat);
			cr_assert_not_null(p, "%s: %s", (*a)->name, g.regs[i]->name);
			cr_assert_null(strstr(p + 1, pat), "%s: %s twice", (*a)->name, g.regs[i]->name);
			cr_assert_eq(g.regs[i]->regnum, i, "%s: not sorted", (*a)->name);
		}
		cr_assert_eq(strlen(g.xml), g.xmllen);
		free(g.regs);
		free(g.xml);
	}
}

/* A few numbers of include/gdb/signals.def (the remote protocol's), and the
 * way back for every Linux signal gdb has a number for. */
Test(gdb, signal_numbers)
{
	cr_assert_eq(gdb_sig_to_gdb(SIGTRAP), 5);
	cr_assert_eq(gdb_sig_to_gdb(SIGBUS), 10);
	cr_assert_eq(gdb_sig_to_gdb(SIGUSR1), 30);
	cr_assert_eq(gdb_sig_to_gdb(SIGCHLD), 20);
	cr_assert_eq(gdb_sig_to_gdb(SIGIO), 23);
	cr_assert_eq(gdb_sig_to_gdb(32), 77);
	cr_assert_eq(gdb_sig_to_gdb(33), 45);
	cr_assert_eq(gdb_sig_to_gdb(64), 78);
	for (int s = 1; s <= 64; s++) {
		if (s == SIGSTKFLT)	/* gdb has none: "unknown" */
			continue;
		cr_assert_eq(gdb_sig_from_gdb(gdb_sig_to_gdb(s)), s, "signal %d", s);
	}
	cr_assert_eq(gdb_sig_from_gdb(0), 0);
}
