/*
 * Descriptor I/O beyond read/write: vectored positional I/O, sizes and
 * space, sync, in-kernel copies, close_range.  64-bit offsets arrive as one
 * logical argument (the dispatcher joins register pairs), except for the
 * preadv family, whose (pos_l, pos_h) halves are two unsigned longs, low
 * word first, on every ABI (fs/read_write.c pos_from_hilo).
 */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/sendfile.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include "sys.h"
#include "fd.h"

static int64_t pos_hilo(struct task *t, uint64_t lo, uint64_t hi)
{
	if (t->abi->ptr_size == 8)
		return (int64_t)lo;
	return (int64_t)((uint64_t)(uint32_t)hi << 32 | (uint32_t)lo);
}

/* preadv2/pwritev2 with pos -1: the file position, as readv/writev. */
static long rwv_at(struct task *t, const uint64_t *a, int write_, int64_t pos, int flags, int v2)
{
	int fd = a_int(a[0]);
	CHECK_FD(fd);
	if (pos < 0 && !(v2 && pos == -1))
		return -EINVAL;
	static struct iovec v[1024];
	int n = guest_iovec_array(t, a_ptr(t, a[1]), a_ptr(t, a[2]), write_ ? VM_R : VM_W, v, 1024);
	if (n < 0)
		return n;
	return write_ ? HOST(pwritev2(fd, v, n, pos, flags)) : HOST(preadv2(fd, v, n, pos, flags));
}

SYS(preadv) { return rwv_at(t, a, 0, pos_hilo(t, a[3], a[4]), 0, 0); }
SYS(pwritev) { return rwv_at(t, a, 1, pos_hilo(t, a[3], a[4]), 0, 0); }
SYS(preadv2) { return rwv_at(t, a, 0, pos_hilo(t, a[3], a[4]), a_int(a[5]), 1); }
SYS(pwritev2) { return rwv_at(t, a, 1, pos_hilo(t, a[3], a[4]), a_int(a[5]), 1); }

SYS(ftruncate64)
{
	CHECK_FD(a_int(a[0]));
	if ((int64_t)a[1] < 0)
		return -EINVAL;
	return HOST(ftruncate(a_int(a[0]), (off_t)a[1]));
}

SYS(truncate64)
{
	char p[PATH_MAX];
	long n = get_path(t, a[0], p, sizeof p);
	if (n < 0)
		return n;
	if ((int64_t)a[1] < 0)
		return -EINVAL;
	return HOST(truncate(p, (off_t)a[1]));
}

/* The long forms: a negative length is EINVAL (the kernel's long). */
SYS(ftruncate)
{
	uint64_t b[2] = { a[0], (uint64_t)a_long(t, a[1]) };
	return linux_sys_ftruncate64(t, b);
}

SYS(truncate)
{
	uint64_t b[2] = { a[0], (uint64_t)a_long(t, a[1]) };
	return linux_sys_truncate64(t, b);
}

SYS(fallocate)
{
	CHECK_FD(a_int(a[0]));
	return HOST(fallocate(a_int(a[0]), a_int(a[1]), (off_t)a[2], (off_t)a[3]));
}

SYS(readahead)
{
	CHECK_FD(a_int(a[0]));
	return HOST(readahead(a_int(a[0]), (off64_t)a[1], a_ptr(t, a[2])));
}

SYS(sync_file_range)
{
	CHECK_FD(a_int(a[0]));
	return HOST(sync_file_range(a_int(a[0]), (off64_t)a[1], (off64_t)a[2], (unsigned)a[3]));
}

/* ppc32/ppc64: flags moved to the second slot so the two loff_t pairs
 * stay register-aligned (arch/powerpc sys_sync_file_range2). */
SYS(sync_file_range2)
{
	uint64_t b[4] = { a[0], a[2], a[3], a[1] };
	return linux_sys_sync_file_range(t, b);
}

SYS(syncfs)
{
	CHECK_FD(a_int(a[0]));
	return HOST(syncfs(a_int(a[0])));
}

SYS(sync)
{
	sync();
	return 0;
}

/* An optional in/out offset of w bytes (off_t of the ABI, or loff_t). */
long guest_get_off(struct task *t, uint64_t addr, unsigned w, off_t *off)
{
	uint8_t raw[8];
	if (copyin(t, addr, raw, w))
		return -EFAULT;
	uint64_t v = abi_load(t->abi, raw, w);
	*off = w == 4 ? (off_t)(int32_t)v : (off_t)v;
	return 0;
}

long guest_put_off(struct task *t, uint64_t addr, unsigned w, off_t off)
{
	uint8_t raw[8];
	abi_store(t->abi, raw, w, (uint64_t)off);
	return copyout(t, raw, addr, w) ? -EFAULT : 0;
}

static long do_sendfile(struct task *t, const uint64_t *a, unsigned w)
{
	int out = a_int(a[0]), in = a_int(a[1]);
	CHECK_FD(out);
	CHECK_FD(in);
	uint64_t uoff = a_ptr(t, a[2]);
	off_t off = 0;
	if (uoff && guest_get_off(t, uoff, w, &off))
		return -EFAULT;
	size_t count = a_ptr(t, a[3]);
	long r = HOST(sendfile(out, in, uoff ? &off : NULL, count));
	if (r >= 0 && uoff && guest_put_off(t, uoff, w, off))
		return -EFAULT;
	return r;
}

SYS(sendfile) { return do_sendfile(t, a, t->abi->ptr_size); }
SYS(sendfile64) { return do_sendfile(t, a, 8); }

SYS(copy_file_range)
{
	int in = a_int(a[0]), out = a_int(a[2]);
	CHECK_FD(in);
	CHECK_FD(out);
	uint64_t uin = a_ptr(t, a[1]), uout = a_ptr(t, a[3]);
	off_t oin = 0, oout = 0;
	if (uin && guest_get_off(t, uin, 8, &oin))
		return -EFAULT;
	if (uout && guest_get_off(t, uout, 8, &oout))
		return -EFAULT;
	long r = HOST(copy_file_range(in, uin ? &oin : NULL, out, uout ? &oout : NULL,
				      a_ptr(t, a[4]), (unsigned)a[5]));
	if (r >= 0 && ((uin && guest_put_off(t, uin, 8, oin)) || (uout && guest_put_off(t, uout, 8, oout))))
		return -EFAULT;
	return r;
}

/* close_range never reaches the kit's own descriptors. */
SYS(close_range)
{
	unsigned lo = (unsigned)a[0], hi = (unsigned)a[1], fl = (unsigned)a[2];
	if (fl & ~(unsigned)(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))
		return -EINVAL;
	if (lo > hi)
		return -EINVAL;
	if (lo >= (unsigned)ck_kit_fd_min)
		return 0;
	if (hi >= (unsigned)ck_kit_fd_min)
		hi = (unsigned)ck_kit_fd_min - 1;
	return HOST(syscall(SYS_close_range, lo, hi, fl));
}
