/*
 * benchrun: run the guest benchmarks under the kit and under qemu-user,
 * interleaved (kit, qemu, kit, qemu ...), and report the medians, their
 * ratio, CPU time and peak RSS per ABI; write everything as JSON.
 *
 * Correctness first: every run's stdout and exit status must equal the
 * first qemu run's, or the row is a MISMATCH and benchrun exits 1.  Times
 * are reported, never asserted.
 *
 * usage: benchrun [-r REPS] [-j JSON] [-k KIT] [-d DIR] [-b LIST] [-t] ABI=QEMU...
 *   -d DIR   guest programs in DIR/<abi>/  (build/bench)
 *   -b LIST  comma-separated benchmarks (default: all)
 *   -t       tiny: small sizes, one repetition -- a correctness check
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unicorn/unicorn.h>
#include "tests/bench/benchrun.h"

static const struct bench benches[] = {
	/* name      group       prog        full args                 tiny args        runs/sample goal */
	{ "compute", "compute", "compute", { "2000000", "16777216", NULL }, { "20000", "65536", NULL }, 1, 1, 1.3 },
	{ "getppid", "syscall", "getppid", { "1000000", NULL }, { "1000", NULL }, 1, 1, 1.0 },
	{ "devnull", "syscall", "devnull", { "1000000", NULL }, { "1000", NULL }, 1, 1, 1.0 },
	{ "startup", "startup", "hello", { NULL }, { NULL }, 200, 2, 1.0 },
	{ "forkexec", "forkexec", "forkexec", { "200", "@CHILD@", NULL }, { "2", "@CHILD@", NULL }, 1, 1, 0 },
};
#define NBENCH (sizeof benches / sizeof benches[0])

