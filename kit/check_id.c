/*
 * compatkit check, stages 1-3: what can be verified without running guest
 * code under the kit.
 *   1 probe    the exec probe (probes/probe.h) takes the arch's own hello,
 *              static and dynamic, and rejects the same program branded
 *              NetBSD or FreeBSD (Dreyfus: "identifying aliens").
 *   2 table    syscalls.master against the cross toolchain's asm/unistd.h,
 *              both the file and the compiled table (tests/tables/check-numbers.sh).
 *   3 layouts  layouts.def against the cross compiler, run under qemu
 *              (tests/layouts/probe.sh).
 * Tables and layouts seeded by `compatkit new-arch` carry marks (VERIFY,
 * UNVERIFIED) that the porter deletes once each entry has been checked; a
 * stage does not pass while marks remain.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "check.h"

/* Messages and paths are cut to their buffers on purpose. */
#pragma GCC diagnostic ignored "-Wformat-truncation"
#include "probes/probe.h"

/* ---- stage 1: probe ---- */

static const struct probe_ev *find_ev(const struct probe_result *r, const char *sig)
{
	for (unsigned i = 0; i < r->nev; i++)
		if (!strcmp(r->ev[i].sig, sig))
			return &r->ev[i];
	return NULL;
}

/* What the probe made of a file, in one phrase. */
static void verdict(int rc, const struct probe_result *r, char *buf, size_t n)
{
	if (rc == 2)
		snprintf(buf, n, "probe error: %s", r->error);
	else if (rc == 1)
		snprintf(buf, n, "no match: %s", r->reason);
	else
		snprintf(buf, n, "taken as %s (%s)", r->abi->name, r->abi->emul);
}

static void probe_one(struct ck_ctx *c, const struct ck_abi *a)
{
	static struct probe_result r;	/* large */
	const struct abi *d = a->desc;
	char path[PATH_MAX + 128], what[600];
	struct ck_item *it;

	const char *bad = strcmp(d->arch ? d->arch : "", c->arch) ? ".arch"
		: strcmp(d->triplet ? d->triplet : "", a->triplet) ? ".triplet"
		: strcmp(d->qemu ? d->qemu : "", a->qemu) ? ".qemu" : NULL;
	it = ck_item(c, !bad, "%s: descriptor agrees with arches/%s/arch.mk", a->name, c->arch);
	if (bad)
		ck_detail(it, "%s differs: ck_abi_%s has arch/triplet/qemu %s/%s/%s, arches/%s/arch.mk has %s/%s/%s",
			  bad, a->name, d->arch, d->triplet, d->qemu, c->arch, c->arch, a->triplet, a->qemu);

	char t[4][160];
	snprintf(t[0], sizeof t[0], "build/guest/%s/hello", a->name);
	snprintf(t[1], sizeof t[1], "build/guest/%s/hello.dyn", a->name);
	snprintf(t[2], sizeof t[2], "build/probe/brand/%s/hello-netbsd", a->name);
	snprintf(t[3], sizeof t[3], "build/probe/brand/%s/hello-freebsd", a->name);
	char *targets[] = { t[0], t[1], t[2], t[3], NULL }, *out, line[300];
	int rc = ck_make(c, targets, &out);
	it = ck_item(c, rc == 0, "%s: hello and its branded copies build with the %s toolchain", a->name,
		     a->triplet);
	if (rc)
		ck_detail(it, "make failed: %s", ck_line(out, "rror", line, sizeof line)[0] ? line
			  : ck_line(out, NULL, line, sizeof line));
	free(out);
	if (rc)
		return;

	/* static: glibc's __libc_atexit section is the mark (no PT_INTERP) */
	snprintf(path, sizeof path, "%s/%s", c->root, t[0]);
	rc = probe_file(path, &r);
	verdict(rc, &r, what, sizeof what);
	it = ck_item(c, rc == 0 && r.abi == d, "%s: static hello is taken as %s", a->name, a->name);
	ck_detail(it, "%s: %s", t[0], what);

	/* dynamic: the loader path in PT_INTERP must be one the brand lists */
	snprintf(path, sizeof path, "%s/%s", c->root, t[1]);
	rc = probe_file(path, &r);
	const struct probe_ev *ev = find_ev(&r, "interp");
	int by_loader = rc == 0 && r.abi == d && ev && ev->matched;
	if (rc == 0 && r.abi == d && !by_loader)
		snprintf(what, sizeof what, "it asks for %s, which .brand.interp of ck_abi_%s does not list "
			 "(arches/%s/abi.c)", r.interp, a->name, c->arch);
	else
		verdict(rc, &r, what, sizeof what);
	it = ck_item(c, by_loader, "%s: dynamic hello is taken as %s by its loader path", a->name, a->name);
	ck_detail(it, "%s: %s", t[1], what);

	for (int i = 2; i < 4; i++) {
		snprintf(path, sizeof path, "%s/%s", c->root, t[i]);
		rc = probe_file(path, &r);
		verdict(rc, &r, what, sizeof what);
		const char *os = i == 2 ? "NetBSD" : "FreeBSD";
		it = ck_item(c, rc == 1 && r.foreign[0], "%s: %s-branded hello is rejected", a->name, os);
		ck_detail(it, "%s: %s, but it carries a %s note", t[i], what, os);
	}
}

