/*
 * Guest signal delivery: generation (sig_post), the safe point in the run
 * loop (sig_deliver), default actions, and syscall restart.  The model is
 * Linux's kernel/signal.c and the arch do_signal() loops: a signal is
 * pending until delivered; delivery happens only when the guest is about to
 * run again (never from a host signal handler), one handler frame per
 * signal, stacked if several are ready.  Frames are the arch's job
 * (abi->sendsig/sigreturn).  The host side (kit/sighost.c) turns host
 * signals into sig_post calls at those same safe points.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include "gdbstub.h"
#include "ksig.h"
#include "thread.h"
#include "vm.h"

/* Default actions (signal(7); kernel/signal.c sig_kernel_*_mask). */
int sig_default(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGBUS:
	case SIGFPE: case SIGSEGV: case SIGXCPU: case SIGXFSZ: case SIGSYS:
		return SIGACT_CORE;
	case SIGCHLD: case SIGURG: case SIGWINCH:
		return SIGACT_IGN;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return SIGACT_STOP;
	case SIGCONT:
		return SIGACT_CONT;
	default:
		return SIGACT_TERM;
	}
}

int sig_init(struct task *t)
{
	if (!t->sig && !(t->sig = calloc(1, sizeof *t->sig)))
		return -ENOMEM;
	if (!t->sig->shared) {
		if (!(t->sig->shared = calloc(1, sizeof *t->sig->shared)))
			return -ENOMEM;
		t->sig->shared->shared_refs = 1;
	}
	if (!t->sig->act)
		t->sig->act = t->sig->own_act;
	t->sig->ss_flags = K_SS_DISABLE;
	return 0;
}

void sig_flush_handlers(struct task *t)
{
	for (int i = 1; i <= CK_NSIG; i++) {
		struct kaction *a = &t->sig->act[i];
		if (a->handler != (uint64_t)SIG_IGN)
			memset(a, 0, sizeof *a);
		a->flags = a->restorer = a->mask = 0;
	}
}

int sig_exec(struct task *t)
{
	struct sigstate *s = t->sig;
	sig_flush_handlers(t);
	s->ss_sp = s->ss_size = 0;
	s->ss_flags = K_SS_DISABLE;
	s->restart = s->sigreturn = s->have_saved = 0;
	const struct sigcode *sc = t->abi->sigcode;
	if (!sc)
		return 0;
	/* One read-only, executable page, like the vDSO, below the mmap area. */
	uint64_t len = (sc->len + VM_PAGE - 1) & ~(VM_PAGE - 1);
	uint64_t at = vm_find_free(t->vm, len, t->vm->mmap_base);
	if (!at || vm_map(t->vm, at, len, VM_R | VM_X, VMF_FIXED, -1, 0) < 0)
		return -ENOMEM;
	memcpy(vm_host(t->vm, at, sc->len, 0), sc->code, sc->len);
	t->sigcode = at;
	return 0;
}

void sig_setmask(struct task *t, ksigset_t m)
{
	t->sig->blocked = m & ~(SIGBIT(SIGKILL) | SIGBIT(SIGSTOP));
}

/* Linux's sig_ignored(): an unblocked signal whose action ignores it is
 * dropped when generated; a blocked one stays pending (the action may
 * change before it is unblocked). */
static int ignored(struct task *t, int sig)
{
	const struct kaction *a = &t->sig->act[sig];
	if (t->sig->blocked & SIGBIT(sig))
		return 0;
	return a->handler == (uint64_t)SIG_IGN ||
	       (a->handler == (uint64_t)SIG_DFL && sig_default(sig) == SIGACT_IGN);
}

static unsigned rtq_limit(void)
{
	static unsigned lim;
	if (!lim) {
		struct rlimit r;
		lim = getrlimit(RLIMIT_SIGPENDING, &r) == 0 && r.rlim_cur != RLIM_INFINITY &&
		      r.rlim_cur < (1u << 20) ? (unsigned)r.rlim_cur : (1u << 20);
		if (!lim)
			lim = 1;
	}
	return lim;
}

/* Queue one more instance; dropped (as Linux drops a signal it cannot
 * allocate for) at the limit or when memory runs out. */
