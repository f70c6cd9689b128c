/* POSIX timers: timer_create with SIGEV_SIGNAL (the signal comes with
 * SI_TIMER and the sigev_value), a one-shot and a periodic timer,
 * timer_gettime, timer_getoverrun of a blocked periodic timer,
 * SIGEV_THREAD (glibc's helper thread, SIGEV_THREAD_ID underneath),
 * timer_delete, and EINVAL/EFAULT paths. */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;
static volatile int thread_calls;
static volatile int thread_value;

static void on_thread(union sigval v)
{
	thread_value = v.sival_int;
	thread_calls++;
}

static void run(void)
{
	int sig = SIGRTMIN + 1;
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, sig);
	sigprocmask(SIG_BLOCK, &set, NULL);

	timer_t id;
	struct sigevent sev = { 0 };
	sev.sigev_notify = SIGEV_SIGNAL;
	sev.sigev_signo = sig;
	sev.sigev_value.sival_int = 4242;
	TST_EXP_PASS(timer_create(CLOCK_MONOTONIC, &sev, &id));
	struct itimerspec its = { { 0, 0 }, { 0, 20 * 1000 * 1000 } }, cur;
	TST_EXP_PASS(timer_settime(id, 0, &its, NULL));
	TST_EXP_PASS(timer_gettime(id, &cur));
	if (cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec > 0 && cur.it_value.tv_nsec <= 20 * 1000 * 1000)
		tst_res(TPASS, "timer_gettime: %ld ns left", cur.it_value.tv_nsec);
	else
		tst_res(TFAIL, "timer_gettime: %ld.%09ld left", (long)cur.it_value.tv_sec, cur.it_value.tv_nsec);
	siginfo_t si;
	struct timespec wait = { 5, 0 };
	int got = sigtimedwait(&set, &si, &wait);
	if (got == sig && si.si_code == SI_TIMER && si.si_value.sival_int == 4242)
		tst_res(TPASS, "one-shot timer: signal %d, SI_TIMER, value 4242", got);
	else
		tst_res(TFAIL | TERRNO, "one-shot timer: sig %d code %d value %d", got, si.si_code,
			si.si_value.sival_int);
	TST_EXP_PASS(timer_gettime(id, &cur));
	if (cur.it_value.tv_sec == 0 && cur.it_value.tv_nsec == 0)
		tst_res(TPASS, "expired one-shot timer is disarmed");
	else
		tst_res(TFAIL, "disarmed timer shows %ld ns", cur.it_value.tv_nsec);

	/* periodic, 5 ms, signal blocked for 60 ms: one queued signal, the
	 * rest counted as overruns */
	its = (struct itimerspec){ { 0, 5 * 1000 * 1000 }, { 0, 5 * 1000 * 1000 } };
	struct itimerspec old;
	TST_EXP_PASS(timer_settime(id, 0, &its, &old));
	struct timespec nap = { 0, 60 * 1000 * 1000 };
	nanosleep(&nap, NULL);
	got = sigtimedwait(&set, &si, &wait);
	int over = timer_getoverrun(id);
	if (got == sig && over >= 3)
		tst_res(TPASS, "periodic timer: overrun %d while blocked", over);
	else
		tst_res(TFAIL | TERRNO, "periodic timer: sig %d, overrun %d", got, over);
	its = (struct itimerspec){ { 0, 0 }, { 0, 0 } };
	TST_EXP_PASS(timer_settime(id, 0, &its, &old));
	if (old.it_interval.tv_nsec == 5 * 1000 * 1000)
		tst_res(TPASS, "timer_settime returns the old interval");
	else
		tst_res(TFAIL, "old interval %ld ns", old.it_interval.tv_nsec);
	TST_EXP_FAIL(syscall(SYS_timer_settime, id, 0, bad_ptr, NULL), EFAULT);
	its.it_value.tv_nsec = 2000000000;
	TST_EXP_FAIL(timer_settime(id, 0, &its, NULL), EINVAL);
	TST_EXP_PASS(timer_delete(id));
	TST_EXP_FAIL(syscall(SYS_timer_delete, 123456), EINVAL);
	TST_EXP_FAIL(syscall(SYS_timer_getoverrun, 123456), EINVAL);
	TST_EXP_FAIL(syscall(SYS_timer_create, CLOCK_MONOTONIC, &sev, bad_ptr), EFAULT);
	TST_EXP_FAIL(syscall(SYS_timer_create, 12345, &sev, &id), EINVAL);

	/* SIGEV_THREAD: glibc starts a helper thread that waits for the
	 * timer's signal (SIGEV_THREAD_ID) and calls the function */
	sev = (struct sigevent){ 0 };
	sev.sigev_notify = SIGEV_THREAD;
	sev.sigev_notify_function = on_thread;
	sev.sigev_value.sival_int = 77;
	TST_EXP_PASS(timer_create(CLOCK_MONOTONIC, &sev, &id));
	its = (struct itimerspec){ { 0, 0 }, { 0, 10 * 1000 * 1000 } };
	TST_EXP_PASS(timer_settime(id, 0, &its, NULL));
	for (int i = 0; i < 500 && !thread_calls; i++) {
		nap.tv_nsec = 10 * 1000 * 1000;
		nanosleep(&nap, NULL);
	}
	if (thread_calls == 1 && thread_value == 77)
		tst_res(TPASS, "SIGEV_THREAD: the function ran once with value 77");
	else
		tst_res(TFAIL, "SIGEV_THREAD: %d calls, value %d", thread_calls, thread_value);
	TST_EXP_PASS(timer_delete(id));
}

struct tst_test test = {
	.test_all = run,
};
