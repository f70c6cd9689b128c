/* Clocks.  timespec/timeval are two longs of the ABI's width; the *64
 * (time64) forms use two 64-bit fields (struct __kernel_timespec). */
#include <time.h>
#include <sys/time.h>
#include "ksig.h"
#include "sys.h"

static long put_pair(struct task *t, uint64_t addr, unsigned w, int64_t a0, int64_t a1)
{
	uint8_t raw[16];
	abi_store(t->abi, raw, w, (uint64_t)a0);
	abi_store(t->abi, raw + w, w, (uint64_t)a1);
	return copyout(t, raw, addr, 2 * w) ? -EFAULT : 0;
}

static long get_pair(struct task *t, uint64_t addr, unsigned w, int64_t *a0, int64_t *a1)
{
	uint8_t raw[16];
	if (copyin(t, addr, raw, 2 * w))
		return -EFAULT;
	uint64_t x = abi_load(t->abi, raw, w), y = abi_load(t->abi, raw + w, w);
	*a0 = w == 4 ? (int32_t)x : (int64_t)x;
	*a1 = w == 4 ? (int32_t)y : (int64_t)y;
	return 0;
}

static long clock_get(struct task *t, const uint64_t *a, unsigned w)
{
	struct timespec ts;
	if (clock_gettime(a_int(a[0]), &ts) < 0)
		return -errno;
	if (w == 4 && (ts.tv_sec > INT32_MAX || ts.tv_sec < INT32_MIN))
		return -EOVERFLOW;
	return put_pair(t, a[1], w, ts.tv_sec, ts.tv_nsec);
}

SYS(clock_gettime) { return clock_get(t, a, t->abi->ptr_size); }
SYS(clock_gettime64) { return clock_get(t, a, 8); }

static long clock_res(struct task *t, const uint64_t *a, unsigned w)
{
	struct timespec ts;
	if (clock_getres(a_int(a[0]), &ts) < 0)
		return -errno;
	return a[1] ? put_pair(t, a[1], w, ts.tv_sec, ts.tv_nsec) : 0;
}

SYS(clock_getres) { return clock_res(t, a, t->abi->ptr_size); }
SYS(clock_getres_time64) { return clock_res(t, a, 8); }

SYS(gettimeofday)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	if (a[0] && put_pair(t, a[0], t->abi->ptr_size, tv.tv_sec, tv.tv_usec))
		return -EFAULT;
	if (a[1] && put_pair(t, a[1], 4, 0, 0))	/* struct timezone: two ints, zero */
		return -EFAULT;
	return 0;
}

SYS(time)
{
	time_t now = time(NULL);
	if (a[0]) {
		uint8_t raw[8];
		abi_store(t->abi, raw, t->abi->ptr_size, (uint64_t)now);
		if (copyout(t, raw, a[0], t->abi->ptr_size))
			return -EFAULT;
	}
	return (long)now;
}

static long sleep_common(struct task *t, int clk, int flags, uint64_t req, uint64_t rem, unsigned w)
{
	int64_t s, ns;
	if (get_pair(t, req, w, &s, &ns))
		return -EFAULT;
	if (ns < 0 || ns >= 1000000000 || s < 0)
		return -EINVAL;
	struct timespec in = { s, ns }, out = { 0, 0 };
	int r;
	/* A host signal that brings the guest no deliverable signal (one it
	 * blocks or ignores, a kick) must not end the sleep: Linux would not
	 * have woken it.  Sleep on for what is left, rather than letting the
	 * dispatcher restart the call with the whole request (a periodic timer
	 * shorter than the sleep would then keep it asleep for ever). */
	while ((r = clock_nanosleep(clk, flags, &in, &out)) == EINTR && !sig_deliverable(t))
		if (!(flags & TIMER_ABSTIME))
			in = out;
	if (r == EINTR && rem && !(flags & TIMER_ABSTIME))
		put_pair(t, rem, w, out.tv_sec, out.tv_nsec);
	return -r;
}

SYS(nanosleep) { return sleep_common(t, CLOCK_MONOTONIC, 0, a[0], a[1], t->abi->ptr_size); }
SYS(clock_nanosleep) { return sleep_common(t, a_int(a[0]), a_int(a[1]), a[2], a[3], t->abi->ptr_size); }
SYS(clock_nanosleep_time64) { return sleep_common(t, a_int(a[0]), a_int(a[1]), a[2], a[3], 8); }

/* clock_settime: checked as the kernel checks it (EFAULT, then the clock,
 * then the value), but the kit never sets the host's clock: a valid
 * request is refused as for a task without CAP_SYS_TIME. */
static long clock_set(struct task *t, const uint64_t *a, unsigned w)
{
	int64_t s, ns;
	if (get_pair(t, a[1], w, &s, &ns))
		return -EFAULT;
	struct timespec now;
	if (clock_getres(a_int(a[0]), &now) < 0)
		return -EINVAL;
	if (a_int(a[0]) != CLOCK_REALTIME)	/* only CLOCK_REALTIME has clock_set */
		return -EINVAL;
	if (s < 0 || ns < 0 || ns >= 1000000000)
		return -EINVAL;
	return -EPERM;
}

SYS(clock_settime) { return clock_set(t, a, t->abi->ptr_size); }
SYS(clock_settime64) { return clock_set(t, a, 8); }
