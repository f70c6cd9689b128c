/* Fixtures for the suite runner's own tests: one outcome each, chosen at
 * build time (-DFIX_PASS ...).  tests/suite/selftest.sh checks that the
 * runner classifies each as LTP would and judges it against a manifest. */
#include <signal.h>
#include <unistd.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile null_ptr;

static void run(void)
{
#if defined(FIX_PASS)
	tst_res(TPASS, "fine");
#elif defined(FIX_FAIL)
	tst_res(TPASS, "first part fine");
	tst_res(TFAIL, "second part wrong");
#elif defined(FIX_CONF)
	tst_brk(TCONF, "feature missing");
#elif defined(FIX_BROK)
	tst_brk(TBROK, "setup failed");
#elif defined(FIX_SEGV)
	tst_res(TINFO, "about to fault");
	*(volatile int *)null_ptr = 1;
#elif defined(FIX_HANG)
	for (;;)
		pause();
#elif defined(FIX_SILENT)
	_exit(0);	/* no result lines, no summary: not a pass */
#elif defined(FIX_OLDFMT)
	/* the old LTP library's line format, by hand */
	printf("fix_oldfmt    1  TPASS  :  old style pass\n");
	printf("fix_oldfmt    2  TFAIL  :  old style fail\n");
	fflush(stdout);
	_exit(0);	/* the line alone must make it a failure */
#elif defined(FIX_CHILD)
	tst_res(TPASS, "parent part fine");
	if (fork() == 0) {
		tst_res(TFAIL, "child part wrong");
		exit(TFAIL);
	}
#else
#error "define one FIX_* mode"
#endif
}

struct tst_test test = {
	.test_all = run,
#ifdef FIX_CHILD
	.forks_child = 1,
#endif
};
