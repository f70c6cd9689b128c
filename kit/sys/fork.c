/*
 * fork, vfork, clone and clone3: the fork-like forms here, threads (CLONE_THREAD) in kit/thread.c.
 *
 * A guest process is a host process: the kit forks itself inside the
 * syscall hook and the child carries on with a copy of the engine.  Guest
 * private memory is host MAP_PRIVATE (copy-on-write after the fork) and
 * guest MAP_SHARED memory is host MAP_SHARED (kit/vm.c), so both behave as
 * on Linux.  The host call is clone3 with the guest's flags where they mean
 * the same thing for the host process (CLONE_VFORK, CLONE_PARENT, CLONE_FS,
 * CLONE_FILES, namespaces, CLONE_PIDFD, the exit signal): the host kernel
 * then applies Linux's own rules.  The flags that touch guest memory
 * (CLONE_*_SETTID, CLONE_CHILD_CLEARTID) are done here.
 *
 * CLONE_THREAD (with CLONE_VM and CLONE_SIGHAND, as check_flags demands)
 * makes a guest thread: kit/thread.c.  CLONE_VM with CLONE_VFORK but
 * without CLONE_THREAD (glibc's posix_spawn; vfork(2), which is that
 * clone) makes a child process sharing the parent's memory while the
 * parent waits: kit/vfork.c.
 *
 * Not done here, refused with ENOSYS and a trace note: CLONE_VM without
 * CLONE_THREAD or CLONE_VFORK (a process sharing memory that runs beside
 * its parent), set_tid or CLONE_INTO_CGROUP with CLONE_VM, a new stack
 * without CLONE_VM, CLONE_SETTLS without CLONE_VM (no arch hook to set
 * the thread pointer of an engine copied by the host fork), and threads
 * created by a vfork child.
 *
 * Known difference: the host child's glibc keeps the parent's cached TID in
 * its thread descriptor (a raw clone, not glibc's fork()); the kit never
 * relies on it (raise() asks the kernel for the TID).
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/sched.h>
#include <sys/syscall.h>
#include "gdbstub.h"
#include "ksig.h"
#include "layout.h"
#include "sys.h"
#include "trace.h"
#include "thread.h"
#include "vfork.h"

extern FILE *trace_out;

/* Linux's limits (kernel/pid.c MAX_PID_NS_LEVEL; linux/sched.h sizes). */
#define MAX_PID_NS_LEVEL 32
#define NSIG_LINUX 64		/* valid_signal(): 0 .. _NSIG (64 on these ABIs) */

/* Every clone flag Linux accepts in the legacy call (CLONE_LEGACY_FLAGS). */
#define LEGACY_FLAGS 0xffffffffULL
#define NS_FLAGS (CLONE_NEWNS | CLONE_NEWCGROUP | CLONE_NEWUTS | CLONE_NEWIPC | \
		  CLONE_NEWUSER | CLONE_NEWPID | CLONE_NEWNET | CLONE_NEWTIME)
/* Flags whose meaning is the host process's own: passed to the host. */
#define HOST_FLAGS (CLONE_VFORK | CLONE_PARENT | CLONE_FS | CLONE_FILES | CLONE_SYSVSEM | \
		    CLONE_IO | CLONE_PTRACE | CLONE_UNTRACED | CLONE_PIDFD | \
		    CLONE_INTO_CGROUP | NS_FLAGS)
/* Flags about guest memory, done by the kit. */
#define KIT_FLAGS (CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | CLONE_CHILD_CLEARTID)

struct clone_req {
	uint64_t flags;		/* without the exit signal */
	uint64_t exit_signal;
	uint64_t pidfd, child_tid, parent_tid, stack, stack_size, tls;
	uint64_t set_tid, set_tid_size, cgroup;
	int legacy;		/* clone(2), not clone3(2) */
};

static long refuse(struct task *t, const char *what)
{
	if (t->trace)
		fprintf(trace_out ? trace_out : stderr,
			"%5d compatkit: clone: %s is not supported: ENOSYS\n", (int)getpid(), what);
	return -ENOSYS;
}

static int put_int(struct task *t, uint64_t addr, int v)
{
	uint8_t b[4];
	abi_store(t->abi, b, 4, (uint32_t)v);
	return copyout(t, b, addr, 4);
}

/* The checks of Linux's copy_clone_args_from_user/clone3_args_valid and
 * copy_process that do not depend on the process's state, in Linux's order,
 * so that a flag set Linux refuses gets its errno before the kit refuses
 * what it cannot do. */
