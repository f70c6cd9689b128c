/* vfork(2): the child runs and _exits, the parent resumes with the child's
 * pid and gets its status. */
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/wait.h>
#include "tst.h"

static void run(void)
{
	pid_t parent = getpid();
	pid_t pid = vfork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "vfork");
	if (pid == 0)
		_exit(getppid() == parent ? 7 : 1);
	int st = 0;
	if (waitpid(pid, &st, 0) == pid && WIFEXITED(st) && WEXITSTATUS(st) == 7)
		tst_res(TPASS, "vfork child exited with 7 and saw its parent");
	else
		tst_res(TFAIL, "wrong child status %#x", st);
}

struct tst_test test = {
	.test_all = run,
	.forks_child = 1,
};
