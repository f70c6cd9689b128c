/*
 * splice, tee, vmsplice: host calls on the guest's descriptors.  The
 * SPLICE_F_* bits are generic (linux/splice.h, no arch variant) and pass
 * unchanged; the host refuses unknown ones.  splice's optional offsets are
 * loff_t in guest memory, read before and written back after a call that
 * did not fail (fs/splice.c __do_splice).  All three may wait on a pipe,
 * so they run without the engine lock (sys/blocking.h).
 */
#include "sys/sys.h"

#define SPLICE_F_ALL 0xf	/* MOVE, NONBLOCK, MORE, GIFT */

/* splice(fd_in, loff_t *off_in, fd_out, loff_t *off_out, size_t len, flags) */
SYS(splice)
{
	int in = a_int(a[0]), out = a_int(a[2]);
	CHECK_FD(in);
	CHECK_FD(out);
	uint64_t uin = a_ptr(t, a[1]), uout = a_ptr(t, a[3]);
	off_t oin = 0, oout = 0;
	if ((uin && guest_get_off(t, uin, 8, &oin)) || (uout && guest_get_off(t, uout, 8, &oout)))
		return -EFAULT;
	long r = HOST(splice(in, uin ? &oin : NULL, out, uout ? &oout : NULL,
			     a_ptr(t, a[4]), (unsigned)a[5]));
	if (r >= 0 && ((uin && guest_put_off(t, uin, 8, oin)) || (uout && guest_put_off(t, uout, 8, oout))))
		return -EFAULT;
	return r;
}

/* tee(fd_in, fd_out, size_t len, flags) */
SYS(tee)
{
	int in = a_int(a[0]), out = a_int(a[1]);
	CHECK_FD(in);
	CHECK_FD(out);
	return HOST(tee(in, out, a_ptr(t, a[2]), (unsigned)a[3]));
}

/* vmsplice(fd, const struct iovec *iov, unsigned long nr_segs, flags):
 * into the pipe when the descriptor is open for writing (the guest's
 * buffers are read), else out of it (they are written), as fs/splice.c
 * decides by f_mode. */
SYS(vmsplice)
{
	int fd = a_int(a[0]);
	unsigned flags = (uint32_t)a[3];
	if (flags & ~SPLICE_F_ALL)
		return -EINVAL;
	CHECK_FD(fd);
	int mode = fcntl(fd, F_GETFL);
	if (mode < 0)
		return -errno;
	int prot = (mode & O_ACCMODE) == O_RDONLY ? VM_W : VM_R;
	struct iovec v[1024];
	int n = guest_iovec_array(t, a_ptr(t, a[1]), a_ptr(t, a[2]), prot, v, 1024);
	if (n < 0)
		return n;
	return HOST(vmsplice(fd, v, (unsigned long)n, flags));
}
