/*
 * sysfuzz N SEED: issue N pseudo-random system calls from a fixed seed and
 * print a summary.  Numbers are drawn across the arch's whole table (and a
 * few past it); arguments are small ints, -1, huge values, pointers into a
 * scratch arena, into its PROT_NONE guard pages, to strings, fds of a small
 * pool and fds in the range the kit keeps for itself.
 *
 * It runs only under `compatkit run` (tests/sysfuzz/run.sh): the point is
 * that the kit never crashes, hangs or leaks, and that every call returns.
 * The calls that would end or corrupt the test itself, block for ever, or
 * change the host outside the test's directory are never issued; DENY below
 * lists each with the reason.  Calls that could hit the guest's own memory
 * are confined to the arena (confine()).
 *
 * Protocol with the runner (so it can count the kit's fds at both ends):
 * stdin is a FIFO; the guest prints "sysfuzz: ready", reads one byte, fuzzes,
 * closes every fd it opened, prints "sysfuzz: done", reads one more byte and
 * prints the summary.  With stdin not a FIFO the reads just return.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define MAXNR 460		/* above every table here (they end at 450) */
#define ARENA_PAGES 16
#define PG 4096UL
#define KEEP_FD 100		/* the handshake FIFO while fuzzing */

/* ---- the deny list: number and reason ---- */
struct deny { long nr; const char *why; };
#define D(name, why) { __NR_##name, why },
static const struct deny deny[] = {
	/* ending the test */
	D(exit, "ends the guest")
	D(exit_group, "ends the guest")
#ifdef __NR_kill
	D(kill, "could signal the guest itself or its process group")
#endif
	D(tkill, "could signal the guest itself")
	D(tgkill, "could signal the guest itself")
	D(rt_sigqueueinfo, "queues a signal to a pid (itself)")
	D(rt_tgsigqueueinfo, "queues a signal to a thread (itself)")
#ifdef __NR_pidfd_send_signal
	D(pidfd_send_signal, "signals through a pidfd (itself)")
#endif
	D(execve, "replaces the guest image")
#ifdef __NR_execveat
	D(execveat, "replaces the guest image")
#endif
	D(reboot, "reboots the host (as root)")
	/* processes: a second copy of the fuzzer is not what is tested here */
	D(clone, "creates a process/thread running on random state")
#ifdef __NR_clone3
	D(clone3, "creates a process/thread running on random state")
#endif
#ifdef __NR_fork
	D(fork, "a second fuzzer process")
#endif
#ifdef __NR_vfork
	D(vfork, "the parent waits for a child that runs on random state")
#endif
	D(ptrace, "could stop or poke the guest itself")
	/* control flow and the CPU state libc depends on */
	D(rt_sigreturn, "loads registers from a random frame")
#ifdef __NR_sigreturn
	D(sigreturn, "loads registers from a random frame")
#endif
	D(rt_sigaction, "a handler at a random address would run garbage on any signal")
#ifdef __NR_sigaction
	D(sigaction, "a handler at a random address would run garbage on any signal")
#endif
#ifdef __NR_signal
	D(signal, "a handler at a random address would run garbage on any signal")
#endif
#ifdef __NR_set_thread_area
	D(set_thread_area, "replaces libc's TLS descriptor")
#endif
#ifdef __NR_arch_prctl
	D(arch_prctl, "ARCH_SET_FS/GS replaces libc's TLS pointer")
#endif
#ifdef __NR_modify_ldt
	D(modify_ldt, "rewrites the segment descriptors libc uses")
#endif
#ifdef __NR_vm86
	D(vm86, "enters virtual-8086 mode")
#endif
#ifdef __NR_vm86old
	D(vm86old, "enters virtual-8086 mode")
#endif
#ifdef __NR_iopl
	D(iopl, "I/O privilege for the host process (as root)")
#endif
#ifdef __NR_ioperm
	D(ioperm, "I/O port access for the host process (as root)")
#endif
#ifdef __NR_switch_endian
	D(switch_endian, "flips the CPU's byte order under the guest")
#endif
#ifdef __NR_swapcontext
	D(swapcontext, "jumps to a random user context")
#endif
#ifdef __NR_sys_debug_setcontext
	D(sys_debug_setcontext, "jumps to a random user context")
#endif
#ifdef __NR_rtas
	D(rtas, "calls firmware")
#endif
#ifdef __NR_subpage_prot
	D(subpage_prot, "protects sub-pages of the guest's own memory")
#endif
	D(rseq, "registers a random area the kernel writes on every preemption")
	D(personality, "changes the address-space layout for the rest of the run")
	D(seccomp, "a filter would kill the guest on its next call")
#ifdef __NR_landlock_restrict_self
	D(landlock_restrict_self, "restricts the kit process's own file access")
#endif
	/* memory the guest lives in: the arena-only versions are in confine() */
#if defined(__i386__)
	D(mmap, "old_mmap: its arguments are a random struct, MAP_FIXED anywhere")
#endif
	D(remap_file_pages, "rearranges pages of the guest's own mappings")
	D(process_vm_writev, "writes anywhere in the guest's own memory")
	D(mlockall, "MCL_FUTURE populates every later mapping (a random 16 GiB mmap)")
	D(shmat, "maps a segment over random guest memory (SHM_REMAP)")
	/* blocking for ever (no signals to interrupt them in this test) */
	D(pause, "blocks until a signal")
	D(rt_sigsuspend, "blocks until a signal")
#ifdef __NR_sigsuspend
	D(sigsuspend, "blocks until a signal")
#endif
	D(rt_sigtimedwait, "blocks until a signal (NULL timeout)")
#ifdef __NR_rt_sigtimedwait_time64
	D(rt_sigtimedwait_time64, "blocks until a signal (NULL timeout)")
#endif
#ifdef __NR_futex
	D(futex, "FUTEX_WAIT on a matching word blocks for ever")
#endif
#ifdef __NR_futex_time64
	D(futex_time64, "FUTEX_WAIT on a matching word blocks for ever")
#endif
#ifdef __NR_futex_waitv
	D(futex_waitv, "waits for ever")
#endif
#ifdef __NR_nanosleep
	D(nanosleep, "sleeps for a random (huge) time")
#endif
#ifdef __NR_clock_nanosleep
	D(clock_nanosleep, "sleeps for a random (huge) time")
#endif
#ifdef __NR_clock_nanosleep_time64
	D(clock_nanosleep_time64, "sleeps for a random (huge) time")
#endif
#ifdef __NR_select
	D(select, "NULL timeout blocks")
#endif
#ifdef __NR__newselect
	D(_newselect, "NULL timeout blocks")
#endif
#ifdef __NR_pselect6
	D(pselect6, "NULL timeout blocks")
#endif
#ifdef __NR_pselect6_time64
	D(pselect6_time64, "NULL timeout blocks")
#endif
#ifdef __NR_poll
	D(poll, "negative timeout blocks")
#endif
#ifdef __NR_ppoll
	D(ppoll, "NULL timeout blocks")
#endif
#ifdef __NR_ppoll_time64
	D(ppoll_time64, "NULL timeout blocks")
#endif
#ifdef __NR_epoll_wait
	D(epoll_wait, "blocks")
#endif
	D(epoll_pwait, "blocks")
#ifdef __NR_epoll_pwait2
	D(epoll_pwait2, "blocks")
#endif
	D(io_getevents, "blocks")
#ifdef __NR_io_pgetevents
	D(io_pgetevents, "blocks")
#endif
	D(io_submit, "asynchronous I/O on random iocbs bypasses this filter")
#ifdef __NR_io_uring_setup
	D(io_uring_setup, "asynchronous ops on random SQEs bypass this filter")
	D(io_uring_enter, "asynchronous ops bypass this filter")
#endif
	D(syslog, "READ blocks; CLEAR empties the host's kernel log (as root)")
	D(flock, "LOCK_EX on a second open file of a locked one blocks")
	/* descriptors whose reads block: never created, so no pool fd is one */
#ifdef __NR_pipe
	D(pipe, "a pipe read blocks")
#endif
	D(pipe2, "a pipe read blocks")
#ifdef __NR_socket
	D(socket, "socket reads/accepts block; sends reach the network")
	D(socketpair, "socket reads block")
	D(connect, "reaches the network (may wait for a TCP timeout)")
#ifdef __NR_accept
	D(accept, "blocks")
#endif
	D(accept4, "blocks")
	D(sendto, "reaches the network")
	D(sendmsg, "reaches the network")
	D(recvfrom, "blocks")
	D(recvmsg, "blocks")
#endif
#ifdef __NR_recvmmsg
	D(recvmmsg, "blocks")
	D(sendmmsg, "reaches the network")
#endif
#ifdef __NR_recvmmsg_time64
	D(recvmmsg_time64, "blocks")
#endif
#ifdef __NR_socketcall
	D(socketcall, "multiplexer: its sub-calls would need this whole filter")
#endif
#ifdef __NR_ipc
	D(ipc, "multiplexer: its sub-calls would need this whole filter")
#endif
#ifdef __NR_eventfd
	D(eventfd, "reads block at 0")
#endif
	D(eventfd2, "reads block at 0")
#ifdef __NR_signalfd
	D(signalfd, "reads block")
#endif
	D(signalfd4, "reads block")
	D(timerfd_create, "reads block")
#ifdef __NR_inotify_init
	D(inotify_init, "reads block")
#endif
	D(inotify_init1, "reads block")
	D(fanotify_init, "reads block; watches the host")
#ifdef __NR_userfaultfd
	D(userfaultfd, "reads block")
#endif
	D(perf_event_open, "reads block; profiles the host")
	D(bpf, "loads programs into the host kernel")
	/* timers would deliver SIGALRM and friends, whose default is death */
	D(alarm, "SIGALRM kills the guest")
	D(setitimer, "SIGALRM/SIGVTALRM/SIGPROF kill the guest")
	D(timer_create, "a timer signal kills the guest")
	/* limits: lowering them ends the test (RLIMIT_CPU, _NOFILE, _AS) */
	D(setrlimit, "lowering a limit ends the test (SIGXCPU, EMFILE, ENOMEM)")
	/* leaving timeout(1)'s process group puts the kit out of its reach */
	D(setsid, "leaves the runner's process group (timeout could not kill it)")
	D(setpgid, "leaves the runner's process group (timeout could not kill it)")
	/* the host outside the test's directory */
	D(mknod, "as root: device nodes the fuzzer could then write through")
	D(mknodat, "as root: device nodes the fuzzer could then write through")
	D(open_by_handle_at, "as root: opens any host file")
	D(chdir, "the test's files must stay in its directory")
	D(creat, "a writable file: a random iovec over a huge mapping writes GBs to disk")
	D(memfd_create, "a writable memfd: a random iovec writes GBs of host RAM")
#ifdef __NR_openat2
	D(openat2, "its flags are in a random struct (writable files, see creat)")
#endif
#ifdef __NR_pidfd_getfd
	D(pidfd_getfd, "as root: takes another process's descriptors")
	D(pidfd_open, "as root: a handle on another process (pidfd_getfd)")
#endif
	D(fchdir, "the test's files must stay in its directory")
	D(chroot, "changes the kit process's root")
	D(pivot_root, "changes the host's root")
	D(mount, "mounts on the host")
	D(umount2, "unmounts host file systems")
#ifdef __NR_umount
	D(umount, "unmounts host file systems")
#endif
	D(swapon, "host swap")
	D(swapoff, "host swap")
	D(acct, "host-wide process accounting")
	D(quotactl, "host quotas")
	D(sync, "flushes every host file system (slow)")
	D(syncfs, "flushes a host file system (slow)")
	D(fallocate, "huge lengths would fill the host disk")
	D(sethostname, "host name")
	D(setdomainname, "host domain name")
	D(settimeofday, "host clock")
#ifdef __NR_stime
	D(stime, "host clock")
#endif
	D(clock_settime, "host clock")
#ifdef __NR_clock_settime64
	D(clock_settime64, "host clock")
#endif
	D(adjtimex, "host clock")
	D(clock_adjtime, "host clock")
#ifdef __NR_clock_adjtime64
	D(clock_adjtime64, "host clock")
#endif
#ifdef __NR_move_mount
	D(move_mount, "attaches mounts on the host")
	D(fsmount, "creates mounts on the host")
#endif
#ifdef __NR_mount_setattr
	D(mount_setattr, "changes host mounts")
#endif
#ifdef __NR_quotactl_fd
	D(quotactl_fd, "host quotas")
#endif
#ifdef __NR_pciconfig_write
	D(pciconfig_write, "writes PCI configuration space (as root)")
	D(pciconfig_read, "reads PCI configuration space (as root)")
#endif
	D(init_module, "host kernel modules")
	D(finit_module, "host kernel modules")
	D(delete_module, "host kernel modules")
	D(kexec_load, "replaces the host kernel")
#ifdef __NR_kexec_file_load
	D(kexec_file_load, "replaces the host kernel")
#endif
	D(vhangup, "hangs up the controlling terminal")
#ifdef __NR_uselib
	D(uselib, "maps a library into the guest")
#endif
	D(unshare, "moves the kit process into new namespaces")
	D(setns, "moves the kit process into other namespaces")
	D(add_key, "host keyrings")
	D(request_key, "host keyrings")
	D(keyctl, "host keyrings")
	D(msgget, "host-global IPC objects outlive the test")
	D(semget, "host-global IPC objects outlive the test")
	D(shmget, "host-global IPC objects outlive the test")
	D(msgctl, "random ids name other programs' host-global objects (IPC_RMID)")
	D(semctl, "random ids name other programs' host-global objects (IPC_RMID)")
	D(shmctl, "random ids name other programs' host-global objects (IPC_RMID)")
	D(msgrcv, "blocks")
#ifdef __NR_semop
	D(semop, "blocks")
#endif
#ifdef __NR_semtimedop
	D(semtimedop, "blocks")
#endif
	D(mq_open, "host-global message queues outlive the test")
	D(mq_timedreceive, "blocks")
	D(mq_timedsend, "blocks on a full queue")
#ifdef __NR_mq_timedreceive_time64
	D(mq_timedreceive_time64, "blocks")
	D(mq_timedsend_time64, "blocks on a full queue")
#endif
	D(mq_unlink, "random names remove other programs' host-global queues")
	/* the kit process's privileges and scheduling, and other processes */
	D(capset, "drops the kit's capabilities for the rest of the run")
	D(setuid, "drops root for the rest of the run")
	D(setgid, "drops root for the rest of the run")
	D(setreuid, "drops root for the rest of the run")
	D(setregid, "drops root for the rest of the run")
	D(setresuid, "drops root for the rest of the run")
	D(setresgid, "drops root for the rest of the run")
	D(setfsuid, "drops root for the rest of the run")
	D(setfsgid, "drops root for the rest of the run")
	D(setgroups, "drops root's groups for the rest of the run")
#ifdef __NR_nice
	D(nice, "real-time-like priority for a spinning guest (as root)")
#endif
	D(sched_setscheduler, "SCHED_FIFO on a spinning guest can starve the host")
	D(sched_setparam, "real-time priority")
	D(sched_setattr, "real-time priority")
	D(sched_setaffinity, "other processes (random pids)")
	D(setpriority, "other processes (random pids)")
	D(ioprio_set, "other processes (random pids)")
	D(migrate_pages, "other processes (random pids)")
	D(move_pages, "other processes (random pids)")
#ifdef __NR_process_madvise
	D(process_madvise, "other processes' memory (random pidfds)")
#endif
};