static long check_flags(const struct clone_req *r)
{
	uint64_t f = r->flags;
	if (!r->legacy) {
		if (f & ~(LEGACY_FLAGS | CLONE_CLEAR_SIGHAND | CLONE_INTO_CGROUP))
			return -EINVAL;
		if (f & (CLONE_DETACHED | (CSIGNAL & ~CLONE_NEWTIME)))
			return -EINVAL;
		if ((f & (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND)) == (CLONE_SIGHAND | CLONE_CLEAR_SIGHAND))
			return -EINVAL;
		if ((f & (CLONE_THREAD | CLONE_PARENT)) && r->exit_signal)
			return -EINVAL;
		if (!r->stack != !r->stack_size)
			return -EINVAL;
	}
	if ((f & CLONE_PIDFD) && (f & CLONE_PARENT_SETTID) && r->pidfd == r->parent_tid)
		return -EINVAL;
	if ((f & (CLONE_NEWNS | CLONE_FS)) == (CLONE_NEWNS | CLONE_FS))
		return -EINVAL;
	if ((f & (CLONE_NEWUSER | CLONE_FS)) == (CLONE_NEWUSER | CLONE_FS))
		return -EINVAL;
	if ((f & CLONE_THREAD) && !(f & CLONE_SIGHAND))
		return -EINVAL;
	if ((f & CLONE_SIGHAND) && !(f & CLONE_VM))
		return -EINVAL;
	if ((f & CLONE_THREAD) && (f & (CLONE_NEWUSER | CLONE_NEWPID)))
		return -EINVAL;
	if ((f & CLONE_PIDFD) && (f & CLONE_THREAD))
		return -EINVAL;
	return 0;
}

static long do_clone(struct task *t, struct clone_req *r)
{
	long e = check_flags(r);
	if (e)
		return e;
	/* clone3's stack is the lowest address of the area (Linux adds
	 * stack_size), clone's the start. */
	uint64_t sp = r->stack && !r->legacy ? r->stack + r->stack_size : r->stack;
	if (r->flags & CLONE_THREAD) {	/* a thread: kit/thread.c */
		if (r->flags & CLONE_VFORK)
			return refuse(t, "CLONE_VFORK with CLONE_THREAD");
		if (t->vfork_parent)
			return refuse(t, "a thread in a vfork child");
		return thread_clone(t, r->flags, sp, r->parent_tid, r->child_tid, r->tls);
	}
	if (r->flags & CLONE_VM) {	/* a process sharing memory: kit/vfork.c */
		if (!(r->flags & CLONE_VFORK))
			return refuse(t, "CLONE_VM without CLONE_THREAD or CLONE_VFORK "
				      "(a process sharing memory, running beside its parent)");
		if (r->set_tid_size || (r->flags & CLONE_INTO_CGROUP))
			return refuse(t, "set_tid or CLONE_INTO_CGROUP with CLONE_VM");
		if ((r->flags & CLONE_PIDFD) && !guest_ptr(t, r->pidfd, 4, VM_W))
			return -EFAULT;
		struct vfork_req v = {
			.flags = r->flags,
			.host_flags = r->flags & (HOST_FLAGS | CLONE_SIGHAND) & ~(uint64_t)CLONE_INTO_CGROUP,
			.exit_signal = (int)r->exit_signal,
			.stack = sp, .tls = r->tls,
			.parent_tid = r->parent_tid, .child_tid = r->child_tid, .pidfd = r->pidfd,
		};
		return vfork_clone(t, &v);
	}
	if (r->flags & CLONE_SETTLS)
		return refuse(t, "CLONE_SETTLS without CLONE_VM");
	if (r->stack)
		return refuse(t, "a new stack without CLONE_VM");
	if ((r->flags & CLONE_PIDFD) && !guest_ptr(t, r->pidfd, 4, VM_W))
		return -EFAULT;

	int set_tid[MAX_PID_NS_LEVEL];
	for (uint64_t i = 0; i < r->set_tid_size; i++) {
		uint8_t b[4];
		if (copyin(t, r->set_tid + 4 * i, b, 4))
			return -EFAULT;
		set_tid[i] = (int)abi_load(t->abi, b, 4);
	}

	int hpidfd = -1;
	struct clone_args ca;
	memset(&ca, 0, sizeof ca);
	ca.flags = r->flags & HOST_FLAGS;
	ca.pidfd = (uint64_t)(uintptr_t)&hpidfd;
	ca.exit_signal = r->exit_signal;	/* guest signal numbers are the host's: tests/ltp/consts.sh */
	ca.set_tid = r->set_tid_size ? (uint64_t)(uintptr_t)set_tid : 0;
	ca.set_tid_size = r->set_tid_size;
	ca.cgroup = r->cgroup;

	fflush(NULL);
	long pid = syscall(SYS_clone3, &ca, sizeof ca);
	if (pid < 0 && errno == ENOSYS) {
		/* A host without clone3 (or a seccomp filter hiding it): the
		 * plain fork case still works through glibc, and vfork becomes
		 * a fork (the parent is not suspended). */
		if ((ca.flags & ~(uint64_t)CLONE_VFORK) || ca.set_tid_size || ca.exit_signal != SIGCHLD)
			return refuse(t, "these flags on a host without clone3");
		pid = fork();
	}
	if (pid < 0)
		return -errno;
	if (pid == 0) {
		/* The child: Linux's schedule_tail stores the TID for
		 * CLONE_CHILD_SETTID and ignores a fault. */
		t->tid = gettid();
		thread_after_fork(t);	/* only the forking thread goes on */
		t->vm->lock_future = 0;	/* mlockall(MCL_FUTURE) is not inherited */
		gdb_forget(t);	/* the debugger stays with the parent */
		if (r->flags & CLONE_CHILD_SETTID)
			put_int(t, r->child_tid, t->tid);
		if (r->flags & CLONE_CLEAR_SIGHAND)
			sig_flush_handlers(t);
		t->clear_child_tid = (r->flags & CLONE_CHILD_CLEARTID) ? r->child_tid : 0;
		return 0;
	}
	/* The parent: kernel_clone stores the PID after the copy (so the
	 * child, with its own memory, does not see it); a fault is ignored. */
	if (r->flags & CLONE_PARENT_SETTID)
		put_int(t, r->parent_tid, (int)pid);
	if ((r->flags & CLONE_PIDFD) && put_int(t, r->pidfd, hpidfd)) {
		close(hpidfd);	/* checked writable above: cannot happen */
		return -EFAULT;
	}
	return pid;
}

