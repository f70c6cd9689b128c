/*
 * compatkit check, stages 4-6: guest code running under the kit, compared
 * with qemu-user-static by tests/compare.sh (which applies
 * tests/compare.known: cases qemu cannot judge are SKIP).
 *   4 hello         static hello, exit codes and the initial-state dump
 *   5 signals       arches/<arch>/signal.c, the sigcode page and the
 *                   signal cases (sig*: tests/guest/sig*.c)
 *   6 abi-variants  every ABI of the arch passes 4 and 5
 * Stage 7 (suite) is kit/check_suite.c.  Which comparison cases belong to
 * stages 4 and 5 is the pattern lists below, matched against the case
 * names of tests/compare.cases.
 */
#include <fnmatch.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* Messages and paths are cut to their buffers on purpose. */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include "cmd.h"

/* Case names (shell patterns) of each stage's comparison cases. */
static const char *const stage_cases[2][6] = {
	{ "hello", "initstate*", "exit-*", 0 },		/* 4: setregs, stack/auxv, exit */
	{ "sig*", "*signal*", 0 },			/* 5: signal delivery and return */
};
static const char *const stage_name[2] = { "hello", "signals" };

struct cases {
	char name[32][64], prog[32][64];
	char lines[32][512];
	int n;
};

static int wanted(const char *name, int kind)
{
	for (int i = 0; stage_cases[kind][i]; i++)
		if (!fnmatch(stage_cases[kind][i], name, 0))
			return 1;
	return 0;
}

static void load_cases(struct ck_ctx *c, int kind, struct cases *k)
{
	char path[PATH_MAX + 64];
	snprintf(path, sizeof path, "%s/tests/compare.cases", c->root);
	char *s = ck_slurp(path, NULL);
	k->n = 0;
	for (char *line = s ? strtok(s, "\n") : NULL; line && k->n < 32; line = strtok(NULL, "\n")) {
		char name[64], prog[64];
		if (line[strspn(line, " \t")] == '#' || sscanf(line, "%63s %63s", name, prog) != 2)
			continue;
		if (!wanted(name, kind))
			continue;
		snprintf(k->name[k->n], 64, "%s", name);
		snprintf(k->prog[k->n], 64, "%s", prog);
		snprintf(k->lines[k->n], 512, "%s", line);
		k->n++;
	}
	free(s);
}

/* Why a guest died, from the kit's stderr: the stub's "not implemented
 * yet" line, or the fatal signal with the function it hit. */
static void diagnose(struct ck_ctx *c, const char *abi, const char *prog, const char *err,
		     char *out, size_t n)
{
	char line[400];
	out[0] = 0;
	if (ck_line(err, "not implemented yet", line, sizeof line)[0]) {
		snprintf(out, n, "%s", line);
		return;
	}
	const char *k = strstr(err ? err : "", "guest killed by SIG");
	char sig[16];
	unsigned long long addr, pc;
	if (k && sscanf(k, "guest killed by SIG%15s at addr=%llx pc=%llx", sig, &addr, &pc) == 3) {
		char bin[PATH_MAX + 128], sym[128] = "", where[200] = "";
		unsigned long long off = 0;
		snprintf(bin, sizeof bin, "%s/build/guest/%s/%s", c->root, abi, prog);
		if (!ck_symbolize(bin, pc, sym, sizeof sym, &off))
			snprintf(where, sizeof where, " in %s+0x%llx", sym, off);
		/* a guess from where glibc's start-up died */
		const char *guess =
			!strcmp(sym, "_start") ? ": setregs left the entry registers or the stack pointer wrong?"
			: strstr(sym, "libc_start") || strstr(sym, "aux") || strstr(sym, "init_secure")
			? ": argc/argv/envp/auxv on the initial stack (kit/stack.c, auxv_extra)?"
			: strstr(sym, "tls") || strstr(sym, "TLS")
			? ": the thread pointer register or the TLS block?"
			: !strcmp(sig, "ILL") ? ": an instruction the engine rejects, or a syscall trap not "
			  "recognised (syscall_intno/syscall_insn)?"
			: "";
		snprintf(out, n, "guest died with SIG%s at pc=0x%llx%s%s", sig, pc, where, guess);
		return;
	}
	ck_line(err, NULL, out, n);
}

