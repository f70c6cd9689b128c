/* prctl(2): PR_SET_NAME/PR_GET_NAME (cut to 15 bytes), PR_SET_PDEATHSIG/
 * PR_GET_PDEATHSIG (cleared in a forked child), PR_GET_DUMPABLE, and EINVAL
 * for an unknown option or a bad signal, EFAULT for bad pointers. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void run(unsigned int n)
{
	char name[16];
	int sig = -1;
	switch (n) {
	case 0:
		TST_EXP_PASS(prctl(PR_SET_NAME, "prctl01-a-very-long-name"));
		memset(name, 'z', sizeof name);
		if (prctl(PR_GET_NAME, name) == 0 && !strcmp(name, "prctl01-a-very-"))
			tst_res(TPASS, "PR_GET_NAME gives the first 15 bytes");
		else
			tst_res(TFAIL, "PR_GET_NAME gave '%.16s'", name);
		TST_EXP_PASS(prctl(PR_SET_NAME, "short"));
		if (prctl(PR_GET_NAME, name) == 0 && !strcmp(name, "short"))
			tst_res(TPASS, "PR_GET_NAME gives the short name back");
		else
			tst_res(TFAIL, "PR_GET_NAME gave '%.16s'", name);
		TST_EXP_FAIL(prctl(PR_SET_NAME, bad_ptr), EFAULT);
		TST_EXP_FAIL(prctl(PR_GET_NAME, bad_ptr), EFAULT);
		break;
	case 1: {
		TST_EXP_PASS(prctl(PR_SET_PDEATHSIG, SIGUSR1));
		if (prctl(PR_GET_PDEATHSIG, &sig) == 0 && sig == SIGUSR1)
			tst_res(TPASS, "PR_GET_PDEATHSIG gives SIGUSR1 back");
		else
			tst_res(TFAIL, "PR_GET_PDEATHSIG gave %d", sig);
		pid_t pid = fork();
		if (pid == 0) {
			int s = -1;
			_exit(prctl(PR_GET_PDEATHSIG, &s) == 0 && s == 0 ? 0 : 1);
		}
		int st;
		waitpid(pid, &st, 0);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			tst_res(TPASS, "a forked child starts without a parent-death signal");
		else
			tst_res(TFAIL, "the child inherited the parent-death signal");
		TST_EXP_FAIL(prctl(PR_SET_PDEATHSIG, 65), EINVAL);
		TST_EXP_FAIL(prctl(PR_GET_PDEATHSIG, bad_ptr), EFAULT);
		TST_EXP_PASS(prctl(PR_SET_PDEATHSIG, 0));
		break;
	}
	case 2:
		TST_EXP_FAIL(prctl(0x7fff, 0, 0, 0, 0), EINVAL);
		TST_EXP_FAIL(prctl(-1, 0, 0, 0, 0), EINVAL);
		TST_EXP_PASS(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0));
		break;
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 3,
	.forks_child = 1,
};
