/* Helpers for the event/poll/socket/IPC families: see evsys.h. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "evsys.h"
#include "layout.h"

long ev_new_fd(long r)
{
	if (r >= ck_kit_fd_min) {
		close((int)r);
		return -EMFILE;
	}
	return r;
}

long ev_flags(const struct abi *a, uint64_t f, uint32_t allowed)
{
	/* The guest's values of O_NONBLOCK and O_CLOEXEC: where they sit in
	 * the ABI's open flags (open_flags_to_guest of the host bits). */
	uint64_t gnb = open_flags_to_guest(a, O_NONBLOCK), gcx = open_flags_to_guest(a, O_CLOEXEC);
	if (f & ~(uint64_t)(allowed | gnb | gcx))
		return -EINVAL;
	long out = (long)(f & allowed);
	if (f & gnb)
		out |= O_NONBLOCK;
	if (f & gcx)
		out |= O_CLOEXEC;
	return out;
}

long ev_get_ts(struct task *t, uint64_t addr, unsigned w, struct timespec *ts, int check)
{
	uint8_t raw[16];
	if (copyin(t, addr, raw, 2 * w))
		return -EFAULT;
	uint64_t s = abi_load(t->abi, raw, w), ns = abi_load(t->abi, raw + w, w);
	ts->tv_sec = w == 4 ? (int32_t)s : (int64_t)s;
	/* 64-bit tv_nsec of a 32-bit task: the kernel ignores the upper half
	 * (get_timespec64 for in_compat_syscall); the low word decides. */
	ts->tv_nsec = w == 4 || t->abi->ptr_size == 4 ? (int32_t)ns : (int64_t)ns;
	if (check && (ts->tv_sec < 0 || ts->tv_nsec < 0 || ts->tv_nsec >= 1000000000L))
		return -EINVAL;
	return 0;
}

long ev_put_ts(struct task *t, uint64_t addr, unsigned w, const struct timespec *ts)
{
	uint8_t raw[16];
	abi_store(t->abi, raw, w, (uint64_t)ts->tv_sec);
	abi_store(t->abi, raw + w, w, (uint64_t)ts->tv_nsec);
	return copyout(t, raw, addr, 2 * w) ? -EFAULT : 0;
}

long ev_get_sigset(struct task *t, uint64_t addr, uint64_t size, uint64_t *mask)
{
	const struct layout *l = layout_get(t->abi, "sigset");
	const struct lfield *f = layout_field(l, "sig");
	if (!l || !f)
		return -ENOSYS;
	if (size != l->size)
		return -EINVAL;
	uint8_t raw[16];
	if (l->size > sizeof raw)
		return -ENOSYS;
	if (copyin(t, addr, raw, l->size))
		return -EFAULT;
	uint64_t m = 0;
	unsigned bits = 8 * f->size;
	for (unsigned i = 0; i < f->count && i * bits < 64; i++)
		m |= lf_get_elem(t->abi, raw, f, i) << (i * bits);
	*mask = m;
	return 0;
}

static int map_num(const struct flagmap *m, int v, int to_host)
{
	for (; m && m->guest; m++)
		if ((int)(to_host ? m->guest : m->host) == v)
			return (int)(to_host ? m->host : m->guest);
	return v;
}

int sockopt_to_host(const struct abi *a, int v) { return map_num(a->sockopts, v, 1); }
int sockopt_to_guest(const struct abi *a, int v) { return map_num(a->sockopts, v, 0); }
