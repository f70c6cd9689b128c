/*
 * futex, futex_time64, set_robust_list, get_robust_list.
 *
 * Guest memory is host memory, so a guest futex word is a host futex word
 * at the translated address: waits and wakes are the host's own futex
 * calls (private or shared as the guest asks; guest MAP_SHARED memory is
 * host MAP_SHARED, so a shared futex works across forked processes too).
 * A wait drops the engine lock while it sleeps (kit/thread.h).
 *
 * Byte order: the host compares the word as a host (little-endian) u32,
 * so for a big-endian guest the expected values are byte-swapped; the
 * comparison is equality, which swapping keeps.  FUTEX_WAKE_OP computes on
 * the value, so the kit does it itself, under the engine lock: no guest
 * code runs meanwhile (only another process sharing the word could race;
 * Linux would be atomic there).
 *
 * Not done (ENOSYS, as a kernel without CONFIG_FUTEX_PI): the PI
 * operations (LOCK_PI, UNLOCK_PI, TRYLOCK_PI, WAIT_REQUEUE_PI,
 * CMP_REQUEUE_PI, LOCK_PI2); glibc uses them only for PTHREAD_PRIO_INHERIT
 * mutexes.
 */
#include <limits.h>
#include <time.h>
#include <unistd.h>
#include <linux/futex.h>
#include <sys/syscall.h>
#include "layout.h"
#include "sys.h"
#include "thread.h"

static uint32_t gval(const struct task *t, uint32_t v)
{
	return t->abi->big_endian ? __builtin_bswap32(v) : v;
}

static long host_futex(uint32_t *w, int op, uint32_t val, const void *tmo_or_val2,
		       uint32_t *w2, uint32_t val3)
{
	return HOST(syscall(SYS_futex, w, op, val, tmo_or_val2, w2, val3));
}

static int32_t sext12(uint32_t v)
{
	return (int32_t)(v << 20) >> 20;
}

/* FUTEX_WAKE_OP (futex_atomic_op_inuser and the compare of futex_wake_op). */
static long wake_op(struct task *t, uint32_t *w, int pflag, uint32_t nr, uint32_t nr2,
		    uint64_t uaddr2, uint32_t enc)
{
	unsigned op = enc >> 28 & 0xf, cmp = enc >> 24 & 0xf;
	int32_t oparg = sext12(enc >> 12 & 0xfff), cmparg = sext12(enc & 0xfff);
	if (op & FUTEX_OP_OPARG_SHIFT) {
		if (oparg < 0 || oparg > 31)
			return -EINVAL;
		oparg = (int32_t)(1U << oparg);
		op &= ~FUTEX_OP_OPARG_SHIFT;
	}
	if (uaddr2 & 3)
		return -EINVAL;
	uint32_t *w2 = vm_host(t->vm, uaddr2, 4, VM_R | VM_W);
	if (!w2)
		return -EFAULT;
	uint32_t old = (uint32_t)abi_load(t->abi, w2, 4), nv;
	switch (op) {
	case FUTEX_OP_SET: nv = (uint32_t)oparg; break;
	case FUTEX_OP_ADD: nv = old + (uint32_t)oparg; break;
	case FUTEX_OP_OR: nv = old | (uint32_t)oparg; break;
	case FUTEX_OP_ANDN: nv = old & ~(uint32_t)oparg; break;
	case FUTEX_OP_XOR: nv = old ^ (uint32_t)oparg; break;
	default: return -ENOSYS;
	}
	int hit;
	int32_t o = (int32_t)old;
	switch (cmp) {
	case FUTEX_OP_CMP_EQ: hit = o == cmparg; break;
	case FUTEX_OP_CMP_NE: hit = o != cmparg; break;
	case FUTEX_OP_CMP_LT: hit = o < cmparg; break;
	case FUTEX_OP_CMP_LE: hit = o <= cmparg; break;
	case FUTEX_OP_CMP_GT: hit = o > cmparg; break;
	case FUTEX_OP_CMP_GE: hit = o >= cmparg; break;
	default: return -ENOSYS;
	}
	abi_store(t->abi, w2, 4, nv);
	long n = host_futex(w, FUTEX_WAKE | pflag, nr, NULL, NULL, 0);
	if (n < 0)
		return n;
	if (hit) {
		long m = host_futex(w2, FUTEX_WAKE | pflag, nr2, NULL, NULL, 0);
		if (m < 0)
			return m;
		n += m;
	}
	return n;
}

