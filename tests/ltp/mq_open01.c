/* POSIX message queues: mq_open (O_CREAT|O_EXCL with a struct mq_attr,
 * EEXIST, ENOENT, EINVAL for a bad attr), mq_getsetattr (the four longs,
 * O_NONBLOCK in and out), mq_timedsend/mq_timedreceive (priority order and
 * the priority stored back; EMSGSIZE both ways; EAGAIN when non-blocking;
 * ETIMEDOUT at an absolute timeout; EINVAL/EFAULT for a bad timeout;
 * EFAULT for a bad buffer; EBADF for a read-only descriptor), and the raw
 * syscalls with the ABI's old timespec and, on 32-bit ABIs, the time64
 * forms; mq_notify with SIGEV_SIGNAL (si_code SI_MESGQ, the sigev_value,
 * the sender's pid; EBUSY for a second registration), mq_unlink. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <mqueue.h>
#include <signal.h>
#include <stdio.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "tst.h"

static char name[64];
static mqd_t q = -1;
static void *volatile bad_ptr = (void *)16;

struct old_ts { long s, ns; };	/* the ABI's old timespec */
struct ts64 { long long s, ns; };

static struct timespec in_ms(long ms)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	ts.tv_nsec += ms * 1000000L;
	ts.tv_sec += ts.tv_nsec / 1000000000L;
	ts.tv_nsec %= 1000000000L;
	return ts;
}

static void setup(void)
{
	snprintf(name, sizeof name, "/ck_mq01_%d", (int)getpid());
	mq_unlink(name);
}

static void cleanup(void)
{
	if (q != -1)
		mq_close(q);
	mq_unlink(name);
}

static void expect_attr(const char *what, long flags, long maxmsg, long msgsize, long cur)
{
	struct mq_attr at;
	memset(&at, 0x5a, sizeof at);
	if (mq_getattr(q, &at) < 0) {
		tst_res(TFAIL | TERRNO, "%s: mq_getattr", what);
		return;
	}
	if (at.mq_flags == flags && at.mq_maxmsg == maxmsg && at.mq_msgsize == msgsize && at.mq_curmsgs == cur)
		tst_res(TPASS, "%s: flags %#lx maxmsg %ld msgsize %ld curmsgs %ld", what, flags, maxmsg, msgsize, cur);
	else
		tst_res(TFAIL, "%s: flags %#lx maxmsg %ld msgsize %ld curmsgs %ld, expected %#lx %ld %ld %ld", what,
			(long)at.mq_flags, (long)at.mq_maxmsg, (long)at.mq_msgsize, (long)at.mq_curmsgs, flags, maxmsg,
			msgsize, cur);
}

static void expect_msg(const char *what, long r, const char *buf, unsigned prio, const char *want, unsigned wprio)
{
	if (r == (long)strlen(want) && !memcmp(buf, want, r) && prio == wprio)
		tst_res(TPASS, "%s: \"%s\" priority %u", what, want, wprio);
	else
		tst_res(TFAIL, "%s: %ld \"%.*s\" priority %u, expected \"%s\" priority %u", what, r,
			r > 0 ? (int)r : 0, buf, prio, want, wprio);
}

static void do_open(void)
{
	struct mq_attr at = { .mq_maxmsg = 4, .mq_msgsize = 16 };
	TST_EXP_PASS(q = mq_open(name, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600, &at));
	if (q == -1)
		tst_brk(TBROK, "no queue");
	if (fcntl(q, F_GETFD) == FD_CLOEXEC)
		tst_res(TPASS, "O_CLOEXEC reached the descriptor");
	else
		tst_res(TFAIL, "F_GETFD %d after O_CLOEXEC", fcntl(q, F_GETFD));
	expect_attr("new queue", 0, 4, 16, 0);
	TST_EXP_FAIL(mq_open(name, O_RDWR | O_CREAT | O_EXCL, 0600, &at), EEXIST);
	struct mq_attr zero = { .mq_maxmsg = 0, .mq_msgsize = 16 };
	TST_EXP_FAIL(mq_open("/ck_mq01_bad", O_RDWR | O_CREAT, 0600, &zero), EINVAL);
	TST_EXP_FAIL(mq_open("/ck_mq01_none", O_RDWR), ENOENT);
	TST_EXP_FAIL(mq_open(name, O_RDWR | O_CREAT, 0600, bad_ptr), EFAULT);
}

