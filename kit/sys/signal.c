/*
 * Signal syscalls: actions, masks, pending sets, waiting, sending, the
 * alternate stack, sigreturn.  The state lives in kit/signal.c; structs are
 * read and written through the ABI's layouts (sigaction, old_sigaction,
 * sigset, stack_t, siginfo).  SIG_BLOCK/SIG_UNBLOCK/SIG_SETMASK are 0/1/2
 * on every ABI the kit runs (asm-generic/signal-defs.h; x86 and powerpc
 * do not override them).
 */
#include <signal.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "sys.h"
#include "layout.h"
#include "ksig.h"
#include "sysent.h"
#include "thread.h"

#define KSET_SIZE 8	/* the kernel's sigset_t: 64 signals on every ABI */
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

static int valid_sig(int sig) { return sig >= 1 && sig <= CK_NSIG; }

static uint64_t lget(struct task *t, const struct layout *l, const uint8_t *b, const char *f)
{
	uint64_t v = 0;
	layout_get_field(t->abi, l, b, f, &v);
	return v;
}

/* Set a new action, return the old one (do_sigaction). */
static long set_action(struct task *t, int sig, const struct kaction *nw, struct kaction *old)
{
	if (!valid_sig(sig) || (nw && (sig == SIGKILL || sig == SIGSTOP)))
		return -EINVAL;
	struct sigstate *s = t->sig;
	if (old)
		*old = s->act[sig];
	if (!nw)
		return 0;
	s->act[sig] = *nw;
	s->act[sig].mask &= ~UNBLOCKABLE;
	sig_host_action(t, sig);
	/* POSIX: setting an ignoring action discards the pending signal. */
	const struct kaction *a = &s->act[sig];
	if (a->handler == (uint64_t)SIG_IGN ||
	    (a->handler == (uint64_t)SIG_DFL && sig_default(sig) == SIGACT_IGN)) {
		s->pending &= ~SIGBIT(sig);
		sig_rtq_clear(s, sig);
		if (s->shared) {
			s->shared->pending &= ~SIGBIT(sig);
			sig_rtq_clear(s->shared, sig);
		}
	}
	return 0;
}

/* rt_sigaction's struct sigaction: handler, flags, restorer (where the
 * ABI has one), mask as the kernel's sigset. */
SYS(rt_sigaction)
{
	if (a[3] != KSET_SIZE)
		return -EINVAL;
	const struct layout *l = layout_get(t->abi, "sigaction");
	const struct lfield *mf = layout_field(l, "sa_mask");
	uint8_t b[64];
	struct kaction nw, old;
	if (a[1]) {
		if (copyin(t, a[1], b, l->size))
			return -EFAULT;
		nw.handler = lget(t, l, b, "sa_handler");
		nw.flags = lget(t, l, b, "sa_flags") & 0xffffffffu;
		nw.restorer = lget(t, l, b, "sa_restorer");
		nw.mask = sig_get_set(t, b + mf->off);
	}
	long r = set_action(t, a_int(a[0]), a[1] ? &nw : NULL, &old);
	if (r || !a[2])
		return r;
	memset(b, 0, sizeof b);
	layout_put(t->abi, l, b, "sa_handler", old.handler);
	layout_put(t->abi, l, b, "sa_flags", old.flags);
	layout_put(t->abi, l, b, "sa_restorer", old.restorer);
	sig_put_set(t, b + mf->off, old.mask);
	return copyout(t, b, a[2], l->size) ? -EFAULT : 0;
}