/* Run the stage's cases for one ABI (index into c->all), once. */
static struct ck_cmp *compare(struct ck_ctx *c, int ai, int kind)
{
	struct ck_cmp *r = &c->cmp[ai][kind];
	const char *abi = c->all[ai].name;
	if (r->done)
		return r;
	r->done = 1;
	struct cases k;
	load_cases(c, kind, &k);
	r->n = k.n;
	if (!k.n) {
		snprintf(r->reason, sizeof r->reason, "tests/compare.cases has no %s cases", stage_name[kind]);
		return r;
	}
	char dir[PATH_MAX + 128], file[PATH_MAX + 160], work[PATH_MAX + 192], line[400];
	snprintf(dir, sizeof dir, "%s/build/check/%s", c->root, abi);
	snprintf(file, sizeof file, "%s/%s.cases", dir, stage_name[kind]);
	snprintf(work, sizeof work, "CK_COMPARE_WORK=%s/compare-%s", dir, stage_name[kind]);

	/* the guest programs */
	char tg[32][200], *targets[33];
	for (int i = 0; i < k.n; i++) {
		snprintf(tg[i], sizeof tg[i], "build/guest/%s/%s", abi, k.prog[i]);
		targets[i] = tg[i];
	}
	targets[k.n] = NULL;
	char *out;
	int rc = ck_make(c, targets, &out);
	if (rc) {
		snprintf(r->reason, sizeof r->reason, "guest programs do not build: %s",
			 ck_line(out, "rror", line, sizeof line));
		free(out);
		return r;
	}
	free(out);
	char mk[PATH_MAX + 200];
	snprintf(mk, sizeof mk, "mkdir -p '%s'", dir);
	if (system(mk)) { /* reported by the fopen below */ }
	FILE *f = fopen(file, "w");
	if (!f) {
		snprintf(r->reason, sizeof r->reason, "cannot write %s", file);
		return r;
	}
	for (int i = 0; i < k.n; i++)
		fprintf(f, "%s\n", k.lines[i]);
	fclose(f);

	char script[PATH_MAX + 64];
	snprintf(script, sizeof script, "%s/tests/compare.sh", c->root);
	char *env[] = { work, "CK_NO_RECORD=1", NULL };
	char *argv[] = { "bash", script, "--kit", c->self, "--cases", file, (char *)abi, NULL };
	rc = ck_run(c->root, env, argv, &out);
	r->ok = 1;
	int nskip = 0;
	char first_skip[300] = "";
	for (int i = 0; i < k.n; i++) {
		char pat[200];
		snprintf(pat, sizeof pat, " %s %s", abi, k.name[i]);
		const char *p = out;
		char verdict[8] = "";
		while ((p = strstr(p, pat))) {
			const char *b = p;
			while (b > out && b[-1] != '\n')
				b--;
			char end = p[strlen(pat)];
			if ((end == '\n' || end == ' ' || end == 0) && p - b <= 4) {
				snprintf(verdict, sizeof verdict, "%.*s", (int)(p - b), b);
				ck_line(p, NULL, line, sizeof line);
				break;
			}
			p += strlen(pat);
		}
		/* compare.sh: "VERDICT abi case  (reason)" */
		char *paren = strstr(line, "  (");
		if (paren) {
			paren += 3;
			size_t l = strlen(paren);
			if (l && paren[l - 1] == ')')
				paren[l - 1] = 0;
		}
		/* A SKIP (a case the reference cannot judge, tests/compare.sh) is
		 * neither a pass nor a failure; the stage needs one real PASS. */
		int skipped = !strcmp(verdict, "SKIP");
		nskip += skipped;
		struct ck_item *it = ck_item(c, !strcmp(verdict, "PASS") || skipped, "%s: %s matches qemu-user (%s)%s%s",
					     abi, k.name[i], stage_name[kind], skipped ? " -- skipped: " : "",
					     skipped && paren ? paren : "");
		if (it->ok) {
			if (skipped && !first_skip[0])
				snprintf(first_skip, sizeof first_skip, "%s: skipped: %s", k.name[i], paren ? paren : "?");
			continue;
		}
		char why[400] = "";
		char errf[PATH_MAX + 300];
		snprintf(errf, sizeof errf, "%s/compare-%s/%s/%s/kit.err", dir, stage_name[kind], abi, k.name[i]);
		char *err = ck_slurp(errf, NULL);
		diagnose(c, abi, k.prog[i], err, why, sizeof why);
		free(err);
		if (!verdict[0])
			ck_detail(it, "compare.sh gave no verdict (exit %d): %s", rc, ck_line(out, NULL, why, sizeof why));
		else
			ck_detail(it, "%s%s%s", paren ? paren : verdict, why[0] ? ": " : "", why);
		if (r->ok) {
			snprintf(r->reason, sizeof r->reason, "%s: %s", k.name[i], it->detail);
			r->ok = 0;
		}
	}
	/* Always graded, so the score's total does not change with the
	 * verdicts: all cases skipped means nothing was verified. */
	struct ck_item *it = ck_item(c, nskip < k.n, "%s: some %s case was really compared (not all skipped)",
				     abi, stage_name[kind]);
	if (!it->ok) {
		ck_detail(it, "no case could be compared: %s", first_skip);
		if (r->ok)
			snprintf(r->reason, sizeof r->reason, "%s", it->detail);
		r->ok = 0;
	}
	free(out);
	return r;
}