static void do_sendrecv(void)
{
	char buf[32];
	unsigned prio = 99;
	TST_EXP_PASS(mq_send(q, "low", 3, 1));
	TST_EXP_PASS(mq_send(q, "high", 4, 5));
	TST_EXP_PASS(mq_send(q, "mid", 3, 3));
	expect_attr("three queued", 0, 4, 16, 3);
	long r = mq_receive(q, buf, sizeof buf, &prio);
	expect_msg("first", r, buf, prio, "high", 5);
	r = mq_receive(q, buf, sizeof buf, &prio);
	expect_msg("second", r, buf, prio, "mid", 3);
	r = mq_receive(q, buf, sizeof buf, &prio);
	expect_msg("third", r, buf, prio, "low", 1);

	TST_EXP_FAIL(mq_send(q, "0123456789abcdefX", 17, 0), EMSGSIZE);
	TST_EXP_FAIL(mq_receive(q, buf, 8, &prio), EMSGSIZE);
	TST_EXP_FAIL(mq_send(q, "x", 1, 32768), EINVAL);	/* MQ_PRIO_MAX */
	TST_EXP_FAIL(mq_send(q, bad_ptr, 4, 0), EFAULT);
	TST_EXP_FAIL(mq_send(-1, "x", 1, 0), EBADF);

	/* a bad buffer on receive: EFAULT, and the message is gone */
	TST_EXP_PASS(mq_send(q, "lost", 4, 0));
	TST_EXP_FAIL(mq_receive(q, bad_ptr, 16, &prio), EFAULT);
	expect_attr("after EFAULT", 0, 4, 16, 0);

	/* blocking: an absolute timeout in the past and in 50 ms */
	struct timespec ts = in_ms(50);
	TST_EXP_FAIL(mq_timedreceive(q, buf, sizeof buf, &prio, &ts), ETIMEDOUT);
	ts.tv_nsec = 2000000000L;
	TST_EXP_FAIL(mq_timedreceive(q, buf, sizeof buf, &prio, &ts), EINVAL);
	for (int i = 0; i < 4; i++)
		if (mq_send(q, "fill", 4, i) < 0)
			tst_brk(TBROK | TERRNO, "fill");
	ts = in_ms(50);
	TST_EXP_FAIL(mq_timedsend(q, "more", 4, 0, &ts), ETIMEDOUT);

	/* O_NONBLOCK through mq_setattr, and back */
	struct mq_attr nb = { .mq_flags = O_NONBLOCK }, old;
	memset(&old, 0x5a, sizeof old);
	TST_EXP_PASS(mq_setattr(q, &nb, &old));
	if (old.mq_flags == 0 && old.mq_maxmsg == 4 && old.mq_msgsize == 16 && old.mq_curmsgs == 4)
		tst_res(TPASS, "mq_setattr returned the old attributes");
	else
		tst_res(TFAIL, "old attributes %#lx %ld %ld %ld", (long)old.mq_flags, (long)old.mq_maxmsg,
			(long)old.mq_msgsize, (long)old.mq_curmsgs);
	expect_attr("non-blocking", O_NONBLOCK, 4, 16, 4);
	TST_EXP_FAIL(mq_send(q, "more", 4, 0), EAGAIN);
	for (int i = 0; i < 4; i++)
		mq_receive(q, buf, sizeof buf, &prio);
	TST_EXP_FAIL(mq_receive(q, buf, sizeof buf, &prio), EAGAIN);
	struct mq_attr badfl = { .mq_flags = O_NONBLOCK | O_APPEND };
	TST_EXP_FAIL(mq_setattr(q, &badfl, NULL), EINVAL);
	nb.mq_flags = 0;
	TST_EXP_PASS(mq_setattr(q, &nb, NULL));
	expect_attr("blocking again", 0, 4, 16, 0);
	TST_EXP_FAIL(mq_setattr(q, bad_ptr, NULL), EFAULT);

	mqd_t ro = mq_open(name, O_RDONLY);
	if (ro == -1)
		tst_brk(TBROK | TERRNO, "mq_open O_RDONLY");
	TST_EXP_FAIL(mq_send(ro, "x", 1, 0), EBADF);
	mq_close(ro);
}