/* sigaction(2) of i386/powerpc: struct old_sigaction, a one-word mask. */
SYS(sigaction)
{
	const struct layout *l = layout_get(t->abi, "old_sigaction");
	if (!l)
		return -ENOSYS;
	uint8_t b[32];
	struct kaction nw, old;
	if (a[1]) {
		if (copyin(t, a[1], b, l->size))
			return -EFAULT;
		nw.handler = lget(t, l, b, "sa_handler");
		nw.flags = lget(t, l, b, "sa_flags") & 0xffffffffu;
		nw.restorer = lget(t, l, b, "sa_restorer");
		nw.mask = lget(t, l, b, "sa_mask") & 0xffffffffu;
	}
	long r = set_action(t, a_int(a[0]), a[1] ? &nw : NULL, &old);
	if (r || !a[2])
		return r;
	memset(b, 0, sizeof b);
	layout_put(t->abi, l, b, "sa_handler", old.handler);
	layout_put(t->abi, l, b, "sa_flags", old.flags);
	layout_put(t->abi, l, b, "sa_restorer", old.restorer);
	layout_put(t->abi, l, b, "sa_mask", old.mask & 0xffffffffu);
	return copyout(t, b, a[2], l->size) ? -EFAULT : 0;
}

/* signal(2): SA_ONESHOT | SA_NOMASK, returns the old handler. */
SYS(signal)
{
	struct kaction nw = { .handler = a_ptr(t, a[1]), .flags = K_SA_RESETHAND | K_SA_NODEFER }, old;
	long r = set_action(t, a_int(a[0]), &nw, &old);
	return r ? r : (long)old.handler;
}

static long change_mask(struct task *t, int how, ksigset_t set)
{
	struct sigstate *s = t->sig;
	switch (how) {
	case 0: sig_setmask(t, s->blocked | set); break;	/* SIG_BLOCK */
	case 1: sig_setmask(t, s->blocked & ~set); break;	/* SIG_UNBLOCK */
	case 2: sig_setmask(t, set); break;			/* SIG_SETMASK */
	default: return -EINVAL;
	}
	return 0;
}

SYS(rt_sigprocmask)
{
	if (a[3] != KSET_SIZE)
		return -EINVAL;
	uint8_t b[KSET_SIZE];
	ksigset_t old = t->sig->blocked;
	if (a[1]) {
		if (copyin(t, a[1], b, sizeof b))
			return -EFAULT;
		long r = change_mask(t, a_int(a[0]), sig_get_set(t, b));
		if (r)
			return r;
	}
	if (a[2]) {
		sig_put_set(t, b, old);
		if (copyout(t, b, a[2], sizeof b))
			return -EFAULT;
	}
	return 0;
}

/* old_sigset_t: one unsigned long: signals 1..32 on the 32-bit ABIs,
 * 1..64 on powerpc64. */
static ksigset_t old_bits(struct task *t)
{
	return t->abi->ptr_size == 4 ? 0xffffffffULL : ~0ULL;
}

static long get_old(struct task *t, uint64_t addr, ksigset_t *s)
{
	uint8_t b[8];
	if (copyin(t, addr, b, t->abi->ptr_size))
		return -EFAULT;
	*s = abi_load(t->abi, b, t->abi->ptr_size) & old_bits(t);
	return 0;
}

static long put_old(struct task *t, uint64_t addr, ksigset_t s)
{
	uint8_t b[8];
	abi_store(t->abi, b, t->abi->ptr_size, s & old_bits(t));
	return copyout(t, b, addr, t->abi->ptr_size) ? -EFAULT : 0;
}

SYS(sigprocmask)
{
	ksigset_t old = t->sig->blocked, set;
	if (a[1]) {
		if (get_old(t, a[1], &set))
			return -EFAULT;
		/* the old call only touches the signals of one long */
		ksigset_t hi = t->sig->blocked & ~old_bits(t);
		int how = a_int(a[0]);
		if (how == 2)
			set |= hi;
		long r = change_mask(t, how, set);
		if (r)
			return r;
	}
	return a[2] ? put_old(t, a[2], old) : 0;
}

SYS(rt_sigpending)
{
	if (a[1] > KSET_SIZE)
		return -EINVAL;
	uint8_t b[KSET_SIZE];
	sig_put_set(t, b, sig_pending(t) & t->sig->blocked);
	return copyout(t, b, a[0], a[1]) ? -EFAULT : 0;
}

SYS(sigpending)
{
	return put_old(t, a[0], sig_pending(t) & t->sig->blocked);
}

