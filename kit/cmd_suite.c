/* compatkit suite: run the LTP-protocol cases on every ABI under the kit and
 * under qemu-user-static (the reference lane), compare each result with
 * tests/manifest.tsv, print the family x ABI matrix, write reports. */
#include <dirent.h>
#include <ftw.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "abi.h"
#include "cmd.h"
#include "suite.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit suite [OPTIONS] [CASE...]\n"
		"Run the regression suite (tests/ltp) and print a matrix of syscall\n"
		"families by ABI: passed/run per cell, the kit lane beside the qemu lane.\n\n"
		"  -a, --abi A,B,...    ABIs to run (default: all)\n"
		"  -l, --lane L         kit, qemu or both (default both)\n"
		"      --ltp DIR        run external LTP binaries from DIR/<abi>/ instead\n"
		"  -j, --jobs N         cases run at once (default: online CPUs)\n"
		"  -t, --timeout S      seconds per case (default 60)\n"
		"      --json F         write every result as JSON\n"
		"      --junit F        write JUnit XML\n"
		"      --html F         write a self-contained HTML heat-map page\n"
		"  -m, --manifest F     expectations (default tests/manifest.tsv; with\n"
		"                       --ltp only if given)\n"
		"      --src DIR        case sources (default tests/ltp)\n"
		"      --bins DIR       built cases, DIR/<abi>/<case> (default build/ltp)\n"
		"      --check-manifest only check that cases and manifest rows match\n"
		"      --print-missing  print a stub row (status pass) for each case that\n"
		"                       has none, to paste into the manifest and edit\n"
		"      --privileged     also run skip-privileged cases\n"
		"      --kit PATH       the compatkit that runs the kit lane (default: this one)\n"
		"      --keep           keep the per-case directories (their path is printed)\n"
		"  -h, --help           this text\n\n"
		"Exit status: 0 when nothing is worse than the manifest says, 1 on a\n"
		"regression, 2 on bad usage or a manifest error.  A case that passes but\n"
		"is listed as failing is reported as \"unexpected pass: update the manifest\".\n");
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static void add_name(char ***v, int *n, const char *s)
{
	for (int i = 0; i < *n; i++)
		if (!strcmp((*v)[i], s))
			return;
	*v = realloc(*v, (size_t)(*n + 1) * sizeof **v);
	(*v)[(*n)++] = strdup(s);
}

/* Cases of our own harness: tests/ltp/<name>.c except the harness itself. */
static int scan_sources(const char *dir, char ***names, int *n)
{
	DIR *d = opendir(dir);
	if (!d)
		return -1;
	struct dirent *e;
	while ((e = readdir(d))) {
		size_t len = strlen(e->d_name);
		if (len < 3 || strcmp(e->d_name + len - 2, ".c") || !strcmp(e->d_name, "tst.c"))
			continue;
		char name[256];
		snprintf(name, sizeof name, "%.*s", (int)(len - 2), e->d_name);
		add_name(names, n, name);
	}
	closedir(d);
	return 0;
}

/* External LTP: every executable regular file in DIR/<abi>/. */
static void scan_bins(const char *dir, const char *abi, char ***names, int *n)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, abi);
	DIR *d = opendir(path);
	if (!d)
		return;
	struct dirent *e;
	while ((e = readdir(d))) {
		char f[4400];
		struct stat st;
		snprintf(f, sizeof f, "%s/%s", path, e->d_name);
		if (e->d_name[0] != '.' && !stat(f, &st) && S_ISREG(st.st_mode) && (st.st_mode & 0111))
			add_name(names, n, e->d_name);
	}
	closedir(d);
}

