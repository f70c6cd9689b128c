/* poll, ppoll, select, _newselect, pselect6 (+ the time64 forms and i386's
 * old select).  Everything waits in the host's ppoll; select's fd_sets are
 * turned into a pollfd array, so any nfds works.
 *
 * A guest fd_set is an array of the ABI's unsigned longs, fd n being bit
 * n % BITS of word n / BITS (include/uapi/linux/posix_types.h): on a
 * big-endian 32-bit guest fd 0 is in byte 3, on a big-endian 64-bit guest
 * in byte 7, so the words are read with the ABI's width and byte order. */
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "evsys.h"
#include "layout.h"

/* Linux refuses more pollfds than RLIMIT_NOFILE (fs/select.c); the kit
 * also caps its own allocation. */
static uint64_t max_fds(void)
{
	struct rlimit rl;
	uint64_t m = 1 << 20;
	if (getrlimit(RLIMIT_NOFILE, &rl) == 0 && rl.rlim_cur < m)
		m = rl.rlim_cur;
	return m;
}

/* The host wait: ppoll, which updates *ts with the time left, so a wait
 * ev_wait resumes after a host signal keeps its end time. */
struct hpoll {
	struct pollfd *p;
	uint64_t n;
	struct timespec *ts;	/* NULL: no timeout */
};

static long hpoll_call(void *arg, const sigset_t *hostmask)
{
	struct hpoll *h = arg;
	struct timespec zero = { 0, 0 };
	return HOST(syscall(SYS_ppoll, h->p, (unsigned long)h->n, hostmask ? h->ts : &zero,
			    hostmask, 8));
}

/* All the poll and select calls wait here (gmask: ppoll's or pselect6's
 * sigmask argument, NULL if none; see ev_wait). */
static long host_poll(struct task *t, struct pollfd *p, uint64_t n, struct timespec *ts,
		      const uint64_t *gmask)
{
	struct hpoll h = { p, n, ts };
	return ev_wait(t, gmask, 0, hpoll_call, &h);
}

static long do_poll(struct task *t, uint64_t ufds, uint64_t nfds, struct timespec *ts,
		    const uint64_t *gmask)
{
	if (nfds > max_fds())
		return -EINVAL;
	const struct layout *l = layout_get(t->abi, "pollfd");
	const struct lfield *ffd = layout_field(l, "fd"), *fev = layout_field(l, "events"),
			    *frev = layout_field(l, "revents");
	if (!l || !ffd || !fev || !frev)
		return -ENOSYS;
	size_t gsz = (size_t)nfds * l->size;
	uint8_t *raw = malloc(gsz ? gsz : 1);
	struct pollfd *p = malloc(nfds ? nfds * sizeof *p : 1);
	long r = -ENOMEM;
	if (!raw || !p)
		goto out;
	r = -EFAULT;
	if (copyin(t, ufds, raw, gsz))
		goto out;
	for (uint64_t i = 0; i < nfds; i++) {
		int fd = (int)lf_get(t->abi, raw + i * l->size, ffd);
		/* the kit's own descriptors are not the guest's: -2 marks "not
		 * open" (POLLNVAL below), a negative fd stays ignored */
		p[i].fd = fd >= ck_kit_fd_min ? -2 : fd;
		p[i].events = (short)lf_get(t->abi, raw + i * l->size, fev);	/* POLL* bits: same on all */
		p[i].revents = 0;
	}
	for (uint64_t i = 0; i < nfds; i++)
		if (p[i].fd == -2)
			p[i].fd = -1;
	r = host_poll(t, p, nfds, ts, gmask);
	if (r < 0)
		goto out;
	for (uint64_t i = 0; i < nfds; i++) {
		int fd = (int)lf_get(t->abi, raw + i * l->size, ffd);
		short rev = p[i].revents;
		if (fd >= ck_kit_fd_min) {
			rev = POLLNVAL;
			r++;
		}
		lf_put(t->abi, raw + i * l->size, frev, (uint16_t)rev);
	}
	if (copyout(t, raw, ufds, gsz))
		r = -EFAULT;
out:
	free(raw);
	free(p);
	return r;
}

