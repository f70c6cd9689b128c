/* sendmmsg/recvmmsg (and recvmmsg_time64): arrays of struct mmsghdr, a
 * msghdr followed by the unsigned count of bytes the message moved (the
 * "mmsghdr" layout; the stride is its size).  As net/socket.c's
 * __sys_sendmmsg/__sys_recvmmsg, each entry is one sendmsg/recvmsg
 * (netmsg.c marshals it), and a failure after the first message ends the
 * call with the count done so far; the error is lost (Linux parks it in
 * the socket's sk_err, which the kit cannot set on a host socket). */
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include "evsys.h"
#include "layout.h"
#include "net.h"

#define MMSG_VLEN_MAX 1024	/* UIO_MAXIOV: sendmmsg sends at most this many */

/* The mmsghdr stride and msg_len's place in it, or -ENOSYS. */
static long mmsg_layout(struct task *t, const struct lfield **len)
{
	const struct layout *l = layout_get(t->abi, "mmsghdr");
	*len = layout_field(l, "msg_len");
	return l && *len ? (long)l->size : -ENOSYS;
}

static long put_len(struct task *t, const struct lfield *f, uint64_t entry, long n)
{
	uint8_t raw[4];
	abi_store(t->abi, raw, 4, (uint32_t)n);
	return copyout(t, raw, entry + f->off, 4) ? -EFAULT : 0;
}

SYS(sendmmsg)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	uint64_t vec = a_ptr(t, a[1]);
	uint32_t vlen = (uint32_t)a[2], flags = (uint32_t)a[3];
	const struct lfield *lf;
	long stride = mmsg_layout(t, &lf);
	if (stride < 0)
		return stride;
	if (vlen > MMSG_VLEN_MAX)
		vlen = MMSG_VLEN_MAX;
	/* the descriptor first, as sockfd_lookup_light: EBADF, ENOTSOCK */
	long r = HOST(sendmmsg(fd, NULL, 0, (int)flags));
	if (r < 0 || !vlen)
		return r;
	long n = 0;
	int part = 0;
	while (n < vlen && !part) {	/* a short send ends it too */
		uint64_t e = vec + (uint64_t)n * stride;
		if ((r = net_sendmsg(t, fd, e, flags, &part)) < 0 || (r = put_len(t, lf, e, r)) < 0)
			break;
		n++;
	}
	return n ? n : r;
}

static long do_recvmmsg(struct task *t, const uint64_t *a, unsigned tsw)
{
	int fd = a_int(a[0]);
	uint64_t vec = a_ptr(t, a[1]), uts = a_ptr(t, a[4]);
	uint32_t vlen = (uint32_t)a[2], flags = (uint32_t)a[3];
	const struct lfield *lf;
	long stride = mmsg_layout(t, &lf);
	if (stride < 0)
		return stride;
	struct timespec left = { 0 }, end = { 0 }, now;
	if (uts) {
		long e = ev_get_ts(t, uts, tsw, &left, 0);
		if (e)
			return e;
		/* poll_select_set_timeout: a negative or unnormalised one */
		if (left.tv_sec < 0 || left.tv_nsec < 0 || left.tv_nsec >= 1000000000L)
			return -EINVAL;
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (left.tv_sec > INT64_MAX / 2)	/* timespec64_add_safe saturates */
			left.tv_sec = INT64_MAX / 2;
		end.tv_sec = now.tv_sec + left.tv_sec;
		end.tv_nsec = now.tv_nsec + left.tv_nsec;
		if (end.tv_nsec >= 1000000000L) {
			end.tv_sec++;
			end.tv_nsec -= 1000000000L;
		}
	}
	EV_CHECK_FD(fd);
	/* The host's own recvmmsg of nothing does the checks before the
	 * first message: the descriptor (EBADF, ENOTSOCK), MSG_CMSG_COMPAT
	 * (EINVAL from the native syscall) and a pending socket error. */
	long r = HOST(recvmmsg(fd, NULL, 0, (int)flags, NULL));
	if (r < 0 || !vlen)
		return r;
	long n = 0;
	int oob = 0;
	while (n < vlen) {
		uint64_t e = vec + (uint64_t)n * stride;
		if ((r = net_recvmsg(t, fd, e, flags & ~MSG_WAITFORONE, &oob)) < 0 ||
		    (r = put_len(t, lf, e, r)) < 0)
			break;
		n++;
		if (flags & MSG_WAITFORONE)	/* after the first, take only what is there */
			flags |= MSG_DONTWAIT;
		if (uts) {
			/* the timeout is looked at only between messages
			 * (recvmmsg(2) BUGS): the wait for one is not bounded */
			clock_gettime(CLOCK_MONOTONIC, &now);
			left.tv_sec = end.tv_sec - now.tv_sec;
			left.tv_nsec = end.tv_nsec - now.tv_nsec;
			if (left.tv_nsec < 0) {
				left.tv_sec--;
				left.tv_nsec += 1000000000L;
			}
			if (left.tv_sec < 0)
				left.tv_sec = left.tv_nsec = 0;
			if (!left.tv_sec && !left.tv_nsec)
				break;
		}
		if (oob)
			break;
	}
	if (!n)
		return r;
	/* do_recvmmsg: the time left goes back only when messages came */
	if (uts && ev_put_ts(t, uts, tsw, &left))
		return -EFAULT;
	return n;
}

SYS(recvmmsg) { return do_recvmmsg(t, a, t->abi->ptr_size); }
SYS(recvmmsg_time64) { return do_recvmmsg(t, a, 8); }
