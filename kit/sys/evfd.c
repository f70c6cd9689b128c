/* Event descriptors: epoll, eventfd, timerfd, inotify, memfd.  Every one
 * is a host descriptor of the same kind; the kit translates the structures
 * (epoll_event, itimerspec) and, for big-endian guests, the records read
 * from them (see ev_fd_rw).  signalfd is the kit's own: sigfd.c. */
#include <fcntl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <sys/inotify.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include "evsys.h"
#include "layout.h"

/* ---- epoll ---- */

SYS(epoll_create1)
{
	long fl = ev_flags(t->abi, a_int(a[0]), 0);
	if (fl < 0 || (fl & O_NONBLOCK))	/* only EPOLL_CLOEXEC */
		return -EINVAL;
	return ev_new_fd(HOST(epoll_create1((int)fl)));
}

SYS(epoll_create)
{
	if (a_int(a[0]) <= 0)
		return -EINVAL;
	return ev_new_fd(HOST(epoll_create1(0)));
}

SYS(epoll_ctl)
{
	int epfd = a_int(a[0]), op = a_int(a[1]), fd = a_int(a[2]);
	EV_CHECK_FD(epfd);
	EV_CHECK_FD(fd);
	struct epoll_event ev = { 0, { 0 } };
	if (op != EPOLL_CTL_DEL) {
		const struct layout *l = layout_get(t->abi, "epoll_event");
		uint8_t raw[16];
		if (!l || l->size > sizeof raw)
			return -ENOSYS;
		if (copyin(t, a[3], raw, l->size))
			return -EFAULT;
		uint64_t v = 0;
		layout_get_field(t->abi, l, raw, "events", &v);
		ev.events = (uint32_t)v;	/* EPOLL* bits: linux/eventpoll.h, one set for all */
		layout_get_field(t->abi, l, raw, "data", &v);
		ev.data.u64 = v;
	}
	return HOST(epoll_ctl(epfd, op, fd, &ev));
}

/* The host wait of epoll_wait & co: epoll_pwait2 with a deadline, so a
 * wait that ev_wait resumes after a host signal keeps its end time. */
struct epw {
	int epfd, n, forever;
	struct epoll_event *ev;
	struct timespec end;	/* CLOCK_MONOTONIC */
};

static long epw_call(void *arg, const sigset_t *hostmask)
{
	struct epw *w = arg;
	struct timespec left = { 0, 0 }, *lp = &left;
	if (hostmask && w->forever)
		lp = NULL;
	else if (hostmask) {
		struct timespec now;
		clock_gettime(CLOCK_MONOTONIC, &now);
		left.tv_sec = w->end.tv_sec - now.tv_sec;
		left.tv_nsec = w->end.tv_nsec - now.tv_nsec;
		if (left.tv_nsec < 0) {
			left.tv_sec--;
			left.tv_nsec += 1000000000L;
		}
		if (left.tv_sec < 0)
			left.tv_sec = left.tv_nsec = 0;
	}
	long r = HOST(syscall(SYS_epoll_pwait2, w->epfd, w->ev, w->n, lp, hostmask, 8));
	if (r == -ENOSYS)	/* a host kernel before 5.11: milliseconds, rounded up */
		r = HOST(epoll_pwait(w->epfd, w->ev, w->n,
				     lp ? (int)(lp->tv_sec * 1000 + (lp->tv_nsec + 999999) / 1000000) : -1,
				     hostmask));
	return r;
}

/* The kernel's EP_MAX_EVENTS; the kit takes at most EV_BATCH per call
 * (fewer ready events than asked is always a valid answer).  The timeout
 * is ms (negative: none) or, for epoll_pwait2, *ts (NULL: none). */
#define EV_BATCH 256
static long do_epoll_wait(struct task *t, const uint64_t *a, int ms, const struct timespec *ts,
			  uint64_t sigmask, uint64_t sigsize)
{
	/* do_epoll_pwait: the sigmask is taken before anything else is checked */
	uint64_t m;
	if (sigmask) {
		long e = ev_get_sigset(t, sigmask, sigsize, &m);
		if (e)
			return e;
	}
	int epfd = a_int(a[0]), max = a_int(a[2]);
	const struct layout *l = layout_get(t->abi, "epoll_event");
	if (!l)
		return -ENOSYS;
	if (max <= 0 || (uint64_t)max > INT_MAX / l->size)
		return -EINVAL;
	EV_CHECK_FD(epfd);
	struct epoll_event ev[EV_BATCH];
	struct epw w = { .epfd = epfd, .n = max < EV_BATCH ? max : EV_BATCH, .ev = ev };
	struct timespec len = { ms / 1000, (ms % 1000) * 1000000L };
	if (ts)
		len = *ts;
	w.forever = ts ? 0 : ms < 0;
	clock_gettime(CLOCK_MONOTONIC, &w.end);
	w.end.tv_sec += len.tv_sec;
	if ((w.end.tv_nsec += len.tv_nsec) >= 1000000000L) {
		w.end.tv_sec++;
		w.end.tv_nsec -= 1000000000L;
	}
	int zero = !w.forever && !len.tv_sec && !len.tv_nsec;
	long r = ev_wait(t, sigmask ? &m : NULL, zero, epw_call, &w);
	if (r <= 0)
		return r;
	uint8_t raw[16];
	for (long i = 0; i < r; i++) {
		memset(raw, 0, sizeof raw);
		layout_put(t->abi, l, raw, "events", ev[i].events);
		layout_put(t->abi, l, raw, "data", ev[i].data.u64);
		if (copyout(t, raw, a_ptr(t, a[1]) + (uint64_t)i * l->size, l->size))
			return i ? i : -EFAULT;
	}
	return r;
}

