/* benchrun's table, summary, JSON, and helpers (qemu child wrapper, suite). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/stat.h>
#include "tests/bench/benchrun.h"

char *which(const char *name)
{
	if (strchr(name, '/'))
		return realpath(name, NULL);
	const char *path = getenv("PATH");
	char buf[4096];
	for (const char *p = path ? path : "/usr/bin:/bin"; *p;) {
		size_t k = strcspn(p, ":");
		snprintf(buf, sizeof buf, "%.*s/%s", (int)k, p, name);
		if (k && access(buf, X_OK) == 0)
			return realpath(buf, NULL);
		p += k + (p[k] == ':');
	}
	return NULL;
}

/* The exec target of forkexec: DIR/ABI/true (absolute) for the kit, and
 * DIR/ABI/true.qemu, a "#!QEMU TRUE" file, for qemu-user: without
 * binfmt_misc the host kernel cannot run a foreign binary, and a #! line
 * makes it start qemu exactly as binfmt_misc would. */
int make_child(const char *dir, const char *abi, const char *qemu_path, char *child, size_t len)
{
	char rel[4096], wrap[4200];
	snprintf(rel, sizeof rel, "%s/%s/true", dir, abi);
	if (!realpath(rel, child) || strlen(child) >= len)
		snprintf(child, len, "%s", rel);
	snprintf(wrap, sizeof wrap, "%s.qemu", child);
	FILE *f = fopen(wrap, "w");
	if (!f)
		return -1;
	fprintf(f, "#!%s %s\n", qemu_path, child);
	if (fclose(f) || chmod(wrap, 0755))
		return -1;
	return 0;
}

/* The regression suite's two lanes, if `compatkit suite` has them. */
void suite_row(const struct opts *o, struct row *row, const struct abispec *abis, int nabi)
{
	static const struct bench suite = { "suite", "suite", "compatkit suite", { 0 }, { 0 }, 1, 1, 0 };
	memset(row, 0, sizeof *row);
	row->bench = &suite;
	row->abi = "all";
	char out[] = "build/.bench-suite.out";
	struct run r;
	char *help[] = { (char *)o->kit, "suite", "--help", NULL };
	if (run_once(help, out, &r) || r.status != 0) {
		row->state = ROW_SKIP;
		snprintf(row->reason, sizeof row->reason, "skipped: compatkit suite not implemented");
		unlink(out);
		unlink("build/.bench-suite.out.err");
		return;
	}
	FILE *f = fopen(out, "r");
	char line[512];
	int lanes = 0;
	while (f && fgets(line, sizeof line, f))
		lanes |= strstr(line, "--lane") != NULL;
	if (f)
		fclose(f);
	if (!lanes) {
		row->state = ROW_SKIP;
		snprintf(row->reason, sizeof row->reason, "skipped: compatkit suite has no --lane kit|qemu option");
		unlink(out);
		unlink("build/.bench-suite.out.err");
		return;
	}
	/* One repetition: the suite is long, and its two lanes are already
	 * many programs each. */
	char *argv[2][5] = { { (char *)o->kit, "suite", "--lane", "kit", NULL },
			     { (char *)o->kit, "suite", "--lane", "qemu", NULL } };
	for (int lane = 0; lane < 2; lane++) {
		if (run_once(argv[lane], out, &r)) {
			row->state = ROW_FAIL;
			snprintf(row->reason, sizeof row->reason, "cannot start compatkit suite");
			break;
		}
		row->lane[lane].wall[0] = row->lane[lane].med_wall = r.wall;
		row->lane[lane].cpu[0] = row->lane[lane].med_cpu = r.cpu;
		row->lane[lane].maxrss_kb = r.maxrss_kb;
		if (r.status)
			snprintf(row->reason, sizeof row->reason, "lane %s exited %d", argv[lane][3], r.status);
	}
	row->reps = 1;
	row->ops = 1;
	if (row->lane[LANE_QEMU].med_wall > 0)
		row->ratio = row->lane[LANE_KIT].med_wall / row->lane[LANE_QEMU].med_wall;
	if (row->lane[LANE_QEMU].med_cpu > 0)
		row->cpu_ratio = row->lane[LANE_KIT].med_cpu / row->lane[LANE_QEMU].med_cpu;
	unlink(out);
	unlink("build/.bench-suite.out.err");
	(void)abis, (void)nabi;
}

void print_header(void)
{
	printf("%-9s %-12s %9s %9s %8s %5s %9s %9s %8s %8s %8s\n", "bench", "abi", "kit s", "qemu s",
	       "kit/qemu", "goal", "kit cpu", "qemu cpu", "cpu k/q", "kit MB", "qemu MB");
	fflush(stdout);
}

