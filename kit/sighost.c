/*
 * Host signals into guest signals.  The kit catches every host signal the
 * guest does not ignore, with SA_SIGINFO and without SA_RESTART, so that a
 * blocking host call made for the guest returns EINTR and the dispatcher
 * can decide restart per the guest's SA_RESTART.  The handler only records
 * the signal and stops the engine of the guest thread this host thread
 * runs (thread_ask_stop); guest code never runs from it.  The run loop
 * drains the record at its next safe point (sig_deliver, sig_syscall_exit)
 * into the pending set of a thread that does not block the signal
 * (sig_post_process).  With several guest threads, the host thread that
 * catches a process-directed signal is any of them; a thread-directed one
 * between guest threads never comes here (kit/sys/signal.c posts it), and
 * THREAD_KICK_SIG from the kit's own pid only wakes the thread.
 *
 * A guest SIG_IGN is mirrored as a host SIG_IGN: the host then drops the
 * signal as Linux would, and for SIGCHLD children are reaped as the guest
 * asked.  Host-generated fault signals (the kit's own crashes) are never
 * turned into guest signals: the handler puts SIG_DFL back and returns, so
 * the fault repeats and kills the kit as it should.
 */
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "ksig.h"
#include "thread.h"

/* The caught signals, one record per host process.  A vfork child (kit/
 * vfork.c) runs on its suspended parent's host thread, with that thread's
 * TLS, in the same memory: own_rec (TLS) points it at a record of its own,
 * so that neither process drains the other's signals. */
struct hostsig {
	volatile uint64_t pend;	/* bit sig-1: caught, not yet drained */
	struct hrec {
		unsigned n;		/* slots claimed (RT: up to RTQ) */
		unsigned char ready[RTQ];	/* slot i is written */
		struct ksiginfo si[RTQ];
	} rec[CK_NSIG + 1];
};
static struct hostsig proc_rec;
static __thread struct hostsig *own_rec;

static struct hostsig *record(void)
{
	return own_rec ? own_rec : &proc_rec;
}

struct hostsig *sig_host_record_new(void)
{
	return calloc(1, sizeof(struct hostsig));
}

struct hostsig *sig_host_record_use(struct hostsig *r)
{
	struct hostsig *old = own_rec;
	own_rec = r;
	return old;
}

/* glibc keeps 32 and 33 for itself (NPTL); the kit cannot catch them. */
static int host_catchable(int sig)
{
	return sig != SIGKILL && sig != SIGSTOP && (sig < 32 || sig >= SIGRTMIN);
}

int sig_host_catchable(int sig) { return sig >= 1 && sig <= CK_NSIG && host_catchable(sig); }

static int is_fault(int sig)
{
	return sig == SIGSEGV || sig == SIGBUS || sig == SIGILL || sig == SIGFPE || sig == SIGTRAP;
}

static void on_host_signal(int sig, siginfo_t *hi, void *uc)
{
	if (is_fault(sig) && hi->si_code > 0) {
		signal(sig, SIG_DFL);	/* the kit itself faulted */
		return;
	}
	struct task *self = ck_self;	/* the guest thread this host thread runs */
	if (thread_is_kick(sig, hi->si_code, hi->si_pid)) {
		/* Another guest thread posted a signal to this one: just leave
		 * the blocking call (EINTR) and the engine for a safe point. */
		if (self)
			thread_ask_stop(self);
		return;
	}
	/* A POSIX timer whose guest signal the kit cannot catch (32, 33)
	 * fires the kick signal instead (kit/sys/ptimer.c): its own number. */
	if (sig == THREAD_KICK_SIG && hi->si_code == SI_TIMER) {
		int g = ptimer_guest_sig(hi->si_timerid);
		if (g > 0)
			sig = g;
	}
	struct hostsig *hs = record();
	struct hrec *r = &hs->rec[sig];
	/* Handlers on two host threads may fill one record at once: claim
	 * the slot atomically (a claim past the end is given back). */
	unsigned slot = __atomic_fetch_add(&r->n, 1, __ATOMIC_SEQ_CST);
	if (slot >= (sig < 32 ? 1u : (unsigned)RTQ))
		__atomic_fetch_sub(&r->n, 1, __ATOMIC_SEQ_CST);
	else {
		struct ksiginfo *k = &r->si[slot];
		memset(k, 0, sizeof *k);
		k->signo = sig;
		k->code = hi->si_code;
		k->errno_ = hi->si_errno;
		k->pid = hi->si_pid;
		k->uid = hi->si_uid;
		if (sig == SIGCHLD) {
			k->status = hi->si_status;
			k->utime = hi->si_utime;
			k->stime = hi->si_stime;
		} else if (hi->si_code == SI_TIMER) {
			k->tid = hi->si_timerid;
			k->overrun = hi->si_overrun;
			k->value = (uint64_t)(uintptr_t)hi->si_value.sival_ptr;
		} else if (hi->si_code == SI_QUEUE || hi->si_code == SI_MESGQ || hi->si_code == SI_ASYNCIO)
			k->value = (uint64_t)(uintptr_t)hi->si_value.sival_ptr;
		else if (sig == SIGIO && hi->si_code > 0) {
			k->band = hi->si_band;
			k->fd = hi->si_fd;
		}
		__atomic_store_n(&r->ready[slot], 1, __ATOMIC_RELEASE);
	}
	__atomic_or_fetch(&hs->pend, SIGBIT(sig), __ATOMIC_SEQ_CST);
	if (self)
		thread_ask_stop(self);
}

