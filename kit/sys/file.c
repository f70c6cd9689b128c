/* Files and descriptors: open/close/read/write and friends. */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "sys.h"
#include "evsys.h"
#include "fd.h"

int ck_kit_fd_min = INT_MAX;	/* the kit's own descriptors start here */

long guest_newfd(long r)
{
	if (r >= ck_kit_fd_min) {
		close((int)r);
		return -EMFILE;
	}
	return r;
}

static int dirfd_arg(uint64_t v)
{
	return a_int(v);	/* AT_FDCWD (-100) is the same everywhere */
}

SYS(openat)
{
	char p[PATH_MAX];
	long n = get_path(t, a[1], p, sizeof p);
	if (n < 0)
		return n;
	int dfd = dirfd_arg(a[0]);
	CHECK_DIRFD(dfd);
	return guest_newfd(HOST(openat(dfd, p, open_flags_to_host(t->abi, a[2]), (mode_t)a[3])));
}

SYS(open)
{
	uint64_t b[4] = { (uint64_t)(uint32_t)AT_FDCWD, a[0], a[1], a[2] };
	return linux_sys_openat(t, b);
}

SYS(creat)
{
	uint64_t b[4] = { (uint64_t)(uint32_t)AT_FDCWD, a[0], O_CREAT | O_WRONLY | O_TRUNC, a[1] };
	return linux_sys_openat(t, b);
}

SYS(close)
{
	CHECK_FD(a_int(a[0]));
	return HOST(close(a_int(a[0])));
}

static long rw(struct task *t, const uint64_t *a, int write_, int64_t off)
{
	int fd = a_int(a[0]);
	CHECK_FD(fd);
	uint64_t len = a_ptr(t, a[2]);
	long r;	/* event descriptors' records need byte swapping on big-endian guests */
	if (off < 0 && ev_fd_rw(t, fd, a_ptr(t, a[1]), len, write_, &r))
		return r;
	struct iovec v[16];
	int n = guest_iov(t, a_ptr(t, a[1]), len, write_ ? VM_R : VM_W, v, 16);
	if (n < 0)
		return n;
	/* One piece (the usual case): plain read/write, which the host kernel
	 * serves without importing an iovec array (~100 ns less per call). */
	if (n == 1 && off < 0)
		return write_ ? HOST(write(fd, v[0].iov_base, v[0].iov_len))
			      : HOST(read(fd, v[0].iov_base, v[0].iov_len));
	if (off < 0)
		return write_ ? HOST(writev(fd, v, n)) : HOST(readv(fd, v, n));
	return write_ ? HOST(pwritev(fd, v, n, off)) : HOST(preadv(fd, v, n, off));
}

SYS(read) { return rw(t, a, 0, -1); }
SYS(write) { return rw(t, a, 1, -1); }

/* pread64/pwrite64: the offset is one logical 64-bit argument (the
 * dispatcher joins the register pair on 32-bit ABIs). */
SYS(pread64)
{
	if ((int64_t)a[3] < 0)
		return -EINVAL;
	return rw(t, a, 0, (int64_t)a[3]);
}

SYS(pwrite64)
{
	if ((int64_t)a[3] < 0)
		return -EINVAL;
	return rw(t, a, 1, (int64_t)a[3]);
}

static long rwv(struct task *t, const uint64_t *a, int write_)
{
	int fd = a_int(a[0]);
	CHECK_FD(fd);
	struct iovec v[1024];
	int n = guest_iovec_array(t, a_ptr(t, a[1]), a_ptr(t, a[2]), write_ ? VM_R : VM_W, v, 1024);
	if (n < 0)
		return n;
	return write_ ? HOST(writev(fd, v, n)) : HOST(readv(fd, v, n));
}

SYS(readv) { return rwv(t, a, 0); }
SYS(writev) { return rwv(t, a, 1); }

SYS(lseek)
{
	CHECK_FD(a_int(a[0]));
	off_t r = lseek(a_int(a[0]), a_long(t, a[1]), a_int(a[2]));
	if (r < 0)
		return -errno;
	if (t->abi->ptr_size == 4 && r > INT32_MAX)
		return -EOVERFLOW;
	return (long)r;
}

/* _llseek(fd, offset_high, offset_low, loff_t *result, whence) */
SYS(_llseek)
{
	CHECK_FD(a_int(a[0]));
	int64_t off = (int64_t)((uint64_t)(uint32_t)a[1] << 32 | (uint32_t)a[2]);
	off_t r = lseek(a_int(a[0]), off, a_int(a[4]));
	if (r < 0)
		return -errno;
	uint8_t raw[8];
	abi_store(t->abi, raw, 8, (uint64_t)r);
	return copyout(t, raw, a[3], 8) ? -EFAULT : 0;
}

