/* kit/ksig.h (not signal.h: -Ikit would shadow <signal.h>).
 * Guest signals: per-task actions, blocked and pending sets, delivery at
 * safe points of the run loop, default actions, syscall restart, and the
 * bridge from host signals.  Signal numbers are Linux's generic ones, the
 * same on every ABI the kit runs (asm-generic/signal.h; x86 and powerpc use
 * them too), and the same as the host's.
 */
#ifndef CK_KSIG_H
#define CK_KSIG_H

#include <stdint.h>
#include "task.h"

#define CK_NSIG 64
typedef uint64_t ksigset_t;	/* bit sig-1 for signal sig, as Linux's sig[0] */
#define SIGBIT(s) (1ULL << ((s) - 1))

/* sa_flags bits: asm-generic/signal-defs.h, identical on x86 and powerpc
 * (tests/sigflags.sh checks them, with MINSIGSTKSZ and SIG_BLOCK/UNBLOCK/SETMASK, against each cross toolchain's asm/signal.h). */
#define K_SA_NOCLDSTOP 0x00000001
#define K_SA_NOCLDWAIT 0x00000002
#define K_SA_SIGINFO   0x00000004
#define K_SA_RESTORER  0x04000000
#define K_SA_ONSTACK   0x08000000
#define K_SA_RESTART   0x10000000
#define K_SA_NODEFER   0x40000000
#define K_SA_RESETHAND 0x80000000u
#define K_SS_ONSTACK 1
#define K_SS_DISABLE 2
#define K_SS_AUTODISARM (1U << 31)
#define K_MINSIGSTKSZ 2048

/* Kernel-internal restart codes (include/linux/errno.h), never seen by
 * the guest: a syscall handler returns one to ask for restart. */
#define ERESTARTSYS 512
#define ERESTARTNOINTR 513
#define ERESTARTNOHAND 514
#define ERESTART_RESTARTBLOCK 516

/* si_code values (asm-generic/siginfo.h) */
#define K_SI_USER 0
#define K_SI_KERNEL 0x80
#define K_SI_QUEUE (-1)
#define K_SI_TIMER (-2)
#define K_SI_TKILL (-6)

/* A siginfo in host form; sig_put_siginfo writes the ABI's layout. */
struct ksiginfo {
	int signo, errno_, code;
	int pid;
	uint32_t uid;
	int status;		/* SIGCHLD */
	int64_t utime, stime;
	uint64_t addr;		/* faults */
	uint64_t value;		/* sigval (the guest's pointer width) */
	int tid, overrun;	/* POSIX timers */
	int fd;
	int64_t band;
};

struct kaction {
	uint64_t handler;	/* 0 = SIG_DFL, 1 = SIG_IGN, else guest address */
	uint64_t flags, restorer;
	ksigset_t mask;
};

/* The host signal record (kit/sighost.c) holds RTQ instances of one
 * real-time signal caught between two drains (a drain comes at the next
 * safe point of the thread, which the handler asks for at once, but a
 * sender can be faster); a burst beyond that is dropped, as the kit cannot
 * allocate in a handler.  The record is zero-filled memory that is only
 * touched as far as it is used. */
#define RTQ 4096

/* Further instances of one pending real-time signal, oldest first: a ring
 * that grows as needed, up to the host's RLIMIT_SIGPENDING (the limit of
 * Linux's sigqueue allocation, __sigqueue_alloc). */
struct rtqueue {
	struct ksiginfo *v;
	unsigned head, n, cap;
};

