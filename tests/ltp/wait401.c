/* wait4(2): exit statuses, deaths by signal, rusage, WNOHANG, process
 * groups, and the errors ECHILD, EINVAL and EFAULT. */
#define _GNU_SOURCE
#include <signal.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static pid_t child_exit(int code)
{
	pid_t pid = fork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "fork");
	if (pid == 0)
		_exit(code);
	return pid;
}

static void run(unsigned int n)
{
	int st = 0;
	struct rusage ru;
	pid_t pid;
	switch (n) {
	case 0:
		pid = child_exit(42);
		if (wait4(pid, &st, 0, &ru) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 42)
			tst_res(TPASS, "exit status 42 reported");
		else
			tst_res(TFAIL | TERRNO, "wrong status %#x", st);
		if (ru.ru_utime.tv_sec >= 0 && ru.ru_utime.tv_usec >= 0 && ru.ru_utime.tv_usec < 1000000 &&
		    ru.ru_stime.tv_usec >= 0 && ru.ru_stime.tv_usec < 1000000 && ru.ru_maxrss > 0)
			tst_res(TPASS, "the child's rusage is filled in");
		else
			tst_res(TFAIL, "implausible rusage");
		break;
	case 1:
		pid = fork();
		if (pid == 0) {
			*(volatile int *)bad_ptr = 1;
			_exit(0);
		}
		if (wait4(pid, &st, 0, NULL) == pid && WIFSIGNALED(st) && WTERMSIG(st) == SIGSEGV)
			tst_res(TPASS, "death by SIGSEGV reported");
		else
			tst_res(TFAIL, "wrong status %#x", st);
		break;
	case 2:
		TST_EXP_FAIL(wait4(-1, &st, 0, NULL), ECHILD);
		TST_EXP_FAIL(wait4(1, &st, WNOHANG, NULL), ECHILD);
		break;
	case 3: {
		int p[2];
		char c;
		if (pipe(p) < 0)
			tst_brk(TBROK | TERRNO, "pipe");
		pid = fork();
		if (pid == 0) {
			close(p[1]);
			_exit(read(p[0], &c, 1) == 0 ? 5 : 6);
		}
		close(p[0]);
		if (wait4(pid, &st, WNOHANG, NULL) == 0)
			tst_res(TPASS, "WNOHANG on a running child returns 0");
		else
			tst_res(TFAIL | TERRNO, "WNOHANG did not return 0");
		close(p[1]);
		if (wait4(pid, &st, 0, NULL) == pid && WEXITSTATUS(st) == 5)
			tst_res(TPASS, "then the child's exit is seen");
		else
			tst_res(TFAIL, "wrong status %#x", st);
		break;
	}
	case 4:
		pid = child_exit(0);
		TST_EXP_FAIL(wait4(pid, &st, 0x100, NULL), EINVAL);
		/* a bad status pointer: the child is reaped, the call fails */
		TST_EXP_FAIL(wait4(pid, bad_ptr, 0, NULL), EFAULT);
		TST_EXP_FAIL(wait4(pid, &st, WNOHANG, NULL), ECHILD);
		pid = child_exit(0);
		/* raw: 32-bit glibc converts from a time64 copy and would fault itself */
		TST_EXP_FAIL(syscall(SYS_wait4, pid, &st, 0, bad_ptr), EFAULT);
		TST_EXP_FAIL(wait4(-1, &st, WNOHANG, NULL), ECHILD);
		break;
	case 5:
		/* by process group: 0 = ours, -pgid = that group */
		pid = child_exit(8);
		if (wait4(0, &st, 0, NULL) == pid && WEXITSTATUS(st) == 8)
			tst_res(TPASS, "wait4(0) reaps a child of our process group");
		else
			tst_res(TFAIL | TERRNO, "wait4(0) failed");
		pid = child_exit(9);
		if (wait4(-getpgrp(), &st, 0, NULL) == pid && WEXITSTATUS(st) == 9)
			tst_res(TPASS, "wait4(-pgid) reaps a child of that group");
		else
			tst_res(TFAIL | TERRNO, "wait4(-pgid) failed");
		break;
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 6,
	.forks_child = 1,
};
