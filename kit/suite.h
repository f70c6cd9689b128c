/* compatkit suite: the manifest, the runner and the reports.
 * tests/manifest.tsv says what each LTP-protocol case is expected to do on
 * each ABI; the runner runs every case under the kit (and qemu-user-static,
 * the reference lane) and compares.  See kit/cmd_suite.c for the CLI. */
#ifndef CK_SUITE_H
#define CK_SUITE_H

#include <stdio.h>
#include <stddef.h>
#include <sys/types.h>

/* ---- manifest (kit/suite_manifest.c) ---- */

enum expect_status { EX_PASS, EX_KNOWN_FAIL, EX_QEMU_FAIL, EX_NON_GOAL, EX_SKIP_PRIV, EX_NSTATUS };
extern const char *const expect_names[EX_NSTATUS];

struct mrow {
	char *name;		/* case (binary) name, e.g. write01 */
	char *family;		/* syscall family the matrix groups by */
	char *abis;		/* comma list, or NULL for "all" */
	char *reason;		/* required unless status is pass */
	int status;		/* enum expect_status */
	int line;		/* line in the file, for messages */
};

struct manifest {
	const char *path;
	struct mrow *rows;
	int n;
};

/* Load and validate the file's syntax; on error prints file:line: message
 * lines to err and returns -1. */
int manifest_load(const char *path, struct manifest *m, FILE *err);
/* The row that governs case name on abi: a row naming the ABI beats a row
 * for all ABIs.  NULL if no row applies (the case does not run there). */
const struct mrow *manifest_lookup(const struct manifest *m, const char *name, const char *abi);
/* Both directions: every case has a row, every row names a case.  Prints
 * one line per problem and returns how many. */
int manifest_check(const struct manifest *m, char *const *cases, int ncases, FILE *err);
void manifest_free(struct manifest *m);

/* ---- LTP protocol (kit/suite_proto.c) ---- */

/* LTP's result types (include/tst_res_flags.h) as exit-status bits. */
#define LTP_TFAIL 1
#define LTP_TBROK 2
#define LTP_TWARN 4
#define LTP_TCONF 32

struct ltp_counts {
	int pass, fail, brok, conf, warn, info;
	int summary;		/* a "Summary:" block was seen */
};

/* A case's outcome, worst last within each class. */
enum result { R_PASS, R_CONF, R_FAIL, R_BROK, R_TIMEOUT, R_CRASH, R_MISSING, R_NOTRUN, R_NRESULT };
extern const char *const result_names[R_NRESULT];

/* Count the result lines in a test's output.  Accepts the current LTP
 * library format ("file.c:12: TPASS: msg") and the old one
 * ("name    1  TPASS  :  msg"). */
void ltp_parse(const char *out, size_t n, struct ltp_counts *c);
/* Outcome from the counts and the wait status. */
int ltp_verdict(const struct ltp_counts *c, int wstatus, int timed_out);
/* pass 0 < skip 1 < fail 2: a regression is a result of a higher class
 * than expected. */
int result_class(int r);

/* ---- runner (kit/suite_run.c) ---- */

enum lane { LANE_KIT, LANE_QEMU, NLANES };
enum judgement { J_OK, J_REGRESSION, J_UNEXPECTED_PASS, J_CHANGED, J_NOTRUN, J_UNLISTED };

struct job {
	const char *name, *family, *abi;
	int lane;
	const struct mrow *row;	/* NULL: not in the manifest (external LTP) */
	int expect;		/* expected class: 0 pass, 1 skip, 2 fail; -1 not run */
	char bin[4096];
	const char *qemu;	/* reference runner for the qemu lane */
	const char *why_notrun;
	/* filled by the runner */
	pid_t pid;
	double t0, secs;
	int wstatus, timed_out;
	int result, judgement;
	struct ltp_counts c;
	char *out;		/* combined stdout+stderr (truncated) */
	size_t outlen;
};

struct runopts {
	const char *kit;	/* path of compatkit itself */
	const char *workdir;	/* per-case temp dirs go under it */
	int jobs;
	int timeout;		/* seconds per case */
	int progress;		/* draw a progress line (stdout is a tty) */
};

/* Run every job whose expect >= 0 (others get R_NOTRUN), judge each. */
void suite_run(struct job *jobs, int n, const struct runopts *o);
void suite_judge(struct job *j);

/* ---- reports (kit/suite_report.c, kit/suite_html.c) ---- */

struct suite_view {
	struct job *jobs;
	int n;
	const char *const *abis;
	int nabis;
	int lanes[NLANES];	/* which lanes ran */
	char **families;	/* distinct families in first-seen order */
	int nfam;
};

void report_matrix(FILE *f, const struct suite_view *v);
int report_json(const char *path, const struct suite_view *v);
int report_junit(const char *path, const struct suite_view *v);
int report_html(const char *path, const struct suite_view *v);
/* JSON string (with quotes); '<' '>' '&' escaped so it can sit in HTML. */
void json_str(FILE *f, const char *s, size_t n);

#endif
