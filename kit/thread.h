/*
 * Guest threads (clone with CLONE_VM|CLONE_THREAD): one CPU engine and one
 * host thread per guest thread, all over one address space (kit/vm.c).
 *
 * Unicorn's TCG never generates parallel code (atomics from two engines
 * lose updates, and translated code is not invalidated across engines), so
 * guest code runs serialised as under QEMU's single-threaded TCG: one lock
 * (the "engine lock") is held while a thread runs guest code or touches kit
 * state; it is dropped around every blocking host call (the BLOCKING()
 * wrapper of kit/sys/sys.h) and handed on when the preemption tick asks.
 * The lock is a ticket lock, so the hand-over is first come, first served.
 * A single-threaded guest takes it once and never gives it up; the tick
 * only runs while more than one thread exists.
 */
#ifndef CK_THREAD_H
#define CK_THREAD_H

#include <stdint.h>
#include "task.h"

/* The thread running this host thread's guest code (NULL outside). */
extern __thread struct task *ck_self;

/* Take / drop the engine lock (the caller is ck_self). */
void thread_lock(void);
void thread_unlock(void);
/* More than one guest thread exists (the lock and the tick matter). */
int thread_multi(void);
/* Run loop: a preemption tick asked this thread to let others run. */
int thread_preempted(void);
/* Give the lock to every thread waiting for it, then take it again. */
void thread_yield(void);

/* Before each uc_emu_start.  Unicorn 2.1.1's uc_emu_stop from another
 * host thread (or a signal handler) while the engine runs translated code
 * sometimes leaves PC before instructions that already ran, which then run
 * twice (measured: a counting loop stopped 1262 times gained 54).  A stop
 * made from inside a hook is exact.  So once several threads exist (or a
 * debugger is attached: its ^C, kit/gdbintr.c) every engine gets a block
 * hook, and the tick and host signals only ask for a stop (t->stop_asked)
 * that the hook then makes.  A single-threaded guest without a debugger
 * has no hook and no cost. */
void thread_before_run(struct task *t);
/* Ask t's engine to stop soon (any host thread, or a signal handler). */
void thread_ask_stop(struct task *t);

/* Every thread: leave the engine at its next block (a thread with the
 * block hook) and any blocking host call (a kick).  Any host thread. */
void thread_interrupt(void);

/* Start of task_run: the task becomes ck_self and takes the lock. */
void thread_enter(struct task *t);
/* CLONE_VM|CLONE_THREAD: a new guest thread sharing t's address space and
 * signal actions, starting from t's registers as the abi's clone_child
 * sets them.  Returns the new thread's TID or -errno. */
long thread_clone(struct task *t, uint64_t flags, uint64_t stack, uint64_t ptid,
		  uint64_t ctid, uint64_t tls);
/* The task of a new thread or vfork child of t (kit/vfork.c): an engine
 * attached to t's address space with t's CPU state as the abi's
 * clone_child leaves it for a child (stack, settls/tls as there), the
 * signal mask, and t's action table shared (CLONE_SIGHAND in flags) or
 * copied.  NULL with *rc = -errno on failure. */
struct task *thread_task_new(struct task *t, uint64_t flags, uint64_t stack, uint64_t tls, long *rc);
/* Undo thread_task_new (the task never ran, or has gone): its engine,
 * its arch page (t->thread_page), its signal state. */
void thread_task_free(struct task *c);
/* Engine c starts from p's CPU state (kit/cpucopy.c): 0 or -1. */
int cpu_copy(struct task *c, struct task *p);

/* vfork (kit/vfork.c): the child process c, on the host thread of its
 * suspended parent, takes over the parent's hold on the engine lock;
 * the parent t, resumed once c has exec'd or ended, takes it back. */
void thread_vfork_child(struct task *c);
void thread_vfork_resume(struct task *t, struct task *c);

/* The guest thread t called exit(2) (group 0) or exit_group(2) (group 1):
 * returns only for the last thread, with the status to exit with. */
int thread_exit(struct task *t, int group);
/* The child of a fork: only the forking thread is left. */
void thread_after_fork(struct task *t);

/* The thread with guest TID tid, or NULL. */
struct task *thread_find(int tid);
/* Each thread in turn (i from 0 while it returns non-NULL). */
struct task *thread_at(unsigned i);
/* Wake t from a blocking host call (a host signal it handles as a kick):
 * it reaches a safe point and looks at its pending signals. */
void thread_kick(struct task *t);
/* Is this host signal the kick (kit/sighost.c asks)? */
int thread_is_kick(int sig, int code, int pid);
#define THREAD_KICK_SIG 64	/* SIGRTMAX; see thread_is_kick */

/* Around a blocking host call made for the guest: drop the engine lock
 * (and say so for the tick), then take it back.  No-ops outside a guest
 * thread.  errno is kept. */
void thread_block_begin(void);
void thread_block_end(void);

#endif