static long do_futex(struct task *t, const uint64_t *a, const char *tsname)
{
	uint64_t uaddr = a_ptr(t, a[0]), utime = a_ptr(t, a[3]), uaddr2 = a_ptr(t, a[4]);
	int op = a_int(a[1]);
	uint32_t val = (uint32_t)a[2], val3 = (uint32_t)a[5];
	int cmd = op & FUTEX_CMD_MASK, pflag = op & FUTEX_PRIVATE_FLAG;
	if (uaddr & 3)
		return -EINVAL;
	uint32_t *w = vm_host(t->vm, uaddr, 4, VM_R);
	if (!w)
		return -EFAULT;
	switch (cmd) {
	case FUTEX_WAIT:
	case FUTEX_WAIT_BITSET: {
		struct timespec ts, *tp = NULL;
		if (utime) {
			const struct layout *l = layout_get(t->abi, tsname);
			uint8_t b[16];
			uint64_t sec = 0, nsec = 0;
			if (!l || copyin(t, utime, b, l->size))
				return -EFAULT;
			layout_get_field(t->abi, l, b, "tv_sec", &sec);
			layout_get_field(t->abi, l, b, "tv_nsec", &nsec);
			ts.tv_sec = (time_t)sec;
			ts.tv_nsec = (long)nsec;	/* the host checks the range */
			tp = &ts;
		}
		thread_block_begin();
		long r = host_futex(w, op, gval(t, val), tp, NULL, val3);
		thread_block_end();
		return r;
	}
	case FUTEX_WAKE:
	case FUTEX_WAKE_BITSET:
		return host_futex(w, op, val, NULL, NULL, val3);
	case FUTEX_REQUEUE:
	case FUTEX_CMP_REQUEUE: {
		if (uaddr2 & 3)
			return -EINVAL;
		uint32_t *w2 = vm_host(t->vm, uaddr2, 4, VM_R);
		if (!w2)
			return -EFAULT;
		/* val2 (how many to requeue) travels in the timeout slot */
		uint64_t val2 = (uint32_t)a[3];
		return host_futex(w, op, val, (const void *)(uintptr_t)val2, w2,
				  cmd == FUTEX_CMP_REQUEUE ? gval(t, val3) : 0);
	}
	case FUTEX_WAKE_OP:
		return wake_op(t, w, pflag, val, (uint32_t)a[3], uaddr2, val3);
	default:
		return -ENOSYS;
	}
}

SYS(futex) { return do_futex(t, a, "timespec"); }
SYS(futex_time64) { return do_futex(t, a, "timespec64"); }

/* struct robust_list_head is three pointer-sized words (linux/futex.h);
 * the list is walked when the thread exits (kit/thread.c). */
SYS(set_robust_list)
{
	if (a[1] != (uint64_t)(t->abi->ptr_size * 3))
		return -EINVAL;
	t->robust_head = a_ptr(t, a[0]);
	return 0;
}

SYS(get_robust_list)
{
	int pid = a_int(a[0]);
	struct task *o = pid ? thread_find(pid) : t;
	if (!o)
		return -ESRCH;
	unsigned ps = t->abi->ptr_size;
	uint8_t b[8];
	abi_store(t->abi, b, ps, o->robust_head);
	if (copyout(t, b, a[1], ps))
		return -EFAULT;
	abi_store(t->abi, b, ps, 3 * ps);
	return copyout(t, b, a[2], ps) ? -EFAULT : 0;
}