static void rtq_push(struct rtqueue *q, const struct ksiginfo *si)
{
	if (q->n == q->cap) {
		if (q->cap >= rtq_limit())
			return;
		unsigned cap = q->cap ? q->cap * 2 : 16;
		struct ksiginfo *v = malloc(cap * sizeof *v);
		if (!v)
			return;
		for (unsigned i = 0; i < q->n; i++)
			v[i] = q->v[(q->head + i) % q->cap];
		free(q->v);
		q->v = v;
		q->head = 0;
		q->cap = cap;
	}
	q->v[(q->head + q->n++) % q->cap] = *si;
}

static void rtq_pop(struct rtqueue *q, struct ksiginfo *out)
{
	*out = q->v[q->head];
	q->head = (q->head + 1) % q->cap;
	q->n--;
}

void sig_rtq_clear(struct sigstate *s, int sig)
{
	s->rtq[sig].n = s->rtq[sig].head = 0;
}

static void free_queues(struct sigstate *s)
{
	for (int sig = 0; sig <= CK_NSIG; sig++)
		free(s->rtq[sig].v);
	free(s);
}

void sig_state_free(struct sigstate *s)
{
	if (!s)
		return;
	if (s->shared && --s->shared->shared_refs == 0)
		free_queues(s->shared);
	free_queues(s);
}

void sig_share(struct task *c, struct task *t)
{
	if (c->sig && t->sig && t->sig->shared && !c->sig->shared) {
		c->sig->shared = t->sig->shared;
		c->sig->shared->shared_refs++;
	}
}

ksigset_t sig_pending_any(struct task *t)
{
	return t->sig->pending | (t->sig->shared ? t->sig->shared->pending : 0);
}

/* Queue si in s: t's own pending set, or its group's shared one. */
static void post_into(struct task *t, struct sigstate *s, const struct ksiginfo *si)
{
	int sig = si->signo;
	if (sig < 1 || sig > CK_NSIG)
		return;
	/* Stop and continue signals cancel each other (prepare_signal). */
	if (sig == SIGCONT)
		s->pending &= ~(SIGBIT(SIGSTOP) | SIGBIT(SIGTSTP) | SIGBIT(SIGTTIN) | SIGBIT(SIGTTOU));
	else if (sig_default(sig) == SIGACT_STOP)
		s->pending &= ~SIGBIT(SIGCONT);
	if (ignored(t, sig))
		return;
	if (si->code == K_SI_TIMER && ptimer_posted(si->tid, si->overrun))
		return;	/* queued once; counted as an overrun (posix_timer_event) */
	if (s->pending & SIGBIT(sig)) {
		/* Standard signals do not queue; real-time ones do. */
		if (sig >= 32)
			rtq_push(&s->rtq[sig], si);
		return;
	}
	s->info[sig] = *si;
	s->pending |= SIGBIT(sig);
}

void sig_post(struct task *t, const struct ksiginfo *si)
{
	post_into(t, t->sig, si);
}

void sig_post_process(struct task *t, const struct ksiginfo *si)
{
	struct task *to = t, *o;
	int sig = si->signo;
	if (sig >= 1 && sig <= CK_NSIG && (t->sig->blocked & SIGBIT(sig))) {
		to = NULL;
		for (unsigned i = 0; (o = thread_at(i)); i++)
			if (!(o->sig->blocked & SIGBIT(sig))) {
				to = o;
				break;
			}
		if (!to && t->sig->shared) {
			/* Every thread blocks it: the group's pending set, where
			 * the first thread to wait for it or unblock it takes it
			 * (complete_signal finds no thread to wake).  Waiting
			 * threads look again. */
			post_into(t, t->sig->shared, si);
			for (unsigned i = 0; (o = thread_at(i)); i++)
				if (o != t)
					thread_kick(o);
			return;
		}
		if (!to)
			to = t;
	}
	sig_post(to, si);
	if (to != t)
		thread_kick(to);
}

/* force_sig_fault(): a fault signal the guest blocks or ignores kills it. */
void sig_post_fault(struct task *t, int sig, int code, uint64_t addr)
{
	struct sigstate *s = t->sig;
	struct kaction *a = &s->act[sig];
	if ((s->blocked & SIGBIT(sig)) || a->handler == (uint64_t)SIG_IGN) {
		a->handler = (uint64_t)SIG_DFL;
		s->blocked &= ~SIGBIT(sig);
	}
	struct ksiginfo si = { .signo = sig, .code = code, .addr = addr };
	s->pending &= ~SIGBIT(sig);	/* a fault replaces an older instance */
	sig_post(t, &si);
	s->pending |= SIGBIT(sig);
	s->info[sig] = si;
	s->forced |= SIGBIT(sig);
}