static struct opts o = { .reps = 5, .json = "build/bench.json", .kit = "build/compatkit",
			 .dir = "build/bench" };

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Run argv once with stdout to outpath; fill one run's measurements. */
int run_once(char *const argv[], const char *outpath, struct run *r)
{
	double t0 = now();
	pid_t p = fork();
	if (p < 0)
		return -1;
	if (p == 0) {
		char errpath[4200];
		snprintf(errpath, sizeof errpath, "%s.err", outpath);
		int in = open("/dev/null", O_RDONLY);
		int out = open(outpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		int err = open(errpath, O_WRONLY | O_CREAT | O_TRUNC, 0644);
		if (in < 0 || out < 0 || err < 0)
			_exit(126);
		dup2(in, 0);
		dup2(out, 1);
		dup2(err, 2);
		execvp(argv[0], argv);
		fprintf(stderr, "benchrun: %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	int st;
	struct rusage ru;
	if (wait4(p, &st, 0, &ru) != p)
		return -1;
	r->wall = now() - t0;
	r->cpu = ru.ru_utime.tv_sec + ru.ru_utime.tv_usec / 1e6 + ru.ru_stime.tv_sec + ru.ru_stime.tv_usec / 1e6;
	r->maxrss_kb = ru.ru_maxrss;
	r->status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
	return 0;
}

static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *b = malloc(cap);
	size_t k;
	while (b && (k = fread(b + n, 1, cap - n, f)) > 0)
		if ((n += k) == cap && !(b = realloc(b, cap *= 2)))
			break;
	fclose(f);
	*len = n;
	return b;
}

/* Same stdout and status as the reference?  Explains a difference on stderr. */
static int same(const struct lane_ref *ref, const char *outpath, const struct run *r,
		const char *what)
{
	size_t n;
	char *got = slurp(outpath, &n);
	int ok = got && r->status == ref->status && n == ref->len && !memcmp(got, ref->out, n);
	if (!ok) {
		fprintf(stderr, "benchrun: MISMATCH %s: status %d (qemu %d), %zu bytes of stdout (qemu %zu)\n",
			what, r->status, ref->status, got ? n : 0, ref->len);
		fprintf(stderr, "  qemu: %.*s", (int)(ref->len < 200 ? ref->len : 200), ref->out);
		fprintf(stderr, "  got:  %.*s\n", (int)(got && n < 200 ? n : (got ? 200 : 0)), got ? got : "");
		char errpath[4200];
		snprintf(errpath, sizeof errpath, "%s.err", outpath);
		char *e = slurp(errpath, &n);
		if (e && n)
			fprintf(stderr, "  its stderr: %.*s\n", (int)(n < 300 ? n : 300), e);
		free(e);
	}
	free(got);
	return ok;
}

/* The command line of one lane: [qemu | kit run --abi A] PROG ARGS. */
static void build_argv(char **argv, const struct bench *b, const struct abispec *a, int lane,
		       char *prog, char *child)
{
	int n = 0;
	if (lane == LANE_KIT) {
		argv[n++] = (char *)o.kit;
		argv[n++] = "run";
		argv[n++] = "--abi";
		argv[n++] = (char *)a->abi;
	} else
		argv[n++] = (char *)a->qemu;
	argv[n++] = prog;
	char *const *args = o.tiny ? b->tiny : b->full;
	for (int i = 0; args[i]; i++)
		argv[n++] = strcmp(args[i], "@CHILD@") ? args[i] : child;
	argv[n] = NULL;
}

static int cmp_double(const void *x, const void *y)
{
	double a = *(const double *)x, b = *(const double *)y;
	return (a > b) - (a < b);
}

double median(double *v, int n)
{
	qsort(v, n, sizeof *v, cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

static void summarize(struct lane_stat *s, int reps)
{
	double w[MAXREPS], c[MAXREPS];
	memcpy(w, s->wall, sizeof w);
	memcpy(c, s->cpu, sizeof c);
	s->med_wall = median(w, reps);
	s->med_cpu = median(c, reps);
}

/* One benchmark on one ABI: a reference run, then REPS interleaved samples. */
static void bench_abi(const struct bench *b, const struct abispec *a, struct row *row)
{
	memset(row, 0, sizeof *row);
	row->bench = b;
	row->abi = a->abi;
	char prog[4096], child[4096], outk[4200], outq[4200], what[256];
	snprintf(prog, sizeof prog, "%s/%s/%s", o.dir, a->abi, b->prog);
	snprintf(outk, sizeof outk, "%s/%s/.%s.kit.out", o.dir, a->abi, b->name);
	snprintf(outq, sizeof outq, "%s/%s/.%s.qemu.out", o.dir, a->abi, b->name);
	if (access(prog, R_OK)) {
		row->state = ROW_SKIP;
		snprintf(row->reason, sizeof row->reason, "skipped: %.120s not built", prog);
		return;
	}
	char *qemu_path = which(a->qemu);
	if (!qemu_path) {
		row->state = ROW_SKIP;
		snprintf(row->reason, sizeof row->reason, "skipped: %s not installed", a->qemu);
		return;
	}
	char *kargv[16], *qargv[16];
	/* forkexec: the kit runs the guest child itself; qemu-user needs the
	 * host to start qemu for it, which a #! line does as binfmt_misc would. */
	if (make_child(o.dir, a->abi, qemu_path, child, sizeof child)) {
		row->state = ROW_FAIL;
		snprintf(row->reason, sizeof row->reason, "cannot write the qemu child wrapper");
		return;
	}
	free(qemu_path);
	char childq[4200];
	snprintf(childq, sizeof childq, "%s.qemu", child);
	build_argv(kargv, b, a, LANE_KIT, prog, child);
	build_argv(qargv, b, a, LANE_QEMU, prog, childq);

	struct run r;
	struct lane_ref ref = { 0 };
	if (run_once(qargv, outq, &r)) {
		row->state = ROW_FAIL;
		snprintf(row->reason, sizeof row->reason, "cannot start %s", a->qemu);
		return;
	}
	ref.status = r.status;
	ref.out = slurp(outq, &ref.len);
	snprintf(what, sizeof what, "%s/%s kit run", b->name, a->abi);
	if (run_once(kargv, outk, &r)) {
		row->state = ROW_FAIL;
		snprintf(row->reason, sizeof row->reason, "cannot start %s", o.kit);
		goto out;
	}
	if (r.status == SKIP_STATUS) {
		size_t n;
		char *k = slurp(outk, &n);
		if (k && n > 8 && !strncmp(k, "skipped:", 8)) {
			row->state = ROW_SKIP;
			snprintf(row->reason, sizeof row->reason, "%.*s", (int)strcspn(k, "\n"), k);
			free(k);
			goto out;
		}
		free(k);
	}
	if (!same(&ref, outk, &r, what)) {
		row->state = ROW_MISMATCH;
		snprintf(row->reason, sizeof row->reason, "kit output differs from qemu's");
		goto out;
	}
	int reps = o.tiny ? 1 : o.reps, inner = o.tiny ? b->tiny_runs : b->runs;
	for (int rep = 0; rep < reps && row->state == ROW_OK; rep++)
		for (int lane = 0; lane < 2 && row->state == ROW_OK; lane++) {
			struct lane_stat *s = &row->lane[lane];
			char **argv = lane == LANE_KIT ? kargv : qargv;
			const char *outp = lane == LANE_KIT ? outk : outq;
			for (int i = 0; i < inner; i++) {
				if (run_once(argv, outp, &r) ||
				    !same(&ref, outp, &r, lane == LANE_KIT ? what : "qemu (not repeatable)")) {
					row->state = ROW_MISMATCH;
					snprintf(row->reason, sizeof row->reason, "%s output differs from qemu's first run",
						 lane == LANE_KIT ? "kit" : "qemu");
					break;
				}
				s->wall[rep] += r.wall;
				s->cpu[rep] += r.cpu;
				if (r.maxrss_kb > s->maxrss_kb)
					s->maxrss_kb = r.maxrss_kb;
			}
		}
	if (row->state == ROW_OK) {
		for (int lane = 0; lane < 2; lane++)
			summarize(&row->lane[lane], reps);
		row->reps = reps;
		row->ops = b->runs;
		row->ratio = row->lane[LANE_QEMU].med_wall > 0 ?
			row->lane[LANE_KIT].med_wall / row->lane[LANE_QEMU].med_wall : 0;
		row->cpu_ratio = row->lane[LANE_QEMU].med_cpu > 0 ?
			row->lane[LANE_KIT].med_cpu / row->lane[LANE_QEMU].med_cpu : 0;
	}
out:
	free(ref.out);
	for (int i = 0; i < 2; i++) {
		char e[4300];
		const char *p = i ? outq : outk;
		snprintf(e, sizeof e, "%s.err", p);
		unlink(p);
		unlink(e);
	}
}

static int wanted(const char *name)
{
	if (!o.only)
		return 1;
	size_t n = strlen(name);
	for (const char *p = o.only; *p;) {
		size_t k = strcspn(p, ",");
		if (k == n && !strncmp(p, name, n))
			return 1;
		p += k + (p[k] == ',');
	}
	return 0;
}

int main(int argc, char **argv)
{
	int c;
	while ((c = getopt(argc, argv, "r:j:k:d:b:th")) != -1) {
		switch (c) {
		case 'r': o.reps = atoi(optarg); break;
		case 'j': o.json = optarg; break;
		case 'k': o.kit = optarg; break;
		case 'd': o.dir = optarg; break;
		case 'b': o.only = optarg; break;
		case 't': o.tiny = 1; break;
		case 'h':
			printf("usage: benchrun [-r REPS] [-j JSON] [-k KIT] [-d DIR] [-b LIST] [-t] ABI=QEMU...\n");
			return 0;
		default: return 2;
		}
	}
	if (o.reps < 1 || o.reps > MAXREPS) {
		fprintf(stderr, "benchrun: -r: 1..%d repetitions\n", MAXREPS);
		return 2;
	}
	struct abispec abis[16];
	int nabi = 0;
	for (int i = optind; i < argc && nabi < 16; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq) {
			fprintf(stderr, "benchrun: %s: expected ABI=QEMU\n", argv[i]);
			return 2;
		}
		*eq = 0;
		abis[nabi++] = (struct abispec){ argv[i], eq + 1 };
	}
	if (!nabi) {
		fprintf(stderr, "benchrun: no ABIs given\n");
		return 2;
	}
	unsigned maj, min;
	uc_version(&maj, &min);
	printf("benchrun: unicorn %u.%u, %d repetitions, kit/qemu interleaved; medians of wall time\n",
	       maj, min, o.tiny ? 1 : o.reps);
	if (maj < 2 || (maj == 2 && min < 1))
		printf("benchrun: note: unicorn < 2.1 takes a slow path for every guest store (expect compute 8-15x qemu)\n");
	print_header();

	static struct row rows[NBENCH * 16 + 1];
	int nrow = 0;
	for (unsigned i = 0; i < NBENCH; i++) {
		if (!wanted(benches[i].name))
			continue;
		for (int k = 0; k < nabi; k++) {
			bench_abi(&benches[i], &abis[k], &rows[nrow]);
			print_row(&rows[nrow++]);
		}
	}
	if (wanted("suite"))
		suite_row(&o, &rows[nrow], abis, nabi), print_row(&rows[nrow++]);
	int bad = print_summary(rows, nrow, maj, min);
	if (o.tiny)
		printf("benchrun: tiny run (-t): a check that outputs agree; its times mean nothing\n");
	if (write_json(o.json, rows, nrow, &o, maj, min))
		fprintf(stderr, "benchrun: cannot write %s: %s\n", o.json, strerror(errno));
	else
		printf("benchrun: results in %s\n", o.json);
	return bad ? 1 : 0;
}
