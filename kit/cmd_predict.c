/*
 * compatkit predict FILE: before running a binary, say whether it will
 * work.  The answer to the "predictability problem" of the GSoC 2023
 * NetBSD Linux-emulation proposal: scan the binary (and, for a dynamic one,
 * its interpreter and libraries from the sysroot) for every syscall it can
 * issue, and check each against the ABI's table (kit/predict.c).
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "cmd.h"
#include "predict.h"
#include "sysent.h"
#include "sysroot.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit predict [OPTIONS] FILE\n"
		"List the syscalls a Linux binary can issue, found statically, and say\n"
		"whether the kit implements them.\n\n"
		"  -a, --abi NAME     skip the probes and use this ABI\n"
		"  -L, --sysroot DIR  where a dynamic binary's ld.so and libraries are\n"
		"                     (as for `compatkit run`)\n"
		"  -n, --no-libs      scan only FILE, not its interpreter and libraries\n"
		"  -s, --sites        also list the address of every unknown-number site\n"
		"  -j, --json         machine-readable output\n"
		"  -h, --help         this text\n\n"
		"Each syscall is implemented, unimplemented (ENOSYS if reached), or\n"
		"not-a-syscall (a constant the ABI's table has no entry for).  Sites\n"
		"whose number is not a constant the scan can follow are counted as\n"
		"unknown-number.  Exit status: 0 every syscall found is implemented,\n"
		"1 some are not, 2 error.\n");
}

struct row {
	int64_t nr;
	unsigned sites;
	const char *name;
	const char *status;
};

static int cmp_site(const void *a, const void *b)
{
	const struct psite *x = a, *y = b;
	return x->nr < y->nr ? -1 : x->nr > y->nr;
}

static void jstr(const char *s)
{
	putchar('"');
	for (; *s; s++) {
		unsigned char ch = (unsigned char)*s;
		if (ch == '"' || ch == '\\')
			printf("\\%c", ch);
		else if (ch < 0x20)
			printf("\\u%04x", ch);
		else
			putchar(ch);
	}
	putchar('"');
}

int cmd_predict(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "abi", required_argument, 0, 'a' },
		{ "sysroot", required_argument, 0, 'L' },
		{ "no-libs", no_argument, 0, 'n' },
		{ "sites", no_argument, 0, 's' },
		{ "json", no_argument, 0, 'j' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	const char *abiname = NULL, *sysroot = NULL;
	int json = 0, nolibs = 0, sites = 0, c;
	while ((c = getopt_long(argc, argv, "a:L:nsjh", opts, NULL)) != -1) {
		switch (c) {
		case 'a': abiname = optarg; break;
		case 'L': sysroot = optarg; break;
		case 'n': nolibs = 1; break;
		case 's': sites = 1; break;
		case 'j': json = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind + 1 != argc) {
		usage(stderr);
		return 2;
	}
	const char *path = argv[optind];
	const struct abi *abi = cmd_choose_abi("predict", abiname, path);
	if (!abi)
		return 2;
	sysroot_choose(abi, sysroot);

	char *files[64], *missing[16];
	int nfiles = 1, nmissing = 0;
	files[0] = strdup(path);
	if (!nolibs)
		nfiles += predict_deps(abi, path, files + 1, 63, missing, 16, &nmissing);

	struct pscan ps = { 0 };
	char err[256];
	for (int i = 0; i < nfiles; i++) {
		if (predict_scan(abi, files[i], &ps, err, sizeof err)) {
			fprintf(stderr, "compatkit predict: %s: %s\n", files[i], err);
			return 2;
		}
	}

	/* One row per number, in number order; unknown sites apart. */
	struct psite *sorted = malloc((ps.n ? ps.n : 1) * sizeof *sorted);
	struct row *rows = malloc((ps.n ? ps.n : 1) * sizeof *rows);
	if (!sorted || !rows) {
		fprintf(stderr, "compatkit predict: out of memory\n");
		return 2;
	}
	memcpy(sorted, ps.s, ps.n * sizeof *sorted);
	qsort(sorted, ps.n, sizeof *sorted, cmp_site);
	size_t nrows = 0, nunknown = 0, nunimpl = 0;
	for (size_t i = 0; i < ps.n; i++) {
		if (sorted[i].nr < 0) {
			nunknown++;
			continue;
		}
		if (nrows && rows[nrows - 1].nr == sorted[i].nr) {
			rows[nrows - 1].sites++;
			continue;
		}
		struct row *r = &rows[nrows++];
		const struct sysent *se = sysent_lookup(abi->sys, (uint64_t)sorted[i].nr);
		r->nr = sorted[i].nr;
		r->sites = 1;
		r->name = se ? se->name : "?";
		r->status = !se ? "not-a-syscall" : se->call ? "implemented" : "unimplemented";
		if (se && !se->call)
			nunimpl++;
	}
	const char *verdict = nunimpl ? "may-fail" : nunknown ? "likely-runs" : "runs";

	if (json) {
		printf("{\"file\":");
		jstr(path);
		printf(",\"abi\":\"%s\",\"sysroot\":", abi->name);
		if (sysroot_get())
			jstr(sysroot_get());
		else
			printf("null");
		printf(",\"files\":[");
		for (int i = 0; i < nfiles; i++) {
			printf(i ? "," : "");
			jstr(files[i]);
		}
		printf("],\"missing\":[");
		for (int i = 0; i < nmissing; i++) {
			printf(i ? "," : "");
			jstr(missing[i]);
		}
		printf("],\"instructions\":%zu,\"syscall_instructions\":%zu,\"syscalls\":[", ps.insns, ps.traps);
		for (size_t i = 0; i < nrows; i++) {
			printf("%s{\"nr\":%lld,\"name\":", i ? "," : "", (long long)rows[i].nr);
			jstr(rows[i].name);
			printf(",\"status\":\"%s\",\"sites\":%u}", rows[i].status, rows[i].sites);
		}
		printf("],\"unknown_sites\":[");
		size_t k = 0;
		for (size_t i = 0; i < ps.n; i++) {
			if (ps.s[i].nr >= 0)
				continue;
			printf("%s{\"file\":", k++ ? "," : "");
			jstr(ps.s[i].obj);
			printf(",\"addr\":\"0x%llx\",\"function\":", (unsigned long long)ps.s[i].addr);
			jstr(ps.s[i].func);
			printf("}");
		}
		printf("],\"unimplemented\":%zu,\"verdict\":\"%s\"}\n", nunimpl, verdict);
	} else {
		printf("%s: %s (%s)\n", path, abi->name, abi->emul);
		for (int i = 1; i < nfiles; i++)
			printf("  with %s\n", files[i]);
		for (int i = 0; i < nmissing; i++)
			printf("  missing %s (not scanned; use --sysroot)\n", missing[i]);
		printf("scanned %zu instructions, %zu syscall instructions\n\n", ps.insns, ps.traps);
		printf("%5s  %-24s %5s  %s\n", "nr", "syscall", "sites", "status");
		for (size_t i = 0; i < nrows; i++)
			printf("%5lld  %-24s %5u  %s\n", (long long)rows[i].nr, rows[i].name, rows[i].sites,
			       rows[i].status);
		printf("\n%zu syscalls, %zu unimplemented; %zu sites with an unknown number\n", nrows,
		       nunimpl, nunknown);
		for (size_t i = 0; sites && i < ps.n; i++)
			if (ps.s[i].nr < 0)
				printf("  unknown: 0x%llx %s%s(%s)\n", (unsigned long long)ps.s[i].addr,
				       ps.s[i].func[0] ? ps.s[i].func : "", ps.s[i].func[0] ? " " : "", ps.s[i].obj);
		if (nunimpl) {
			printf("verdict: may fail: it can issue unimplemented syscalls (");
			for (size_t i = 0, k = 0; i < nrows; i++)
				if (!strcmp(rows[i].status, "unimplemented"))
					printf("%s%s", k++ ? ", " : "", rows[i].name);
			printf("); each returns ENOSYS if reached\n");
		} else if (nunknown)
			printf("verdict: likely runs: every syscall found is implemented, but %zu sites have a number the scan cannot see\n",
			       nunknown);
		else
			printf("verdict: runs: every syscall it can issue is implemented\n");
	}
	for (int i = 0; i < nfiles; i++)
		free(files[i]);
	for (int i = 0; i < nmissing; i++)
		free(missing[i]);
	free(sorted);
	free(rows);
	pscan_free(&ps);
	return nunimpl ? 1 : 0;
}
