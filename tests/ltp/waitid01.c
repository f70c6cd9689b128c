/* waitid(2): siginfo of exited and killed children, WNOHANG with nothing to
 * report, P_PID/P_PGID/P_ALL, the rusage argument, EINVAL/ECHILD/EFAULT. */
#define _GNU_SOURCE
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static pid_t child(int how)
{
	pid_t pid = fork();
	if (pid < 0)
		tst_brk(TBROK | TERRNO, "fork");
	if (pid == 0) {
		if (how < 0)
			*(volatile int *)bad_ptr = 1;
		_exit(how);
	}
	return pid;
}

static void run(unsigned int n)
{
	siginfo_t si;
	pid_t pid;
	memset(&si, 0x55, sizeof si);
	switch (n) {
	case 0:
		pid = child(17);
		if (waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_signo == SIGCHLD &&
		    si.si_code == CLD_EXITED && si.si_status == 17 && si.si_pid == pid &&
		    si.si_uid == getuid() && si.si_errno == 0)
			tst_res(TPASS, "exited child: SIGCHLD, CLD_EXITED, status 17, pid, uid");
		else
			tst_res(TFAIL | TERRNO, "wrong siginfo: signo %d code %d status %d",
				si.si_signo, si.si_code, si.si_status);
		break;
	case 1:
		pid = child(-1);
		if (waitid(P_PID, pid, &si, WEXITED) == 0 && si.si_signo == SIGCHLD &&
		    (si.si_code == CLD_KILLED || si.si_code == CLD_DUMPED) && si.si_status == SIGSEGV)
			tst_res(TPASS, "killed child: CLD_KILLED/CLD_DUMPED with SIGSEGV");
		else
			tst_res(TFAIL | TERRNO, "wrong siginfo: signo %d code %d status %d",
				si.si_signo, si.si_code, si.si_status);
		break;
	case 2: {
		int p[2];
		if (pipe(p) < 0)
			tst_brk(TBROK | TERRNO, "pipe");
		pid = fork();
		if (pid == 0) {
			char c;
			close(p[1]);
			_exit(read(p[0], &c, 1) == 0 ? 3 : 4);
		}
		close(p[0]);
		if (waitid(P_PID, pid, &si, WEXITED | WNOHANG) == 0 && si.si_signo == 0 && si.si_pid == 0)
			tst_res(TPASS, "WNOHANG with nothing to report: 0 and a zeroed si_signo/si_pid");
		else
			tst_res(TFAIL | TERRNO, "WNOHANG: signo %d", si.si_signo);
		close(p[1]);
		if (waitid(P_ALL, 0, &si, WEXITED) == 0 && si.si_pid == pid && si.si_status == 3)
			tst_res(TPASS, "P_ALL reaps it afterwards");
		else
			tst_res(TFAIL | TERRNO, "P_ALL: status %d", si.si_status);
		break;
	}
	case 3:
		pid = child(5);
		if (waitid(P_PGID, getpgrp(), &si, WEXITED) == 0 && si.si_pid == pid && si.si_status == 5)
			tst_res(TPASS, "P_PGID finds the child in our group");
		else
			tst_res(TFAIL | TERRNO, "P_PGID failed");
		break;
	case 4: {
		struct rusage ru;
		memset(&ru, 0x55, sizeof ru);
		pid = child(6);
		long r = syscall(SYS_waitid, P_PID, pid, &si, WEXITED, &ru);
		if (r == 0 && si.si_status == 6 && ru.ru_utime.tv_usec >= 0 &&
		    ru.ru_utime.tv_usec < 1000000 && ru.ru_maxrss > 0)
			tst_res(TPASS, "the raw syscall's rusage argument is filled in");
		else
			tst_res(TFAIL | TERRNO, "rusage not filled in");
		break;
	}
	case 5:
		pid = child(0);
		TST_EXP_FAIL(waitid(P_PID, pid, &si, 0), EINVAL);
		TST_EXP_FAIL(waitid(42, pid, &si, WEXITED), EINVAL);
		TST_EXP_FAIL(waitid(P_PID, pid, bad_ptr, WEXITED), EFAULT);
		TST_EXP_FAIL(waitid(P_ALL, 0, &si, WEXITED), ECHILD);
		TST_EXP_FAIL(waitid(P_PID, 1, &si, WEXITED | WNOHANG), ECHILD);
		break;
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 6,
	.forks_child = 1,
};