SYS(poll)
{
	int ms = a_int(a[2]);
	struct timespec ts = { ms / 1000, (ms % 1000) * 1000000L };
	return do_poll(t, a[0], (uint32_t)a[1], ms < 0 ? NULL : &ts, NULL);
}

static long ppoll_common(struct task *t, const uint64_t *a, unsigned w)
{
	struct timespec ts;
	long e;
	if (a[2] && (e = ev_get_ts(t, a[2], w, &ts, 1)))
		return e;
	uint64_t m;
	if (a[3] && (e = ev_get_sigset(t, a[3], a_ptr(t, a[4]), &m)))
		return e;
	long r = do_poll(t, a[0], (uint32_t)a[1], a[2] ? &ts : NULL, a[3] ? &m : NULL);
	/* time left, also when interrupted (poll_select_finish); a failed
	 * store is ignored, as in Linux */
	if (a[2] && (r >= 0 || r == -EINTR))
		ev_put_ts(t, a[2], w, &ts);
	return r;
}

SYS(ppoll) { return ppoll_common(t, a, t->abi->ptr_size); }
SYS(ppoll_time64) { return ppoll_common(t, a, 8); }

/* ---- select ---- */

#define IN_SET  (POLLIN | POLLRDNORM | POLLRDBAND | POLLHUP | POLLERR)
#define OUT_SET (POLLOUT | POLLWRNORM | POLLWRBAND | POLLERR)
#define EX_SET  (POLLPRI)

/* sets: in, out, ex guest addresses (0 = none); ts NULL = forever. */
static long do_select(struct task *t, int64_t n, const uint64_t sets[3], struct timespec *ts,
		      const uint64_t *gmask)
{
	if (n < 0)
		return -EINVAL;
	uint64_t mx = max_fds();
	if ((uint64_t)n > mx)
		n = (int64_t)mx;
	unsigned ws = t->abi->ptr_size, bits = 8 * ws;
	size_t words = ((size_t)n + bits - 1) / bits, bytes = words * ws;
	uint8_t *raw[3] = { 0 };
	struct pollfd *p = NULL;
	uint8_t *which = NULL;	/* per pollfd: bit s = the fd was in set s */
	long r = -ENOMEM;
	uint64_t np = 0;
	for (int s = 0; s < 3; s++) {
		if (!sets[s])
			continue;
		if (!(raw[s] = calloc(1, bytes ? bytes : 1)))
			goto out;
		r = -EFAULT;
		if (copyin(t, sets[s], raw[s], bytes))
			goto out;
	}
	r = -ENOMEM;
	if (!(p = malloc((size_t)(n ? n : 1) * sizeof *p)) || !(which = malloc((size_t)(n ? n : 1))))
		goto out;
	for (int64_t fd = 0; fd < n; fd++) {
		short ev = 0;
		uint8_t in = 0;
		for (int s = 0; s < 3; s++) {
			if (!raw[s] || !((abi_load(t->abi, raw[s] + fd / bits * ws, ws) >> (fd % bits)) & 1))
				continue;
			ev |= s == 0 ? IN_SET : s == 1 ? OUT_SET : EX_SET;
			in |= 1 << s;
		}
		if (!ev)
			continue;
		if (!ev_fd_ok(fd)) {
			r = -EBADF;
			goto out;
		}
		p[np].fd = (int)fd;
		p[np].events = ev;
		p[np].revents = 0;
		which[np] = in;
		np++;
	}
	r = host_poll(t, p, np, ts, gmask);
	if (r < 0)
		goto out;
	for (int s = 0; s < 3; s++)
		if (raw[s])
			memset(raw[s], 0, bytes);
	long count = 0;
	for (uint64_t i = 0; i < np; i++) {
		short rev = p[i].revents;
		if (rev & POLLNVAL) {
			r = -EBADF;
			goto out;
		}
		int fd = p[i].fd;
		for (int s = 0; s < 3; s++) {
			short want = s == 0 ? IN_SET : s == 1 ? OUT_SET : EX_SET;
			if (!(which[i] & 1 << s) || !(rev & want))
				continue;
			uint8_t *w = raw[s] + (size_t)fd / bits * ws;
			abi_store(t->abi, w, ws, abi_load(t->abi, w, ws) | 1ULL << (fd % bits));
			count++;
		}
	}
	r = count;
	for (int s = 0; s < 3; s++)
		if (raw[s] && copyout(t, raw[s], sets[s], bytes))
			r = -EFAULT;
out:
	for (int s = 0; s < 3; s++)
		free(raw[s]);
	free(p);
	free(which);
	return r;
}

