/*
 * compatkit check, stage 7 (suite): the regression manifest passes for the
 * arch.
 *
 * What that means for an ABI: every LTP-protocol case of tests/ltp/ whose
 * manifest row applies to the ABI (a row naming it, else the case's "all"
 * row) does under the kit what the row says -- `compatkit suite --abi ABI
 * --lane kit` finds no regression for it.  The kit lane alone: the qemu
 * lane judges qemu-user against the manifest, not the port.  A new arch
 * has no rows of its own, so its "all" rows are its expectations; a case
 * whose rows all name other ABIs does not run there (the suite's rule).
 *
 * One graded item per case that runs, plus one for "the suite ran at
 * all", so the total depends on the manifest only, not on the verdicts.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <dirent.h>
#include "check.h"
#include "suite.h"

/* Messages and paths are cut to their buffers on purpose. */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include "cmd.h"

#pragma weak cmd_suite

#define MAXCASE 256

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* tests/ltp/<name>.c but the harness tst.c, sorted (the suite's list). */
static int ltp_cases(const char *root, char **names, int max)
{
	char dir[PATH_MAX + 32];
	snprintf(dir, sizeof dir, "%s/tests/ltp", root);
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;
	while (d && (e = readdir(d)) && n < max) {
		size_t l = strlen(e->d_name);
		if (l > 2 && !strcmp(e->d_name + l - 2, ".c") && strcmp(e->d_name, "tst.c"))
			names[n++] = strndup(e->d_name, l - 2);
	}
	if (d)
		closedir(d);
	qsort(names, (size_t)n, sizeof *names, cmp_str);
	return n;
}

/* The value of "key": "..." in one JSON line of the suite's --json file
 * (plain words only: case, abi, lane, result, judgement). */
static const char *jfield(const char *line, const char *key, char *buf, size_t n)
{
	char pat[48];
	snprintf(pat, sizeof pat, "\"%s\": \"", key);
	const char *p = strstr(line, pat);
	buf[0] = 0;
	if (p) {
		p += strlen(pat);
		snprintf(buf, n, "%.*s", (int)strcspn(p, "\"\n"), p);
	}
	return buf;
}

/* Why a case regressed, from the suite's report: the stub's "not
 * implemented yet" line, else the first TFAIL/TBROK/TCONF line, else the
 * first output line under "REGRESSION kit ABI CASE:". */
static void why(const char *report, const char *abi, const char *name, char *out, size_t n)
{
	char head[200], line[300];
	snprintf(head, sizeof head, "REGRESSION kit %s %s: ", abi, name);
	const char *p = report ? strstr(report, head) : NULL;
	out[0] = 0;
	if (!p)
		return;
	const char *end = p;
	for (const char *q = strchr(p, '\n'); q && !strncmp(q + 1, "      ", 6); q = strchr(q + 1, '\n'))
		end = q + 1;
	end += strcspn(end, "\n");
	static const char *const want[] = { "not implemented yet", "TBROK", "TFAIL", "TCONF", 0 };
	for (int w = 0; want[w] && !out[0]; w++) {
		const char *h = strstr(p, want[w]);
		while (h && h > p && h[-1] != '\n')
			h--;	/* the whole line: "case.c:12: TFAIL: ..." */
		if (h && h < end)
			snprintf(out, n, "%s", ck_line(h, NULL, line, sizeof line) + strspn(line, " "));
	}
	if (!out[0] && strchr(p, '\n') && strchr(p, '\n') < end)
		snprintf(out, n, "%s", ck_line(strchr(p, '\n') + 1, NULL, line, sizeof line) + strspn(line, " "));
}

static void suite_abi(struct ck_ctx *c, const struct manifest *m, char **cases, int ncase, const char *abi)
{
	char dir[PATH_MAX + 128], json[PATH_MAX + 160], line[400], *out = NULL;
	snprintf(dir, sizeof dir, "%s/build/check/%s", c->root, abi);
	snprintf(json, sizeof json, "%s/suite.json", dir);

	/* the cases that run on this ABI, and their binaries */
	const struct mrow *row[MAXCASE];
	char *targets[MAXCASE + 1];
	int nt = 0, nrun = 0, napply = 0;
	for (int i = 0; i < ncase; i++) {
		row[i] = manifest_lookup(m, cases[i], abi);
		if (!row[i])
			continue;
		napply++;
		if (row[i]->status == EX_NON_GOAL || row[i]->status == EX_SKIP_PRIV)
			continue;
		nrun++;
		char t[PATH_MAX];
		snprintf(t, sizeof t, "build/ltp/%s/%s", abi, cases[i]);
		targets[nt++] = strdup(t);
	}
	targets[nt] = NULL;
	struct ck_item *ran = ck_item(c, 0, "%s: compatkit suite runs the %d case(s) the manifest has for it",
				      abi, nrun);
	/* The cases need a guest that starts and takes signals: before
	 * stages 4 and 5 pass they only crash or wait for their timeout. */
	const struct ck_cmp *pre = NULL;
	int kind;
	for (kind = 0; kind <= ck_have_signal_tests(c) && (!pre || pre->ok); kind++)
		pre = ck_passes(c, abi, kind);
	char gate[600] = "";
	if (!nrun)
		snprintf(gate, sizeof gate, "no manifest row of tests/manifest.tsv applies to %s (%d of %d cases "
			 "have one, none to be run): give the cases \"all\" rows or rows naming %s", abi, napply,
			 ncase, abi);
	else if (pre && !pre->ok)
		snprintf(gate, sizeof gate, "not run: %s does not pass stage %d (%s) yet: %s", abi, 3 + kind,
			 kind == 1 ? "hello" : "signals", pre->reason);
	if (gate[0]) {
		ck_detail(ran, "%s", gate);
		for (int i = 0; i < ncase; i++)
			if (row[i] && row[i]->status != EX_NON_GOAL && row[i]->status != EX_SKIP_PRIV)
				ck_detail(ck_item(c, 0, "%s: %s (%s) does what the manifest says (%s)", abi, cases[i],
						  row[i]->family, expect_names[row[i]->status]), "not run (see the first item)");
		for (int i = 0; i < nt; i++)
			free(targets[i]);
		return;
	}
	char build_err[300] = "";
	if (ck_make(c, targets, &out))
		snprintf(build_err, sizeof build_err, "%s", ck_line(out, "rror", line, sizeof line));
	free(out);
	for (int i = 0; i < nt; i++)
		free(targets[i]);

	char mk[PATH_MAX + 160];
	snprintf(mk, sizeof mk, "mkdir -p '%s' && rm -f '%s'", dir, json);
	if (system(mk)) { /* reported by the missing json below */ }
	/* -t: a port that hangs a case should not hold the check up for long */
	char *argv[] = { c->self, "suite", "--abi", (char *)abi, "--lane", "kit", "-t", "20",
			 "--json", json, NULL };
	int rc = ck_run(c->root, NULL, argv, &out);
	char *js = ck_slurp(json, NULL);
	if (rc == 2 || rc < 0 || !js) {
		ck_detail(ran, "compatkit suite --abi %s --lane kit exited %d without results: %s", abi, rc,
			  ck_line(out, "compatkit suite", line, sizeof line)[0] ? line : ck_line(out, NULL, line, sizeof line));
		free(js);
		free(out);
		return;
	}
	ran->ok = 1;
	for (int i = 0; i < ncase; i++) {
		if (!row[i] || row[i]->status == EX_NON_GOAL || row[i]->status == EX_SKIP_PRIV)
			continue;
		const char *status = expect_names[row[i]->status];
		char result[32] = "", judge[32] = "", b[64];
		for (char *l = js; l && *l; l = strchr(l, '\n') ? strchr(l, '\n') + 1 : NULL) {
			if (strncmp(l, "{\"case\": ", 9) || strcmp(jfield(l, "case", b, sizeof b), cases[i]) ||
			    strcmp(jfield(l, "abi", b, sizeof b), abi) || strcmp(jfield(l, "lane", b, sizeof b), "kit"))
				continue;
			jfield(l, "result", result, sizeof result);
			jfield(l, "judgement", judge, sizeof judge);
			break;
		}
		int ok = judge[0] && strcmp(judge, "regression");
		struct ck_item *it = ck_item(c, ok, "%s: %s (%s) does what the manifest says (%s)", abi, cases[i],
					     row[i]->family, status);
		if (ok)
			continue;
		char w[300];
		why(out, abi, cases[i], w, sizeof w);
		if (!judge[0])
			ck_detail(it, "%s: %s: compatkit suite reported no result for it", abi, cases[i]);
		else if (!strcmp(result, "missing"))
			ck_detail(it, "%s: %s: build/ltp/%s/%s was not built%s%s", abi, cases[i], abi, cases[i], build_err[0] ? ": " : "",
				  build_err);
		else
			ck_detail(it, "%s: %s: %s under the kit, the manifest says %s%s%s", abi, cases[i], result,
				  status, w[0] ? ": " : "", w);
	}
	free(js);
	free(out);
}

void ck_stage_suite(struct ck_ctx *c)
{
	char p[PATH_MAX + 64];
	snprintf(p, sizeof p, "%s/tests/manifest.tsv", c->root);
	if (!cmd_suite || !ck_exists(p)) {
		c->not_built = 1;
		snprintf(c->reason, sizeof c->reason, "not built yet: %s; stage 7 lights up when the "
			 "regression suite lands", !cmd_suite ? "this compatkit has no 'suite' command"
			 : "there is no tests/manifest.tsv");
		return;
	}
	/* The manifest must load and match the cases, or the suite refuses. */
	char *errs = NULL;
	size_t errlen = 0;
	FILE *ef = open_memstream(&errs, &errlen);
	struct manifest m = { 0 };
	char *cases[MAXCASE];
	int ncase = ltp_cases(c->root, cases, MAXCASE), bad = 0;
	if (ef && manifest_load(p, &m, ef) < 0)
		bad = 1;
	else if (ef && manifest_check(&m, cases, ncase, ef))
		bad = 2;
	if (ef)
		fclose(ef);
	if (!ef || bad || !ncase) {
		char line[300];
		const char *l = ck_line(errs, NULL, line, sizeof line);
		size_t rl = strlen(c->root);
		if (!strncmp(l, c->root, rl) && l[rl] == '/')
			l += rl + 1;	/* file:line relative to the tree */
		snprintf(c->reason, sizeof c->reason, "%s", !ncase ? "no cases in tests/ltp/"
			 : !ef ? "out of memory" : l);
		if (bad == 2)
			snprintf(c->reason + strlen(c->reason), sizeof c->reason - strlen(c->reason),
				 " (every case of tests/ltp/ needs a row of tests/manifest.tsv)");
	} else {
		for (int i = 0; i < c->nabi; i++)
			suite_abi(c, &m, cases, ncase, c->abis[i].name);
	}
	free(errs);
	if (bad != 1 && ef)
		manifest_free(&m);
	for (int i = 0; i < ncase; i++)
		free(cases[i]);
}
