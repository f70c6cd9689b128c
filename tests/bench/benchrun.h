/* benchrun: shared definitions of the driver (benchrun.c) and its report,
 * JSON and helper code (benchreport.c). */
#ifndef CK_BENCHRUN_H
#define CK_BENCHRUN_H

#include <stddef.h>

#define MAXREPS 31
#define SKIP_STATUS 77		/* a guest's "not implemented here" (forkexec.c) */
enum { LANE_KIT, LANE_QEMU };
enum { ROW_OK, ROW_SKIP, ROW_MISMATCH, ROW_FAIL };

struct bench {
	const char *name, *group, *prog;
	char *full[4], *tiny[4];	/* arguments; "@CHILD@" is the exec target */
	int runs, tiny_runs;		/* program runs per sample */
	double goal;			/* target kit/qemu ratio (0: none) */
};

struct opts {
	int reps, tiny;
	const char *json, *kit, *dir, *only;
};

struct abispec { const char *abi, *qemu; };

struct run { double wall, cpu; long maxrss_kb; int status; };

struct lane_ref { int status; char *out; size_t len; };

struct lane_stat {
	double wall[MAXREPS], cpu[MAXREPS];	/* per sample, summed over runs */
	double med_wall, med_cpu;
	long maxrss_kb;				/* peak over all runs */
};

struct row {
	const struct bench *bench;
	const char *abi;
	int state;			/* ROW_* */
	char reason[160];
	int reps, ops;
	struct lane_stat lane[2];
	double ratio;			/* median kit wall / median qemu wall */
	double cpu_ratio;		/* the same for CPU time (user + sys) */
};

int run_once(char *const argv[], const char *outpath, struct run *r);
double median(double *v, int n);

char *which(const char *name);	/* absolute path in $PATH (malloc'd) or NULL */
int make_child(const char *dir, const char *abi, const char *qemu_path, char *child, size_t len);
void suite_row(const struct opts *o, struct row *row, const struct abispec *abis, int nabi);
void print_header(void);
void print_row(const struct row *r);
int print_summary(const struct row *rows, int n, unsigned maj, unsigned min);
int write_json(const char *path, const struct row *rows, int n, const struct opts *o,
	       unsigned maj, unsigned min);

#endif