/* The raw syscalls: the ABI's own timespec, and the time64 forms. */
static void do_raw(void)
{
	char buf[32];
	unsigned prio = 0;
	struct timespec now = in_ms(50);
	struct old_ts ots = { now.tv_sec, now.tv_nsec };
	TST_EXP_PASS(syscall(SYS_mq_timedsend, q, "raw", 3, 7, &ots));
	TST_EXP_PASS(syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, &ots));
	expect_msg("mq_timedreceive", TST_RET, buf, prio, "raw", 7);
	TST_EXP_FAIL(syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, &ots), ETIMEDOUT);
	ots.ns = -1;
	TST_EXP_FAIL(syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, &ots), EINVAL);
	/* (glibc's 32-bit wrappers read the timeout themselves: raw calls) */
	TST_EXP_FAIL(syscall(SYS_mq_timedreceive, q, buf, sizeof buf, &prio, bad_ptr), EFAULT);
	TST_EXP_FAIL(syscall(SYS_mq_timedsend, q, "x", 1, 0, bad_ptr), EFAULT);
#ifdef SYS_mq_timedsend_time64
	now = in_ms(50);
	struct ts64 nts = { now.tv_sec, now.tv_nsec };
	TST_EXP_PASS(syscall(SYS_mq_timedsend_time64, q, "raw64", 5, 9, &nts));
	TST_EXP_PASS(syscall(SYS_mq_timedreceive_time64, q, buf, sizeof buf, &prio, &nts));
	expect_msg("mq_timedreceive_time64", TST_RET, buf, prio, "raw64", 9);
	TST_EXP_FAIL(syscall(SYS_mq_timedreceive_time64, q, buf, sizeof buf, &prio, &nts), ETIMEDOUT);
	nts.ns = 1000000000LL;
	TST_EXP_FAIL(syscall(SYS_mq_timedsend_time64, q, "x", 1, 0, &nts), EINVAL);
#else
	tst_res(TCONF, "no mq_timedsend_time64 on this ABI");
#endif
}

static void do_notify(void)
{
	sigset_t set;
	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	sigprocmask(SIG_BLOCK, &set, NULL);
	struct sigevent ev = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = SIGUSR1 };
	ev.sigev_value.sival_int = 42;
	TST_EXP_PASS(mq_notify(q, &ev));
	TST_EXP_FAIL(mq_notify(q, &ev), EBUSY);
	TST_EXP_PASS(mq_send(q, "ring", 4, 0));
	siginfo_t si;
	struct timespec two = { 2, 0 };
	memset(&si, 0, sizeof si);
	int s = sigtimedwait(&set, &si, &two);
	if (s == SIGUSR1 && si.si_code == SI_MESGQ && si.si_value.sival_int == 42 && si.si_pid == getpid())
		tst_res(TPASS, "SIGUSR1 with SI_MESGQ, value 42, our pid");
	else
		tst_res(TFAIL, "sigtimedwait %d, si_code %d value %d pid %d", s, si.si_code, si.si_value.sival_int,
			(int)si.si_pid);
	/* the registration was used up: a new one is taken, then removed */
	TST_EXP_PASS(mq_notify(q, &ev));
	TST_EXP_PASS(mq_notify(q, NULL));
	TST_EXP_PASS(mq_notify(q, &ev));
	struct sigevent bad = { .sigev_notify = SIGEV_SIGNAL, .sigev_signo = 999 };
	TST_EXP_FAIL(mq_notify(q, NULL) == 0 ? mq_notify(q, &bad) : -1, EINVAL);
	TST_EXP_FAIL(syscall(SYS_mq_notify, q, bad_ptr), EFAULT);	/* glibc reads it first */
	TST_EXP_FAIL(mq_notify(-1, &ev), EBADF);
	char buf[32];
	mq_receive(q, buf, sizeof buf, NULL);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
}

static void run(void)
{
	do_open();
	do_sendrecv();
	do_raw();
	do_notify();
	TST_EXP_PASS(mq_unlink(name));
	TST_EXP_FAIL(mq_unlink(name), ENOENT);
	TST_EXP_FAIL(mq_open(name, O_RDWR), ENOENT);
}

struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
};
