/* clone3(2) fork-like: exit signal, CLONE_PIDFD (waitid P_PIDFD on it),
 * CLONE_CHILD_SETTID, a larger struct with a zero tail, and the argument
 * checks: EINVAL (small size, CSIGNAL bits in flags, bad exit signal, stack
 * without size), E2BIG (size over a page, non-zero tail), EFAULT.
 * (qemu-user 7.2 has no clone3: the reference is a real kernel.) */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <linux/sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

#ifndef P_PIDFD
#define P_PIDFD 3
#endif

static void *volatile bad_ptr = (void *)16;

static long clone3(struct clone_args *ca, size_t size)
{
	return syscall(SYS_clone3, ca, size);
}

static void run(unsigned int n)
{
	struct { struct clone_args ca; char tail[16]; } big;
	struct clone_args ca;
	int pidfd = -1, ctid = 0, st = 0;
	long pid;
	memset(&ca, 0, sizeof ca);
	memset(&big, 0, sizeof big);
	ca.exit_signal = SIGCHLD;
	switch (n) {
	case 0:
		pid = clone3(&ca, sizeof ca);
		if (pid == 0)
			_exit(12);
		if (pid < 0 && errno == ENOSYS)
			tst_brk(TCONF, "no clone3");
		if (pid > 0 && waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 12)
			tst_res(TPASS, "clone3 forks; the status comes back");
		else
			tst_res(TFAIL | TERRNO, "clone3 fork failed");
		break;
	case 1: {
		ca.flags = CLONE_PIDFD | CLONE_CHILD_SETTID;
		ca.pidfd = (unsigned long)&pidfd;
		ca.child_tid = (unsigned long)&ctid;
		pid = clone3(&ca, sizeof ca);
		if (pid == 0)
			_exit(ctid == getpid() ? 13 : 1);
		siginfo_t si;
		memset(&si, 0, sizeof si);
		if (pid > 0 && pidfd >= 0 && ctid == 0 &&
		    waitid(P_PIDFD, pidfd, &si, WEXITED) == 0 && si.si_pid == pid && si.si_status == 13)
			tst_res(TPASS, "CLONE_PIDFD gives a pidfd waitid can use; CLONE_CHILD_SETTID in the child");
		else
			tst_res(TFAIL | TERRNO, "pidfd/child_tid wrong (status %d)", si.si_status);
		if (pidfd >= 0)
			close(pidfd);
		break;
	}
	case 2:
		big.ca.exit_signal = SIGCHLD;
		pid = clone3(&big.ca, sizeof big);
		if (pid == 0)
			_exit(14);
		if (pid > 0 && waitpid(pid, &st, 0) == pid && WEXITSTATUS(st) == 14)
			tst_res(TPASS, "a larger struct with a zero tail is accepted");
		else
			tst_res(TFAIL | TERRNO, "larger struct refused");
		big.tail[3] = 1;
		TST_EXP_FAIL(clone3(&big.ca, sizeof big), E2BIG);
		TST_EXP_FAIL(clone3(&ca, 4097), E2BIG);
		break;
	case 3:
		TST_EXP_FAIL(clone3(&ca, 63), EINVAL);
		ca.flags = SIGCHLD;
		TST_EXP_FAIL(clone3(&ca, sizeof ca), EINVAL);
		ca.flags = 0;
		ca.exit_signal = 0x100;
		TST_EXP_FAIL(clone3(&ca, sizeof ca), EINVAL);
		ca.exit_signal = SIGCHLD;
		ca.stack = (unsigned long)&big;
		TST_EXP_FAIL(clone3(&ca, sizeof ca), EINVAL);
		ca.stack = 0;
		ca.flags = 1ULL << 40;
		TST_EXP_FAIL(clone3(&ca, sizeof ca), EINVAL);
		TST_EXP_FAIL(clone3(bad_ptr, sizeof ca), EFAULT);
		if (waitpid(-1, NULL, __WALL | WNOHANG) < 0 && errno == ECHILD)
			tst_res(TPASS, "no child was left by the refused calls");
		else
			tst_res(TFAIL, "a refused clone3 left a child");
		break;
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 4,
	.forks_child = 1,
};
