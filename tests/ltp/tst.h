/*
 * compatkit's test harness for guest programs: LTP's protocol, our code.
 * A test declares one `struct tst_test test` (what to run, how many cases,
 * setup/cleanup, needs) and reports with tst_res()/tst_brk().  Output lines
 * and exit bits follow LTP (include/tst_res_flags.h):
 *   "<file>:<line>: TPASS: msg", then a Summary block;
 *   exit status = OR of TFAIL 1, TBROK 2, TWARN 4, TCONF 32 seen.
 * Built statically for every ABI from tests/ltp/<name>.c.
 */
#ifndef CK_TST_H
#define CK_TST_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define TPASS 0
#define TFAIL 1
#define TBROK 2
#define TWARN 4
#define TINFO 16
#define TCONF 32
#define TERRNO 0x100	/* append errno's name to the message */

struct tst_test {
	void (*setup)(void);
	void (*cleanup)(void);
	void (*test_all)(void);		/* one run, or: */
	void (*test)(unsigned int n);	/* called for n = 0 .. tcnt-1 */
	unsigned int tcnt;
	int needs_tmpdir;	/* run in a fresh temporary directory */
	int needs_root;		/* TCONF unless uid 0 */
	int forks_child;	/* the test forks; children report too */
	const char *abis;	/* comma list of ABIs it supports; NULL: all */
};

extern struct tst_test test;

void tst_res_(const char *file, int line, int ttype, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
void tst_brk_(const char *file, int line, int ttype, const char *fmt, ...)
	__attribute__((format(printf, 4, 5), noreturn));
const char *tst_strerrno(int err);
/* Absolute path of build/guest/<abi>/<name> for a test running as
 * build/ltp/<abi>/<test> (found through /proc/self/exe), or NULL. */
const char *tst_guest_path(const char *name);

#define tst_res(ttype, ...) tst_res_(__FILE__, __LINE__, (ttype), __VA_ARGS__)
#define tst_brk(ttype, ...) tst_brk_(__FILE__, __LINE__, (ttype), __VA_ARGS__)

/* Expect a call to fail with errno e: TPASS if so, TFAIL otherwise. */
#define TST_EXP_FAIL(call, e, ...) do {						\
	errno = 0;								\
	long tst_r_ = (long)(call);						\
	if (tst_r_ != -1)							\
		tst_res(TFAIL, #call " succeeded (%ld), expected %s", tst_r_, tst_strerrno(e)); \
	else if (errno != (e))							\
		tst_res(TFAIL, #call " failed with %s, expected %s", tst_strerrno(errno), tst_strerrno(e)); \
	else									\
		tst_res(TPASS, #call " failed as expected: %s", tst_strerrno(e));	\
} while (0)

/* Expect a call to succeed (return != -1): TPASS/TFAIL, result in TST_RET. */
extern long TST_RET;
#define TST_EXP_PASS(call, ...) do {						\
	errno = 0;								\
	TST_RET = (long)(call);							\
	if (TST_RET == -1)							\
		tst_res(TFAIL, #call " failed: %s", tst_strerrno(errno));	\
	else									\
		tst_res(TPASS, #call " returned %ld", TST_RET);			\
} while (0)

#endif
