/* compatkit diff: syscall traces of the kit and of qemu-user, normalised
 * (kit/diff_trace.c) and aligned (kit/cmd_diff.c). */
#ifndef CK_DIFF_H
#define CK_DIFF_H
#include <stdio.h>
#include "abi.h"

#define DIFF_MAXARGS 8

struct call {
	long pid;		/* the line's pid column */
	char name[40];
	char *args[DIFF_MAXARGS];	/* as printed, trimmed */
	int nargs;
	int has_ret;		/* qemu prints no result for exit_group */
	long long ret;
	char err[24];		/* errno name when the call failed, else "" */
	char *raw;		/* the line as printed */
};

struct calls {
	struct call *c;
	int n, cap;
};

/* qemu_format: lines may be split by the guest's own stderr output. abi
 * names qemu's "Unknown syscall N" from our table. */
int calls_parse(FILE *f, int qemu_format, const struct abi *abi, struct calls *v);
void calls_free(struct calls *v);
/* 1 and a one-line reason if the two calls differ in what can be compared. */
int call_args_differ(const struct call *k, const struct call *q, char *why, size_t len);
int call_ret_differ(const struct call *k, const struct call *q, char *why, size_t len);
#endif
