/* membarrier: MEMBARRIER_CMD_QUERY returns a set of single-bit commands
 * of linux/membarrier.h; each offered command works (PRIVATE_EXPEDITED
 * is EPERM before its registration and 0 after, with a second thread
 * running); a command outside the set, two bits, a negative one and any
 * flags are EINVAL. */
#define _GNU_SOURCE
#include <linux/membarrier.h>
#include <pthread.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "tst.h"

static long mb(int cmd, unsigned flags) { return syscall(__NR_membarrier, cmd, flags, 0); }

static volatile int stop;
static void *spin(void *arg)
{
	while (!stop)
		;
	return arg;
}

static void run(void)
{
	long q = mb(MEMBARRIER_CMD_QUERY, 0);
	if (q < 0)
		tst_brk(TFAIL | TERRNO, "MEMBARRIER_CMD_QUERY");
	long all = MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED |
		   MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED | MEMBARRIER_CMD_PRIVATE_EXPEDITED |
		   MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED |
		   MEMBARRIER_CMD_PRIVATE_EXPEDITED_SYNC_CORE |
		   MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_SYNC_CORE |
		   MEMBARRIER_CMD_PRIVATE_EXPEDITED_RSEQ |
		   MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED_RSEQ;
	tst_res(TINFO, "MEMBARRIER_CMD_QUERY: %#lx", q);
	/* a newer kernel may add bits past the headers' (GET_REGISTRATIONS) */
	if ((q & ~all & ~(1L << 9)) == 0)
		tst_res(TPASS, "QUERY returns known commands only");
	else
		tst_res(TFAIL, "QUERY returns unknown bits %#lx", q & ~all);

	pthread_t th;
	if (pthread_create(&th, NULL, spin, NULL))
		tst_brk(TBROK, "pthread_create");
	if (q & MEMBARRIER_CMD_GLOBAL)
		TST_EXP_PASS(mb(MEMBARRIER_CMD_GLOBAL, 0));
	if (q & MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED)
		TST_EXP_PASS(mb(MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED, 0));
	if (q & MEMBARRIER_CMD_GLOBAL_EXPEDITED)
		TST_EXP_PASS(mb(MEMBARRIER_CMD_GLOBAL_EXPEDITED, 0));
	if ((q & MEMBARRIER_CMD_PRIVATE_EXPEDITED) && (q & MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED)) {
		TST_EXP_FAIL(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0), EPERM);
		TST_EXP_PASS(mb(MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED, 0));
		TST_EXP_PASS(mb(MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0));
	} else
		tst_res(TCONF, "PRIVATE_EXPEDITED not offered");
	stop = 1;
	pthread_join(th, NULL);

	int off = 0;
	for (int b = 0; b < 9 && !off; b++)
		if (!(q & (1 << b)))
			off = 1 << b;
	if (off)
		TST_EXP_FAIL(mb(off, 0), EINVAL);
	TST_EXP_FAIL(mb(MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_PRIVATE_EXPEDITED, 0), EINVAL);
	TST_EXP_FAIL(mb(-1, 0), EINVAL);
	TST_EXP_FAIL(mb(1 << 30, 0), EINVAL);
	TST_EXP_FAIL(mb(MEMBARRIER_CMD_QUERY, 1), EINVAL);
	TST_EXP_FAIL(mb(MEMBARRIER_CMD_GLOBAL, MEMBARRIER_CMD_FLAG_CPU), EINVAL);
}

struct tst_test test = {
	.test_all = run,
};
