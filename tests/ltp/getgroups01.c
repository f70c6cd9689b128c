/* getgroups/setgroups: count with size 0, the list (sorted, as Linux keeps it), EINVAL for a negative
 * or too small size, setgroups as root in a child and EPERM after dropping
 * root, EFAULT. */
#define _GNU_SOURCE
#include <grp.h>
#include <unistd.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;
static volatile int minus_one = -1;

static int groups(void)
{
	gid_t set[3] = { 7, 70000, 9 }, got[8];
	if (setgroups(3, set)) return 1;
	if (getgroups(0, NULL) != 3) return 2;
	if (getgroups(8, got) != 3 || got[0] != 7 || got[1] != 9 || got[2] != 70000) return 3;	/* Linux sorts */
	if (getgroups(2, got) != -1 || errno != EINVAL) return 4;
	if (getgroups(minus_one, got) != -1 || errno != EINVAL) return 5;
	if (getgroups(3, bad_ptr) != -1 || errno != EFAULT) return 6;
	if (setgroups(2, bad_ptr) != -1 || errno != EFAULT) return 7;
	if (setgroups(70000, set) != -1 || errno != EINVAL) return 8;
	if (setgroups(0, NULL)) return 9;
	if (getgroups(0, NULL) != 0) return 10;
	if (setuid(1000)) return 11;
	if (setgroups(1, set) != -1 || errno != EPERM) return 12;
	return 0;
}

static void run(void)
{
	if (geteuid() != 0) {
		tst_res(TCONF, "needs root to set groups in a child");
		return;
	}
	pid_t pid = fork();
	if (pid == 0)
		_exit(groups());
	int st;
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		tst_res(TPASS, "setgroups/getgroups round trip, EINVAL, EFAULT, EPERM");
	else
		tst_res(TFAIL, "step %d failed", WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

struct tst_test test = {
	.test_all = run,
	.forks_child = 1,
};