SYS(epoll_wait) { return do_epoll_wait(t, a, a_int(a[3]), NULL, 0, 0); }
SYS(epoll_pwait) { return do_epoll_wait(t, a, a_int(a[3]), NULL, a[4], a_ptr(t, a[5])); }

/* epoll_pwait2: the timeout is a struct __kernel_timespec on every ABI. */
SYS(epoll_pwait2)
{
	struct timespec ts;
	if (a[3]) {
		long e = ev_get_ts(t, a[3], 8, &ts, 1);
		if (e)
			return e;
	}
	return do_epoll_wait(t, a, -1, a[3] ? &ts : NULL, a[4], a_ptr(t, a[5]));
}

/* ---- eventfd ---- */

SYS(eventfd2)
{
	long fl = ev_flags(t->abi, a_int(a[1]), EFD_SEMAPHORE);
	if (fl < 0)
		return fl;
	return ev_rec_fd(HOST(eventfd((unsigned)a[0], (int)fl)));
}

SYS(eventfd)
{
	return ev_rec_fd(HOST(eventfd((unsigned)a[0], 0)));
}

/* ---- timerfd ---- */

SYS(timerfd_create)
{
	long fl = ev_flags(t->abi, a_int(a[1]), 0);
	if (fl < 0)
		return fl;
	return ev_rec_fd(HOST(timerfd_create(a_int(a[0]), (int)fl)));
}

/* struct itimerspec: it_interval then it_value, each a timespec of width w. */
long ev_get_its(struct task *t, uint64_t addr, unsigned w, struct itimerspec *its)
{
	long e = ev_get_ts(t, addr, w, &its->it_interval, 0);
	if (!e)
		e = ev_get_ts(t, addr + 2 * w, w, &its->it_value, 0);
	return e;
}

long ev_put_its(struct task *t, uint64_t addr, unsigned w, const struct itimerspec *its)
{
	if (w == 4 && (its->it_value.tv_sec > INT32_MAX || its->it_interval.tv_sec > INT32_MAX))
		return -EOVERFLOW;
	long e = ev_put_ts(t, addr, w, &its->it_interval);
	if (!e)
		e = ev_put_ts(t, addr + 2 * w, w, &its->it_value);
	return e;
}

static long tfd_settime(struct task *t, const uint64_t *a, unsigned w)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	struct itimerspec nv, ov;
	if (ev_get_its(t, a[2], w, &nv))
		return -EFAULT;
	/* TFD_TIMER_ABSTIME 1, TFD_TIMER_CANCEL_ON_SET 2: linux/timerfd.h, not
	 * O_* based, the same everywhere. */
	if (timerfd_settime(fd, a_int(a[1]), &nv, a[3] ? &ov : NULL) < 0)
		return -errno;
	return a[3] ? ev_put_its(t, a[3], w, &ov) : 0;
}

static long tfd_gettime(struct task *t, const uint64_t *a, unsigned w)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	struct itimerspec cv;
	if (timerfd_gettime(fd, &cv) < 0)
		return -errno;
	return ev_put_its(t, a[1], w, &cv);
}

SYS(timerfd_settime) { return tfd_settime(t, a, t->abi->ptr_size); }
SYS(timerfd_settime64) { return tfd_settime(t, a, 8); }
SYS(timerfd_gettime) { return tfd_gettime(t, a, t->abi->ptr_size); }
SYS(timerfd_gettime64) { return tfd_gettime(t, a, 8); }

/* ---- inotify ---- */

SYS(inotify_init1)
{
	long fl = ev_flags(t->abi, a_int(a[0]), 0);
	if (fl < 0)
		return fl;
	return ev_rec_fd(HOST(inotify_init1((int)fl)));
}

SYS(inotify_init) { return ev_rec_fd(HOST(inotify_init1(0))); }

SYS(inotify_add_watch)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	char p[PATH_MAX];
	long n = get_path(t, a[1], p, sizeof p);
	if (n < 0)
		return n;
	/* IN_* event bits (linux/inotify.h) are one set for all ABIs */
	return HOST(inotify_add_watch(fd, p, (uint32_t)a[2]));
}

SYS(inotify_rm_watch)
{
	EV_CHECK_FD(a_int(a[0]));
	return HOST(inotify_rm_watch(a_int(a[0]), a_int(a[1])));
}

/* ---- memfd ---- */

SYS(memfd_create)
{
	char name[250];	/* MFD_NAME_MAX_LEN 249 + NUL (mm/memfd.c) */
	long n = copyinstr(t, a[0], name, sizeof name);
	if (n == -ENAMETOOLONG)
		return -EINVAL;
	if (n < 0)
		return n;
	/* MFD_CLOEXEC 1, MFD_ALLOW_SEALING 2, MFD_HUGETLB 4 and the huge page
	 * size bits: linux/memfd.h, not O_* based. */
	return ev_new_fd(HOST(syscall(SYS_memfd_create, name, (unsigned)a[1])));
}
