/* A process-directed signal that every thread blocks stays pending for
 * the whole thread group (signal(7): "a process-directed signal may be
 * delivered to any one of the threads that does not currently have the
 * signal blocked"; with none, it waits in the shared pending set), so a
 * thread that waits for it gets it, whichever thread the kernel -- or the
 * kit -- first caught it on.  Here three threads run busy loops and a
 * fourth waits in sigwaitinfo, all blocking SIGRTMIN+3, while another
 * process sends N instances; all N reach the waiting thread, and none is
 * left pending in a busy thread afterwards. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/wait.h>
#include "tst.h"

#define N 400
#define BUSY 3

static volatile int stop;
static int sig;
static int received, bad_value;

static void *busy(void *arg)
{
	volatile unsigned long x = 0;
	while (!stop)
		x++;
	return arg;
}

static void *waiter(void *arg)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	struct timespec limit = { 10, 0 };
	siginfo_t si;
	while (received < N && sigtimedwait(&set, &si, &limit) == sig) {
		if (si.si_code != SI_QUEUE || si.si_value.sival_int < 0 || si.si_value.sival_int >= N)
			bad_value++;
		received++;
	}
	return arg;
}

static void run(void)
{
	sig = SIGRTMIN + 3;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	if (sigprocmask(SIG_BLOCK, &set, NULL) < 0)	/* inherited by the threads */
		tst_brk(TBROK | TERRNO, "sigprocmask");
	pthread_t b[BUSY], w;
	for (int i = 0; i < BUSY; i++)
		if (pthread_create(&b[i], NULL, busy, NULL))
			tst_brk(TBROK, "pthread_create");
	if (pthread_create(&w, NULL, waiter, NULL))
		tst_brk(TBROK, "pthread_create");
	pid_t me = getpid(), c = fork();
	if (c < 0)
		tst_brk(TBROK | TERRNO, "fork");
	if (c == 0) {
		for (int i = 0; i < N; i++)
			if (sigqueue(me, sig, (union sigval){ .sival_int = i }))
				_exit(1);
		_exit(0);
	}
	int st = 0;
	waitpid(c, &st, 0);
	pthread_join(w, NULL);
	stop = 1;
	for (int i = 0; i < BUSY; i++)
		pthread_join(b[i], NULL);
	if (WIFEXITED(st) && WEXITSTATUS(st) == 0 && received == N && !bad_value)
		tst_res(TPASS, "all %d instances reached the waiting thread", N);
	else
		tst_res(TFAIL, "sender status 0x%x; the waiting thread received %d of %d (%d with a wrong siginfo)",
			st, received, N, bad_value);
	struct timespec none = { 0, 0 };
	siginfo_t si;
	TST_EXP_FAIL(sigtimedwait(&set, &si, &none), EAGAIN);
}

struct tst_test test = {
	.test_all = run,
	.forks_child = 1,
};
