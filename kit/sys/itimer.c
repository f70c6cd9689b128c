/*
 * alarm/setitimer/getitimer: the guest's timers are the kit process's own
 * host timers (the guest's pid is the kit's), so expiry arrives as a host
 * SIGALRM/SIGVTALRM/SIGPROF and reaches the guest through kit/sighost.c.
 * ITIMER_VIRTUAL and ITIMER_PROF count the kit's CPU time, which includes
 * the engine's: an approximation of the guest's.  struct itimerval is two
 * timevals of the ABI's long ("itimerval" in layouts.def).
 */
#include <sys/time.h>
#include <unistd.h>
#include "sys.h"
#include "layout.h"

SYS(alarm)
{
	return (long)alarm((unsigned)a[0]);
}

static long put_itv(struct task *t, uint64_t addr, const struct itimerval *v)
{
	const struct layout *l = layout_get(t->abi, "itimerval");
	uint8_t b[32] = { 0 };
	layout_put(t->abi, l, b, "it_interval_sec", (uint64_t)v->it_interval.tv_sec);
	layout_put(t->abi, l, b, "it_interval_usec", (uint64_t)v->it_interval.tv_usec);
	layout_put(t->abi, l, b, "it_value_sec", (uint64_t)v->it_value.tv_sec);
	layout_put(t->abi, l, b, "it_value_usec", (uint64_t)v->it_value.tv_usec);
	return copyout(t, b, addr, l->size) ? -EFAULT : 0;
}

static long get_itv(struct task *t, uint64_t addr, struct itimerval *v)
{
	const struct layout *l = layout_get(t->abi, "itimerval");
	uint8_t b[32];
	if (copyin(t, addr, b, l->size))
		return -EFAULT;
	uint64_t x[4] = { 0 };
	layout_get_field(t->abi, l, b, "it_interval_sec", &x[0]);
	layout_get_field(t->abi, l, b, "it_interval_usec", &x[1]);
	layout_get_field(t->abi, l, b, "it_value_sec", &x[2]);
	layout_get_field(t->abi, l, b, "it_value_usec", &x[3]);
	v->it_interval.tv_sec = (time_t)(int64_t)x[0];
	v->it_interval.tv_usec = (suseconds_t)(int64_t)x[1];
	v->it_value.tv_sec = (time_t)(int64_t)x[2];
	v->it_value.tv_usec = (suseconds_t)(int64_t)x[3];
	return 0;
}

SYS(getitimer)
{
	struct itimerval v;
	if (getitimer(a_int(a[0]), &v) < 0)
		return -errno;
	return put_itv(t, a[1], &v);
}

SYS(setitimer)
{
	struct itimerval nv = { { 0, 0 }, { 0, 0 } }, ov;
	/* Linux (since 2.6.x) treats a NULL new value as a zero one. */
	if (a[1] && get_itv(t, a[1], &nv))
		return -EFAULT;
	if (setitimer(a_int(a[0]), &nv, &ov) < 0)
		return -errno;
	return a[2] ? put_itv(t, a[2], &ov) : 0;
}
