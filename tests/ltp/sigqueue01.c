/* Real-time signals queue: a blocked RT signal sent N times with
 * sigqueue(3) (rt_sigqueueinfo) is received N times by sigtimedwait, in
 * the order sent, each with its own value (signal(7), "Real-time
 * signals": several instances are queued and delivered in order).  N is
 * well past the kit's record of one burst and its old per-signal queue of
 * 16; then the queue is empty (EAGAIN), a standard signal sent three times
 * while blocked arrives once, and SIG_IGN discards the queued instances.
 * Last, another process sends STORM instances as fast as it can while
 * this one waits for it: all arrive (the kit once kept 64 per burst). */
#define _GNU_SOURCE
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "tst.h"

#define N 300
#define STORM 1500

static void block(int sig, sigset_t *set)
{
	sigemptyset(set);
	sigaddset(set, sig);
	if (sigprocmask(SIG_BLOCK, set, NULL) < 0)
		tst_brk(TBROK | TERRNO, "sigprocmask");
}

static void run(void)
{
	int sig = SIGRTMIN + 2;
	sigset_t set;
	block(sig, &set);
	int sent = 0;
	for (int i = 0; i < N; i++) {
		union sigval v = { .sival_int = 1000 + i };
		if (sigqueue(getpid(), sig, v) == 0)
			sent++;
	}
	if (sent == N)
		tst_res(TPASS, "sigqueue: %d instances queued", N);
	else
		tst_res(TFAIL | TERRNO, "sigqueue: %d of %d queued", sent, N);

	struct timespec none = { 0, 0 };
	siginfo_t si;
	int got = 0, in_order = 1;
	for (int i = 0; i < N; i++) {
		if (sigtimedwait(&set, &si, &none) != sig)
			break;
		got++;
		if (si.si_code != SI_QUEUE || si.si_value.sival_int != 1000 + i || si.si_pid != getpid())
			in_order = 0;
	}
	if (got == N && in_order)
		tst_res(TPASS, "all %d received in order, each with its value", N);
	else
		tst_res(TFAIL, "received %d of %d (%s)", got, N, in_order ? "in order" : "out of order");
	TST_EXP_FAIL(sigtimedwait(&set, &si, &none), EAGAIN);

	/* A standard signal does not queue. */
	sigset_t uset;
	block(SIGUSR1, &uset);
	for (int i = 0; i < 3; i++)
		kill(getpid(), SIGUSR1);
	int n = 0;
	while (sigtimedwait(&uset, &si, &none) == SIGUSR1)
		n++;
	if (n == 1)
		tst_res(TPASS, "SIGUSR1 sent 3 times while blocked: received once");
	else
		tst_res(TFAIL, "SIGUSR1 sent 3 times while blocked: received %d times", n);

	/* Ignoring the signal discards every queued instance. */
	for (int i = 0; i < 40; i++)
		sigqueue(getpid(), sig, (union sigval){ .sival_int = i });
	signal(sig, SIG_IGN);
	signal(sig, SIG_DFL);
	TST_EXP_FAIL(sigtimedwait(&set, &si, &none), EAGAIN);

	pid_t me = getpid(), c = fork();
	if (c < 0)
		tst_brk(TBROK | TERRNO, "fork");
	if (c == 0) {
		for (int i = 0; i < STORM; i++)
			if (sigqueue(me, sig, (union sigval){ .sival_int = i }))
				_exit(1);
		_exit(0);
	}
	int st = 0;
	waitpid(c, &st, 0);
	got = 0;
	in_order = 1;
	while (sigtimedwait(&set, &si, &none) == sig) {
		if (si.si_value.sival_int != got)
			in_order = 0;
		got++;
	}
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && got == STORM && in_order)
		tst_res(TPASS, "%d instances sent by another process in a burst: all received in order", STORM);
	else
		tst_res(TFAIL, "burst from another process: sender status 0x%x, received %d of %d (%s)", st, got,
			STORM, in_order ? "in order" : "out of order");
}

struct tst_test test = {
	.test_all = run,
	.forks_child = 1,
};
