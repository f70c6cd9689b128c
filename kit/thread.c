/*
 * Guest threads: the engine lock, the preemption tick, creation, exit and
 * the fork child (see kit/thread.h for the model).
 *
 * Lifetimes: the thread list and every engine's life are guarded by `lm`
 * (a plain mutex, never held while running guest code), so the tick never
 * stops an engine that an exiting thread is closing.  All other kit state
 * (address space, signal state, the list's readers in handlers) is guarded
 * by the engine lock.
 */
#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <semaphore.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <linux/sched.h>
#include <sys/syscall.h>
#include "gdbstub.h"
#include "ksig.h"
#include "run.h"
#include "sanitize.h"
#include "thread.h"
#include "vm.h"

__thread struct task *ck_self;

/* The engine lock: a ticket lock over a futex word, so threads get it in
 * the order they asked (the preemption tick relies on that). */
static uint32_t tk_next, tk_serving;
static struct task *volatile holder;
static volatile int preempt;

/* The thread group. */
static pthread_mutex_t lm = PTHREAD_MUTEX_INITIALIZER;
static struct task *group[VM_MAX_ENGINES];
static unsigned ngroup;
static uint32_t nlive = 1;	/* futex word: threads not yet gone (main included) */
static struct task *leader;	/* the thread cmd_run started */
static int ticking;

#define THREAD_TCG_BUFFER (32u << 20)
#define TICK_NS 10000000L	/* 10 ms: QEMU's and Linux's order of a time slice */

static long futex(uint32_t *w, int op, uint32_t v)
{
	return syscall(SYS_futex, w, op, v, NULL, NULL, 0);
}

void thread_lock(void)
{
	uint32_t me = __atomic_fetch_add(&tk_next, 1, __ATOMIC_ACQ_REL);
	for (;;) {
		uint32_t s = __atomic_load_n(&tk_serving, __ATOMIC_ACQUIRE);
		if (s == me)
			break;
		futex(&tk_serving, FUTEX_WAIT_PRIVATE, s);
	}
	holder = ck_self;
}

void thread_unlock(void)
{
	holder = NULL;
	uint32_t s = __atomic_add_fetch(&tk_serving, 1, __ATOMIC_ACQ_REL);
	if (__atomic_load_n(&tk_next, __ATOMIC_ACQUIRE) != s)	/* someone waits */
		futex(&tk_serving, FUTEX_WAKE_PRIVATE, INT_MAX);
}

int thread_multi(void) { return ngroup > 1; }
int thread_preempted(void) { return preempt; }

void thread_yield(void)
{
	preempt = 0;
	int e = errno;
	thread_unlock();
	thread_lock();
	errno = e;
}

void thread_block_begin(void)
{
	struct task *t = ck_self;
	if (!t)
		return;
	int e = errno;
	__atomic_store_n(&t->in_host_call, 1, __ATOMIC_SEQ_CST);
	thread_unlock();
	errno = e;
}

void thread_block_end(void)
{
	struct task *t = ck_self;
	if (!t)
		return;
	int e = errno;
	thread_lock();
	__atomic_store_n(&t->in_host_call, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&t->kicked, 0, __ATOMIC_SEQ_CST);
	errno = e;
}

static void on_block(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct task *t = user;
	if (__atomic_load_n(&t->stop_asked, __ATOMIC_RELAXED)) {
		__atomic_store_n(&t->stop_asked, 0, __ATOMIC_RELAXED);
		uc_emu_stop(uc);
	}
}

void thread_before_run(struct task *t)
{
	if (t->block_hooked || (ngroup <= 1 && !t->gdb))	/* a debugger's ^C: kit/gdbintr.c */
		return;
	uc_hook h;
	if (uc_hook_add(t->uc, &h, UC_HOOK_BLOCK, on_block, t, 1, 0) == UC_ERR_OK) {
		/* Code translated so far has no hook call: drop it.  Range by
		 * range, not uc_ctl_flush_tb, which zeroes the whole (1 GiB by
		 * default) translation buffer. */
		for (unsigned i = 0; i < t->vm->n; i++)
			if (t->vm->r[i].prot & VM_X)
				uc_ctl_remove_cache(t->uc, t->vm->r[i].start, t->vm->r[i].end);
		t->block_hooked = 1;
	}
}

