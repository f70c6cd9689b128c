/* The setuid family: setuid/setgid/setre*id/setres*id/setfs*id and
 * getres*id, as root in a child (the credentials are dropped there), and as
 * the dropped user (EPERM).  On i386 also the 16-bit calls: (u16)-1 means
 * "unchanged", ids above 65535 read back as the overflow id. */
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/fsuid.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

/* Run fn in a child; TPASS/TFAIL on its exit status 0. */
static void in_child(const char *what, int (*fn)(void))
{
	pid_t pid = fork();
	if (pid == 0)
		_exit(fn());
	int st;
	waitpid(pid, &st, 0);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		tst_res(TPASS, "%s", what);
	else
		tst_res(TFAIL, "%s: step %d failed", what, WIFEXITED(st) ? WEXITSTATUS(st) : -1);
}

static int res_is(uid_t r, uid_t e, uid_t s, int gid)
{
	uid_t a, b, c;
	if ((gid ? getresgid(&a, &b, &c) : getresuid(&a, &b, &c)) < 0)
		return 0;
	return a == r && b == e && c == s;
}

static int drop(void)
{
	if (setresgid(2000, 2001, 2002) || !res_is(2000, 2001, 2002, 1)) return 1;
	if (setregid(-1, 2000) || !res_is(2000, 2000, 2002, 1)) return 2;
	if (setgid(2002) || getegid() != 2002) return 3;
	if (setresuid(1000, 1001, 1002) || !res_is(1000, 1001, 1002, 0)) return 4;
	if (setreuid(-1, 1000) || !res_is(1000, 1000, 1002, 0)) return 5;
	if (setuid(1002) || geteuid() != 1002 || getuid() != 1000) return 6;
	/* unprivileged now */
	if (setuid(0) == 0 || errno != EPERM) return 7;
	if (setresuid(0, -1, -1) == 0 || errno != EPERM) return 8;
	if (setgid(0) == 0 || errno != EPERM) return 9;
	return 0;
}

static int fsids(void)
{
	if (setfsuid(1234) != 0) return 1;
	if (setfsuid(-1) != 1234) return 2;
	if (setfsgid(4321) != 0) return 3;
	if (setfsgid(-1) != 4321) return 4;
	return 0;
}

#ifdef SYS_getresuid32
static int ids16(void)
{
	unsigned short r[3];
	if (syscall(SYS_setresuid32, 70000, 70000, 0)) return 1;
	if (syscall(SYS_getresuid, &r[0], &r[1], &r[2]) || r[0] != 65534 || r[1] != 65534 || r[2] != 0) return 2;
	/* unprivileged now (euid 70000), but the saved uid is still 0, so the
	 * effective uid may go back to 0; 0xffff is -1 ("keep") in 16 bits */
	if (syscall(SYS_setresuid, 0xffff, 0, 0xffff)) return 3;
	if (!res_is(70000, 0, 0, 0)) return 4;
	if (syscall(SYS_setuid, 0x10005)) return 5;	/* old_uid_t: 5 */
	if (getuid() != 5) return 6;
	return 0;
}
#endif

static void run(unsigned int n)
{
	uid_t r, e, s;
	if (geteuid() != 0) {
		tst_res(TCONF, "needs root to drop credentials in a child");
		return;
	}
	switch (n) {
	case 0:
		if (getresuid(&r, &e, &s) == 0 && r == getuid() && e == geteuid())
			tst_res(TPASS, "getresuid agrees with getuid/geteuid");
		else
			tst_res(TFAIL | TERRNO, "getresuid");
		TST_EXP_FAIL(getresuid(bad_ptr, &e, &s), EFAULT);
		TST_EXP_FAIL(getresgid(&r, &e, bad_ptr), EFAULT);
		TST_EXP_FAIL(setuid(-1), EINVAL);
		break;
	case 1:
		in_child("set*id drops root step by step, then EPERM", drop);
		break;
	case 2:
		in_child("setfsuid/setfsgid return the previous id", fsids);
		break;
	case 3:
#ifdef SYS_getresuid32
		in_child("16-bit id calls convert -1 and overflow", ids16);
#else
		tst_res(TCONF, "no 16-bit id calls on this ABI");
#endif
		break;
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 4,
	.forks_child = 1,
};
