/* signalfd(2): creation and flags, mask size and descriptor errors, an
 * empty non-blocking read, a blocked SIGUSR1 read back as a struct
 * signalfd_siginfo; readiness for poll, select and epoll (set when a
 * signal of the mask becomes pending, clear once it is read); several
 * records in one read and a mask changed by signalfd4 on the descriptor; a
 * blocking read woken by SIGCHLD (CLD_EXITED, status, pid); a queued RT
 * signal's value; a forked child reading its own signals, not its
 * parent's. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/signalfd.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

/* Block the signals of m and make a non-blocking signalfd for them. */
static int blocked_fd(const sigset_t *m, int flags)
{
	if (sigprocmask(SIG_BLOCK, m, NULL) < 0)
		tst_brk(TBROK | TERRNO, "sigprocmask");
	int fd = signalfd(-1, m, flags);
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "signalfd");
	return fd;
}

static void unblock(const sigset_t *m)
{
	sigprocmask(SIG_UNBLOCK, m, NULL);
}

static int readable(int fd)
{
	struct pollfd p = { .fd = fd, .events = POLLIN };
	return poll(&p, 1, 0) == 1 && p.revents == POLLIN;
}

/* Readiness as poll, select and epoll (timeout 0) see it: 0..3. */
static int ready_count(int fd, int ep)
{
	fd_set r;
	struct timeval tv = { 0, 0 };
	struct epoll_event ev;
	FD_ZERO(&r);
	FD_SET(fd, &r);
	return readable(fd) + (select(fd + 1, &r, NULL, NULL, &tv) == 1 && FD_ISSET(fd, &r)) +
	       (epoll_wait(ep, &ev, 1, 0) == 1 && ev.events == EPOLLIN);
}

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
		unblock(&m);
		break;
	case 3: {
		/* readiness follows the pending set */
		sigemptyset(&m);
		sigaddset(&m, SIGUSR2);
		fd = blocked_fd(&m, SFD_NONBLOCK);
		int ep = epoll_create1(0);
		struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 7 };
		if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev) < 0)
			tst_brk(TBROK | TERRNO, "epoll");
		if (ready_count(fd, ep))
			tst_res(TFAIL, "ready with nothing pending");
		else
			tst_res(TPASS, "not ready with nothing pending");
		kill(getpid(), SIGUSR2);
		int e = epoll_wait(ep, &ev, 1, 5000);
		if (e != 1 || ev.events != EPOLLIN || ev.data.u64 != 7)
			tst_res(TFAIL | TERRNO, "epoll_wait: %d, events 0x%x", e, ev.events);
		else if (ready_count(fd, ep) != 3)
			tst_res(TFAIL, "pending SIGUSR2: ready for %d of poll/select/epoll", ready_count(fd, ep));
		else
			tst_res(TPASS, "pending SIGUSR2: ready for poll, select and epoll");
		if (read(fd, &si, sizeof si) != sizeof si || si.ssi_signo != SIGUSR2)
			tst_res(TFAIL | TERRNO, "read");
		else if (ready_count(fd, ep))
			tst_res(TFAIL, "still ready after the read");
		else
			tst_res(TPASS, "read SIGUSR2, no longer ready");
		/* a signal that comes while the wait sleeps */
		pid_t c = fork();
		if (c < 0)
			tst_brk(TBROK | TERRNO, "fork");
		if (c == 0) {
			usleep(50000);
			kill(getppid(), SIGUSR2);
			_exit(0);
		}
		e = epoll_wait(ep, &ev, 1, 5000);
		tst_res(e == 1 && ev.events == EPOLLIN ? TPASS : TFAIL,
			"SIGUSR2 sent during epoll_wait: %d event(s)", e);
		waitpid(c, NULL, 0);
		if (read(fd, &si, sizeof si) != sizeof si || si.ssi_pid != (unsigned)c)
			tst_res(TFAIL | TERRNO, "read the child's SIGUSR2");
		close(ep);
		close(fd);
		unblock(&m);
		break;
	}
	case 4: {
		/* two records in one read, lowest signal first; a new mask */
		struct signalfd_siginfo two[3];
		sigaddset(&m, SIGUSR2);
		fd = blocked_fd(&m, SFD_NONBLOCK);
		raise(SIGUSR2);
		raise(SIGUSR1);
		TST_EXP_FAIL(read(fd, two, sizeof two[0] - 1), EINVAL);
		ssize_t r = read(fd, two, sizeof two);
		if (r != 2 * (ssize_t)sizeof two[0] || two[0].ssi_signo != SIGUSR1 ||
		    two[1].ssi_signo != SIGUSR2 || two[0].ssi_code != SI_TKILL)
			tst_res(TFAIL | TERRNO, "read %zd: signo %u %u code %d", r, two[0].ssi_signo,
				two[1].ssi_signo, two[0].ssi_code);
		else
			tst_res(TPASS, "SIGUSR1 and SIGUSR2 in one read (SI_TKILL)");
		raise(SIGUSR1);
		raise(SIGUSR2);
		sigdelset(&m, SIGUSR1);
		TST_EXP_PASS(signalfd(fd, &m, 0));	/* SIGUSR2 only now */
		if (read(fd, two, sizeof two) != sizeof two[0] || two[0].ssi_signo != SIGUSR2)
			tst_res(TFAIL | TERRNO, "after the new mask: signo %u", two[0].ssi_signo);
		else
			tst_res(TPASS, "the new mask reads SIGUSR2 only");
		sigemptyset(&m);
		if (sigpending(&m) < 0 || !sigismember(&m, SIGUSR1) || sigismember(&m, SIGUSR2))
			tst_res(TFAIL, "sigpending: SIGUSR1 should be left, SIGUSR2 gone");
		else
			tst_res(TPASS, "SIGUSR1 still pending");
		TST_EXP_FAIL(write(fd, two, sizeof two[0]), EINVAL);
		signal(SIGUSR1, SIG_IGN);	/* discards it */
		signal(SIGUSR1, SIG_DFL);
		sigaddset(&m, SIGUSR1);
		sigaddset(&m, SIGUSR2);
		close(fd);
		unblock(&m);
		break;
	}
	case 5: {
		/* a blocking read: SIGCHLD of a child that exits later */
		sigemptyset(&m);
		sigaddset(&m, SIGCHLD);
		fd = blocked_fd(&m, 0);
		pid_t c = fork();
		if (c < 0)
			tst_brk(TBROK | TERRNO, "fork");
		if (c == 0) {
			usleep(100000);
			_exit(7);
		}
		if (read(fd, &si, sizeof si) != sizeof si)
			tst_res(TFAIL | TERRNO, "read");
		else if (si.ssi_signo != SIGCHLD || si.ssi_code != CLD_EXITED ||
			 si.ssi_pid != (unsigned)c || si.ssi_status != 7)
			tst_res(TFAIL, "signo %u code %d pid %u status %d", si.ssi_signo, si.ssi_code,
				si.ssi_pid, si.ssi_status);
		else
			tst_res(TPASS, "blocking read: SIGCHLD, CLD_EXITED, status 7");
		waitpid(c, NULL, 0);
		close(fd);
		unblock(&m);
		break;
	}
	case 6: {
		/* a queued real-time signal keeps its value */
		int rt = SIGRTMIN + 2;
		union sigval v = { .sival_int = 4242 };
		sigemptyset(&m);
		sigaddset(&m, rt);
		fd = blocked_fd(&m, SFD_NONBLOCK);
		sigqueue(getpid(), rt, v);
		sigqueue(getpid(), rt, v);
		struct signalfd_siginfo two[2];
		memset(two, 0, sizeof two);
		ssize_t r = read(fd, two, sizeof two);
		int ok = r == sizeof two && two[1].ssi_signo == (unsigned)rt && two[1].ssi_code == SI_QUEUE &&
			 two[1].ssi_int == 4242 && two[1].ssi_pid == (unsigned)getpid();
		tst_res(ok ? TPASS : TFAIL, "two queued instances: read %zd, signo %u code %d int %d",
			r, two[1].ssi_signo, two[1].ssi_code, two[1].ssi_int);
		close(fd);
		unblock(&m);
		break;
	}
	case 7: {
		/* after fork, each process reads its own signals */
		fd = blocked_fd(&m, SFD_NONBLOCK);
		pid_t c = fork();
		if (c < 0)
			tst_brk(TBROK | TERRNO, "fork");
		if (c == 0) {
			raise(SIGUSR1);
			_exit(read(fd, &si, sizeof si) == sizeof si && si.ssi_pid == (unsigned)getpid() &&
			      readable(fd) == 0 ? 0 : 1);
		}
		int st;
		waitpid(c, &st, 0);
		if (!WIFEXITED(st) || WEXITSTATUS(st))
			tst_res(TFAIL, "the child did not read its own SIGUSR1");
		else if (readable(fd) || read(fd, &si, sizeof si) != -1)
			tst_res(TFAIL, "the child's signal reached the parent's descriptor");
		else
			tst_res(TPASS, "parent and child read their own signals");
		close(fd);
		unblock(&m);
		break;
	}
	}
}

struct tst_test test = { .test = run, .tcnt = 8 };
