/* signalfd(2): creation and flags, mask size and descriptor errors, an
 * empty non-blocking read, and -- where signal masks and kill work --
 * a blocked SIGUSR1 read back as a struct signalfd_siginfo. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void run(unsigned int n)
{
	sigset_t m;
	struct signalfd_siginfo si;
	int fd, p[2];
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	switch (n) {
	case 0:
		TST_EXP_PASS(fd = signalfd(-1, &m, SFD_NONBLOCK | SFD_CLOEXEC));
		if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC) || !(fcntl(fd, F_GETFL) & O_NONBLOCK))
			tst_res(TFAIL, "flags not set");
		TST_EXP_FAIL(read(fd, &si, sizeof si), EAGAIN);
		sigaddset(&m, SIGUSR2);
		TST_EXP_PASS(signalfd(fd, &m, 0));
		close(fd);
		break;
	case 1:
		TST_EXP_FAIL(syscall(SYS_signalfd4, -1, &m, 4, 0), EINVAL);
		TST_EXP_FAIL(signalfd(-1, bad_ptr, 0), EFAULT);
		TST_EXP_FAIL(signalfd(-1, &m, 0x10), EINVAL);
		if (pipe(p) < 0)
			tst_brk(TBROK | TERRNO, "pipe");
		TST_EXP_FAIL(signalfd(p[0], &m, 0), EINVAL);
		close(p[0]);
		close(p[1]);
		TST_EXP_FAIL(signalfd(p[0], &m, 0), EBADF);
		break;
	case 2:
		if (sigprocmask(SIG_BLOCK, &m, NULL) < 0) {
			tst_res(TCONF | TERRNO, "sigprocmask");
			break;
		}
		fd = signalfd(-1, &m, SFD_NONBLOCK);
		if (kill(getpid(), SIGUSR1) < 0) {
			tst_res(TCONF | TERRNO, "kill");
			break;
		}
		if (read(fd, &si, sizeof si) != sizeof si)
			tst_res(TFAIL | TERRNO, "read");
		else if (si.ssi_signo != SIGUSR1 || si.ssi_pid != (unsigned)getpid() || si.ssi_code != SI_USER)
			tst_res(TFAIL, "signo %u pid %u code %d", si.ssi_signo, si.ssi_pid, si.ssi_code);
		else
			tst_res(TPASS, "SIGUSR1 read from the descriptor");
		close(fd);
		break;
	}
}

struct tst_test test = { .test = run, .tcnt = 3 };