/* prctl options that would break the guest: replaced by PR_GET_DUMPABLE. */
static const struct { long opt; const char *why; } deny_prctl[] = {
	{ 12, "PR_SET_FPEXC: FP exceptions would trap in libc" },
	{ 20, "PR_SET_ENDIAN: flips the byte order" },
	{ 22, "PR_SET_SECCOMP: the guest's next call would kill it" },
	{ 26, "PR_SET_TSC: rdtsc would fault" },
	{ 35, "PR_SET_MM: rewrites the guest's own memory layout" },
	{ 59, "PR_SET_SYSCALL_USER_DISPATCH: syscalls become SIGSYS" },
};

/* ---- pseudo-random numbers (xorshift64*: the same sequence everywhere) ---- */
static uint64_t rs;
static uint64_t rnd(void)
{
	rs ^= rs >> 12;
	rs ^= rs << 25;
	rs ^= rs >> 27;
	return rs * 0x2545F4914F6CDD1DULL;
}
static uint64_t pick(uint64_t n) { return rnd() % n; }

/* ---- the world the arguments point into ---- */
static char *arena;		/* guard page | ARENA_PAGES | guard page */
static int pool[8], npool;
static int fd_limit;		/* our RLIMIT_NOFILE: the kit's fds are above */
static int close_top;		/* fds the final sweep closes: [3, close_top) */
static char *strs[8];
static uintptr_t self_lo, self_hi, stack_lo, stack_hi;
extern char __executable_start[];

