/* fork(2): return values in parent and child, pids, copied private memory,
 * exit statuses reaching the parent. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>
#include "tst.h"

static int data_var = 1;
static int bss_var;

static int wait_status(pid_t pid)
{
	int st = -1;
	if (waitpid(pid, &st, 0) != pid)
		tst_brk(TBROK | TERRNO, "waitpid");
	return st;
}

static void run(unsigned int n)
{
	pid_t parent = getpid(), pid;
	int st;
	switch (n) {
	case 0:
		pid = fork();
		if (pid < 0)
			tst_brk(TBROK | TERRNO, "fork");
		if (pid == 0)
			_exit(getppid() == parent && getpid() != parent ? 0 : 1);
		st = wait_status(pid);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
			tst_res(TPASS, "child got 0 from fork, its own pid and the parent's pid");
		else
			tst_res(TFAIL, "child saw wrong pids (status %#x)", st);
		break;
	case 1: {
		int stack_var = 3;
		int *heap = malloc(sizeof *heap);
		*heap = 4;
		pid = fork();
		if (pid == 0) {
			int ok = data_var == 1 && bss_var == 0 && stack_var == 3 && *heap == 4;
			data_var = bss_var = stack_var = *heap = 99;
			_exit(ok ? 0 : 1);
		}
		st = wait_status(pid);
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			tst_res(TFAIL, "child did not see the parent's data, bss, stack and heap");
		else if (data_var != 1 || bss_var || stack_var != 3 || *heap != 4)
			tst_res(TFAIL, "child's stores reached the parent's private memory");
		else
			tst_res(TPASS, "private memory is copied, not shared");
		free(heap);
		break;
	}
	case 2: {
		/* five children with distinct statuses, reaped in any order */
		int want = 0, got = 0;
		for (int i = 0; i < 5; i++) {
			pid = fork();
			if (pid == 0)
				_exit(200 + i);
			want += 200 + i;
		}
		for (int i = 0; i < 5; i++) {
			if (wait(&st) < 0 || !WIFEXITED(st))
				break;
			got += WEXITSTATUS(st);
		}
		if (got == want)
			tst_res(TPASS, "five children's exit statuses all reached the parent");
		else
			tst_res(TFAIL, "exit statuses summed to %d, expected %d", got, want);
		TST_EXP_FAIL(wait(&st), ECHILD);
		break;
	}
	case 3:
		/* the child forks again: grandchild status reaches the child */
		pid = fork();
		if (pid == 0) {
			pid_t g = fork();
			if (g == 0)
				_exit(33);
			int s;
			_exit(waitpid(g, &s, 0) == g && WIFEXITED(s) ? WEXITSTATUS(s) : 1);
		}
		st = wait_status(pid);
		if (WIFEXITED(st) && WEXITSTATUS(st) == 33)
			tst_res(TPASS, "a child's own child reports to it");
		else
			tst_res(TFAIL, "grandchild status lost (status %#x)", st);
		break;
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 4,
	.forks_child = 1,
};