static int take_one(struct sigstate *s, ksigset_t set, struct ksiginfo *out)
{
	ksigset_t ready = s->pending & set;
	if (!ready)
		return 0;
	/* Synchronous signals first (as dequeue_synchronous_signal), then
	 * the lowest number. */
	ksigset_t pick = (ready & s->forced) ? ready & s->forced : ready;
	int sig = __builtin_ctzll(pick) + 1;
	*out = s->info[sig];
	if (out->code == K_SI_TIMER)
		out->overrun = ptimer_taken(out->tid, out->overrun);
	s->forced &= ~SIGBIT(sig);
	if (s->rtq[sig].n)
		rtq_pop(&s->rtq[sig], &s->info[sig]);
	else
		s->pending &= ~SIGBIT(sig);
	return sig;
}

/* The thread's own signals first, then its group's (dequeue_signal). */
int sig_dequeue(struct task *t, ksigset_t set, struct ksiginfo *out)
{
	int sig = take_one(t->sig, set, out);
	if (!sig && t->sig->shared)
		sig = take_one(t->sig->shared, set, out);
	return sig;
}

ksigset_t sig_pending(struct task *t)
{
	sig_drain_host(t);
	return sig_pending_any(t);
}

void sig_mask_temp(struct task *t, ksigset_t m)
{
	struct sigstate *s = t->sig;
	s->saved = s->blocked;
	s->have_saved = 1;
	sig_setmask(t, m);
}

void sig_mask_restore_unless(struct task *t, int interrupted)
{
	struct sigstate *s = t->sig;
	if (interrupted || !s->have_saved)
		return;	/* sig_deliver restores it (or the frame carries it) */
	sig_setmask(t, s->saved);
	s->have_saved = 0;
}

int sig_deliverable(struct task *t)
{
	sig_drain_host(t);
	/* A debugger's ^C ends a wait as a signal would (kit/gdbintr.c). */
	return (sig_pending_any(t) & ~t->sig->blocked) != 0 || (t->gdb && gdb_interrupted(t));
}

__attribute__((noreturn)) void sig_die(struct task *t, int sig)
{
	if (t->gdb)
		gdb_exit(t, 0, sig);
	fflush(stdout);
	/* Like a kernel's core message: only for the core-dumping signals. */
	if (sig_default(sig) == SIGACT_CORE)
		fprintf(stderr, "compatkit: guest killed by SIG%s at addr=0x%llx pc=0x%llx\n",
			sigabbrev_np(sig) ? sigabbrev_np(sig) : "?",
			(unsigned long long)t->sig->info[sig].addr,
			(unsigned long long)t->abi->get_pc(t));
	struct rlimit no_core = { 0, 0 };
	setrlimit(RLIMIT_CORE, &no_core);
	signal(sig, SIG_DFL);
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, sig);
	sigprocmask(SIG_UNBLOCK, &m, NULL);
	raise(sig);
	_exit(128 + sig);
}

/* The syscalls Linux returns -ERESTARTNOHAND (restarted only if no handler
 * runs) or a plain -EINTR from, by name; every other interrupted syscall is
 * -ERESTARTSYS (restarted after a handler with SA_RESTART).  signal(7),
 * "Interruption of system calls and library functions by signal handlers". */
static const char *const nohand[] = {
	"select", "_newselect", "pselect6", "pselect6_time64", "poll", "ppoll",
	"ppoll_time64", "epoll_wait", "epoll_pwait", "epoll_pwait2", "nanosleep",
	"clock_nanosleep", "clock_nanosleep_time64", "pause", "sigsuspend",
	"rt_sigsuspend", "semop", "semtimedop", "semtimedop_time64", "io_getevents",
	"io_pgetevents", "io_pgetevents_time64", "futex", "futex_time64", "msgrcv",
	"msgsnd", "ipc", NULL
};
static const char *const final_eintr[] = {
	"rt_sigtimedwait", "rt_sigtimedwait_time64", "restart_syscall", NULL
};

static int listed(const char *const *l, const char *name)
{
	for (; *l; l++)
		if (!strcmp(*l, name))
			return 1;
	return 0;
}

