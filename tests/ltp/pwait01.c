/* The sigmask argument of ppoll(2), pselect6 (pselect(2)), epoll_pwait(2)
 * and epoll_pwait2(2): in force for the wait only.  A pending signal the
 * temporary mask unblocks interrupts the wait (EINTR), its handler runs
 * under the temporary mask (plus itself) and the old mask is back after
 * it; a wait that finds something ready returns it and leaves the signal
 * pending under the old mask; epoll with a zero timeout returns 0 rather
 * than EINTR; a signal the temporary mask blocks does not interrupt the
 * wait; a SIGCHLD arriving during pselect interrupts it. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <sys/wait.h>
#include "tst.h"

static volatile int hits;
static sigset_t in_handler;
static int p[2] = { -1, -1 }, ep = -1;

static void on_sig(int sig)
{
	hits++;
	sigprocmask(SIG_BLOCK, NULL, &in_handler);
}

static void setup(void)
{
	struct sigaction sa = { .sa_handler = on_sig };	/* no SA_RESTART */
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) || sigaction(SIGCHLD, &sa, NULL) ||
	    sigaction(SIGALRM, &sa, NULL) || pipe(p) ||
	    (ep = epoll_create1(0)) < 0)
		tst_brk(TBROK | TERRNO, "setup");
	struct epoll_event ev = { .events = EPOLLIN };
	if (epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev))
		tst_brk(TBROK | TERRNO, "epoll_ctl");
}

/* SIGUSR1 and SIGUSR2 blocked, SIGUSR1 pending, the handler not run. */
static void arm(void)
{
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR1);
	sigaddset(&m, SIGUSR2);
	sigprocmask(SIG_SETMASK, &m, NULL);
	raise(SIGUSR1);
	hits = 0;
	sigemptyset(&in_handler);
}

/* After an interrupted wait: EINTR, the handler ran once with SIGUSR2
 * unblocked (the temporary mask) and SIGUSR1 blocked (itself), and the
 * old mask is back. */
#define CHECK_INTR(what, r, err) check_intr(__LINE__, what, r, err)
#define CHECK_LEFT(what, r, want) check_left(__LINE__, what, r, want)
/* Results are reported on the caller's line (pass or fail alike), so
 * events.known can name one call. */
#define RES(type, ...) tst_res_(__FILE__, line, (type), __VA_ARGS__)

static void check_intr(int line, const char *what, long r, int err)
{
	sigset_t now;
	sigprocmask(SIG_BLOCK, NULL, &now);
	if (r != -1 || err != EINTR)
		RES(TFAIL, "%s returned %ld (%s), expected EINTR", what, r, tst_strerrno(err));
	else if (hits != 1)
		RES(TFAIL, "%s: the handler ran %d times", what, hits);
	else if (!sigismember(&in_handler, SIGUSR1) || sigismember(&in_handler, SIGUSR2))
		RES(TFAIL, "%s: the handler's mask is not the temporary one plus the signal", what);
	else if (!sigismember(&now, SIGUSR1) || !sigismember(&now, SIGUSR2))
		RES(TFAIL, "%s: the old mask is not back", what);
	else
		RES(TPASS, "%s: EINTR, the handler ran under the temporary mask, old mask back", what);
}

/* After a wait that returned r without interruption: the handler did not
 * run and SIGUSR1 is still pending (then taken, and the mask cleared). */
static void check_left(int line, const char *what, long r, long want)
{
	sigset_t pend;
	sigpending(&pend);
	if (r != want)
		RES(TFAIL | TERRNO, "%s returned %ld, expected %ld", what, r, want);
	else if (hits || !sigismember(&pend, SIGUSR1))
		RES(TFAIL, "%s: handler ran %d times, SIGUSR1 %spending", what, hits,
			sigismember(&pend, SIGUSR1) ? "" : "not ");
	else
		RES(TPASS, "%s returned %ld, SIGUSR1 left pending", what, r);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);	/* the handler runs now */
	if (hits != 1)
		RES(TFAIL, "%s: unblocking ran the handler %d times", what, hits);
}