static void map_arena(void)
{
	size_t len = (ARENA_PAGES + 2) * PG;
	if (!arena) {
		arena = mmap(NULL, len, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (arena == MAP_FAILED) {
			perror("sysfuzz: mmap");
			exit(2);
		}
	}
	/* (Re)map the inside: random munmap/mprotect/madvise may have hit it. */
	mmap(arena + PG, ARENA_PAGES * PG, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mmap(arena, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	mmap(arena + (ARENA_PAGES + 1) * PG, PG, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
	uint64_t *w = (uint64_t *)(arena + PG);
	for (size_t i = 0; i < ARENA_PAGES * PG / 8; i++)
		w[i] = i % 3 ? rnd() : 0;	/* some zeros: NULL-terminated arrays */
	/* Any pointer into the arena may be taken as a path: without '/' and
	 * '.' every such path is a plain name in the test's directory (never
	 * "/", an absolute path, "." or ".."). */
	for (char *c = arena + PG; c < arena + (ARENA_PAGES + 1) * PG; c++)
		if (*c == '/' || *c == '.')
			*c = 'x';
	/* Strings in the last page: paths inside the test's directory only. */
	static const char *const names[] = { "sf-file", "sf-dir", "sf-dir/x", "", "sf-sub", "sf-new", "sf-link" };
	char *s = arena + ARENA_PAGES * PG;
	for (int i = 0; i < 7; i++) {
		strs[i] = s;
		s += strlen(strcpy(s, names[i])) + 1;
	}
	/* The last: unterminated, running into the guard page. */
	strs[7] = arena + (ARENA_PAGES + 1) * PG - 16;
	memset(strs[7], 'a', 16);
}

static void open_pool(void)
{
	for (int i = 0; i < npool; i++)
		close(pool[i]);
	npool = 0;
	int fd;
	if ((fd = open("/dev/null", O_RDWR)) >= 0) pool[npool++] = fd;
	/* The regular file is read-only to the fuzzer: a random iovec over a
	 * huge mapping would write gigabytes to the host disk. */
	if ((fd = open("sf-file", O_WRONLY | O_CREAT | O_TRUNC, 0600)) >= 0) {
		write(fd, "0123456789abcdef\n", 17);
		close(fd);
	}
	if ((fd = open("sf-file", O_RDONLY)) >= 0) pool[npool++] = fd;
	if ((fd = open(".", O_RDONLY | O_DIRECTORY)) >= 0) pool[npool++] = fd;
	if ((fd = open("sf-file", O_RDONLY)) >= 0) pool[npool++] = fd;
}

/* A value that might land in the guest's own image or stack is moved to an
 * address nothing maps (the arena's first guard page). */
static uint64_t safe(uint64_t v)
{
	uintptr_t p = (uintptr_t)v;
	if ((uint64_t)p != v)
		return v;
	if ((p >= self_lo && p < self_hi) || (p >= stack_lo && p < stack_hi))
		return (uintptr_t)arena;
	return v;
}

static uint64_t arg(void)
{
	static const uint64_t small[] = { 0, 3, 4, 5, 6, 7, 8, 16, 64, 255, 4096, 65536 };
	static const uint64_t huge[] = {
		0x7fffffff, 0x80000000, 0xffffffff, 0xfffff000, 0x7fffffffffffffffULL,
		0x8000000000000000ULL, 0xfffffffffffff000ULL, 0xffffffff80000000ULL,
		0x100000000ULL, 0x7ffffffff000ULL, 0xc0000000, 0x1ULL << 40,
	};
	switch (pick(12)) {
	case 0: case 1: return small[pick(sizeof small / sizeof *small)];
	case 2: return (uint64_t)-1 - pick(4);		/* -1 .. -4 */
	case 3: return safe(huge[pick(sizeof huge / sizeof *huge)]);
	case 4: case 5: return (uintptr_t)(arena + PG + pick(ARENA_PAGES * PG));	/* valid */
	case 6: return (uintptr_t)(arena + (pick(2) ? 0 : (ARENA_PAGES + 1) * PG) + pick(PG));	/* guard */
	case 7: return (uintptr_t)strs[pick(8)];
	case 8:	/* descriptors: the pool, and the kit's own range above our limit */
		if (pick(3) == 0)
			return (uint64_t)(fd_limit + pick(20));
		return npool ? (uint64_t)pool[pick(npool)] : 0;
	case 9: return 0;
	case 10: return safe(rnd());
	default: return (uintptr_t)(arena + ARENA_PAGES * PG + PG - 8 * pick(4));	/* straddles */
	}
}

/* Calls on addresses: keep them inside the arena. */
static int is(long nr, long want) { return nr == want; }
static void confine(long nr, uint64_t *a)
{
	uint64_t in = (uintptr_t)(arena + PG + PG * pick(ARENA_PAGES));
	uint64_t room = (uintptr_t)(arena + (ARENA_PAGES + 1) * PG) - in;
	if (is(nr, __NR_munmap) || is(nr, __NR_mprotect) || is(nr, __NR_madvise) ||
	    is(nr, __NR_mlock) || is(nr, __NR_munlock) || is(nr, __NR_msync) ||
	    is(nr, __NR_mbind)
#ifdef __NR_mlock2
	    || is(nr, __NR_mlock2)
#endif
#ifdef __NR_pkey_mprotect
	    || is(nr, __NR_pkey_mprotect)
#endif
	    ) {
		a[0] = in;
		if (a[1] > room)
			a[1] = room;
	}
	if (is(nr, __NR_mremap)) {
		a[0] = in;
		if (a[1] > room)
			a[1] = room;
		a[3] &= 1;	/* MREMAP_MAYMOVE only: MREMAP_FIXED would map over anything */
	}
	/* getrandom into a huge mapping fills gigabytes (on Linux too): slow */
	if (is(nr, __NR_getrandom) && a[1] > ARENA_PAGES * PG)
		a[1] = ARENA_PAGES * PG;
	if (is(nr, __NR_brk))
		a[0] = 0;	/* reads the break: moving it down frees libc's TLS and heap */
	/* mmap with MAP_FIXED (0x10) or MAP_FIXED_NOREPLACE (0x100000) maps over
	 * what is at the address: only inside the arena. */
	int ismmap = is(nr, __NR_mmap);
#ifdef __NR_mmap2
	ismmap |= is(nr, __NR_mmap2);
#endif
	if (ismmap && (a[3] & 0x100010))
		a[0] = in;
#ifdef __NR_prctl
	if (is(nr, __NR_prctl))
		for (unsigned i = 0; i < sizeof deny_prctl / sizeof *deny_prctl; i++)
			if ((long)a[0] == deny_prctl[i].opt)
				a[0] = 3;	/* PR_GET_DUMPABLE */
#endif
	if (is(nr, __NR_prlimit64))
		a[2] = 0;	/* read only: setting would lower limits (see setrlimit) */
	/* Files are opened read-only (O_ACCMODE cleared): see creat. */
#ifdef __NR_open
	if (is(nr, __NR_open))
		a[1] &= ~(uint64_t)3;
#endif
	if (is(nr, __NR_openat))
		a[2] &= ~(uint64_t)3;
	/* fds 0-2 and the handshake fd stay ours */
	if (is(nr, __NR_close) && ((int)a[0] < 3 || (int)a[0] == KEEP_FD))
		a[0] = (uint64_t)-1;
#ifdef __NR_dup2
	if (is(nr, __NR_dup2) && ((int)a[1] < 3 || (int)a[1] == KEEP_FD))
		a[1] = (uint64_t)fd_limit;
#endif
	if (is(nr, __NR_dup3) && ((int)a[1] < 3 || (int)a[1] == KEEP_FD))
		a[1] = (uint64_t)fd_limit;
#ifdef __NR_close_range
	if (is(nr, __NR_close_range)) {
		if ((unsigned)a[0] < 3)
			a[0] = 3;
		if ((unsigned)a[0] <= KEEP_FD)
			a[1] = KEEP_FD - 1;
	}
#endif
}

static const char *denied(long nr)
{
	for (unsigned i = 0; i < sizeof deny / sizeof *deny; i++)
		if (deny[i].nr == nr)
			return deny[i].why;
	return NULL;
}

static void handshake(void)
{
	char c;
	fflush(stdout);
	if (read(0, &c, 1) < 0)
		perror("sysfuzz: handshake");
}

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 1000;
	rs = argc > 2 ? strtoull(argv[2], 0, 0) : 1;
	if (!rs)
		rs = 1;
	if (argc > 3 && !strcmp(argv[3], "--list")) {
		for (unsigned i = 0; i < sizeof deny / sizeof *deny; i++)
			printf("%ld\t%s\n", deny[i].nr, deny[i].why);
		return 0;
	}
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	fd_limit = rl.rlim_cur > (1 << 20) ? 1 << 20 : (int)rl.rlim_cur;
	close_top = fd_limit + 64 > 70000 ? 70000 : fd_limit + 64;
	int here;
	stack_hi = ((uintptr_t)&here | 0xfffff) + 1;
	stack_lo = stack_hi - (16UL << 20);
	self_lo = (uintptr_t)__executable_start;
	self_hi = (uintptr_t)sbrk(0) + (4UL << 20);	/* text, data, bss, TLS, heap */
	printf("sysfuzz: ready n=%ld seed=%s fds<%d\n", n, argc > 2 ? argv[2] : "1", fd_limit);
	handshake();	/* before any fd of ours exists: the runner's baseline */
	map_arena();
	open_pool();
	if (dup2(0, KEEP_FD) == KEEP_FD) {
		int nul = open("/dev/null", O_RDONLY);
		if (nul >= 0 && nul != 0) {
			dup2(nul, 0);
			close(nul);
		}
	}

	static unsigned char seen[MAXNR + 1];
	long issued = 0, errs = 0, enosys = 0, skipped = 0, distinct = 0;
	for (long i = 0; i < n; i++) {
		if (i % 256 == 255) {
			map_arena();
			open_pool();
		}
		long nr;
		uint64_t r = pick(64);
		if (r == 0) {	/* past the table, and negative */
			static const long out[] = { MAXNR, 1000, 4095, 0x7fffffff, -1 };
			nr = out[pick(5)];
		} else
			nr = (long)pick(MAXNR);
		if (denied(nr)) {
			skipped++;
			continue;
		}
		uint64_t a[6];
		for (int k = 0; k < 6; k++)
			a[k] = arg();
		confine(nr, a);
		errno = 0;
		long ret = syscall(nr, (long)a[0], (long)a[1], (long)a[2], (long)a[3], (long)a[4], (long)a[5]);
		issued++;
		if (ret == -1) {
			errs++;
			if (errno == ENOSYS)
				enosys++;
		}
		if (nr >= 0 && nr < MAXNR && !seen[nr]) {
			seen[nr] = 1;
			distinct++;
		}
	}
	/* Every fd we may have opened goes, except the handshake. */
	dup2(KEEP_FD, 0);
#ifdef __NR_close_range
	if (syscall(__NR_close_range, 3, ~0U, 0) != 0)
#endif
		for (int fd = 3; fd < close_top; fd++)
			close(fd);
	printf("\nsysfuzz: done\n");
	handshake();
	printf("sysfuzz: issued=%ld distinct=%ld errors=%ld enosys=%ld denied=%ld\n",
	       issued, distinct, errs, enosys, skipped);
	return 0;
}
