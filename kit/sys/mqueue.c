/* POSIX message queues: mq_open, mq_unlink, mq_timedsend, mq_timedreceive
 * (and their time64 forms on 32-bit ABIs), mq_notify, mq_getsetattr.  A
 * guest queue is a host queue (ipc/mqueue.c) and its descriptor a host
 * descriptor, so names, priorities, limits and blocking are the host
 * kernel's.  The kit translates what differs per ABI: open(2) flags (the
 * oflag and mq_flags' O_NONBLOCK), struct mq_attr (the ABI's longs: the
 * "mq_attr" layout), the timeout's timespec and struct sigevent (the
 * "sigevent" layout, as timer_create, kit/sys/ptimer.c).  The host checks
 * come in the kernel's order: a bad timeout before the descriptor, then
 * EBADF, EMSGSIZE, and only then the message buffer (EFAULT). */
#include <mqueue.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include "sys.h"
#include "sys/evsys.h"
#include "layout.h"
#include "ksig.h"

#define MQ_ATTR_MAX 64	/* the largest "mq_attr" layout (four 64-bit longs + four reserved) */
#define MQ_NAME_MAX 256	/* NAME_MAX + 1: longer names are ENAMETOOLONG */
#define NOTIFY_COOKIE 32	/* linux/mqueue.h NOTIFY_COOKIE_LEN: SIGEV_THREAD's netlink cookie */

static const char *const attr_f[4] = { "mq_flags", "mq_maxmsg", "mq_msgsize", "mq_curmsgs" };

/* The guest's struct mq_attr, all four fields (sign-extended longs). */
static long get_attr(struct task *t, uint64_t addr, struct mq_attr *h)
{
	const struct layout *l = layout_get(t->abi, "mq_attr");
	uint8_t raw[MQ_ATTR_MAX];
	if (!l || l->size > sizeof raw)
		return -ENOSYS;
	if (copyin(t, addr, raw, l->size))
		return -EFAULT;
	long v[4];
	for (int i = 0; i < 4; i++) {
		uint64_t x = 0;
		layout_get_field(t->abi, l, raw, attr_f[i], &x);
		v[i] = a_long(t, x);
	}
	memset(h, 0, sizeof *h);
	h->mq_flags = v[0];
	h->mq_maxmsg = v[1];
	h->mq_msgsize = v[2];
	h->mq_curmsgs = v[3];
	return 0;
}

static long put_attr(struct task *t, uint64_t addr, const struct mq_attr *h)
{
	const struct layout *l = layout_get(t->abi, "mq_attr");
	uint8_t raw[MQ_ATTR_MAX] = { 0 };	/* the reserved longs go out as zeros */
	if (!l || l->size > sizeof raw)
		return -ENOSYS;
	long v[4] = { h->mq_flags, h->mq_maxmsg, h->mq_msgsize, h->mq_curmsgs };
	for (int i = 0; i < 4; i++)
		layout_put(t->abi, l, raw, attr_f[i], (uint64_t)v[i]);
	return copyout(t, raw, addr, l->size) ? -EFAULT : 0;
}

SYS(mq_open)
{
	char name[MQ_NAME_MAX];
	long n = copyinstr(t, a_ptr(t, a[0]), name, sizeof name);
	if (n < 0)
		return n;
	struct mq_attr h;
	uint64_t ua = a_ptr(t, a[3]);
	if (ua) {	/* read whenever given, as the syscall does (used with O_CREAT) */
		long e = get_attr(t, ua, &h);
		if (e)
			return e;
	}
	int fl = open_flags_to_host(t->abi, (uint32_t)a[1]);
	return guest_newfd(HOST(syscall(SYS_mq_open, name, fl, (mode_t)a[2], ua ? &h : NULL)));
}

SYS(mq_unlink)
{
	char name[MQ_NAME_MAX];
	long n = copyinstr(t, a_ptr(t, a[0]), name, sizeof name);
	if (n < 0)
		return n;
	return HOST(syscall(SYS_mq_unlink, name));
}

/* The guest range as one host buffer when a single region holds it
 * (NULL otherwise: the caller bounces it).  len 0 needs no memory. */
static void *host_span(struct task *t, uint64_t addr, uint64_t len, int prot)
{
	static char none;
	struct iovec v;
	if (!len)
		return &none;	/* any non-NULL pointer: nothing is copied */
	return guest_iov(t, addr, len, prot, &v, 1) == 1 && v.iov_len == len ? v.iov_base : NULL;
}

/* The absolute timeout (CLOCK_REALTIME) of width w, or NULL; the host
 * judges its values (EINVAL) before the descriptor. */
static long get_timeout(struct task *t, uint64_t addr, unsigned w, struct timespec *ts, struct timespec **p)
{
	*p = NULL;
	if (!addr)
		return 0;
	long e = ev_get_ts(t, addr, w, ts, 0);
	if (!e)
		*p = ts;
	return e;
}