static int in_path(const char *prog)
{
	const char *p = getenv("PATH");
	char buf[4096];
	for (; p && *p;) {
		const char *e = strchr(p, ':');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		snprintf(buf, sizeof buf, "%.*s/%s", (int)len, p, prog);
		if (!access(buf, X_OK))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* family of an unlisted case: its name without the trailing case number */
static char *family_of(const char *name)
{
	char *f = strdup(name);
	size_t n = strlen(f);
	while (n > 1 && f[n - 1] >= '0' && f[n - 1] <= '9')
		f[--n] = 0;
	return f;
}

/* Expected class in a lane: 0 pass, 1 skip, 2 fail, -1 not run. */
static int expect_for(const struct mrow *r, int lane, int privileged)
{
	if (!r)
		return 0;
	switch (r->status) {
	case EX_KNOWN_FAIL: return lane == LANE_KIT ? 2 : 0;
	case EX_QEMU_FAIL: return lane == LANE_QEMU ? 2 : 0;
	case EX_NON_GOAL: return -1;
	case EX_SKIP_PRIV: return privileged ? 0 : -1;
	default: return 0;
	}
}

static int rm_one(const char *p, const struct stat *st, int flag, struct FTW *ftw)
{
	return remove(p);
}

int cmd_suite(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "abi", required_argument, 0, 'a' }, { "lane", required_argument, 0, 'l' },
		{ "ltp", required_argument, 0, 'L' }, { "jobs", required_argument, 0, 'j' },
		{ "timeout", required_argument, 0, 't' }, { "json", required_argument, 0, 'J' },
		{ "junit", required_argument, 0, 'U' }, { "html", required_argument, 0, 'H' },
		{ "manifest", required_argument, 0, 'm' }, { "src", required_argument, 0, 'S' },
		{ "bins", required_argument, 0, 'B' }, { "check-manifest", no_argument, 0, 'C' },
		{ "privileged", no_argument, 0, 'P' }, { "kit", required_argument, 0, 'K' },
		{ "keep", no_argument, 0, 'k' }, { "print-missing", no_argument, 0, 'M' }, { "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
	};
	const char *abilist = NULL, *lane = "both", *ltp = NULL, *json = NULL, *junit = NULL;
	const char *html = NULL, *mpath = NULL, *src = "tests/ltp", *bins = "build/ltp", *kit = NULL;
	int jobs = (int)sysconf(_SC_NPROCESSORS_ONLN), timeout = 60, check_only = 0, priv = 0, keep = 0;
	int print_missing = 0;
	int c;
	while ((c = getopt_long(argc, argv, "a:l:j:t:m:h", opts, NULL)) != -1) {
		switch (c) {
		case 'a': abilist = optarg; break;
		case 'l': lane = optarg; break;
		case 'L': ltp = optarg; break;
		case 'j': jobs = atoi(optarg); break;
		case 't': timeout = atoi(optarg); break;
		case 'J': json = optarg; break;
		case 'U': junit = optarg; break;
		case 'H': html = optarg; break;
		case 'm': mpath = optarg; break;
		case 'S': src = optarg; break;
		case 'B': bins = optarg; break;
		case 'C': check_only = 1; break;
		case 'P': priv = 1; break;
		case 'K': kit = optarg; break;
		case 'k': keep = 1; break;
		case 'M': print_missing = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	struct suite_view v = { 0 };
	if (!strcmp(lane, "kit") || !strcmp(lane, "both"))
		v.lanes[LANE_KIT] = 1;
	if (!strcmp(lane, "qemu") || !strcmp(lane, "both"))
		v.lanes[LANE_QEMU] = 1;
	if (!v.lanes[LANE_KIT] && !v.lanes[LANE_QEMU]) {
		fprintf(stderr, "compatkit suite: --lane wants kit, qemu or both, not '%s'\n", lane);
		return 2;
	}
	if (jobs < 1 || timeout < 1) {
		fprintf(stderr, "compatkit suite: --jobs and --timeout want a positive number\n");
		return 2;
	}

	/* ABIs: the list given, in descriptor order otherwise. */
	const char **abis = calloc(64, sizeof *abis);
	if (abilist) {
		char *copy = strdup(abilist), *save = NULL;
		for (char *s = strtok_r(copy, ",", &save); s && v.nabis < 63; s = strtok_r(NULL, ",", &save)) {
			if (!abi_find(s)) {
				fprintf(stderr, "compatkit suite: unknown ABI '%s'\n", s);
				return 2;
			}
			abis[v.nabis++] = s;
		}
	} else
		for (int i = 0; ck_abis[i] && v.nabis < 63; i++)
			abis[v.nabis++] = ck_abis[i]->name;
	v.abis = abis;

	/* Cases and manifest. */
	char **cases = NULL;
	int ncases = 0;
	struct manifest m = { 0 };
	int have_m = 0;
	if (ltp) {
		for (int a = 0; a < v.nabis; a++)
			scan_bins(ltp, abis[a], &cases, &ncases);
		if (!ncases) {
			fprintf(stderr, "compatkit suite: no executables in %s/<abi>/ for the ABIs asked\n", ltp);
			return 2;
		}
	} else if (scan_sources(src, &cases, &ncases) < 0) {
		fprintf(stderr, "compatkit suite: %s: cannot read the case sources: %m\n", src);
		return 2;
	}
	if (print_missing) {
		if (manifest_load(mpath ? mpath : "tests/manifest.tsv", &m, stderr) < 0)
			return 2;
		qsort(cases, (size_t)ncases, sizeof *cases, cmp_str);
		for (int i = 0; i < ncases; i++) {
			int found = 0;
			for (int k = 0; k < m.n && !found; k++)
				found = !strcmp(m.rows[k].name, cases[i]);
			if (!found)
				printf("%s\t%s\tall\tpass\n", cases[i], family_of(cases[i]));
		}
		return 0;
	}
	if (!ltp || mpath) {
		if (manifest_load(mpath ? mpath : "tests/manifest.tsv", &m, stderr) < 0)
			return 2;
		have_m = 1;
		/* our own cases must all be listed, and only they */
		if (!ltp && manifest_check(&m, cases, ncases, stderr)) {
			fprintf(stderr, "compatkit suite: manifest and cases disagree (add a row per case in %s;"
				" --print-missing gives stubs)\n", m.path);
			return 2;
		}
	}
	qsort(cases, (size_t)ncases, sizeof *cases, cmp_str);
	if (check_only) {
		printf("manifest %s: %d rows, %d cases, consistent\n", m.path, m.n, ncases);
		return 0;
	}
	/* Case names on the command line restrict the run. */
	if (optind < argc) {
		int k = 0;
		for (int i = 0; i < ncases; i++)
			for (int a = optind; a < argc; a++)
				if (!strcmp(cases[i], argv[a])) {
					cases[k++] = cases[i];
					break;
				}
		if (k < argc - optind) {
			fprintf(stderr, "compatkit suite: some named cases do not exist\n");
			return 2;
		}
		ncases = k;
	}

	/* The kit lane runs this very binary's `run`. */
	char self[4096];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	self[sl > 0 ? sl : 0] = 0;
	char binroot[4096];
	if (!realpath(ltp ? ltp : bins, binroot))
		snprintf(binroot, sizeof binroot, "%s", ltp ? ltp : bins);

	struct job *jv = calloc((size_t)ncases * (size_t)v.nabis * NLANES + 1, sizeof *jv);
	int nj = 0;
	for (int i = 0; i < ncases; i++) {
		for (int a = 0; a < v.nabis; a++) {
			const struct abi *abi = abi_find(abis[a]);
			const struct mrow *row = have_m ? manifest_lookup(&m, cases[i], abis[a]) : NULL;
			if (have_m && !ltp && !row)
				continue;	/* the case does not apply to this ABI */
			char bin[4096];
			if (snprintf(bin, sizeof bin, "%s/%s/%s", binroot, abis[a], cases[i]) >= (int)sizeof bin)
				continue;
			if (ltp && access(bin, F_OK))
				continue;	/* not provided for this ABI */
			for (int l = 0; l < NLANES; l++) {
				if (!v.lanes[l])
					continue;
				struct job *j = &jv[nj++];
				j->name = cases[i];
				j->abi = abis[a];
				j->lane = l;
				j->row = row;
				j->family = row ? row->family : family_of(cases[i]);
				j->qemu = abi->qemu;
				snprintf(j->bin, sizeof j->bin, "%s", bin);
				j->expect = expect_for(row, l, priv);
				if (j->expect < 0)
					j->why_notrun = row->reason;
				else if (l == LANE_QEMU && (!abi->qemu || !in_path(abi->qemu))) {
					j->expect = -1;
					j->why_notrun = "reference runner not installed";
				}
			}
		}
	}
	for (int k = 0; k < nj; k++)
		add_name(&v.families, &v.nfam, jv[k].family);
	qsort(v.families, (size_t)v.nfam, sizeof *v.families, cmp_str);
	for (int a = 0; a < v.nabis; a++) {
		const struct abi *abi = abi_find(abis[a]);
		if (v.lanes[LANE_QEMU] && (!abi->qemu || !in_path(abi->qemu)))
			printf("qemu lane for %s: %s not installed; its cases are not run\n", abis[a],
			       abi->qemu ? abi->qemu : "(no runner named)");
	}

	char work[4096];
	const char *tmp = getenv("TMPDIR");
	snprintf(work, sizeof work, "%s/compatkit-suite.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(work)) {
		fprintf(stderr, "compatkit suite: cannot make %s: %m\n", work);
		return 2;
	}
	char kitabs[4096];
	if (kit && realpath(kit, kitabs))
		kit = kitabs;	/* cases run in their own directories */
	struct runopts ro = {
		.kit = kit ? kit : self, .workdir = work, .jobs = jobs, .timeout = timeout,
		.progress = isatty(1),
	};
	suite_run(jv, nj, &ro);
	v.jobs = jv;
	v.n = nj;
	report_matrix(stdout, &v);
	int rc = 0;
	if (json && report_json(json, &v))
		fprintf(stderr, "compatkit suite: cannot write %s: %m\n", json), rc = 2;
	if (junit && report_junit(junit, &v))
		fprintf(stderr, "compatkit suite: cannot write %s: %m\n", junit), rc = 2;
	if (html && report_html(html, &v))
		fprintf(stderr, "compatkit suite: cannot write %s: %m\n", html), rc = 2;
	if (keep)
		printf("case directories kept in %s\n", work);
	else
		nftw(work, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	for (int i = 0; i < nj && !rc; i++)
		if (jv[i].judgement == J_REGRESSION)
			rc = 1;
	if (have_m)
		manifest_free(&m);
	return rc;
}