struct sigstate {
	/* The actions: shared by the thread group (CLONE_SIGHAND), so act
	 * points at the first thread's own_act.  Everything else is per thread. */
	struct kaction *act;
	struct kaction own_act[CK_NSIG + 1];
	ksigset_t blocked, pending;
	struct ksiginfo info[CK_NSIG + 1];	/* the pending instance (first) */
	struct rtqueue rtq[CK_NSIG + 1];	/* further RT instances */
	/* The thread group's shared pending signals (Linux's
	 * signal->shared_pending): process-directed signals that every
	 * thread blocks wait there for the first thread to take them
	 * (sigwait, signalfd, unblocking).  Only its pending, info and rtq
	 * are used; shared_refs counts the threads pointing at it.  NULL in
	 * a task that has none (then such a signal goes to the thread that
	 * caught it). */
	struct sigstate *shared;
	unsigned shared_refs;
	uint64_t ss_sp, ss_size;
	int ss_flags;		/* SS_DISABLE or 0 (SS_AUTODISARM kept) */
	/* syscall restart: set by the dispatcher, consumed at delivery */
	int restart;		/* -ERESTART* of the last syscall, or 0 */
	uint64_t restart_nr, restart_arg0;
	int sigreturn;		/* 1 sigreturn, 2 rt_sigreturn requested */
	/* sigsuspend/pselect: the mask to put back after a handler ran */
	int have_saved;
	ksigset_t saved;
	ksigset_t forced;	/* synchronous (fault) signals pending */
};

/* What sendsig needs, prepared by the core. */
struct sigframe_req {
	int sig;
	const struct ksiginfo *info;
	const struct kaction *act;
	ksigset_t oldmask;	/* the mask sigreturn puts back */
};

int sig_init(struct task *t);
/* The pending set of t and of its thread group (no host drain). */
ksigset_t sig_pending_any(struct task *t);
/* Share t's group pending set with c, a new thread of its group. */
void sig_share(struct task *c, struct task *t);
/* Free a signal state (its queues, then itself); NULL is fine. */
void sig_state_free(struct sigstate *s);
/* Forget the queued further instances of sig. */
void sig_rtq_clear(struct sigstate *s, int sig);
/* exec: handlers reset to default (ignored stay ignored), altstack off;
 * maps the sigcode page.  Returns 0 or -errno. */
int sig_exec(struct task *t);

/* Linux's flush_signal_handlers(t, 0): every handler back to SIG_DFL,
 * ignored signals stay ignored (exec, clone's CLONE_CLEAR_SIGHAND). */
void sig_flush_handlers(struct task *t);

/* Generate a signal for the task (kill, timers, faults, host signals). */
void sig_post(struct task *t, const struct ksiginfo *si);
/* A process-directed signal (kill from outside, sigqueue to the pid):
 * goes to a thread that does not block it, t if t does not (Linux's
 * complete_signal), and wakes that thread. */
void sig_post_process(struct task *t, const struct ksiginfo *si);
/* A CPU fault: unblocks and un-ignores the signal as Linux's force_sig. */
void sig_post_fault(struct task *t, int sig, int code, uint64_t addr);
/* Safe point (run loop, before entering the guest): sigreturn requests,
 * syscall restart, pending signals. */
void sig_deliver(struct task *t);
/* Is a signal deliverable now (pending, unblocked, host ones drained)? */
int sig_deliverable(struct task *t);
/* Called by the dispatcher after each handler: maps a host EINTR to the
 * right restart code, records restart state and stops the engine if a
 * signal must be delivered.  Returns the value to put in the registers. */
long sig_syscall_exit(struct task *t, uint64_t nr, const char *name, const uint64_t *slots, long ret);

/* The blocked mask (SIGKILL/SIGSTOP never blocked). */
void sig_setmask(struct task *t, ksigset_t m);
/* Install the host handlers; the guest inherits the host's ignored
 * signals and blocked mask (called once the task exists). */
int sig_host_init(struct task *t);
/* Sleep, host signals arriving, until done() (checked with host signals
 * drained) or the relative timeout (NULL: none): 1 if done, 0 on timeout. */
struct timespec;
int sig_wait(struct task *t, int (*done)(struct task *, void *), void *arg,
	     const struct timespec *timeout);
/* A vfork child (kit/vfork.c) catches host signals into a record of its
 * own, chosen per host thread (NULL: the process's); returns the old one. */
struct hostsig;
struct hostsig *sig_host_record_new(void);	/* calloc'd; free() it */
struct hostsig *sig_host_record_use(struct hostsig *r);
/* Move host-caught signals into the guest's pending set. */
void sig_drain_host(struct task *t);
/* Take a pending signal from set (lowest first): its number, or 0. */
int sig_dequeue(struct task *t, ksigset_t set, struct ksiginfo *out);
/* The signals pending for the task, whether blocked or not (host ones
 * drained first): what sigpending and signalfd look at. */