SYS(readlinkat)
{
	char p[PATH_MAX], out[PATH_MAX];
	long n = copyinstr(t, a[1], p, sizeof p);
	if (n < 0)
		return n;
	CHECK_DIRFD(dirfd_arg(a[0]));
	int64_t len = a_long(t, a[3]);
	if (len <= 0)
		return -EINVAL;
	if (!strcmp(p, "/proc/self/exe")) {
		n = (long)strlen(t->exe);
		memcpy(out, t->exe, (size_t)n);
	} else {
		n = readlinkat(dirfd_arg(a[0]), p, out, sizeof out);
		if (n < 0)
			return -errno;
	}
	if (n > len)
		n = len;
	return copyout(t, out, a[2], (size_t)n) ? -EFAULT : n;
}

SYS(readlink)
{
	uint64_t b[4] = { (uint64_t)(uint32_t)AT_FDCWD, a[0], a[1], a[2] };
	return linux_sys_readlinkat(t, b);
}

SYS(faccessat2)
{
	char p[PATH_MAX];
	long n = get_path(t, a[1], p, sizeof p);
	if (n < 0)
		return n;
	CHECK_DIRFD(dirfd_arg(a[0]));
	return HOST(syscall(SYS_faccessat2, dirfd_arg(a[0]), p, a_int(a[2]), a_int(a[3])));
}

SYS(faccessat)
{
	uint64_t b[4] = { a[0], a[1], a[2], 0 };
	return linux_sys_faccessat2(t, b);
}

SYS(access)
{
	uint64_t b[4] = { (uint64_t)(uint32_t)AT_FDCWD, a[0], a[1], 0 };
	return linux_sys_faccessat2(t, b);
}

SYS(getcwd)
{
	char buf[PATH_MAX];
	uint64_t size = a_ptr(t, a[1]);
	if (!getcwd(buf, sizeof buf))
		return -errno;
	size_t n = strlen(buf) + 1;
	if (n > size)
		return -ERANGE;
	return copyout(t, buf, a[0], n) ? -EFAULT : (long)n;
}

SYS(dup)
{
	CHECK_FD(a_int(a[0]));
	return guest_newfd(HOST(dup(a_int(a[0]))));
}

SYS(dup3)
{
	CHECK_FD(a_int(a[0]));
	CHECK_FD(a_int(a[1]));
	int fl = open_flags_to_host(t->abi, a[2]);
	return HOST(dup3(a_int(a[0]), a_int(a[1]), fl));
}

SYS(dup2)
{
	CHECK_FD(a_int(a[0]));
	CHECK_FD(a_int(a[1]));
	return HOST(dup2(a_int(a[0]), a_int(a[1])));
}

static long put_fds(struct task *t, uint64_t addr, const int fd[2])
{
	uint8_t raw[8];
	abi_store(t->abi, raw, 4, (uint32_t)fd[0]);
	abi_store(t->abi, raw + 4, 4, (uint32_t)fd[1]);
	if (copyout(t, raw, addr, 8)) {
		close(fd[0]);
		close(fd[1]);
		return -EFAULT;
	}
	return 0;
}

SYS(pipe2)
{
	int fd[2], fl = open_flags_to_host(t->abi, a[1]);
	/* fs/pipe.c: O_NOTIFICATION_PIPE is O_EXCL */
	if (fl & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT | O_EXCL))
		return -EINVAL;
	if (pipe2(fd, fl) < 0)
		return -errno;
	if (fd[0] >= ck_kit_fd_min || fd[1] >= ck_kit_fd_min) {
		close(fd[0]);
		close(fd[1]);
		return -EMFILE;
	}
	return put_fds(t, a[0], fd);
}

SYS(pipe)
{
	uint64_t b[2] = { a[0], 0 };
	return linux_sys_pipe2(t, b);
}

#define PATH1(name, call)                                    \
	SYS(name)                                            \
	{                                                    \
		char p[PATH_MAX];                            \
		long n = get_path(t, a[0], p, sizeof p);     \
		if (n < 0)                                   \
			return n;                            \
		return HOST(call);                           \
	}
PATH1(unlink, unlink(p))
PATH1(rmdir, rmdir(p))
PATH1(chdir, chdir(p))
PATH1(mkdir, mkdir(p, (mode_t)a[1]))
PATH1(chmod, chmod(p, (mode_t)a[1]))

SYS(unlinkat)
{
	char p[PATH_MAX];
	long n = get_path(t, a[1], p, sizeof p);
	if (n < 0)
		return n;
	CHECK_DIRFD(dirfd_arg(a[0]));
	return HOST(unlinkat(dirfd_arg(a[0]), p, a_int(a[2])));
}

SYS(mkdirat)
{
	char p[PATH_MAX];
	long n = get_path(t, a[1], p, sizeof p);
	if (n < 0)
		return n;
	CHECK_DIRFD(dirfd_arg(a[0]));
	return HOST(mkdirat(dirfd_arg(a[0]), p, (mode_t)a[2]));
}

SYS(fchdir)
{
	CHECK_FD(a_int(a[0]));
	return HOST(fchdir(a_int(a[0])));
}

SYS(fsync) { CHECK_FD(a_int(a[0])); return HOST(fsync(a_int(a[0]))); }
SYS(fdatasync) { CHECK_FD(a_int(a[0])); return HOST(fdatasync(a_int(a[0]))); }
