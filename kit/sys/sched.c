/* Scheduling, priorities, capabilities, personality, and the memory
 * calls that act on a range of guest pages (msync, mincore, mlock).
 *
 * Guest pids and tids are host ones (each guest thread is a host thread),
 * so the pid arguments pass through.  The values that cross are the same
 * on every ABI: SCHED_* and PRIO_* (linux/sched.h, linux/resource.h),
 * struct sched_param (one int), the capability structs (__u32 and int,
 * linux/capability.h), LOCK_* (asm-generic/fcntl.h), MS_* and MLOCK_ONFAULT
 * (asm-generic/mman-common.h, which powerpc's asm/mman.h includes); the
 * events consts check compares them with each cross toolchain. */
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include "run.h"
#include "sys.h"
#include "sys/evsys.h"

/* The raw syscall, not glibc's wrapper: the kernel returns 20 - nice
 * (1..40) so that a successful result is never negative. */
SYS(getpriority) { return HOST(syscall(SYS_getpriority, a_int(a[0]), a_int(a[1]))); }
SYS(setpriority) { return HOST(syscall(SYS_setpriority, a_int(a[0]), a_int(a[1]), a_int(a[2]))); }

SYS(sched_getscheduler) { return HOST(syscall(SYS_sched_getscheduler, a_int(a[0]))); }
SYS(sched_get_priority_max) { return HOST(syscall(SYS_sched_get_priority_max, a_int(a[0]))); }
SYS(sched_get_priority_min) { return HOST(syscall(SYS_sched_get_priority_min, a_int(a[0]))); }

/* struct sched_param is one int in the guest's byte order; NULL is EINVAL
 * (kernel/sched/core.c do_sched_setscheduler), checked before the pid. */
static long get_param(struct task *t, uint64_t addr, struct sched_param *p)
{
	uint8_t raw[4];
	if (!addr)
		return -EINVAL;
	if (copyin(t, addr, raw, 4))
		return -EFAULT;
	p->sched_priority = (int)(int32_t)abi_load(t->abi, raw, 4);
	return 0;
}

SYS(sched_setscheduler)
{
	struct sched_param p;
	long e = get_param(t, a_ptr(t, a[2]), &p);
	if (e)
		return e;
	return HOST(syscall(SYS_sched_setscheduler, a_int(a[0]), a_int(a[1]), &p));
}

SYS(sched_setparam)
{
	struct sched_param p;
	long e = get_param(t, a_ptr(t, a[1]), &p);
	if (e)
		return e;
	return HOST(syscall(SYS_sched_setparam, a_int(a[0]), &p));
}

SYS(sched_getparam)
{
	uint64_t addr = a_ptr(t, a[1]);
	if (!addr || a_int(a[0]) < 0)
		return -EINVAL;
	struct sched_param p;
	if (syscall(SYS_sched_getparam, a_int(a[0]), &p) < 0)
		return -errno;
	uint8_t raw[4];
	abi_store(t->abi, raw, 4, (uint32_t)p.sched_priority);
	return copyout(t, raw, addr, 4) ? -EFAULT : 0;
}

/* w: 4 for the ABI's old timespec of two 32-bit longs, 8 for 64-bit ones
 * (amd64/ppc64's plain call and the *_time64 call of 32-bit ABIs). */
static long rr_interval(struct task *t, const uint64_t *a, unsigned w)
{
	struct timespec ts;
	if (syscall(SYS_sched_rr_get_interval, a_int(a[0]), &ts) < 0)
		return -errno;
	return ev_put_ts(t, a_ptr(t, a[1]), w, &ts);
}
SYS(sched_rr_get_interval) { return rr_interval(t, a, t->abi->ptr_size); }
SYS(sched_rr_get_interval_time64) { return rr_interval(t, a, 8); }

/* personality(2) is kept by the kit, not applied to the kit process:
 * READ_IMPLIES_EXEC or ADDR_NO_RANDOMIZE describe the guest's address
 * space, which the kit lays out itself (and does not change for them).
 * 0xffffffff queries.  Inherited across fork (the variable is copied) and
 * across execve, as Linux keeps it: the re-exec'd kit gets it on its
 * command line (kit/sys/execve.c, --personality). */
static uint32_t persona;

uint32_t sys_personality(void) { return persona; }
void sys_set_personality(uint32_t p) { persona = p; }
SYS(personality)
{
	uint32_t old = persona, want = (uint32_t)a[0];
	if (want != 0xffffffffu)
		persona = want;
	return old;
}

/* capget/capset: struct __user_cap_header_struct { __u32 version; int pid; }
 * and 1 (v1) or 2 (v2, v3) struct __user_cap_data_struct of three __u32.
 * The kernel writes the version it prefers back into the header when the
 * guest's is unknown (EINVAL), and capget with a NULL data pointer only
 * probes the version. */