/* select with a struct timeval of the ABI's longs; the time left is
 * written back (Linux does, unless the personality says STICKY_TIMEOUTS). */
static long select_tv(struct task *t, int64_t n, const uint64_t sets[3], uint64_t tv)
{
	struct timespec ts, *tsp = NULL;
	unsigned w = t->abi->ptr_size;
	if (tv) {
		struct timespec raw;
		if (ev_get_ts(t, tv, w, &raw, 0))
			return -EFAULT;
		/* second word is microseconds here */
		if (raw.tv_sec < 0 || raw.tv_nsec < 0)
			return -EINVAL;
		ts.tv_sec = raw.tv_sec + raw.tv_nsec / 1000000;
		ts.tv_nsec = raw.tv_nsec % 1000000 * 1000;
		tsp = &ts;
	}
	long r = do_select(t, n, sets, tsp, NULL);
	if (tv && (r >= 0 || r == -EINTR)) {
		struct timespec left = { ts.tv_sec, ts.tv_nsec / 1000 };
		ev_put_ts(t, tv, w, &left);
	}
	return r;
}

SYS(select)
{
	uint64_t sets[3] = { a_ptr(t, a[1]), a_ptr(t, a[2]), a_ptr(t, a[3]) };
	return select_tv(t, a_int(a[0]), sets, a_ptr(t, a[4]));
}

SYS(_newselect) { return linux_sys_select(t, a); }

/* i386's select(2) number 82: one pointer to struct sel_arg_struct, five
 * longs (n, inp, outp, exp, tvp). */
SYS(old_select)
{
	unsigned w = t->abi->ptr_size;
	uint8_t raw[40];
	if (copyin(t, a[0], raw, 5 * w))
		return -EFAULT;
	uint64_t b[5];
	for (int i = 0; i < 5; i++)
		b[i] = abi_load(t->abi, raw + i * w, w);
	return linux_sys_select(t, b);
}

static long pselect_common(struct task *t, const uint64_t *a, unsigned w)
{
	uint64_t sets[3] = { a_ptr(t, a[1]), a_ptr(t, a[2]), a_ptr(t, a[3]) };
	struct timespec ts;
	uint64_t m = 0;
	int have_m = 0;
	long e;
	if (a[4] && (e = ev_get_ts(t, a[4], w, &ts, 1)))
		return e;
	if (a[5]) {
		/* the 6th argument points to { const sigset_t *ss; size_t ss_len; } */
		unsigned pw = t->abi->ptr_size;
		uint8_t raw[16];
		if (copyin(t, a[5], raw, 2 * pw))
			return -EFAULT;
		uint64_t addr = abi_load(t->abi, raw, pw);
		if (addr && (e = ev_get_sigset(t, addr, abi_load(t->abi, raw + pw, pw), &m)))
			return e;
		have_m = addr != 0;
	}
	long r = do_select(t, a_int(a[0]), sets, a[4] ? &ts : NULL, have_m ? &m : NULL);
	if (a[4] && (r >= 0 || r == -EINTR))
		ev_put_ts(t, a[4], w, &ts);
	return r;
}

SYS(pselect6) { return pselect_common(t, a, t->abi->ptr_size); }
SYS(pselect6_time64) { return pselect_common(t, a, 8); }