void thread_ask_stop(struct task *t)
{
	if (t->block_hooked)
		__atomic_store_n(&t->stop_asked, 1, __ATOMIC_RELAXED);
	else if (t->uc)
		uc_emu_stop(t->uc);	/* single-threaded: as before the threads */
}

void thread_interrupt(void)
{
	pthread_mutex_lock(&lm);
	for (unsigned i = 0; i < ngroup; i++) {
		struct task *t = group[i];
		if (t->block_hooked)
			__atomic_store_n(&t->stop_asked, 1, __ATOMIC_RELAXED);
		if (__atomic_load_n(&t->in_host_call, __ATOMIC_SEQ_CST))
			thread_kick(t);
	}
	pthread_mutex_unlock(&lm);
}

void thread_enter(struct task *t)
{
	ck_self = t;
	t->tid = (int)gettid();
	pthread_mutex_lock(&lm);
	if (!ngroup) {	/* the first thread: cmd_run's */
		leader = t;
		group[ngroup++] = t;
	}
	pthread_mutex_unlock(&lm);
	thread_lock();
}

struct task *thread_find(int tid)
{
	struct task *s = ck_self;
	if (s && s->vfork_parent)	/* a process of its own: only itself */
		return s->tid == tid ? s : NULL;
	for (unsigned i = 0; i < ngroup; i++)
		if (group[i]->tid == tid)
			return group[i];
	return NULL;
}

struct task *thread_at(unsigned i)
{
	struct task *s = ck_self;
	if (s && s->vfork_parent)
		return i ? NULL : s;
	return i < ngroup ? group[i] : NULL;
}

int thread_is_kick(int sig, int code, int pid)
{
	return sig == THREAD_KICK_SIG && code == SI_TKILL && pid == getpid();
}

void thread_kick(struct task *t)
{
	if (t == ck_self)
		return;
	__atomic_store_n(&t->kicked, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_tgkill, getpid(), t->tid, THREAD_KICK_SIG);
}

/* The tick: while several threads exist, every TICK_NS stop the running
 * engine if another thread waits for the lock, and kick again a thread
 * whose kick came just before it went to sleep in a host call. */
static void *ticker(void *arg)
{
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, NULL);	/* host signals go to guest threads */
	struct timespec d = { 0, TICK_NS };
	for (;;) {
		uint32_t n = __atomic_load_n(&nlive, __ATOMIC_ACQUIRE);
		if (n <= 1) {
			futex(&nlive, FUTEX_WAIT_PRIVATE, n);
			continue;
		}
		nanosleep(&d, NULL);
		pthread_mutex_lock(&lm);
		uint32_t waiting = __atomic_load_n(&tk_next, __ATOMIC_ACQUIRE) -
				   __atomic_load_n(&tk_serving, __ATOMIC_ACQUIRE);
		struct task *h = holder;
		if (h && waiting > 1 && h->block_hooked) {
			preempt = 1;
			__atomic_store_n(&h->stop_asked, 1, __ATOMIC_RELAXED);
		}
		for (unsigned i = 0; i < ngroup; i++) {
			struct task *t = group[i];
			if (__atomic_load_n(&t->kicked, __ATOMIC_SEQ_CST) &&
			    __atomic_load_n(&t->in_host_call, __ATOMIC_SEQ_CST))
				syscall(SYS_tgkill, getpid(), t->tid, THREAD_KICK_SIG);
		}
		pthread_mutex_unlock(&lm);
	}
	return NULL;
}

struct start {
	struct task *c;
	sem_t ready;
};