void sig_host_action(struct task *t, int sig)
{
	if (!host_catchable(sig))
		return;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	if (t->sig->act[sig].handler == (uint64_t)SIG_IGN && sig != THREAD_KICK_SIG)
		sa.sa_handler = SIG_IGN;	/* (the kick signal stays caught: kit/thread.h) */
	else {
		sa.sa_sigaction = on_host_signal;
		sa.sa_flags = SA_SIGINFO;	/* no SA_RESTART: blocking calls see EINTR */
		sigfillset(&sa.sa_mask);
	}
	sigaction(sig, &sa, NULL);
}

/* Called from task_init via sig_init's caller: the guest starts with the
 * host's ignored signals ignored (they survive exec) and its mask blocked;
 * the host itself then runs with nothing blocked. */
int sig_host_init(struct task *t)
{
	sigset_t hostmask;
	sigprocmask(SIG_SETMASK, NULL, &hostmask);
	ksigset_t m = 0;
	for (int sig = 1; sig <= CK_NSIG; sig++) {
		if (!host_catchable(sig))
			continue;
		struct sigaction old;
		if (sigaction(sig, NULL, &old) == 0 && old.sa_handler == SIG_IGN)
			t->sig->act[sig].handler = (uint64_t)SIG_IGN;
		if (sigismember(&hostmask, sig) == 1)
			m |= SIGBIT(sig);
		sig_host_action(t, sig);
	}
	sig_setmask(t, m);
	sigset_t none;
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	return 0;
}

static void post_one(struct task *t, const struct ksiginfo *k)
{
	struct task *to = k->code == SI_TIMER ? thread_find(ptimer_thread(k->tid)) : NULL;
	if (to) {	/* SIGEV_THREAD_ID: that thread's own signal */
		sig_post(to, k);
		thread_kick(to);
	} else
		sig_post_process(t, k);
}

/* Post one record's entries (at most cap), oldest first, and empty it.
 * Handlers on other host threads may be claiming and filling slots
 * meanwhile: a claimed slot is read once its writer marked it ready, and
 * the count goes back to 0 only if no claim came in since it was read
 * (else the new slots are taken too).  The writers never wait, so the
 * waits here are short. */
static void take(struct task *t, struct hrec *r, unsigned cap)
{
	unsigned done = 0;
	for (;;) {
		unsigned n = __atomic_load_n(&r->n, __ATOMIC_ACQUIRE);
		for (; done < n && done < cap; done++) {
			while (!__atomic_load_n(&r->ready[done], __ATOMIC_ACQUIRE))
				sched_yield();
			struct ksiginfo k = r->si[done];
			__atomic_store_n(&r->ready[done], 0, __ATOMIC_RELAXED);
			post_one(t, &k);
		}
		unsigned expect = done;
		if (__atomic_compare_exchange_n(&r->n, &expect, 0, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST))
			return;
		sched_yield();	/* a claim came in meanwhile, or one past the end
				 * is about to be given back: look again */
	}
}

void sig_drain_host(struct task *t)
{
	struct hostsig *hs = record();
	if (!__atomic_load_n(&hs->pend, __ATOMIC_SEQ_CST))
		return;
	sigset_t all, old;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &old);
	uint64_t p = __atomic_exchange_n(&hs->pend, 0, __ATOMIC_SEQ_CST);
	for (int sig = 1; sig <= CK_NSIG; sig++) {
		if (!(p & SIGBIT(sig)))
			continue;
		take(t, &hs->rec[sig], sig < 32 ? 1u : (unsigned)RTQ);
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
}

/* Sleep until a host signal arrives or the timeout (relative, NULL: none)
 * passes, without losing one that comes in between: host signals are
 * blocked while done() is checked and ppoll unblocks them atomically.
 * Returns 1 when done() said so, 0 on timeout. */
int sig_wait(struct task *t, int (*done)(struct task *, void *), void *arg,
	     const struct timespec *timeout)
{
	struct timespec end = { 0, 0 }, now, rem;
	if (timeout) {
		clock_gettime(CLOCK_MONOTONIC, &now);
		end.tv_sec = now.tv_sec + timeout->tv_sec;
		end.tv_nsec = now.tv_nsec + timeout->tv_nsec;
		if (end.tv_nsec >= 1000000000) {
			end.tv_sec++;
			end.tv_nsec -= 1000000000;
		}
	}
	sigset_t all, old, none;
	sigfillset(&all);
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &all, &old);
	int r = 0;
	for (;;) {
		sig_drain_host(t);
		if (done(t, arg)) {
			r = 1;
			break;
		}
		if (timeout) {
			clock_gettime(CLOCK_MONOTONIC, &now);
			rem.tv_sec = end.tv_sec - now.tv_sec;
			rem.tv_nsec = end.tv_nsec - now.tv_nsec;
			if (rem.tv_nsec < 0) {
				rem.tv_sec--;
				rem.tv_nsec += 1000000000;
			}
			if (rem.tv_sec < 0)
				break;
		}
		thread_block_begin();	/* the engine lock is not held while asleep */
		ppoll(NULL, 0, timeout ? &rem : NULL, &none);
		thread_block_end();
	}
	sigprocmask(SIG_SETMASK, &old, NULL);
	return r;
}
