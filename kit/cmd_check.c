/* compatkit check: verify an arch's bring-up stages (kit/check.h). */
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include <sys/stat.h>
#include "check.h"

/* Messages and paths are cut to their buffers on purpose. */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include "cmd.h"

/* The stages; names and numbers are fixed (lessons and docs use them).
 * "@" in .look is the arch dir. */
const struct ck_stage ck_stages[CK_NSTAGE] = {
	{ 1, "probe", "1-probe.md", "the arch's binaries are identified, foreign brands rejected",
	  "arches/@/abi.c (.brand) and probes/README", ck_stage_probe },
	{ 2, "table", "2-table.md", "syscalls.master is complete and verified against asm/unistd.h",
	  "arches/@/syscalls.master and tests/tables/check-numbers.sh", ck_stage_table },
	{ 3, "layouts", "3-layouts.md", "struct layouts are verified against the cross compiler",
	  "arches/@/layouts.def and kit/gen/mklayout.c", ck_stage_layouts },
	{ 4, "hello", "4-hello.md", "static hello, exit codes and the initial state match qemu",
	  "arches/@/cpu.c (cpu_init, setregs, fetch_syscall_args, set_syscall_retval) and kit/stack.c",
	  ck_stage_hello },
	{ 5, "signals", "5-signals.md", "signal frames, sigcode and sigreturn match qemu",
	  "arches/@/signal.c, sigcode/@.S and the descriptor's .sigcode/.sendsig/.sigreturn/.syscall_restart",
	  ck_stage_signals },
	{ 6, "abi-variants", "6-abi-variants.md", "every ABI of the arch passes stages 4-5",
	  "arches/@/abi.c (one descriptor per variant) and arches/@/arch.mk", ck_stage_variants },
	{ 7, "suite", "7-suite.md", "the regression manifest passes (compatkit suite, kit lane)",
	  "`compatkit suite --abi ABI --lane kit`, tests/manifest.tsv and the descriptor's tables "
	  "(.open_flags, .ioctl_cmds, .termios_*, .sockopts)", ck_stage_suite },
};

struct ck_item *ck_item(struct ck_ctx *c, int ok, const char *fmt, ...)
{
	static struct ck_item spare;
	struct ck_item *it = c->nitem < CK_MAXITEM ? &c->items[c->nitem++] : &spare;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(it->text, sizeof it->text, fmt, ap);
	va_end(ap);
	it->ok = ok;
	it->detail[0] = 0;
	return it;
}

void ck_detail(struct ck_item *it, const char *fmt, ...)
{
	size_t l = strlen(it->detail);
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(it->detail + l, sizeof it->detail - l, fmt, ap);
	va_end(ap);
}

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit check ARCH|ABI [--stage N|NAME[,...]] [--keep-going] [--json|--grade] [-v]\n"
		"\n"
		"Run the bring-up stages of an arch (a directory under arches/, or one of\n"
		"its ABIs) in order, and print PASS or FAIL for each, with the reason and a\n"
		"hint naming the lesson and the file to look at.  Stops at the first\n"
		"failing stage unless --keep-going.\n"
		"\n"
		"stages:\n");
	for (int i = 0; i < CK_NSTAGE; i++)
		fprintf(f, "  %d %-13s %s\n", ck_stages[i].num, ck_stages[i].name, ck_stages[i].what);
	fprintf(f,
		"\n"
		"  -s, --stage LIST   only these stages: numbers, names or ranges (1-4,signals)\n"
		"  -k, --keep-going   run every requested stage even after a failure\n"
		"  -j, --json         one JSON object with every stage and its graded items\n"
		"  -g, --grade        print every graded item and \"Score: N/M\" (make grade);\n"
		"                     implies --keep-going; stages not built yet are not graded\n"
		"  -v, --verbose      list the graded items under each stage\n"
		"  -r, --root DIR     the source tree (default: the one compatkit was built in)\n"
		"  -h, --help         this text\n"
		"\n"
		"Exit status: 0 every requested stage passed, 1 some failed, 2 usage error.\n");
}

static int stage_by_name(const char *s)
{
	char *end;
	long n = strtol(s, &end, 10);
	if (*s && !*end)
		return n >= 1 && n <= CK_NSTAGE ? (int)n : 0;
	for (int i = 0; i < CK_NSTAGE; i++)
		if (!strcmp(s, ck_stages[i].name))
			return i + 1;
	return 0;
}

/* "1-3,signals" -> want[1..3], want[5]; 0 on success. */
static int parse_stages(const char *spec, int want[CK_NSTAGE + 1])
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", spec);
	for (char *sv, *tok = strtok_r(buf, ",", &sv); tok; tok = strtok_r(NULL, ",", &sv)) {
		char *dash = strchr(tok, '-');
		int lo, hi;
		if (dash && stage_by_name(tok) == 0) {	/* abi-variants has a dash */
			*dash = 0;
			lo = stage_by_name(tok);
			hi = stage_by_name(dash + 1);
		} else {
			lo = hi = stage_by_name(tok);
		}
		if (!lo || !hi || lo > hi) {
			fprintf(stderr, "compatkit check: unknown stage '%s' (1-%d or a stage name)\n",
				dash ? spec : tok, CK_NSTAGE);
			return -1;
		}
		for (int i = lo; i <= hi; i++)
			want[i] = 1;
	}
	return 0;
}