static long timedsend(struct task *t, const uint64_t *a, unsigned w)
{
	int fd = a_int(a[0]);
	uint64_t buf = a_ptr(t, a[1]), len = a_ptr(t, a[2]);
	struct timespec ts, *tp;
	long e = get_timeout(t, a_ptr(t, a[4]), w, &ts, &tp);
	if (e)
		return e;
	CHECK_FD(fd);
	void *hb = host_span(t, buf, len, VM_R), *bounce = NULL;
	if (!hb && len <= 16 << 20 && (bounce = malloc(len)) && !copyin(t, buf, bounce, len))
		hb = bounce;
	/* an unreadable buffer: the host's NULL gives EFAULT after its own
	 * EBADF/EMSGSIZE checks, in the kernel's order (load_msg comes last) */
	long r = HOST(syscall(SYS_mq_timedsend, fd, hb, (size_t)len, (unsigned)a[3], tp));
	free(bounce);
	return r;
}

static long timedreceive(struct task *t, const uint64_t *a, unsigned w)
{
	int fd = a_int(a[0]);
	uint64_t buf = a_ptr(t, a[1]), len = a_ptr(t, a[2]), uprio = a_ptr(t, a[3]);
	struct timespec ts, *tp;
	long e = get_timeout(t, a_ptr(t, a[4]), w, &ts, &tp);
	if (e)
		return e;
	CHECK_FD(fd);
	void *hb = host_span(t, buf, len, VM_W), *bounce = NULL;
	size_t hl = (size_t)len;
	if (!hb) {
		/* Bounce through a buffer of at most the queue's message
		 * size: a longer guest length is just as good for the
		 * host's EMSGSIZE check (len < mq_msgsize). */
		struct mq_attr qa;
		if (syscall(SYS_mq_getsetattr, fd, NULL, &qa) == 0 && (uint64_t)qa.mq_msgsize < len)
			hl = (size_t)qa.mq_msgsize;
		if (hl <= 16 << 20 && !(bounce = malloc(hl ? hl : 1)))
			return -ENOMEM;
		hb = bounce;
	}
	unsigned prio = 0;
	long r = HOST(syscall(SYS_mq_timedreceive, fd, hb, hl, &prio, tp));
	if (r >= 0 && bounce && copyout(t, bounce, buf, (size_t)r))
		r = -EFAULT;	/* the message is gone, as with Linux's store_msg */
	free(bounce);
	if (r >= 0 && uprio) {
		uint8_t raw[4];
		abi_store(t->abi, raw, 4, prio);
		if (copyout(t, raw, uprio, 4))
			r = -EFAULT;
	}
	return r;
}

SYS(mq_timedsend) { return timedsend(t, a, t->abi->ptr_size); }
SYS(mq_timedsend_time64) { return timedsend(t, a, 8); }
SYS(mq_timedreceive) { return timedreceive(t, a, t->abi->ptr_size); }
SYS(mq_timedreceive_time64) { return timedreceive(t, a, 8); }

/* mq_notify(fd, sevp): SIGEV_NONE and SIGEV_SIGNAL (the signal comes to
 * the kit as SI_MESGQ with the guest's sigev_value and is posted like any
 * host signal, kit/sighost.c); SIGEV_THREAD's netlink cookie is copied
 * for the host, which judges the socket.  NULL unregisters. */
SYS(mq_notify)
{
	int fd = a_int(a[0]);
	uint64_t usev = a_ptr(t, a[1]);
	struct sigevent hs, *hp = NULL;
	uint8_t cookie[NOTIFY_COOKIE];
	if (usev) {
		long e = guest_get_sigevent(t, usev, &hs);
		if (e)
			return e;
		if (hs.sigev_notify == SIGEV_THREAD) {
			if (copyin(t, a_ptr(t, (uintptr_t)hs.sigev_value.sival_ptr), cookie, sizeof cookie))
				return -EFAULT;
			hs.sigev_value.sival_ptr = cookie;
		} else if (hs.sigev_notify == SIGEV_SIGNAL && hs.sigev_signo >= 1 && hs.sigev_signo <= CK_NSIG &&
			   !sig_host_catchable(hs.sigev_signo)) {
			/* the kit's own libc keeps 32 and 33 (see ptimer.c): a
			 * queue's signal cannot be told from one of those */
			return -EINVAL;
		}
		hp = &hs;
	}
	CHECK_FD(fd);
	return HOST(syscall(SYS_mq_notify, fd, hp));
}

SYS(mq_getsetattr)
{
	int fd = a_int(a[0]);
	uint64_t unew = a_ptr(t, a[1]), uold = a_ptr(t, a[2]);
	struct mq_attr nw, old;
	if (unew) {
		long e = get_attr(t, unew, &nw);
		if (e)
			return e;
		/* mq_flags holds O_NONBLOCK of the ABI; other bits: the host's EINVAL */
		nw.mq_flags = open_flags_to_host(t->abi, (uint64_t)nw.mq_flags) | (nw.mq_flags & ~0xffffffffL);
	}
	CHECK_FD(fd);
	long r = HOST(syscall(SYS_mq_getsetattr, fd, unew ? &nw : NULL, uold ? &old : NULL));
	if (r < 0 || !uold)
		return r;
	old.mq_flags = (long)open_flags_to_guest(t->abi, (int)old.mq_flags);
	return put_attr(t, uold, &old);
}