ksigset_t sig_pending(struct task *t);
/* A wait with a temporary blocked mask (sigsuspend, ppoll, pselect6,
 * epoll_pwait): sig_mask_temp saves the mask and sets m; at the end of the
 * wait sig_mask_restore_unless puts the old one back, unless the wait was
 * interrupted by a signal about to be delivered: then the handler runs
 * under m and its frame carries the old mask (Linux's set_user_sigmask and
 * restore_saved_sigmask_unless). */
void sig_mask_temp(struct task *t, ksigset_t m);
void sig_mask_restore_unless(struct task *t, int interrupted);
/* Which member of siginfo's union is live for (signo, code): Linux's
 * siginfo_layout(), used by the siginfo and signalfd_siginfo writers. */
enum { SIL_KILL, SIL_TIMER, SIL_POLL, SIL_FAULT, SIL_CHLD, SIL_RT, SIL_SYS };
int sig_info_layout(int sig, int code);
/* Make the host catch / ignore sig as the guest's action asks. */
void sig_host_action(struct task *t, int sig);
/* Can the kit catch host signal sig (glibc keeps 32 and 33 for NPTL)? */
int sig_host_catchable(int sig);
/* kit/sys/ptimer.c: the guest signal of a host timer that fires the kick
 * signal in place of an uncatchable one, or 0.  Async-signal-safe. */
int ptimer_guest_sig(int timerid);
/* The target thread of a SIGEV_THREAD_ID timer, or 0 (process-directed). */
int ptimer_thread(int timerid);
/* A timer's signal is being queued: 1 if one is already pending (the
 * expiration is counted as an overrun instead), else 0.  ptimer_taken: it
 * left the queue; returns the si_overrun it carries. */
int ptimer_posted(int timerid, int host_overrun);
int ptimer_taken(int timerid, int overrun);

/* Guest-side marshalling with the ABI's layouts. */
void sig_put_siginfo(struct task *t, uint8_t *buf, const struct ksiginfo *si);	/* 128 bytes */
/* Both guest forms of a siginfo, siginfo_t and struct signalfd_siginfo,
 * carry the same values under their own names: one writer for both, which
 * clears the layout's size (128 without one) and fills the fields that are
 * live for the signal's code (sig_info_layout). */
struct layout;
struct siginfo_names {
	const char *signo, *errno_, *code, *pid, *uid, *status, *utime, *stime,
		*timerid, *overrun, *ptr, *int_, *band, *fd, *addr, *call_addr;
};
extern const struct siginfo_names sig_names_siginfo, sig_names_signalfd;
void sig_store_info(const struct abi *A, const struct layout *l, uint8_t *buf,
		    const struct ksiginfo *si, const struct siginfo_names *n);
void sig_get_siginfo(struct task *t, const uint8_t *buf, struct ksiginfo *si);
void sig_put_set(struct task *t, uint8_t *buf, ksigset_t s);	/* 8 bytes */
ksigset_t sig_get_set(struct task *t, const uint8_t *buf);
/* The stack pointer to build a frame below: the altstack top if the action
 * has SA_ONSTACK and the task is not on it already, else sp. */
uint64_t sig_frame_sp(struct task *t, uint64_t sp, const struct kaction *act);
int sig_on_altstack(struct task *t, uint64_t sp);
/* stack_t for uc_stack (sp = the interrupted stack pointer) / from it. */
void sig_put_stack(struct task *t, uint8_t *buf, uint64_t sp);
void sig_restore_stack(struct task *t, const uint8_t *buf, uint64_t sp);
/* Run a kit helper from the sigcode page, [off, end), with one register
 * holding a guest address: used to move vector/FP state.  0 or -EFAULT. */
int sig_run_helper(struct task *t, uint64_t off, uint64_t end, int reg, uint64_t addr);

/* Default action of sig. */
enum { SIGACT_TERM, SIGACT_CORE, SIGACT_IGN, SIGACT_STOP, SIGACT_CONT };
int sig_default(int sig);
/* Die as Linux's default action for sig does; never returns. */
void sig_die(struct task *t, int sig) __attribute__((noreturn));

#endif