static void *thread_main(void *arg)
{
	struct start *s = arg;
	struct task *c = s->c;
	c->tid = (int)gettid();
	sem_post(&s->ready);	/* s lives on the parent's stack: not used after this */
	int st = task_run(c);	/* returns once the thread has exited */
	if (st >= 0) {
		/* The process ended in this thread: a fork child of a guest
		 * thread, the only host thread left there.  Returning would
		 * end it with status 0, as pthread_exit of the last thread. */
		fflush(NULL);
		exit((st >> 8) & 0xff);
	}
	return NULL;
}

static int put_tid(struct task *t, uint64_t addr, int tid)
{
	uint8_t b[4];
	abi_store(t->abi, b, 4, (uint32_t)tid);
	return copyout(t, b, addr, 4);
}

struct task *thread_task_new(struct task *t, uint64_t flags, uint64_t stack, uint64_t tls, long *rc)
{
	*rc = -ENOSYS;
	if (!t->abi->clone_child)
		return NULL;
	*rc = -ENOMEM;
	struct task *c = calloc(1, sizeof *c);
	if (!c)
		return NULL;
	c->abi = t->abi;
	c->vm = t->vm;
	c->trace = t->trace;
	c->sigcode = t->sigcode;
	c->tls_gdt = t->tls_gdt;
	c->arch = t->arch;
	c->hwcap = t->hwcap;
	c->hwcap2 = t->hwcap2;
	memcpy(c->exe, t->exe, sizeof c->exe);
	char err[128];
	/* A thread's engine translates less than a whole program's: a
	 * smaller code buffer than Unicorn's 1 GiB default, which every
	 * translation flush zeroes. */
	if (task_engine(c, THREAD_TCG_BUFFER, err, sizeof err))
		goto fail;
	if ((*rc = vm_attach(t->vm, c->uc)))
		goto fail_engine;
	*rc = -ENOMEM;
	if (cpu_copy(c, t) || !(c->sig = calloc(1, sizeof *c->sig)))
		goto fail_attach;
	/* CLONE_SIGHAND: one action table, else a copy; the mask is
	 * inherited, pending signals are not (copy_process). */
	if (flags & CLONE_SIGHAND)
		c->sig->act = t->sig->act;
	else {
		memcpy(c->sig->own_act, t->sig->act, sizeof c->sig->own_act);
		c->sig->act = c->sig->own_act;
	}
	c->sig->blocked = t->sig->blocked;
	c->sig->ss_flags = K_SS_DISABLE;
	if (flags & CLONE_THREAD)	/* one group: one shared pending set */
		sig_share(c, t);
	if ((*rc = t->abi->clone_child(c, t, stack, !!(flags & CLONE_SETTLS), tls)))
		goto fail_attach;
	return c;
fail_attach:
	thread_task_free(c);
	return NULL;
fail_engine:
	uc_close(c->uc);
fail:
	free(c);
	return NULL;
}

void thread_task_free(struct task *c)
{
	if (c->thread_page)
		vm_unmap(c->vm, c->thread_page, VM_PAGE);
	vm_detach(c->vm, c->uc);
	uc_close(c->uc);
	pthread_mutex_lock(&lm);	/* the tick may still hold c as the holder it read */
	sig_state_free(c->sig);
	free(c);
	pthread_mutex_unlock(&lm);
}