static int any_deliverable(struct task *t, void *arg)
{
	return (sig_pending_any(t) & ~t->sig->blocked) != 0;
}

/* sigsuspend: wait with a temporary mask; the handler's frame saves the
 * old mask (have_saved), so it comes back on sigreturn. */
static long suspend(struct task *t, ksigset_t m)
{
	sig_mask_temp(t, m);
	sig_wait(t, any_deliverable, NULL, NULL);
	return -ERESTARTNOHAND;
}

SYS(rt_sigsuspend)
{
	if (a[1] != KSET_SIZE)
		return -EINVAL;
	uint8_t b[KSET_SIZE];
	if (copyin(t, a[0], b, sizeof b))
		return -EFAULT;
	return suspend(t, sig_get_set(t, b));
}

/* The old sigsuspend takes the mask as its last argument: the third on
 * i386 (two unused ones first), the first on powerpc; the table says. */
SYS(sigsuspend)
{
	const struct systable *tb = t->abi->sys;
	unsigned last = 0;
	for (unsigned i = 0; i < tb->n; i++)
		if (tb->ent[i].name && !strcmp(tb->ent[i].name, "sigsuspend") && tb->ent[i].nargs)
			last = tb->ent[i].nargs - 1;
	return suspend(t, a[last] & old_bits(t));
}

/* restart_syscall: the kit restarts an interrupted call by running it
 * again (abi->syscall_restart), so a task never has a restart block to
 * resume, and Linux's default one (do_no_restart_syscall) answers EINTR. */
SYS(restart_syscall) { return -EINTR; }

SYS(pause)
{
	sig_wait(t, any_deliverable, NULL, NULL);
	return -ERESTARTNOHAND;
}

struct twait { ksigset_t set; };
static int waited_or_other(struct task *t, void *arg)
{
	const struct twait *w = arg;
	return (sig_pending_any(t) & (w->set | ~t->sig->blocked)) != 0;
}

static long timedwait(struct task *t, const uint64_t *a, const char *tsname)
{
	if (a[3] != KSET_SIZE)
		return -EINVAL;
	uint8_t b[KSET_SIZE], ts[16];
	if (copyin(t, a[0], b, sizeof b))
		return -EFAULT;
	struct twait w = { sig_get_set(t, b) & ~UNBLOCKABLE };
	struct timespec tmo, *tp = NULL;
	if (a[2]) {
		const struct layout *l = layout_get(t->abi, tsname);
		if (copyin(t, a[2], ts, l->size))
			return -EFAULT;
		uint64_t sec = lget(t, l, ts, "tv_sec"), nsec = lget(t, l, ts, "tv_nsec");
		if ((int64_t)nsec < 0 || nsec >= 1000000000 || (int64_t)sec < 0)
			return -EINVAL;
		tmo.tv_sec = (time_t)sec;
		tmo.tv_nsec = (long)nsec;
		tp = &tmo;
	}
	/* The waited signals may be blocked; the others interrupt. */
	if (!sig_wait(t, waited_or_other, &w, tp))
		return -EAGAIN;
	struct ksiginfo si;
	int sig = sig_dequeue(t, w.set, &si);
	if (!sig)
		return -EINTR;
	if (a[1]) {
		uint8_t ib[128];
		sig_put_siginfo(t, ib, &si);
		if (copyout(t, ib, a[1], 128))
			return -EFAULT;
	}
	return sig;
}

SYS(rt_sigtimedwait) { return timedwait(t, a, "timespec"); }
SYS(rt_sigtimedwait_time64) { return timedwait(t, a, "timespec64"); }

/* Sending: the guest's pids are host pids, so the host delivers, and a
 * signal to the kit itself comes back through its host handler with the
 * sender's siginfo (si_pid, si_uid, si_code), as Linux fills it in. */
SYS(kill) { return HOST(kill(a_int(a[0]), a_int(a[1]))); }

/* A thread-directed signal to one of the guest's own threads is posted by
 * the kit (the host's TIDs are the guest's): the target gets it even if
 * it is glibc's internal SIGCANCEL/SIGSETXID, which the host kit cannot
 * catch, and is woken from a blocking call by a kick.  Anything else goes
 * to the host. */
