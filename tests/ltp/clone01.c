/* clone(2) in its fork-like forms: exit signal SIGCHLD, CLONE_PARENT_SETTID
 * (the parent's copy), CLONE_CHILD_SETTID (the child's copy), and flag sets
 * Linux refuses with EINVAL.  The raw syscall's argument order differs per
 * ABI (CLONE_BACKWARDS on i386 and powerpc). */
#define _GNU_SOURCE
#include <sched.h>
#include <signal.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static long raw_clone(unsigned long flags, int *ptid, int *ctid)
{
#if defined(__x86_64__)
	return syscall(SYS_clone, flags, 0, ptid, ctid, 0);
#else
	return syscall(SYS_clone, flags, 0, ptid, 0, ctid);
#endif
}

static int reap(long pid)
{
	int st = 0;
	if (waitpid((pid_t)pid, &st, __WALL) != pid)
		return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void run(unsigned int n)
{
	int ptid = 0, ctid = 0;
	long pid;
	switch (n) {
	case 0:
		pid = raw_clone(SIGCHLD, NULL, NULL);
		if (pid == 0)
			_exit(9);
		if (pid > 0 && reap(pid) == 9)
			tst_res(TPASS, "clone(SIGCHLD) forks; the status comes back");
		else
			tst_res(TFAIL | TERRNO, "clone(SIGCHLD) failed");
		break;
	case 1:
		pid = raw_clone(CLONE_PARENT_SETTID | SIGCHLD, &ptid, NULL);
		if (pid == 0)
			_exit(0);
		if (pid > 0 && ptid == pid && reap(pid) == 0)
			tst_res(TPASS, "CLONE_PARENT_SETTID stores the pid in the parent");
		else
			tst_res(TFAIL | TERRNO, "CLONE_PARENT_SETTID: parent_tid %s", ptid == pid ? "ok" : "wrong");
		break;
	case 2:
		pid = raw_clone(CLONE_CHILD_SETTID | SIGCHLD, NULL, &ctid);
		if (pid == 0)
			_exit(ctid == getpid() ? 0 : 1);
		if (pid > 0 && ctid == 0 && reap(pid) == 0)
			tst_res(TPASS, "CLONE_CHILD_SETTID stores the tid in the child's memory only");
		else
			tst_res(TFAIL | TERRNO, "CLONE_CHILD_SETTID: parent's copy %s", ctid ? "changed" : "unchanged");
		break;
	case 3:
		TST_EXP_FAIL(raw_clone(CLONE_SIGHAND | SIGCHLD, NULL, NULL), EINVAL);
		TST_EXP_FAIL(raw_clone(CLONE_THREAD | SIGCHLD, NULL, NULL), EINVAL);
		TST_EXP_FAIL(raw_clone(CLONE_NEWNS | CLONE_FS | SIGCHLD, NULL, NULL), EINVAL);
		if (waitpid(-1, NULL, __WALL | WNOHANG) < 0 && errno == ECHILD)
			tst_res(TPASS, "no child was left by the refused calls");
		else
			tst_res(TFAIL, "a refused clone left a child");
		break;
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 4,
	.forks_child = 1,
};
