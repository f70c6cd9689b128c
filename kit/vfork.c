/*
 * clone(CLONE_VM|CLONE_VFORK) without CLONE_THREAD, and vfork(2): a child
 * process that shares its parent's memory while the parent waits for it
 * to exec or end.  glibc's posix_spawn (and so popen, system) and vfork()
 * make one.
 *
 * The model is Linux's own, one level down.  Guest memory is host memory
 * of the kit process (kit/vm.c), so a host clone(CLONE_VM|CLONE_VFORK)
 * child shares it, and with it the kit's heap: the child runs a new engine
 * attached to the same address space (as a thread's is), its stores are
 * the parent's, its mmaps are the parent's.  posix_spawn depends on that:
 * glibc's child stores the exec error in the parent's memory before
 * _exit(127) and the parent returns that error.  A host fork (the model
 * of kit/sys/fork.c, and qemu-user's for vfork) loses it: posix_spawn of a
 * missing file "succeeds" there with a child that exits 127.
 *
 * The host suspends the parent's host thread until the child execs (a
 * kit exec is a host execve: kit/sys/execve.c) or ends, as Linux does the
 * guest's.  The child runs on a host stack of its own but with the
 * parent host thread's TLS (a raw clone gets no TLS of its own), which is
 * safe for the same reason a vfork child may use its parent's stack: the
 * owner is suspended.  The parent puts back the TLS values the child
 * changed (the kit's current task, the host signal record) when it
 * resumes.  The engine lock the parent held is the child's meanwhile and
 * comes back (thread_vfork_child / thread_vfork_resume): the parent's
 * other threads run while the child is blocked in a host call, as they
 * would on Linux.
 *
 * The child ends with a host _exit, never exit() (the atexit handlers and
 * stdio buffers are the parent's), or by a signal.
 *
 * Limits: a child killed by SIGKILL inside the kit's own malloc or in the
 * middle of taking the engine lock leaves the parent stuck (as a C vfork
 * child killed inside malloc would); a parent's other thread that ends
 * the process while the child sleeps in a host call leaves the child
 * waiting for the engine lock.
 */
#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <linux/sched.h>
#include <sys/mman.h>
#include "ksig.h"
#include "run.h"
#include "thread.h"
#include "vfork.h"
#include "vm.h"

#define CHILD_STACK (8u << 20)	/* as a thread's (kit/thread.c) */

/* Under AddressSanitizer (make SANITIZE=address): the child never returns
 * from its frames, so their poisoned shadow would stay behind for whatever
 * is mapped at these addresses next (the next child's stack: false
 * stack-use-after-scope reports).  Cleared before and after each child. */
#ifdef __SANITIZE_ADDRESS__
#include <sanitizer/asan_interface.h>
#define STACK_UNPOISON(p, n) __asan_unpoison_memory_region((p), (n))
#else
#define STACK_UNPOISON(p, n) ((void)0)
#endif

struct vchild {
	struct task *c;
	const struct vfork_req *r;
	struct hostsig *rec;
	sigset_t mask;		/* the parent's host mask, the child's too */
	int hpidfd;		/* CLONE_PIDFD: the host stores it before the child runs */
};

static void put_int(struct task *t, uint64_t addr, int v)
{
	uint8_t b[4];
	abi_store(t->abi, b, 4, (uint32_t)v);
	copyout(t, b, addr, 4);	/* a fault is ignored, as Linux ignores it */
}

static int child_main(void *arg)
{
	struct vchild *v = arg;
	struct task *c = v->c;
	const struct vfork_req *r = v->r;
	thread_vfork_child(c);
	pthread_sigmask(SIG_SETMASK, &v->mask, NULL);
	/* Linux stores the parent's copies before the child runs (kernel_
	 * clone), the child's in schedule_tail; the memory is one, so the
	 * child does them all before its first instruction. */
	if (r->flags & CLONE_PARENT_SETTID)
		put_int(c, r->parent_tid, c->tid);
	if (r->flags & CLONE_PIDFD)
		put_int(c, r->pidfd, v->hpidfd);
	if (r->flags & CLONE_CHILD_SETTID)
		put_int(c, r->child_tid, c->tid);
	if (r->flags & CLONE_CLEAR_SIGHAND)
		sig_flush_handlers(c);
	int st = task_loop(c);
	_exit((st >> 8) & 0xff);
}

long vfork_clone(struct task *t, const struct vfork_req *r)
{
	long rc;
	struct task *c = thread_task_new(t, r->flags, r->stack, r->tls, &rc);
	if (!c)
		return rc;
	c->vfork_parent = t;
	c->clear_child_tid = (r->flags & CLONE_CHILD_CLEARTID) ? r->child_tid : 0;
	/* copy_process keeps the alternate signal stack for CLONE_VFORK. */
	c->sig->ss_sp = t->sig->ss_sp;
	c->sig->ss_size = t->sig->ss_size;
	c->sig->ss_flags = t->sig->ss_flags;

	struct vchild v = { .c = c, .r = r, .hpidfd = -1 };
	uint8_t *stack = mmap(NULL, CHILD_STACK, PROT_READ | PROT_WRITE,
			      MAP_PRIVATE | MAP_ANONYMOUS | MAP_STACK | MAP_NORESERVE, -1, 0);
	if (stack == MAP_FAILED || !(v.rec = sig_host_record_new())) {
		if (stack != MAP_FAILED)
			munmap(stack, CHILD_STACK);
		thread_task_free(c);
		return -ENOMEM;
	}
	mprotect(stack, 4096, PROT_NONE);	/* a guard page */
	STACK_UNPOISON(stack, CHILD_STACK);

	/* No host signal handler may run on this host thread between the
	 * child's start and the parent's TLS being its own again. */
	sigset_t all;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &v.mask);
	/* The child's record, in the TLS it inherits; this thread's own
	 * (the process's, or a vfork child's of its own) comes back after. */
	struct hostsig *prev = sig_host_record_use(v.rec);
	fflush(NULL);
	int flags = (int)(CLONE_VM | CLONE_VFORK | r->host_flags) | (r->exit_signal & CSIGNAL);
	long pid = clone(child_main, stack + CHILD_STACK, flags, &v, &v.hpidfd);
	rc = pid < 0 ? -errno : pid;
	sig_host_record_use(prev);
	if (pid > 0)
		thread_vfork_resume(t, c);
	pthread_sigmask(SIG_SETMASK, &v.mask, NULL);
	STACK_UNPOISON(stack, CHILD_STACK);
	munmap(stack, CHILD_STACK);
	free(v.rec);
	thread_task_free(c);
	return rc;
}