static long own_thread_kill(struct task *t, int tgid, int tid, int sig)
{
	struct task *d = tgid == getpid() ? thread_find(tid) : NULL;
	if (!d)
		return 1;
	if (sig < 0 || sig > CK_NSIG)
		return -EINVAL;
	if (sig) {
		struct ksiginfo si = { .signo = sig, .code = K_SI_TKILL, .pid = getpid(), .uid = getuid() };
		sig_post(d, &si);
		thread_kick(d);	/* (no-op for the caller itself) */
	}
	return 0;
}

SYS(tkill)
{
	long r = own_thread_kill(t, getpid(), a_int(a[0]), a_int(a[1]));
	return r <= 0 ? r : HOST(syscall(SYS_tkill, a_int(a[0]), a_int(a[1])));
}

SYS(tgkill)
{
	long r = own_thread_kill(t, a_int(a[0]), a_int(a[1]), a_int(a[2]));
	return r <= 0 ? r : HOST(syscall(SYS_tgkill, a_int(a[0]), a_int(a[1]), a_int(a[2])));
}

SYS(rt_sigqueueinfo)
{
	int pid = a_int(a[0]), sig = a_int(a[1]);
	uint8_t b[128];
	if (copyin(t, a[2], b, sizeof b))
		return -EFAULT;
	struct ksiginfo si;
	sig_get_siginfo(t, b, &si);
	si.signo = sig;
	if (pid == getpid()) {
		if (!valid_sig(sig))
			return -EINVAL;
		sig_post_process(t, &si);
		return 0;
	}
	/* Another process: Linux refuses si_code >= 0 (impersonating the
	 * kernel or kill) from anyone but the target itself. */
	if (si.code >= 0 || si.code == K_SI_TKILL)
		return -EPERM;
	siginfo_t hi;
	memset(&hi, 0, sizeof hi);
	hi.si_signo = sig;
	hi.si_code = si.code;
	hi.si_pid = si.pid;
	hi.si_uid = si.uid;
	hi.si_value.sival_ptr = (void *)(uintptr_t)si.value;
	return HOST(syscall(SYS_rt_sigqueueinfo, pid, sig, &hi));
}

SYS(sigaltstack)
{
	struct sigstate *s = t->sig;
	const struct layout *l = layout_get(t->abi, "stack_t");
	uint64_t sp = t->abi->get_sp(t);
	uint8_t b[32], ob[32];
	memset(ob, 0, sizeof ob);
	sig_put_stack(t, ob, sp);
	if (a[0]) {
		if (copyin(t, a[0], b, l->size))
			return -EFAULT;
		if (sig_on_altstack(t, sp))
			return -EPERM;
		uint32_t fl = (uint32_t)lget(t, l, b, "ss_flags"), mode = fl & ~K_SS_AUTODISARM;
		uint64_t ssp = lget(t, l, b, "ss_sp"), size = lget(t, l, b, "ss_size");
		if (mode != K_SS_DISABLE && mode != K_SS_ONSTACK && mode != 0)
			return -EINVAL;
		if (mode == K_SS_DISABLE) {
			s->ss_sp = s->ss_size = 0;
			s->ss_flags = K_SS_DISABLE;
		} else {
			if (size < (t->abi->minsigstksz ? t->abi->minsigstksz : K_MINSIGSTKSZ))
				return -ENOMEM;
			s->ss_sp = ssp;
			s->ss_size = size;
			s->ss_flags = (int)(fl & K_SS_AUTODISARM);
		}
	}
	if (a[1] && copyout(t, ob, a[1], l->size))
		return -EFAULT;
	return 0;
}

/* sigreturn/rt_sigreturn run outside the engine (the frame restore may
 * need to execute a sigcode helper): ask the run loop to do it. */
SYS(sigreturn)
{
	t->sig->sigreturn = 1;
	return 0;
}

SYS(rt_sigreturn)
{
	t->sig->sigreturn = 2;
	return 0;
}