static void run(unsigned int n)
{
	sigset_t none, usr;
	struct pollfd pf = { .fd = p[0], .events = POLLIN };
	struct timespec ts = { 5, 0 }, zero = { 0, 0 };
	struct epoll_event ev;
	long r;
	int e;
	sigemptyset(&none);
	sigemptyset(&usr);
	sigaddset(&usr, SIGUSR1);
	sigaddset(&usr, SIGUSR2);
	switch (n) {
	case 0:
		arm();
		r = ppoll(&pf, 1, &ts, &none);
		e = errno;
		CHECK_INTR("ppoll", r, e);
		arm();
		r = epoll_pwait(ep, &ev, 1, 5000, &none);
		e = errno;
		CHECK_INTR("epoll_pwait", r, e);
		arm();
		r = pselect(0, NULL, NULL, NULL, &ts, &none);
		e = errno;
		CHECK_INTR("pselect", r, e);
		arm();
		r = syscall(SYS_epoll_pwait2, ep, &ev, 1, &ts, &none, 8);
		e = errno;
		CHECK_INTR("epoll_pwait2", r, e);
		sigprocmask(SIG_SETMASK, &none, NULL);
		break;
	case 1:
		/* something ready: no interruption, the signal stays pending */
		if (write(p[1], "x", 1) != 1)
			tst_brk(TBROK | TERRNO, "write");
		arm();
		CHECK_LEFT("ppoll with a ready fd", ppoll(&pf, 1, &ts, &none), 1);
		arm();
		CHECK_LEFT("epoll_pwait with a ready fd", epoll_pwait(ep, &ev, 1, 5000, &none), 1);
		char c;
		if (read(p[0], &c, 1) != 1)
			tst_brk(TBROK | TERRNO, "read");
		/* epoll, zero timeout, nothing ready: 0, not EINTR (ep_poll) */
		arm();
		CHECK_LEFT("epoll_pwait with timeout 0", epoll_pwait(ep, &ev, 1, 0, &none), 0);
		/* poll, zero timeout, nothing ready: EINTR (do_poll) */
		arm();
		r = ppoll(&pf, 1, &zero, &none);
		e = errno;
		CHECK_INTR("ppoll with timeout 0", r, e);
		sigprocmask(SIG_SETMASK, &none, NULL);
		break;
	case 2: {
		/* a signal the temporary mask blocks does not end the wait; its
		 * handler runs once the old mask is back */
		struct itimerval it = { { 0, 0 }, { 0, 30000 } };
		sigset_t alrm;
		struct timespec t200 = { 0, 200000000 };
		sigemptyset(&alrm);
		sigaddset(&alrm, SIGALRM);
		hits = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		r = ppoll(&pf, 1, &t200, &alrm);
		tst_res(r == 0 && hits == 1 ? TPASS : TFAIL,
			"ppoll returned %ld (0: its timeout), then the SIGALRM handler ran %d times", r, hits);
		hits = 0;
		setitimer(ITIMER_REAL, &it, NULL);
		r = epoll_pwait(ep, &ev, 1, 200, &alrm);
		tst_res(r == 0 && hits == 1 ? TPASS : TFAIL,
			"epoll_pwait returned %ld (0: its timeout), then the SIGALRM handler ran %d times", r, hits);
		break;
	}
	case 3: {
		/* the pselect pattern: SIGCHLD blocked, unblocked only in the wait */
		sigset_t chld;
		sigemptyset(&chld);
		sigaddset(&chld, SIGCHLD);
		sigprocmask(SIG_BLOCK, &chld, NULL);
		hits = 0;
		pid_t c = fork();
		if (c < 0)
			tst_brk(TBROK | TERRNO, "fork");
		if (c == 0) {
			usleep(50000);
			_exit(0);
		}
		r = pselect(0, NULL, NULL, NULL, &ts, &none);
		e = errno;
		if (r != -1 || e != EINTR || hits != 1)
			tst_res(TFAIL, "pselect returned %ld (%s), handler ran %d times", r,
				tst_strerrno(e), hits);
		else
			tst_res(TPASS, "SIGCHLD interrupted pselect and its handler ran");
		waitpid(c, NULL, 0);
		sigprocmask(SIG_UNBLOCK, &chld, NULL);
		break;
	}
	}
}

struct tst_test test = { .setup = setup, .test = run, .tcnt = 4 };