void print_row(const struct row *r)
{
	if (r->state == ROW_SKIP || r->state == ROW_FAIL || r->state == ROW_MISMATCH) {
		printf("%-9s %-12s %s%s\n", r->bench->name, r->abi,
		       r->state == ROW_SKIP ? "" : r->state == ROW_FAIL ? "FAIL: " : "MISMATCH: ", r->reason);
	} else {
		char goal[16] = "-";
		if (r->bench->goal > 0)
			snprintf(goal, sizeof goal, "%.1f", r->bench->goal);
		printf("%-9s %-12s %9.3f %9.3f %8.2f %5s %9.3f %9.3f %8.2f %8.1f %8.1f%s%s\n", r->bench->name, r->abi,
		       r->lane[LANE_KIT].med_wall, r->lane[LANE_QEMU].med_wall, r->ratio, goal,
		       r->lane[LANE_KIT].med_cpu, r->lane[LANE_QEMU].med_cpu, r->cpu_ratio,
		       r->lane[LANE_KIT].maxrss_kb / 1024.0, r->lane[LANE_QEMU].maxrss_kb / 1024.0,
		       r->reason[0] ? "  " : "", r->reason);
	}
	fflush(stdout);
}

/* One line: counts, geometric mean of the ratios, goals met, the worst row. */
int print_summary(const struct row *rows, int n, unsigned maj, unsigned min)
{
	int ok = 0, skip = 0, bad = 0, goals = 0, met = 0, cpu_met = 0;
	double logsum = 0;
	const struct row *worst = NULL;
	for (int i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		if (r->state == ROW_SKIP) {
			skip++;
			continue;
		}
		if (r->state != ROW_OK) {
			bad++;
			continue;
		}
		ok++;
		logsum += log(r->ratio > 0 ? r->ratio : 1e-9);
		if (r->bench->goal > 0) {
			goals++;
			met += r->ratio <= r->bench->goal;
			cpu_met += r->cpu_ratio <= r->bench->goal;
			if (!worst || r->ratio / r->bench->goal > worst->ratio / worst->bench->goal)
				worst = r;
		}
	}
	printf("summary: unicorn %u.%u; %d measured, %d skipped, %d mismatched/failed; "
	       "geomean kit/qemu %.2f; goals met %d/%d by wall time, %d/%d by CPU time", maj, min, ok, skip, bad,
	       ok ? exp(logsum / ok) : 0.0, met, goals, cpu_met, goals);
	if (worst)
		printf("; worst %s/%s %.2f (goal %.1f)", worst->bench->name, worst->abi, worst->ratio,
		       worst->bench->goal);
	printf("\n");
	return bad;
}

static void json_lane(FILE *f, const struct lane_stat *s, int reps)
{
	fprintf(f, "{\"median_wall_s\": %.6f, \"median_cpu_s\": %.6f, \"peak_rss_kb\": %ld, \"wall_s\": [",
		s->med_wall, s->med_cpu, s->maxrss_kb);
	for (int i = 0; i < reps; i++)
		fprintf(f, "%s%.6f", i ? ", " : "", s->wall[i]);
	fprintf(f, "]}");
}

int write_json(const char *path, const struct row *rows, int n, const struct opts *o,
	       unsigned maj, unsigned min)
{
	static const char *states[] = { "ok", "skipped", "mismatch", "failed" };
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	char host[256] = "";
	gethostname(host, sizeof host - 1);
	fprintf(f, "{\n  \"unicorn\": \"%u.%u\",\n  \"host\": \"%s\",\n  \"time\": %lld,\n"
		"  \"repetitions\": %d,\n  \"tiny\": %s,\n  \"results\": [\n",
		maj, min, host, (long long)time(NULL), o->tiny ? 1 : o->reps, o->tiny ? "true" : "false");
	for (int i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		fprintf(f, "    {\"bench\": \"%s\", \"group\": \"%s\", \"abi\": \"%s\", \"status\": \"%s\"",
			r->bench->name, r->bench->group, r->abi, states[r->state]);
		if (r->reason[0])
			fprintf(f, ", \"reason\": \"%s\"", r->reason);	/* our own text: no quotes in it */
		if (r->state == ROW_OK) {
			fprintf(f, ", \"ratio\": %.4f, \"cpu_ratio\": %.4f", r->ratio, r->cpu_ratio);
			if (r->bench->goal > 0)
				fprintf(f, ", \"goal\": %.2f", r->bench->goal);
			fprintf(f, ", \"runs_per_sample\": %d, \"kit\": ", r->ops);
			json_lane(f, &r->lane[LANE_KIT], r->reps);
			fprintf(f, ", \"qemu\": ");
			json_lane(f, &r->lane[LANE_QEMU], r->reps);
		}
		fprintf(f, "}%s\n", i + 1 < n ? "," : "");
	}
	fprintf(f, "  ]\n}\n");
	return fclose(f);
}