long sig_syscall_exit(struct task *t, uint64_t nr, const char *name, const uint64_t *slots, long ret)
{
	struct sigstate *s = t->sig;
	if (ret == -EINTR && name && !listed(final_eintr, name))
		ret = listed(nohand, name) ? -ERESTARTNOHAND : -ERESTARTSYS;
	if (ret == -ERESTARTSYS || ret == -ERESTARTNOINTR || ret == -ERESTARTNOHAND ||
	    ret == -ERESTART_RESTARTBLOCK) {
		s->restart = (int)-ret;
		s->restart_nr = nr;
		s->restart_arg0 = slots[0];
		uc_emu_stop(t->uc);
	} else if (s->sigreturn || sig_deliverable(t))
		uc_emu_stop(t->uc);
	return ret;
}

/* The restart decision of Linux's handle_signal (x86) / check_syscall_restart
 * (powerpc): with a handler about to run (has_handler), -ERESTARTSYS
 * restarts only under SA_RESTART, -ERESTARTNOINTR always, the others
 * become EINTR; without one, every code restarts. */
static void syscall_fixup(struct task *t, int has_handler, uint64_t flags)
{
	struct sigstate *s = t->sig;
	int code = s->restart;
	s->restart = 0;
	if (!code)
		return;
	int again = !has_handler || code == ERESTARTNOINTR ||
		    (code == ERESTARTSYS && (flags & K_SA_RESTART));
	if (again && t->abi->syscall_restart)
		t->abi->syscall_restart(t, s->restart_nr, s->restart_arg0);
	else
		t->abi->set_syscall_retval(t, -EINTR);
}

static void do_stop(struct task *t)
{
	fflush(stdout);
	raise(SIGSTOP);		/* the host process stops as the guest would */
}

void sig_deliver(struct task *t)
{
	struct sigstate *s = t->sig;
	t->kicked = 0;	/* at a safe point: a kick has done its job */
	if (s->sigreturn) {
		int rt = s->sigreturn == 2;
		s->sigreturn = 0;
		s->restart = 0;
		if (!t->abi->sigreturn || t->abi->sigreturn(t, rt))
			sig_post_fault(t, SIGSEGV, K_SI_KERNEL, 0);
	}
	sig_drain_host(t);
	int ran = 0;
	struct ksiginfo si;
	int sig;
	while ((sig = sig_dequeue(t, ~s->blocked, &si))) {
		if (t->gdb && (sig = gdb_signal(t, sig)) != si.signo) {
			if (!sig)	/* the debugger sees it first and ate it */
				continue;
			si = (struct ksiginfo){ .signo = sig, .code = K_SI_USER };
		}
		struct kaction *a = &s->act[sig];
		if (a->handler == (uint64_t)SIG_IGN)
			continue;
		if (a->handler == (uint64_t)SIG_DFL) {
			switch (sig_default(sig)) {
			case SIGACT_IGN:
			case SIGACT_CONT:
				continue;
			case SIGACT_STOP:
				do_stop(t);
				continue;
			default:
				s->info[sig] = si;
				sig_die(t, sig);
			}
		}
		syscall_fixup(t, 1, a->flags);
		struct sigframe_req r = { .sig = sig, .info = &si, .act = a,
					  .oldmask = s->have_saved ? s->saved : s->blocked };
		if (!t->abi->sendsig || t->abi->sendsig(t, &r)) {
			/* force_sigsegv(): no room for a frame. */
			if (sig == SIGSEGV) {
				s->info[SIGSEGV] = si;
				sig_die(t, SIGSEGV);
			}
			sig_post_fault(t, SIGSEGV, K_SI_KERNEL, 0);
			continue;
		}
		s->have_saved = 0;
		ksigset_t m = s->blocked | a->mask;
		if (!(a->flags & K_SA_NODEFER))
			m |= SIGBIT(sig);
		sig_setmask(t, m);
		if (a->flags & K_SA_RESETHAND) {
			a->handler = (uint64_t)SIG_DFL;
			a->flags &= ~K_SA_SIGINFO;
			sig_host_action(t, sig);
		}
		ran = 1;
	}
	if (!ran) {
		syscall_fixup(t, 0, 0);
		if (s->have_saved) {	/* restore_saved_sigmask() */
			sig_setmask(t, s->saved);
			s->have_saved = 0;
		}
	}
}
