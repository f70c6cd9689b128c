/* clone(2) exit signals: a child whose exit signal is not SIGCHLD is a
 * "clone" child, seen by wait only with __WCLONE or __WALL; and the other
 * way round.  (qemu-user 7.2 forks with SIGCHLD whatever is asked, so this
 * test's reference is a real kernel: see tests/ltp/procmodel.sh.) */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static long raw_clone(unsigned long flags)
{
	return syscall(SYS_clone, flags, 0, NULL, NULL, NULL);
}

static void run(unsigned int n)
{
	int st = 0;
	long pid;
	switch (n) {
	case 0:
		pid = raw_clone(0);
		if (pid == 0)
			_exit(4);
		if (pid < 0)
			tst_brk(TBROK | TERRNO, "clone");
		TST_EXP_FAIL(waitpid(pid, &st, 0), ECHILD);
		if (waitpid(pid, &st, __WCLONE) == pid && WEXITSTATUS(st) == 4)
			tst_res(TPASS, "exit signal 0: reaped with __WCLONE");
		else
			tst_res(TFAIL | TERRNO, "exit signal 0: __WCLONE did not reap it");
		break;
	case 1:
		pid = raw_clone(SIGCHLD);
		if (pid == 0)
			_exit(5);
		TST_EXP_FAIL(waitpid(pid, &st, __WCLONE), ECHILD);
		if (waitpid(pid, &st, __WALL) == pid && WEXITSTATUS(st) == 5)
			tst_res(TPASS, "exit signal SIGCHLD: not a clone child, __WALL reaps it");
		else
			tst_res(TFAIL | TERRNO, "__WALL did not reap it");
		break;
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 2,
	.forks_child = 1,
};
