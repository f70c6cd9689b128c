/* Process identity, exit, limits and system information. */
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include "sys.h"

SYS(exit)
{
	t->exiting = 1;
	t->exit_status = a_int(a[0]) & 0xff;
	return 0;
}

SYS(exit_group)
{
	t->exiting = 2;
	t->exit_status = a_int(a[0]) & 0xff;
	return 0;
}

SYS(getpid) { return getpid(); }
SYS(getppid) { return getppid(); }
SYS(gettid) { return gettid(); }
SYS(getuid) { return getuid(); }
SYS(geteuid) { return geteuid(); }
SYS(getgid) { return getgid(); }
SYS(getegid) { return getegid(); }
SYS(getpgrp) { return getpgrp(); }
SYS(getpgid) { return HOST(getpgid(a_int(a[0]))); }
SYS(getsid) { return HOST(getsid(a_int(a[0]))); }
SYS(setsid) { return HOST(setsid()); }
SYS(setpgid) { return HOST(setpgid(a_int(a[0]), a_int(a[1]))); }

/* The 16-bit uid calls of i386 and powerpc: ids above 65535 show as the
 * overflow id 65534 (/proc/sys/kernel/overflowuid's default). */
static long low16(long id) { return id > 0xffff ? 65534 : id; }
SYS(getuid16) { return low16(getuid()); }
SYS(geteuid16) { return low16(geteuid()); }
SYS(getgid16) { return low16(getgid()); }
SYS(getegid16) { return low16(getegid()); }

SYS(set_tid_address)
{
	t->clear_child_tid = a_ptr(t, a[0]);
	return gettid();
}

SYS(uname)
{
	struct utsname u;
	if (uname(&u) < 0)
		return -errno;
	if (t->abi->uname_machine)
		snprintf(u.machine, sizeof u.machine, "%s", t->abi->uname_machine);
	/* struct new_utsname: six char[65] fields, identical on every ABI */
	return copyout(t, &u, a[0], 6 * 65) ? -EFAULT : 0;
}

/* struct rlimit64 is two __u64 on every ABI (linux/resource.h). */
SYS(prlimit64)
{
	struct rlimit64 nw, old;
	uint8_t raw[16];
	const struct abi *ab = t->abi;
	if (a[2]) {
		if (copyin(t, a[2], raw, 16))
			return -EFAULT;
		nw.rlim_cur = abi_load(ab, raw, 8);
		nw.rlim_max = abi_load(ab, raw + 8, 8);
	}
	long r = HOST(syscall(SYS_prlimit64, a_int(a[0]), a_int(a[1]), a[2] ? &nw : NULL,
			       a[3] ? &old : NULL));
	if (r == 0 && a[3]) {
		abi_store(ab, raw, 8, old.rlim_cur);
		abi_store(ab, raw + 8, 8, old.rlim_max);
		if (copyout(t, raw, a[3], 16))
			return -EFAULT;
	}
	return r;
}

/* getrlimit/ugetrlimit with the ABI's unsigned long; RLIM_INFINITY of a
 * 32-bit ABI is ~0UL of 32 bits. */
static long put_rlimit(struct task *t, uint64_t addr, const struct rlimit *rl)
{
	unsigned ps = t->abi->ptr_size;
	uint64_t max = ps == 4 ? 0xffffffffu : ~0ULL;
	uint8_t raw[16];
	abi_store(t->abi, raw, ps, rl->rlim_cur > max ? max : rl->rlim_cur);
	abi_store(t->abi, raw + ps, ps, rl->rlim_max > max ? max : rl->rlim_max);
	return copyout(t, raw, addr, 2 * ps) ? -EFAULT : 0;
}

SYS(getrlimit)
{
	struct rlimit rl;
	if (getrlimit(a_int(a[0]), &rl) < 0)
		return -errno;
	return put_rlimit(t, a[1], &rl);
}

SYS(ugetrlimit)
{
	return linux_sys_getrlimit(t, a);
}

SYS(setrlimit)
{
	unsigned ps = t->abi->ptr_size;
	uint8_t raw[16];
	if (copyin(t, a[1], raw, 2 * ps))
		return -EFAULT;
	uint64_t inf = ps == 4 ? 0xffffffffu : ~0ULL;
	uint64_t c = abi_load(t->abi, raw, ps), m = abi_load(t->abi, raw + ps, ps);
	struct rlimit rl = { c == inf ? RLIM_INFINITY : c, m == inf ? RLIM_INFINITY : m };
	return HOST(setrlimit(a_int(a[0]), &rl));
}

SYS(getrandom)
{
	struct iovec v[8];
	/* count is a size_t, cut to MAX_RW_COUNT (INT_MAX & PAGE_MASK) as
	 * every Linux read-like call does. */
	uint64_t len = a_ptr(t, a[1]) > 0x7ffff000u ? 0x7ffff000u : a_ptr(t, a[1]);
	int n = guest_iov(t, a_ptr(t, a[0]), len, VM_W, v, 8);
	if (n < 0)
		return n;
	if (n == 0)
		return 0;
	return HOST(syscall(SYS_getrandom, v[0].iov_base, v[0].iov_len, (unsigned)a[2]));
}

SYS(umask) { return umask((mode_t)a[0] & 0777); }
SYS(sched_yield) { return HOST(sched_yield()); }
