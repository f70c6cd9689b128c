/* execveat(2): relative to a directory descriptor, AT_EMPTY_PATH on the
 * image's own descriptor, and EINVAL/ENOENT/EBADF/ENOTDIR.  CK_EXEC_HELPER
 * as for execve01 (an absolute path). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <libgen.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static char dir[4096], base[256];
static const char *helper;

static long sys_execveat(int dfd, const char *p, char *const av[], char *const ev[], int f)
{
	return syscall(SYS_execveat, dfd, p, av, ev, f);
}

static void setup(void)
{
	helper = getenv("CK_EXEC_HELPER");
	if (!helper)	/* the same ABI's helper, next to this build */
		helper = tst_guest_path("exechelper");
	if (!helper || helper[0] != '/')
		tst_brk(TCONF, "CK_EXEC_HELPER is not set to an absolute path");
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s", helper);
	snprintf(dir, sizeof dir, "%s", dirname(tmp));
	snprintf(tmp, sizeof tmp, "%s", helper);
	snprintf(base, sizeof base, "%s", basename(tmp));
}

static int run_child(int dfd, const char *p, int flags)
{
	char *av[] = { "helper", "exit", "44", NULL };
	char *ev[] = { NULL };
	pid_t pid = fork();
	if (pid == 0) {
		sys_execveat(dfd, p, av, ev, flags);
		_exit(errno == ENOSYS ? 126 : 127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static void run(unsigned int n)
{
	char *av[] = { "helper", NULL };
	int dfd = open(dir, O_RDONLY);
	int ifd = open(helper, O_RDONLY);
	if (dfd < 0 || ifd < 0)
		tst_brk(TBROK | TERRNO, "open");
	switch (n) {
	case 0:
		if (run_child(dfd, base, 0) == 44)
			tst_res(TPASS, "a name relative to a directory descriptor runs");
		else
			tst_res(TFAIL, "relative execveat failed");
		break;
	case 1:
		if (run_child(ifd, "", AT_EMPTY_PATH) == 44)
			tst_res(TPASS, "AT_EMPTY_PATH runs the image open on the descriptor");
		else
			tst_res(TFAIL, "AT_EMPTY_PATH execveat failed");
		if (run_child(AT_FDCWD, helper, AT_SYMLINK_NOFOLLOW) == 44)
			tst_res(TPASS, "AT_SYMLINK_NOFOLLOW on a plain file runs it");
		else
			tst_res(TFAIL, "AT_SYMLINK_NOFOLLOW execveat failed");
		break;
	case 2:
		TST_EXP_FAIL(sys_execveat(dfd, base, av, NULL, 0x4), EINVAL);
		TST_EXP_FAIL(sys_execveat(ifd, "", av, NULL, 0), ENOENT);
		TST_EXP_FAIL(sys_execveat(-5, base, av, NULL, 0), EBADF);
		TST_EXP_FAIL(sys_execveat(ifd, "x", av, NULL, 0), ENOTDIR);
		TST_EXP_FAIL(sys_execveat(dfd, "no-such-image", av, NULL, 0), ENOENT);
		break;
	}
	close(dfd);
	close(ifd);
}

struct tst_test test = {
	.setup = setup,
	.test = run,
	.tcnt = 3,
	.forks_child = 1,
};