static long cap_call(struct task *t, const uint64_t *a, int set)
{
	uint64_t uh = a_ptr(t, a[0]), ud = a_ptr(t, a[1]);
	uint8_t raw[24];
	struct { uint32_t version; int pid; } h;
	struct { uint32_t eff, perm, inh; } d[2];
	if (copyin(t, uh, raw, 8))
		return -EFAULT;
	h.version = (uint32_t)abi_load(t->abi, raw, 4);
	h.pid = (int)(int32_t)abi_load(t->abi, raw + 4, 4);
	unsigned n = h.version == 0x19980330 ? 1 : 2;	/* _LINUX_CAPABILITY_VERSION_1 */
	memset(d, 0, sizeof d);
	if (set) {
		if (copyin(t, ud, raw, 12 * n))
			return -EFAULT;
		for (unsigned i = 0; i < n; i++) {
			d[i].eff = (uint32_t)abi_load(t->abi, raw + 12 * i, 4);
			d[i].perm = (uint32_t)abi_load(t->abi, raw + 12 * i + 4, 4);
			d[i].inh = (uint32_t)abi_load(t->abi, raw + 12 * i + 8, 4);
		}
	}
	long r = syscall(set ? SYS_capset : SYS_capget, &h, (set || ud) ? (void *)d : NULL);
	if (r < 0) {
		r = -errno;
		if (r == -EINVAL) {	/* the kernel's preferred version, for the guest */
			abi_store(t->abi, raw, 4, h.version);
			if (copyout(t, raw, uh, 4))
				return -EFAULT;
		}
		return r;
	}
	if (!set && ud) {
		for (unsigned i = 0; i < n; i++) {
			abi_store(t->abi, raw + 12 * i, 4, d[i].eff);
			abi_store(t->abi, raw + 12 * i + 4, 4, d[i].perm);
			abi_store(t->abi, raw + 12 * i + 8, 4, d[i].inh);
		}
		if (copyout(t, raw, ud, 12 * n))
			return -EFAULT;
	}
	return r;
}
SYS(capget) { return cap_call(t, a, 0); }
SYS(capset) { return cap_call(t, a, 1); }

/* flock may wait for another process's lock: blocking.h releases the
 * engine lock around it. */
SYS(flock)
{
	int fd = a_int(a[0]);
	CHECK_FD(fd);
	return HOST(flock(fd, a_int(a[1])));
}

/* The page-range calls: [addr, addr+len) must be mapped guest memory
 * (Linux: ENOMEM otherwise); the host call then runs on each host piece,
 * however many regions the range spans (vm_walk). */
static long on_range(struct task *t, uint64_t addr, uint64_t len, vm_piece_fn fn, void *ctx)
{
	if (addr & (VM_PAGE - 1))
		return -EINVAL;
	/* rounding a length near 2^64 up to a page would wrap to 0 */
	if (len > UINT64_MAX - (VM_PAGE - 1))
		return -ENOMEM;
	len = (len + VM_PAGE - 1) & ~(VM_PAGE - 1);
	return vm_walk(t->vm, addr, len, fn, ctx);
}

typedef int (*range_fn)(void *, size_t, int);
struct range_call { range_fn fn; int arg; };

static int call_piece(void *ctx, uint8_t *host, uint64_t n)
{
	const struct range_call *c = ctx;
	return c->fn(host, n, c->arg) < 0 ? -errno : 0;
}

static long each_piece(struct task *t, const uint64_t *a, range_fn fn, int arg)
{
	struct range_call c = { fn, arg };
	return on_range(t, a_ptr(t, a[0]), a_ptr(t, a[1]), call_piece, &c);
}

static int do_msync(void *p, size_t n, int f) { return msync(p, n, f); }
static int do_mlock(void *p, size_t n, int f) { return (int)syscall(SYS_mlock2, p, n, f); }
static int do_munlock(void *p, size_t n, int f) { return munlock(p, n); }

SYS(msync)
{
	int f = a_int(a[2]);
	/* MS_ASYNC 1, MS_INVALIDATE 2, MS_SYNC 4; ASYNC with SYNC is EINVAL */
	if ((f & ~7) || ((f & 1) && (f & 4)))
		return -EINVAL;
	return each_piece(t, a, do_msync, f);
}
SYS(mlock) { return each_piece(t, a, do_mlock, 0); }
SYS(mlock2)
{
	if ((uint32_t)a[2] & ~1u)	/* MLOCK_ONFAULT is the only flag */
		return -EINVAL;
	return each_piece(t, a, do_mlock, (int)(uint32_t)a[2]);
}
SYS(munlock) { return each_piece(t, a, do_munlock, 0); }

/* One byte per page, bit 0 = resident.  The guest's pages are host pages
 * of the same size (VM_PAGE), so the host vector is the guest's. */
struct core_out { struct task *t; uint64_t vec; };

static int core_piece(void *ctx, uint8_t *host, uint64_t n)
{
	struct core_out *o = ctx;
	unsigned char buf[256];
	for (uint64_t off = 0; off < n; off += sizeof buf * VM_PAGE) {
		size_t chunk = n - off < sizeof buf * VM_PAGE ? n - off : sizeof buf * VM_PAGE;
		if (mincore(host + off, chunk, buf) < 0)
			return -errno;
		size_t pages = chunk / VM_PAGE;
		for (size_t p = 0; p < pages; p++)
			buf[p] &= 1;
		if (copyout(o->t, buf, o->vec, pages))
			return -EFAULT;
		o->vec += pages;
	}
	return 0;
}

SYS(mincore)
{
	struct core_out o = { t, a_ptr(t, a[2]) };
	return on_range(t, a_ptr(t, a[0]), a_ptr(t, a[1]), core_piece, &o);
}
