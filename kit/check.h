/*
 * compatkit check: the bring-up stages of an arch, each a list of graded
 * items.  kit/cmd_check.c is the CLI and the report; kit/check_id.c holds
 * stages 1-3 (probe, table, layouts), kit/check_run.c stages 4-6 (hello,
 * signals, abi-variants), kit/check_suite.c stage 7 (suite),
 * kit/check_util.c the plumbing (the source tree, arch.mk, running make
 * and the test scripts).
 *
 * Stages reuse the project's own checks: the probe API, the scripts under
 * tests/tables and tests/layouts, tests/compare.sh and `compatkit suite`.  Nothing here names
 * an arch: everything comes from arches/<dir>/arch.mk and the descriptors.
 */
#ifndef CK_CHECK_H
#define CK_CHECK_H

#include <stddef.h>
#include "abi.h"

#define CK_MAXABI	8
#define CK_MAXITEM	96
#define CK_NSTAGE	7

struct ck_item {
	char text[160];		/* what is graded, e.g. "powerpc: static hello is taken as powerpc" */
	int ok;
	char detail[400];	/* why it failed (or a short note when it passed) */
};

struct ck_abi {
	const char *name;
	const struct abi *desc;	/* NULL: arch.mk lists it but this build has no descriptor */
	char triplet[96], qemu[96];
};

/* Results of the runtime comparison per ABI and stage, so that stage 6
 * reuses what stages 4 and 5 found. */
struct ck_cmp {
	int done, ok, n;	/* n: cases compared */
	char reason[400];
};

struct ck_ctx {
	char root[4096];	/* the source tree (has arches/ and Makefile) */
	char self[4096];	/* this compatkit binary */
	char arch[64];		/* arches/<arch> */
	struct ck_abi abis[CK_MAXABI];	/* the ABIs checked (all of the arch, or the one named) */
	int nabi;
	struct ck_abi all[CK_MAXABI];	/* every ABI of the arch dir */
	int nall;
	struct ck_cmp cmp[CK_MAXABI][2];	/* [abi index in all][0: hello, 1: signals] */
	int verbose;

	/* the stage being run */
	struct ck_item items[CK_MAXITEM];
	int nitem;
	char reason[600];	/* set by the stage when it fails without a failing item */
	int not_built;		/* the stage's machinery is not in this tree yet */
};

struct ck_stage {
	int num;
	const char *name;	/* probe, table, layouts, hello, signals, abi-variants, suite */
	const char *lesson;	/* lessons/<file> */
	const char *what;	/* one line: what passing means */
	const char *look;	/* where to look, "%s" = the arch dir */
	void (*run)(struct ck_ctx *c);
};

extern const struct ck_stage ck_stages[CK_NSTAGE];

/* ---- items ---- */
/* Add an item (printf-style text); ck_detail then says why it failed. */
struct ck_item *ck_item(struct ck_ctx *c, int ok, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void ck_detail(struct ck_item *it, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* ---- stages (check_id.c, check_run.c) ---- */
void ck_stage_probe(struct ck_ctx *c);
void ck_stage_table(struct ck_ctx *c);
void ck_stage_layouts(struct ck_ctx *c);
void ck_stage_hello(struct ck_ctx *c);
void ck_stage_signals(struct ck_ctx *c);
void ck_stage_variants(struct ck_ctx *c);
void ck_stage_suite(struct ck_ctx *c);

/* Whether abi passes stage 4 (kind 0: hello) or 5 (kind 1: signals):
 * the comparison runs once per check and is kept (check_run.c). */
const struct ck_cmp *ck_passes(struct ck_ctx *c, const char *abi, int kind);
/* The tree has signal comparison cases (else stage 5 is not built yet). */
int ck_have_signal_tests(struct ck_ctx *c);

/* ---- plumbing (check_util.c) ---- */
/* The tree compatkit was built in (dir above build/), else the current
 * directory, if it has arches/; else NULL. */
const char *ck_find_root(char *buf, size_t n);
/* ABIs of arches/<dir>/arch.mk ("ABIS += a b"): count, or -1 if no arch.mk. */
int ck_arch_abis(const char *root, const char *dir, char names[][64], int max);
/* VAR's value in arches/<dir>/arch.mk ("VAR := value"), "" if absent. */
void ck_arch_var(const char *root, const char *dir, const char *var, char *out, size_t n);
/* Which arch dir lists ABI abi; 0 if found. */
int ck_abi_dir(const char *root, const char *abi, char *dir, size_t n);
/* Run argv in dir (NULL: root) with extra environment (NULL-terminated
 * "K=V" list or NULL); stdout+stderr into *out (malloc'd, NUL-terminated).
 * Returns the exit status, 128+N for a signal, -1 if it could not run. */
int ck_run(const char *dir, char *const env[], char *const argv[], char **out);
/* make -C root TARGETS...; 0 on success, else *out has make's output. */
int ck_make(struct ck_ctx *c, char *const targets[], char **out);
/* The first line of s that contains needle (or the first line if needle is
 * NULL), copied into buf. */
const char *ck_line(const char *s, const char *needle, char *buf, size_t n);
int ck_count_lines(const char *s, const char *needle);
/* Read a whole file (malloc'd), NULL if unreadable. */
char *ck_slurp(const char *path, size_t *len);
int ck_exists(const char *path);
/* The C compiler for guest code of a triplet: the host's gcc for its own. */
void ck_guest_cc(const char *triplet, char *out, size_t n);
/* The function symbol of ELF file path that contains addr: 0 if found. */
int ck_symbolize(const char *path, unsigned long long addr, char *name, size_t n, unsigned long long *off);

#endif