void ck_stage_probe(struct ck_ctx *c)
{
	for (int i = 0; i < c->nabi; i++)
		probe_one(c, &c->abis[i]);
}

/* ---- marks left by new-arch ---- */

/* Lines of file that carry mark; *first = the first one's number. */
static int count_marks(const char *file, const char *mark, int *first)
{
	char *s = ck_slurp(file, NULL);
	int n = 0, ln = 1;
	*first = 0;
	for (char *p = s; p && *p; ln++) {
		char *nl = strchr(p, '\n');
		if (nl)
			*nl = 0;
		if (strstr(p, mark)) {
			if (!n++)
				*first = ln;
		}
		p = nl ? nl + 1 : p + strlen(p);
	}
	free(s);
	return n;
}

/* ---- stage 2: table ---- */

void ck_stage_table(struct ck_ctx *c)
{
	char master[PATH_MAX + 128], rel[200], mksys[PATH_MAX + 32], line[400];
	snprintf(rel, sizeof rel, "arches/%s/syscalls.master", c->arch);
	snprintf(master, sizeof master, "%s/%s", c->root, rel);
	snprintf(mksys, sizeof mksys, "MKSYS=%s/build/mksys", c->root);
	char *out, *tg[] = { "build/mksys", NULL };
	int rc = ck_make(c, tg, &out);
	free(out);
	if (rc || !ck_exists(master)) {
		snprintf(c->reason, sizeof c->reason, rc ? "cannot build build/mksys" : "%s is missing", rel);
		return;
	}
	char script[PATH_MAX + 64];
	snprintf(script, sizeof script, "%s/tests/tables/check-numbers.sh", c->root);
	char *env[] = { mksys, NULL };
	for (int i = 0; i < c->nabi; i++) {
		struct ck_abi *a = &c->abis[i];
		for (int cli = 0; cli < 2; cli++) {
			/* relative, so that its messages say arches/<arch>/...:LINE */
			char *argv[] = { "bash", script, (char *)a->name, a->triplet,
					 cli ? "--cli" : rel, cli ? c->self : NULL, NULL };
			rc = ck_run(c->root, env, argv, &out);
			int nd = ck_count_lines(out, " syscall ");
			ck_line(out, NULL, line, sizeof line);
			struct ck_item *it = ck_item(c, rc == 0, cli
				? "%s: the compiled table (compatkit syscalls %s) matches asm/unistd.h"
				: "%s: %s numbers and names match asm/unistd.h", a->name, cli ? a->name : rel);
			if (rc)
				ck_detail(it, "%s%s", rc == 77 ? "cannot verify: " : "", line);
			if (rc && nd > 1)
				ck_detail(it, " (and %d more)", nd - 1);
			free(out);
		}
		if (a->desc && a->desc->sys) {
			unsigned want = a->desc->ptr_size * 8, got = a->desc->sys->bits;
			struct ck_item *it = ck_item(c, want == got, "%s: the table's %%bits matches the ABI's word size",
						     a->name);
			if (want != got)
				ck_detail(it, "%s says %%bits %u, but ck_abi_%s.ptr_size is %u", rel, got, a->name,
					  a->desc->ptr_size);
		}
	}
	int first, n = count_marks(master, "; VERIFY", &first);
	struct ck_item *it = ck_item(c, n == 0, "no entry of %s is still marked VERIFY", rel);
	if (n)
		ck_detail(it, "%s:%d: %d entries are still marked '; VERIFY' (check each against "
			  "asm/unistd.h, then delete the mark)", rel, first, n);
}

