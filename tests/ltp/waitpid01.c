/* waitpid(2) as its own syscall (i386 and powerpc have one; amd64 only has
 * wait4, where glibc's waitpid is): status, ECHILD, EINVAL, EFAULT. */
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void run(void)
{
#ifndef SYS_waitpid
	tst_res(TCONF, "no waitpid syscall on this ABI");
#else
	int st = 0;
	pid_t pid = fork();
	if (pid == 0)
		_exit(77);
	if (syscall(SYS_waitpid, pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 77)
		tst_res(TPASS, "waitpid syscall reports exit status 77");
	else
		tst_res(TFAIL | TERRNO, "wrong status %#x", st);
	TST_EXP_FAIL(syscall(SYS_waitpid, -1, &st, 0), ECHILD);
	pid = fork();
	if (pid == 0)
		_exit(0);
	TST_EXP_FAIL(syscall(SYS_waitpid, pid, &st, 0x100), EINVAL);
	TST_EXP_FAIL(syscall(SYS_waitpid, pid, bad_ptr, 0), EFAULT);
#endif
	if (waitpid(-1, NULL, WNOHANG) < 0 && errno == ECHILD)
		tst_res(TPASS, "glibc waitpid: no children left");
	else
		tst_res(TFAIL, "a child was left over");
}

struct tst_test test = {
	.test_all = run,
	.forks_child = 1,
};