long thread_clone(struct task *t, uint64_t flags, uint64_t stack, uint64_t ptid,
		  uint64_t ctid, uint64_t tls)
{
	if (ngroup >= VM_MAX_ENGINES)
		return -EAGAIN;
	long rc;
	struct task *c = thread_task_new(t, flags, stack, tls, &rc);
	if (!c)
		return rc;
	c->clear_child_tid = (flags & CLONE_CHILD_CLEARTID) ? ctid : 0;
	c->gdb = t->gdb;	/* the debugger sees every thread (kit/gdbstub.c) */

	struct start s = { .c = c };
	sem_init(&s.ready, 0, 0);
	pthread_attr_t at;
	pthread_attr_init(&at);
	pthread_attr_setdetachstate(&at, PTHREAD_CREATE_DETACHED);
	pthread_attr_setstacksize(&at, 8 << 20);
	pthread_mutex_lock(&lm);
	group[ngroup++] = c;
	__atomic_add_fetch(&nlive, 1, __ATOMIC_ACQ_REL);
	pthread_t th;
	int e = pthread_create(&th, &at, thread_main, &s);
	if (e) {
		ngroup--;
		__atomic_sub_fetch(&nlive, 1, __ATOMIC_ACQ_REL);
	}
	pthread_mutex_unlock(&lm);
	pthread_attr_destroy(&at);
	if (e) {
		thread_task_free(c);
		return -e;
	}
	while (sem_wait(&s.ready) && errno == EINTR)
		;
	sem_destroy(&s.ready);
	/* Linux: the parent's TID store first, the child's in the child
	 * (schedule_tail); neither fails the call.  The child cannot run yet:
	 * it waits for the engine lock. */
	if (flags & CLONE_PARENT_SETTID)
		put_tid(t, ptid, c->tid);
	if (flags & CLONE_CHILD_SETTID)
		put_tid(c, ctid, c->tid);
	if (!ticking) {
		pthread_t tt;
		if (pthread_create(&tt, NULL, ticker, NULL) == 0) {
			pthread_detach(tt);
			ticking = 1;
		}
	}
	futex(&nlive, FUTEX_WAKE_PRIVATE, INT_MAX);	/* the tick starts */
	uc_emu_stop(t->uc);	/* from the trap, so exact: the run loop adds the block hook */
	return c->tid;
}

/* Linux's exit_robust_list (kernel/futex/core.c): each lock on the list
 * that this thread holds gets FUTEX_OWNER_DIED and one waiter is woken.
 * struct robust_list_head: { next, futex_offset, list_op_pending }, words
 * of the ABI's pointer size. */
#define ROBUST_LIMIT 2048
static void robust_one(struct task *t, uint64_t entry, int64_t off)
{
	uint64_t ua = entry + (uint64_t)off;
	uint32_t *w = vm_host(t->vm, ua, 4, VM_R | VM_W);
	if (!w || (ua & 3))
		return;
	uint32_t v = (uint32_t)abi_load(t->abi, w, 4);
	if ((v & FUTEX_TID_MASK) != (uint32_t)t->tid)
		return;
	uint32_t nv = (v & FUTEX_WAITERS) | FUTEX_OWNER_DIED;
	abi_store(t->abi, w, 4, nv);
	if (v & FUTEX_WAITERS) {
		futex(w, FUTEX_WAKE, 1);
		futex(w, FUTEX_WAKE_PRIVATE, 1);
	}
}

static void exit_robust(struct task *t)
{
	unsigned ps = t->abi->ptr_size;
	uint8_t h[24];
	if (!t->robust_head || copyin(t, t->robust_head, h, 3 * ps))
		return;
	uint64_t mask = ps == 4 ? 0xffffffffULL : ~0ULL;
	uint64_t head = t->robust_head, next = abi_load(t->abi, h, ps) & mask;
	int64_t off = ps == 4 ? (int64_t)(int32_t)abi_load(t->abi, h + ps, ps)
			      : (int64_t)abi_load(t->abi, h + ps, ps);
	uint64_t pending = abi_load(t->abi, h + 2 * ps, ps) & mask;
	for (int n = 0; next != head && n < ROBUST_LIMIT; n++) {
		uint8_t b[8];
		uint64_t e = next & ~1ULL;
		if (copyin(t, e, b, ps))
			break;
		next = abi_load(t->abi, b, ps) & mask;
		if (e != pending)
			robust_one(t, e, off);
	}
	if (pending)
		robust_one(t, pending & ~1ULL, off);
}

/* Linux's mm_release for a task leaving an address space others still
 * use: the robust list, then CLONE_CHILD_CLEARTID: 0 at the address, one
 * waiter woken (pthread_join waits there).  A fault is ignored. */
static void mm_release(struct task *t)
{
	exit_robust(t);
	if (t->clear_child_tid) {
		uint32_t *w = vm_host(t->vm, t->clear_child_tid, 4, VM_W);
		if (w) {
			__atomic_store_n(w, 0, __ATOMIC_SEQ_CST);
			futex(w, FUTEX_WAKE, 1);
			futex(w, FUTEX_WAKE_PRIVATE, 1);
		}
	}
}