static void json_str(const char *s)
{
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20)
			printf("\\u%04x", *p);
		else
			putchar(*p);
	}
	putchar('"');
}

/* s with every "@" replaced by the arch dir. */
static const char *subst_arch(const char *s, const char *arch, char *buf, size_t n)
{
	size_t o = 0;
	for (; *s && o + 1 < n; s++)
		o += (size_t)snprintf(buf + o, n - o, *s == '@' ? "%s" : "%.1s", *s == '@' ? arch : s);
	buf[o < n ? o : n - 1] = 0;
	return buf;
}

/* Warn when the arch's sources are newer than this binary. */
static void stale_note(struct ck_ctx *c)
{
	struct stat self, st;
	char dir[PATH_MAX + 64], p[PATH_MAX * 2];
	if (stat(c->self, &self))
		return;
	snprintf(dir, sizeof dir, "%s/arches/%s", c->root, c->arch);
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		if (e->d_name[0] != '.' && !stat(p, &st) && st.st_mtime > self.st_mtime) {
			fprintf(stderr, "compatkit check: note: arches/%s/%s is newer than %s; run make first\n",
				c->arch, e->d_name, c->self);
			break;
		}
	}
	if (d)
		closedir(d);
}

/* Fill c->arch, c->all, c->abis from the argument; 0 or an error message. */
static int resolve(struct ck_ctx *c, const char *arg)
{
	char names[CK_MAXABI][64], p[PATH_MAX + 128];
	const char *only = NULL;
	snprintf(p, sizeof p, "%s/arches/%s/arch.mk", c->root, arg);
	if (strchr(arg, '/') || arg[0] == '.' || !ck_exists(p)) {
		if (strchr(arg, '/') || ck_abi_dir(c->root, arg, c->arch, sizeof c->arch)) {
			fprintf(stderr, "compatkit check: unknown arch or ABI '%s' (no arches/%s/arch.mk, "
				"and no arch.mk lists it in %s)\n", arg, arg, c->root);
			return -1;
		}
		only = arg;
	} else {
		snprintf(c->arch, sizeof c->arch, "%s", arg);
	}
	c->nall = ck_arch_abis(c->root, c->arch, names, CK_MAXABI);
	if (c->nall <= 0) {
		fprintf(stderr, "compatkit check: arches/%s/arch.mk declares no ABI (ABIS += NAME)\n", c->arch);
		return -1;
	}
	for (int i = 0; i < c->nall; i++) {
		struct ck_abi *a = &c->all[i];
		char var[96];
		a->name = strdup(names[i]);
		a->desc = abi_find(a->name);
		snprintf(var, sizeof var, "TRIPLET_%s", a->name);
		ck_arch_var(c->root, c->arch, var, a->triplet, sizeof a->triplet);
		snprintf(var, sizeof var, "QEMU_%s", a->name);
		ck_arch_var(c->root, c->arch, var, a->qemu, sizeof a->qemu);
		if (only && strcmp(only, a->name))
			continue;
		if (!a->desc) {
			fprintf(stderr, "compatkit check: arches/%s/arch.mk lists ABI '%s' but %s has no "
				"descriptor ck_abi_%s: run make in %s\n", c->arch, a->name, c->self, a->name, c->root);
			return -1;
		}
		c->abis[c->nabi++] = *a;
	}
	return 0;
}