static int abi_index(struct ck_ctx *c, const char *name)
{
	for (int i = 0; i < c->nall; i++)
		if (!strcmp(c->all[i].name, name))
			return i;
	return 0;
}

void ck_stage_hello(struct ck_ctx *c)
{
	struct ck_cmp *r = compare(c, abi_index(c, c->abis[0].name), 0);
	if (!r->n || (!r->ok && !c->nitem))
		snprintf(c->reason, sizeof c->reason, "%s", r->reason);
}

/* The tree has signal tests at all (else the stage is "not built yet"). */
static int have_signal_tests(struct ck_ctx *c)
{
	struct cases k;
	load_cases(c, 1, &k);
	return k.n > 0;
}

void ck_stage_signals(struct ck_ctx *c)
{
	if (!have_signal_tests(c)) {
		c->not_built = 1;
		snprintf(c->reason, sizeof c->reason, "not built yet: this tree has no signal tests "
			 "(no case named sig* in tests/compare.cases); stage 5 lights up when they land");
		return;
	}
	char p[PATH_MAX + 128];
	snprintf(p, sizeof p, "%s/arches/%s/signal.c", c->root, c->arch);
	struct ck_item *it = ck_item(c, ck_exists(p), "arches/%s/signal.c (sendsig, sigreturn) exists", c->arch);
	ck_detail(it, "no arches/%s/signal.c yet", c->arch);
	snprintf(p, sizeof p, "%s/sigcode/%s.S", c->root, c->arch);
	it = ck_item(c, ck_exists(p), "sigcode/%s.S (the trampoline) exists", c->arch);
	ck_detail(it, "no sigcode/%s.S yet", c->arch);
	/* The page a handler returns to: the bytes the build assembled from
	 * sigcode/<arch>.S (build/gen/sigcode_<abi>.h), set in the descriptor. */
	const struct abi *d = c->abis[0].desc;
	it = ck_item(c, d->sigcode && d->sigcode->len > 0, "%s: the descriptor has a sigcode page (.sigcode)",
		     c->abis[0].name);
	ck_detail(it, "%s: a handler has nowhere to return to; point .sigcode at the bytes of "
		  "build/gen/sigcode_%s.h (assembled from sigcode/%s.S) as the other arches' signal.c do",
		  !d->sigcode ? ".sigcode is NULL" : ".sigcode is empty", c->abis[0].name, c->arch);
	struct ck_cmp *r = compare(c, abi_index(c, c->abis[0].name), 1);
	if (!r->ok && !c->nitem)
		snprintf(c->reason, sizeof c->reason, "%s", r->reason);
}

/* Stage 4 (kind 0) or 5 (kind 1) for one ABI, run once and kept; its case
 * items are not added to the stage asking. */
const struct ck_cmp *ck_passes(struct ck_ctx *c, const char *abi, int kind)
{
	int save = c->nitem;
	const struct ck_cmp *r = compare(c, abi_index(c, abi), kind);
	c->nitem = save;
	return r;
}

int ck_have_signal_tests(struct ck_ctx *c)
{
	return have_signal_tests(c);
}

void ck_stage_variants(struct ck_ctx *c)
{
	int sig = have_signal_tests(c);
	for (int i = 0; i < c->nabi; i++) {
		int ai = abi_index(c, c->abis[i].name);
		for (int kind = 0; kind <= sig; kind++) {
			int save = c->nitem;
			struct ck_cmp *r = compare(c, ai, kind);
			c->nitem = save;	/* the case items belong to stages 4/5 */
			struct ck_item *it = ck_item(c, r->ok, "%s: passes stage %d (%s), %d cases", c->abis[i].name,
						     4 + kind, stage_name[kind], r->n);
			ck_detail(it, "%s", r->reason);
		}
	}
}
