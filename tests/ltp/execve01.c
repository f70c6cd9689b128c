/* execve(2): argv, envp and descriptor inheritance (FD_CLOEXEC) into an
 * image of another ABI, a host program, the empty argv, and the errors
 * before the point of no return: ENOENT, ENOTDIR, EACCES, ENOEXEC, EFAULT,
 * E2BIG.  CK_EXEC_HELPER names the helper image (tests/guest/exechelper.c,
 * built for some ABI, best another than this test's); CK_EXEC_HOST a host
 * program run as `prog -c "exit 7"` (a POSIX shell).  Also: personality(2)
 * is kept across execve. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <stdio.h>
#include <sys/personality.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;
static const char *helper, *host;

static void setup(void)
{
	helper = getenv("CK_EXEC_HELPER");
	if (!helper)	/* the same ABI's helper, next to this build */
		helper = tst_guest_path("exechelper");
	host = getenv("CK_EXEC_HOST");
	if (!host && access("/bin/sh", X_OK) == 0)
		host = "/bin/sh";	/* any host binary: exec leaves the emulation */
	int fd = open("noexec", O_CREAT | O_WRONLY | O_TRUNC, 0644);
	int g = open("garbage", O_CREAT | O_WRONLY | O_TRUNC, 0755);
	if (fd < 0 || g < 0 || write(g, "\1\2\3 not an image\n", 18) != 18)
		tst_brk(TBROK | TERRNO, "cannot make the test files");
	close(fd);
	close(g);
}

static void cleanup(void)
{
	unlink("noexec");
	unlink("garbage");
}

/* Run execve in a child; the child exits 127 if execve returned.  persona:
 * a personality(2) value the child sets before execve, or -1. */
static int run_child_as(const char *path, char *const argv[], char *const envp[], int fds,
			int persona)
{
	pid_t pid = fork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "fork");
	if (pid == 0) {
		if (fds) {
			int fd = open("/dev/null", O_RDONLY);
			if (dup2(fd, 5) < 0 || dup3(fd, 6, O_CLOEXEC) < 0)
				_exit(126);
		}
		if (persona >= 0 && personality(persona) < 0)
			_exit(125);
		execve(path, argv, envp);
		_exit(127);
	}
	int st = 0;
	waitpid(pid, &st, 0);
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

static int run_child(const char *path, char *const argv[], char *const envp[], int fds)
{
	return run_child_as(path, argv, envp, fds, -1);
}

static void run(unsigned int n)
{
	char *av[] = { "helper", "check", "two words", "", NULL };
	char *ev[] = { "A=1", "B=two words", NULL };
	int r;
	if (n <= 2 && !helper) {
		tst_res(TCONF, "CK_EXEC_HELPER is not set");
		return;
	}
	switch (n) {
	case 0:
		r = run_child(helper, av, ev, 1);
		if (r == 0)
			tst_res(TPASS, "the new image saw argv, envp, fd 5 open and FD_CLOEXEC fd 6 closed");
		else
			tst_res(TFAIL, "the new image answered %d", r);
		break;
	case 1: {
		char *av2[] = { "helper", "exit", "201", NULL };
		r = run_child(helper, av2, ev, 0);
		if (r == 201)
			tst_res(TPASS, "its exit status reaches the parent");
		else
			tst_res(TFAIL, "exit status %d, expected 201", r);
		break;
	}
	case 2:
		r = run_child(helper, NULL, ev, 0);
		if (r == 50)
			tst_res(TPASS, "an empty argv arrives as { \"\" }");
		else
			tst_res(TFAIL, "empty argv: helper answered %d", r);
		break;
	case 3: {
		if (!host) {
			tst_res(TCONF, "CK_EXEC_HOST is not set");
			return;
		}
		char *av3[] = { "sh", "-c", "exit 7", NULL };
		r = run_child(host, av3, ev, 0);
		if (r == 7)
			tst_res(TPASS, "a host program runs and its status comes back");
		else
			tst_res(TFAIL, "host program: status %d", r);
		break;
	}
	case 4:
		TST_EXP_FAIL(execve("/nonexistent/prog", av, ev), ENOENT);
		TST_EXP_FAIL(execve("", av, ev), ENOENT);
		TST_EXP_FAIL(execve("noexec/x", av, ev), ENOTDIR);
		TST_EXP_FAIL(execve("noexec", av, ev), EACCES);
		TST_EXP_FAIL(execve(".", av, ev), EACCES);
		TST_EXP_FAIL(execve("garbage", av, ev), ENOEXEC);
		break;
	case 5: {
		const char *img = helper ? helper : "garbage";
		char *avbad[] = { "x", bad_ptr, NULL };
		TST_EXP_FAIL(execve(bad_ptr, av, ev), EFAULT);
		TST_EXP_FAIL(execve(img, bad_ptr, ev), EFAULT);
		TST_EXP_FAIL(execve(img, avbad, ev), EFAULT);
		TST_EXP_FAIL(execve(img, av, bad_ptr), EFAULT);
		break;
	}
	case 6: {
		/* one string longer than MAX_ARG_STRLEN (32 pages) */
		size_t len = 32 * 4096 + 16;
		char *big = malloc(len + 1);
		memset(big, 'x', len);
		big[len] = 0;
		char *avbig[] = { "x", big, NULL };
		TST_EXP_FAIL(execve(helper ? helper : "garbage", avbig, ev), E2BIG);
		free(big);
		break;
	}
	case 7: {
		if (!helper) {
			tst_res(TCONF, "CK_EXEC_HELPER is not set");
			return;
		}
		char want[16];
		snprintf(want, sizeof want, "%d", PER_LINUX | ADDR_NO_RANDOMIZE);
		char *avp[] = { "helper", "persona", want, NULL };
		r = run_child_as(helper, avp, ev, 0, PER_LINUX | ADDR_NO_RANDOMIZE);
		if (r == 0)
			tst_res(TPASS, "personality(2) is kept across execve");
		else
			tst_res(TFAIL, "personality after execve: helper answered %d", r);
		break;
	}
	}
}

struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = 8,
	.needs_tmpdir = 1,
	.forks_child = 1,
};