int thread_exit(struct task *t, int group_exit)
{
	if (t->vfork_parent) {
		/* A process sharing its parent's memory (kit/vfork.c): it
		 * leaves the space and its host process ends there. */
		mm_release(t);
		return t->exit_status;
	}
	if (group_exit || (t == leader && ngroup <= 1)) {
		if (t == leader)
			return t->exit_status;
		if (t->gdb)
			gdb_exit(t, t->exit_status & 0xff, 0);
		fflush(NULL);	/* exit_group from another thread ends the process here */
		exit(t->exit_status);
	}
	mm_release(t);
	if (t->gdb)
		gdb_thread_exit(t);
	pthread_mutex_lock(&lm);
	for (unsigned i = 0; i < ngroup; i++)
		if (group[i] == t) {
			group[i] = group[--ngroup];
			break;
		}
	pthread_mutex_unlock(&lm);
	if (t->thread_page) {	/* the arch's page for this thread alone (i386 GDT) */
		vm_unmap(t->vm, t->thread_page, VM_PAGE);
		t->thread_page = 0;
	}
	vm_detach(t->vm, t->uc);
	if (t != leader) {
		/* closed while no other engine runs, as everything else */
		ck_self = NULL;
		uc_close(t->uc);
		t->uc = NULL;
	}
	uint32_t left = __atomic_sub_fetch(&nlive, 1, __ATOMIC_ACQ_REL);
	thread_unlock();
	if (t == leader) {
		/* The leader's exit(2) leaves the process to the others; when the
		 * last one goes the process ends with the leader's status, as a
		 * zombie group leader reports it. */
		for (;;) {
			uint32_t n = __atomic_load_n(&nlive, __ATOMIC_ACQUIRE);
			if (!n)
				break;
			futex(&nlive, FUTEX_WAIT_PRIVATE, n);
		}
		thread_lock();
		return t->exit_status;
	}
	if (!left)
		futex(&nlive, FUTEX_WAKE_PRIVATE, INT_MAX);
	pthread_mutex_lock(&lm);	/* the tick may still hold t as the holder it read */
	sig_state_free(t->sig);
	free(t);
	pthread_mutex_unlock(&lm);
	return -1;
}

void thread_after_fork(struct task *t)
{
	pthread_mutex_init(&lm, NULL);
	/* The other threads do not exist in the child: their engines go, and
	 * so do their tasks, but the leader's (cmd_run's, not allocated here;
	 * its signal state holds the shared action table).  None of those
	 * engines runs: the forking thread holds the engine lock. */
	if (ngroup > 1)
		san_no_leak_check();	/* LSan cannot check this child: kit/sanitize.c */
	for (unsigned i = 0; i < ngroup; i++) {
		struct task *o = group[i];
		if (o == t)
			continue;
		vm_detach(t->vm, o->uc);
		if (o->thread_page)	/* the other threads' pages go too */
			vm_unmap(t->vm, o->thread_page, VM_PAGE);
		uc_close(o->uc);
		o->uc = NULL;
		if (o != leader) {
			sig_state_free(o->sig);
			free(o);
		}
	}
	group[0] = t;
	ngroup = 1;
	nlive = 1;
	leader = t;
	ticking = 0;
	preempt = 0;
	/* The lock: held by this thread, nobody waiting. */
	tk_serving = 0;
	tk_next = 1;
	holder = t;
}

void thread_vfork_child(struct task *c)
{
	ck_self = c;
	c->tid = (int)gettid();
	holder = c;	/* the parent's hold on the engine lock goes on here */
}

void thread_vfork_resume(struct task *t, struct task *c)
{
	ck_self = t;
	/* The child ended (exit, exec, a signal) holding the lock, as it
	 * does unless it was killed inside a blocking host call. */
	if (holder == c)
		holder = t;
	else
		thread_lock();
}
