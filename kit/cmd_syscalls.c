/* compatkit syscalls: list one ABI's syscall table (from its
 * arches/<arch>/syscalls.master) and how much of it is implemented. */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "abi.h"
#include "cmd.h"
#include "sysent.h"

static const char *const typename[] = { "STD", "NOARGS", "UNIMPL", "OBSOL" };
static const char *const kindname[] = {
	"int", "uint", "long", "ulong", "u64", "ptr", "str", "fd", "flags",
};

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit syscalls [--slots] ABI\n"
		"       compatkit syscalls --all\n\n"
		"List the Linux syscall table of ABI (one of:");
	for (const struct abi *const *a = ck_abis; *a; a++)
		fprintf(f, " %s", (*a)->name);
	fprintf(f, "):\nnumber, name, entry type, implemented, prototype; then a coverage line.\n\n"
		"  -a, --all     only the coverage line of every ABI\n"
		"  -s, --slots   also show each argument's kind and register slot(s)\n"
		"  -h, --help    this text\n\n"
		"Coverage counts STD and NOARGS entries as implemented, out of all\n"
		"named entries except OBSOL ones (those return ENOSYS on Linux too).\n");
}

/* "coverage: i386 12/405 implemented (2%), 18 obsolete not counted" */
static void coverage(const struct abi *a)
{
	struct syscount c = sysent_count(a->sys);
	unsigned want = c.total - c.obsolete;
	printf("coverage: %s %u/%u implemented (%u%%), %u obsolete not counted\n",
	       a->name, c.implemented, want, want ? c.implemented * 100 / want : 0, c.obsolete);
}

static void prototype(const struct sysent *e)
{
	if (!e->rettype) {
		printf("-");
		return;
	}
	const char *r = e->rettype;
	printf("%s%s%s(", r, r[strlen(r) - 1] == '*' ? "" : " ", e->name);
	for (unsigned i = 0; i < e->nargs; i++) {
		const char *t = e->args[i].type;
		printf("%s%s%s%s", i ? ", " : "", t, t[strlen(t) - 1] == '*' ? "" : " ", e->args[i].name);
	}
	printf("%s)", e->nargs ? "" : "void");
}

static void slots(const struct sysent *e)
{
	printf("  [");
	for (unsigned i = 0; i < e->nargs; i++) {
		const struct sysarg *s = &e->args[i];
		printf("%s%s:%s@%u", i ? " " : "", s->name,
		       s->kind < sizeof kindname / sizeof kindname[0] ? kindname[s->kind] : "?", s->slot);
		if (s->nslots > 1)
			printf("-%u", s->slot + s->nslots - 1);
	}
	printf("]");
}

static int list(const struct abi *a, int show_slots)
{
	const struct systable *st = a->sys;
	printf("# %s: table %s, %u-bit slots", a->name, st->name, st->bits);
	if (st->bits == 32)
		printf(", 64-bit args in %s pairs, %s word first",
		       st->pair_aligned ? "aligned" : "unaligned", st->pair_hi_first ? "high" : "low");
	printf("\n# %-4s %-28s %-6s %-4s %s\n", "NR", "NAME", "TYPE", "IMPL", "PROTOTYPE");
	for (uint64_t nr = st->base; nr < (uint64_t)st->base + st->n; nr++) {
		const struct sysent *e = sysent_lookup(st, nr);
		if (!e)
			continue;
		int impl = e->type == SY_STD || e->type == SY_NOARGS;
		printf("%6llu %-28s %-6s %-4s ", (unsigned long long)nr, e->name,
		       e->type < 4 ? typename[e->type] : "?", impl ? "yes" : "no");
		prototype(e);
		if (show_slots && e->rettype)
			slots(e);
		printf("\n");
	}
	coverage(a);
	return 0;
}

int cmd_syscalls(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "all", no_argument, 0, 'a' },
		{ "slots", no_argument, 0, 's' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	int all = 0, show_slots = 0, c;
	optind = 1;
	while ((c = getopt_long(argc, argv, "ash", opts, NULL)) != -1) {
		switch (c) {
		case 'a': all = 1; break;
		case 's': show_slots = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (all) {
		if (optind != argc) {
			fprintf(stderr, "compatkit syscalls: --all takes no ABI\n");
			return 2;
		}
		for (const struct abi *const *a = ck_abis; *a; a++)
			coverage(*a);
		return 0;
	}
	if (optind != argc - 1) {
		usage(stderr);
		return 2;
	}
	const struct abi *a = abi_find(argv[optind]);
	if (!a) {
		fprintf(stderr, "compatkit syscalls: unknown ABI '%s' (try --help)\n", argv[optind]);
		return 2;
	}
	if (!a->sys || !a->sys->ent) {
		fprintf(stderr, "compatkit syscalls: ABI %s has no syscall table\n", a->name);
		return 1;
	}
	return list(a, show_slots);
}
