/* Many POSIX timers at once: Linux has no per-process count of them (each
 * one's signal is charged to RLIMIT_SIGPENDING only when it is queued), so
 * 200 timers are created, armed and each delivers its own signal with its
 * own value and id.  Then, with all 200 still there, a periodic timer's
 * overrun is counted and a SIGEV_THREAD timer runs its function: both
 * need the kit's per-timer note (it once had 64 of them: EAGAIN). */
#define _GNU_SOURCE
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include "tst.h"

#define NT 200
static timer_t ids[NT];
static volatile int thread_calls, thread_value;

static void on_thread(union sigval v)
{
	thread_value = v.sival_int;
	thread_calls++;
}

static void nap_ms(long ms)
{
	struct timespec ts = { 0, ms * 1000 * 1000 };
	nanosleep(&ts, NULL);
}

static void run(void)
{
	int sig = SIGRTMIN + 2;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);

	int made = 0;
	for (; made < NT; made++) {
		struct sigevent sev = { 0 };
		sev.sigev_notify = SIGEV_SIGNAL;
		sev.sigev_signo = sig;
		sev.sigev_value.sival_int = 1000 + made;
		if (timer_create(CLOCK_MONOTONIC, &sev, &ids[made]))
			break;
	}
	if (made == NT)
		tst_res(TPASS, "%d timers created", NT);
	else
		tst_brk(TFAIL | TERRNO, "timer_create number %d of %d", made + 1, NT);

	/* armed in batches of 8: the test is about the timers, not about how
	 * many instances of one real-time signal can queue */
	struct itimerspec once = { { 0, 0 }, { 0, 10 * 1000 * 1000 } };
	static unsigned char seen[NT];
	int got = 0, wrong = 0;
	struct timespec wait = { 5, 0 };
	for (int b = 0; b < NT; b += 8) {
		int nb = NT - b < 8 ? NT - b : 8;
		for (int i = b; i < b + nb; i++)
			if (timer_settime(ids[i], 0, &once, NULL))
				tst_brk(TFAIL | TERRNO, "timer_settime of timer %d", i);
		for (int k = 0; k < nb; k++) {
			siginfo_t si;
			if (sigtimedwait(&set, &si, &wait) != sig)
				break;
			int v = si.si_value.sival_int - 1000;
			if (si.si_code != SI_TIMER || v < b || v >= b + nb || seen[v] ||
			    si.si_timerid != (int)(long)ids[v])
				wrong++;
			else
				seen[v] = 1;
			got++;
		}
	}
	if (got == NT && !wrong)
		tst_res(TPASS, "each of %d timers sent one signal with its value and id", NT);
	else
		tst_res(TFAIL | TERRNO, "%d signals of %d, %d wrong", got, NT, wrong);

	/* the last timer, periodic at 5 ms, blocked for 60 ms */
	timer_t last = ids[NT - 1];
	struct itimerspec per = { { 0, 5 * 1000 * 1000 }, { 0, 5 * 1000 * 1000 } };
	TST_EXP_PASS(timer_settime(last, 0, &per, NULL));
	nap_ms(60);
	siginfo_t si;
	int s = sigtimedwait(&set, &si, &wait);
	int over = timer_getoverrun(last);
	if (s == sig && over >= 3 && si.si_overrun == over)
		tst_res(TPASS, "timer %d of %d: overrun %d while blocked", NT, NT, over);
	else
		tst_res(TFAIL | TERRNO, "timer %d: sig %d, overrun %d, si_overrun %d", NT, s, over,
			si.si_overrun);
	struct itimerspec off = { { 0, 0 }, { 0, 0 } };
	TST_EXP_PASS(timer_settime(last, 0, &off, NULL));

	struct sigevent sev = { 0 };
	sev.sigev_notify = SIGEV_THREAD;
	sev.sigev_notify_function = on_thread;
	sev.sigev_value.sival_int = 77;
	timer_t th;
	TST_EXP_PASS(timer_create(CLOCK_MONOTONIC, &sev, &th));
	TST_EXP_PASS(timer_settime(th, 0, &once, NULL));
	for (int i = 0; i < 500 && !thread_calls; i++)
		nap_ms(10);
	if (thread_calls == 1 && thread_value == 77)
		tst_res(TPASS, "SIGEV_THREAD beside %d timers: the function ran once", NT);
	else
		tst_res(TFAIL, "SIGEV_THREAD: %d calls, value %d", thread_calls, thread_value);
	TST_EXP_PASS(timer_delete(th));

	int bad = 0;
	for (int i = 0; i < NT; i++)
		bad += timer_delete(ids[i]) != 0;
	if (!bad)
		tst_res(TPASS, "%d timers deleted", NT);
	else
		tst_res(TFAIL, "%d of %d timer_delete calls failed", bad, NT);
}

struct tst_test test = {
	.test_all = run,
};