/* ---- stage 3: layouts ---- */

void ck_stage_layouts(struct ck_ctx *c)
{
	char def[PATH_MAX + 128], rel[200], tgt[200], line[400];
	snprintf(rel, sizeof rel, "arches/%s/layouts.def", c->arch);
	snprintf(def, sizeof def, "%s/%s", c->root, rel);
	snprintf(tgt, sizeof tgt, "build/gen/%s/layoutprobe.c", c->arch);
	char *out, *tg[] = { tgt, NULL };
	int rc = ck_make(c, tg, &out);
	if (rc) {
		snprintf(c->reason, sizeof c->reason, "cannot generate %s: %s", tgt,
			 ck_line(out, ":", line, sizeof line));
		free(out);
		return;
	}
	free(out);
	char script[PATH_MAX + 64], probe[PATH_MAX + 256], dir[PATH_MAX + 256];
	snprintf(script, sizeof script, "%s/tests/layouts/probe.sh", c->root);
	snprintf(probe, sizeof probe, "%s/%s", c->root, tgt);
	for (int i = 0; i < c->nabi; i++) {
		struct ck_abi *a = &c->abis[i];
		char cc[128], want[128];
		ck_guest_cc(a->triplet, cc, sizeof cc);
		snprintf(dir, sizeof dir, "%s/build/check/%s/layouts", c->root, a->name);
		char *argv[] = { "timeout", "300", "bash", script, (char *)a->name, probe, dir, cc, a->qemu, NULL };
		rc = ck_run(c->root, NULL, argv, &out);
		snprintf(want, sizeof want, "layoutprobe %s: ", a->name);
		unsigned ok = 0, bad = 0, skip = 0;
		const char *sum = strstr(out, want);
		int done = sum && sscanf(sum + strlen(want), "%u structs ok, %u mismatched, %u skipped",
					 &ok, &bad, &skip) == 3;
		if (!done || bad)
			ck_line(out, bad ? "table says" : NULL, line, sizeof line);
		else
			snprintf(line, sizeof line, "%u structs ok, %u skipped", ok, skip);
		struct ck_item *it = ck_item(c, rc == 0 && done && !bad, "%s: every struct of %s matches %s under %s",
					     a->name, rel, cc, a->qemu);
		if (!done)
			ck_detail(it, "layout probe did not finish: %s", line);
		else
			ck_detail(it, "%s", line);
		if (bad > 1)
			ck_detail(it, " (%u structs mismatched)", bad);
		free(out);
	}
	int first, n = count_marks(def, "# UNVERIFIED", &first);
	struct ck_item *it = ck_item(c, n == 0, "no struct of %s is still marked UNVERIFIED", rel);
	if (n)
		ck_detail(it, "%s:%d: %d structs are still marked '# UNVERIFIED' (check each against the "
			  "cross compiler's headers, then delete the mark)", rel, first, n);
}