int cmd_check(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "stage", required_argument, 0, 's' }, { "keep-going", no_argument, 0, 'k' },
		{ "json", no_argument, 0, 'j' }, { "grade", no_argument, 0, 'g' },
		{ "verbose", no_argument, 0, 'v' }, { "root", required_argument, 0, 'r' },
		{ "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
	};
	static struct ck_ctx ctx;
	struct ck_ctx *c = &ctx;
	int want[CK_NSTAGE + 1] = { 0 }, any = 0, keep = 0, json = 0, grade = 0, opt;
	const char *root = NULL;
	while ((opt = getopt_long(argc, argv, "s:kjgvr:h", opts, NULL)) != -1) {
		switch (opt) {
		case 's':
			if (parse_stages(optarg, want))
				return 2;
			any = 1;
			break;
		case 'k': keep = 1; break;
		case 'j': json = 1; break;
		case 'g': grade = keep = 1; break;
		case 'v': c->verbose = 1; break;
		case 'r': root = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "compatkit check: %s\n", optind >= argc ? "no ARCH given" : "one ARCH only");
		usage(stderr);
		return 2;
	}
	if (json && grade) {
		fprintf(stderr, "compatkit check: --json and --grade do not go together\n");
		return 2;
	}
	for (int i = 1; i <= CK_NSTAGE && !any; i++)
		want[i] = 1;
	if (root ? !realpath(root, c->root) : !ck_find_root(c->root, sizeof c->root)) {
		fprintf(stderr, "compatkit check: %s: not a compatkit source tree (no arches/ and Makefile)\n",
			root ? root : "no tree found above this binary or in the current directory,");
		return 2;
	}
	ssize_t l = readlink("/proc/self/exe", c->self, sizeof c->self - 1);
	c->self[l > 0 ? l : 0] = 0;
	if (resolve(c, argv[optind]))
		return 2;
	stale_note(c);

	int failed = 0, stopped = 0, score = 0, total = 0;
	if (json) {
		printf("{\"arch\": ");
		json_str(c->arch);
		printf(", \"abis\": [");
		for (int i = 0; i < c->nabi; i++)
			printf("%s\"%s\"", i ? ", " : "", c->abis[i].name);
		printf("], \"stages\": [");
	} else {
		printf("compatkit check %s (ABIs:", argv[optind]);
		for (int i = 0; i < c->nabi; i++)
			printf(" %s", c->abis[i].name);
		printf("; arches/%s)\n", c->arch);
	}
	int nprinted = 0;
	for (int s = 0; s < CK_NSTAGE; s++) {
		const struct ck_stage *st = &ck_stages[s];
		if (!want[st->num])
			continue;
		char look[600], reason[800] = "", hint[800];
		int pass = 0;
		if (!stopped) {
			c->nitem = 0;
			c->reason[0] = 0;
			c->not_built = 0;
			fflush(stdout);
			st->run(c);
			pass = !c->reason[0] && c->nitem > 0;
			int nok = 0;
			for (int i = 0; i < c->nitem; i++) {
				nok += c->items[i].ok;
				if (!c->items[i].ok && pass) {
					pass = 0;
					snprintf(reason, sizeof reason, "%s: %s", st->name,
						 c->items[i].detail[0] ? c->items[i].detail : c->items[i].text);
				}
			}
			if (c->reason[0])
				snprintf(reason, sizeof reason, "%s: %s", st->name, c->reason);
			else if (!c->nitem)
				snprintf(reason, sizeof reason, "%s: nothing to check", st->name);
			if (!c->not_built) {
				score += nok;
				total += c->nitem;
			}
			if (pass)
				snprintf(reason, sizeof reason, "%s: %d/%d checks", st->name, nok, c->nitem);
		} else {
			snprintf(reason, sizeof reason, "%s: not run (an earlier stage failed)", st->name);
		}
		snprintf(hint, sizeof hint, "lesson %d, lessons/%s; look at %s", st->num, st->lesson,
			 subst_arch(st->look, c->arch, look, sizeof look));
		if (!pass)
			failed = 1;
		const char *status = pass ? "PASS" : stopped ? "SKIP" : "FAIL";
		if (json) {
			printf("%s\n  {\"stage\": %d, \"name\": \"%s\", \"status\": \"%s\", \"not_built\": %s, \"reason\": ",
			       nprinted++ ? "," : "", st->num, st->name, status, c->not_built && !stopped ? "true" : "false");
			json_str(reason);
			printf(", \"hint\": ");
			json_str(hint);
			printf(", \"items\": [");
			for (int i = 0; !stopped && i < c->nitem; i++) {
				printf("%s\n    {\"text\": ", i ? "," : "");
				json_str(c->items[i].text);
				printf(", \"ok\": %s, \"detail\": ", c->items[i].ok ? "true" : "false");
				json_str(c->items[i].detail);
				printf("}");
			}
			printf("]}");
		} else if (grade) {
			printf("== lesson %d: %s (%s) ==\n", st->num, st->name, c->arch);
			if (c->not_built)
				printf("  %s (not graded)\n", reason);
			for (int i = 0; !c->not_built && i < c->nitem; i++) {
				printf("  %s: %s\n", c->items[i].text, c->items[i].ok ? "OK" : "FAIL");
				if (!c->items[i].ok && c->items[i].detail[0])
					printf("      %s\n", c->items[i].detail);
			}
			if (!c->not_built && !c->nitem)
				printf("  %s\n", reason);
			printf("  stage %d %s: %s\n", st->num, st->name, pass ? "PASS" : "FAIL");
		} else {
			printf("%s %d %s\n", status, st->num, reason);
			for (int i = 0; c->verbose && !stopped && i < c->nitem; i++) {
				printf("     %s %s\n", c->items[i].ok ? "ok  " : "FAIL", c->items[i].text);
				if (!c->items[i].ok && c->items[i].detail[0])
					printf("          %s\n", c->items[i].detail);
			}
			if (!pass && !stopped)
				printf("     hint: %s\n", hint);
		}
		if (!pass && !keep)
			stopped = 1;
		fflush(stdout);
	}
	if (json)
		printf("\n], \"passed\": %s, \"score\": %d, \"total\": %d}\n", failed ? "false" : "true", score, total);
	else if (grade)
		printf("Score: %d/%d\n", score, total);
	else if (stopped)
		printf("stopped at the first failing stage (--keep-going runs the rest)\n");
	return failed;
}