SYS(fork)
{
	struct clone_req r = { .exit_signal = SIGCHLD, .legacy = 1 };
	return do_clone(t, &r);
}

SYS(vfork)
{
	/* kernel/fork.c: vfork is clone(CLONE_VFORK | CLONE_VM, SIGCHLD). */
	struct clone_req r = { .flags = CLONE_VFORK | CLONE_VM, .exit_signal = SIGCHLD, .legacy = 1 };
	return do_clone(t, &r);
}

/* Index of the clone argument called name in this ABI's prototype: the
 * order of tls and child_tid differs between ABIs (CLONE_BACKWARDS*), and
 * the tables say which. */
static int clone_arg(struct task *t, const char *name)
{
	const struct systable *tb = t->abi->sys;
	for (unsigned i = 0; i < tb->n; i++) {
		const struct sysent *se = &tb->ent[i];
		if (!se->name || strcmp(se->name, "clone") || !se->args)
			continue;
		for (unsigned j = 0; j < se->nargs; j++)
			if (!strcmp(se->args[j].name, name))
				return (int)j;
	}
	return -1;
}

SYS(clone)
{
	int ic = clone_arg(t, "child_tid"), it = clone_arg(t, "tls");
	uint32_t f = (uint32_t)a[0];	/* kernel_clone uses the low 32 bits */
	struct clone_req r = {
		.flags = f & ~CSIGNAL,
		.exit_signal = f & CSIGNAL,
		.stack = a_ptr(t, a[1]),
		.parent_tid = a_ptr(t, a[2]),
		.pidfd = a_ptr(t, a[2]),
		.child_tid = ic >= 0 ? a_ptr(t, a[ic]) : 0,
		.tls = it >= 0 ? a_ptr(t, a[it]) : 0,
		.legacy = 1,
	};
	r.flags &= ~(uint64_t)CLONE_DETACHED;	/* accepted and ignored by Linux */
	return do_clone(t, &r);
}

/* struct clone_args (linux/sched.h): read through the layout table. */
SYS(clone3)
{
	uint64_t uargs = a_ptr(t, a[0]), size = a_ptr(t, a[1]);
	const struct layout *l = layout_get(t->abi, "clone_args");
	if (!l)
		return -ENOSYS;
	if (size > VM_PAGE)
		return -E2BIG;
	if (size < CLONE_ARGS_SIZE_VER0)
		return -EINVAL;
	uint8_t buf[VM_PAGE];
	memset(buf, 0, sizeof buf);
	if (copyin(t, uargs, buf, size))
		return -EFAULT;
	/* copy_struct_from_user: bytes past the struct the kit knows must be 0 */
	for (uint64_t i = l->size; i < size; i++)
		if (buf[i])
			return -E2BIG;
	struct clone_req r = { 0 };
	layout_get_field(t->abi, l, buf, "flags", &r.flags);
	layout_get_field(t->abi, l, buf, "pidfd", &r.pidfd);
	layout_get_field(t->abi, l, buf, "child_tid", &r.child_tid);
	layout_get_field(t->abi, l, buf, "parent_tid", &r.parent_tid);
	layout_get_field(t->abi, l, buf, "exit_signal", &r.exit_signal);
	layout_get_field(t->abi, l, buf, "stack", &r.stack);
	layout_get_field(t->abi, l, buf, "stack_size", &r.stack_size);
	layout_get_field(t->abi, l, buf, "tls", &r.tls);
	layout_get_field(t->abi, l, buf, "set_tid", &r.set_tid);
	layout_get_field(t->abi, l, buf, "set_tid_size", &r.set_tid_size);
	layout_get_field(t->abi, l, buf, "cgroup", &r.cgroup);
	if (r.set_tid_size > MAX_PID_NS_LEVEL)
		return -EINVAL;
	if (!r.set_tid != !r.set_tid_size)
		return -EINVAL;
	if ((r.exit_signal & ~(uint64_t)CSIGNAL) || r.exit_signal > NSIG_LINUX)
		return -EINVAL;
	if ((r.flags & CLONE_INTO_CGROUP) && (r.cgroup > 0x7fffffff || size < CLONE_ARGS_SIZE_VER2))
		return -EINVAL;
	return do_clone(t, &r);
}
