/*
 * Name-space operations: links, renames, nodes, modes, owners, times.
 * Paths are copied from the guest (EFAULT/ENAMETOOLONG there); the AT_* and
 * RENAME_* numbers are asm-generic's on every ABI (tests/flags/).
 */
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sysmacros.h>
#include "sys.h"
#include "fd.h"

#define PATH(var, addr) char var[PATH_MAX]; \
	do { long n_ = get_path(t, addr, var, sizeof var); if (n_ < 0) return n_; } while (0)

SYS(linkat)
{
	PATH(o, a[1]);
	PATH(n, a[3]);
	CHECK_DIRFD(a_int(a[0]));
	CHECK_DIRFD(a_int(a[2]));
	return HOST(linkat(a_int(a[0]), o, a_int(a[2]), n, a_int(a[4])));
}

SYS(link)
{
	uint64_t b[5] = { ATCWD, a[0], ATCWD, a[1], 0 };
	return linux_sys_linkat(t, b);
}

SYS(symlinkat)
{
	/* the target is stored as written: no /proc/self/exe mapping */
	char o[PATH_MAX];
	long n_ = copyinstr(t, a[0], o, sizeof o);
	if (n_ < 0)
		return n_;
	PATH(n, a[2]);
	CHECK_DIRFD(a_int(a[1]));
	return HOST(symlinkat(o, a_int(a[1]), n));
}

SYS(symlink)
{
	uint64_t b[3] = { a[0], ATCWD, a[1] };
	return linux_sys_symlinkat(t, b);
}

SYS(renameat2)
{
	PATH(o, a[1]);
	PATH(n, a[3]);
	CHECK_DIRFD(a_int(a[0]));
	CHECK_DIRFD(a_int(a[2]));
	return HOST(syscall(SYS_renameat2, a_int(a[0]), o, a_int(a[2]), n, (unsigned)a[4]));
}

SYS(renameat)
{
	uint64_t b[5] = { a[0], a[1], a[2], a[3], 0 };
	return linux_sys_renameat2(t, b);
}

SYS(rename)
{
	uint64_t b[5] = { ATCWD, a[0], ATCWD, a[1], 0 };
	return linux_sys_renameat2(t, b);
}

/* dev is the kernel's 32-bit new_encode_dev form, which glibc's dev_t
 * encoding extends (sys/sysmacros.h): the same bits below 2^32. */
SYS(mknodat)
{
	PATH(p, a[1]);
	CHECK_DIRFD(a_int(a[0]));
	return HOST(mknodat(a_int(a[0]), p, (mode_t)a[2], (dev_t)(uint32_t)a[3]));
}

SYS(mknod)
{
	uint64_t b[4] = { ATCWD, a[0], a[1], a[2] };
	return linux_sys_mknodat(t, b);
}

SYS(fchmod)
{
	CHECK_FD(a_int(a[0]));
	return HOST(fchmod(a_int(a[0]), (mode_t)a[1]));
}

SYS(fchmodat)
{
	PATH(p, a[1]);
	CHECK_DIRFD(a_int(a[0]));
	return HOST(fchmodat(a_int(a[0]), p, (mode_t)a[2], 0));
}

/* Owners: uid_t/gid_t are 32 bits on every ABI; (uid_t)-1 leaves it. */
static long do_chown(struct task *t, uint64_t dfd, uint64_t path, uint32_t u, uint32_t g, int flags)
{
	PATH(p, path);
	CHECK_DIRFD(a_int(dfd));
	return HOST(syscall(SYS_fchownat, a_int(dfd), p, u, g, flags));
}

SYS(fchownat) { return do_chown(t, a[0], a[1], (uint32_t)a[2], (uint32_t)a[3], a_int(a[4])); }
SYS(chown) { return do_chown(t, ATCWD, a[0], (uint32_t)a[1], (uint32_t)a[2], 0); }
SYS(lchown) { return do_chown(t, ATCWD, a[0], (uint32_t)a[1], (uint32_t)a[2], AT_SYMLINK_NOFOLLOW); }
SYS(fchown)
{
	CHECK_FD(a_int(a[0]));
	return HOST(fchown(a_int(a[0]), (uint32_t)a[1], (uint32_t)a[2]));
}

/* i386's 16-bit forms (old_uid_t): 0xffff means "unchanged", as the
 * kernel's low2highuid maps it to -1. */
static uint32_t high(uint64_t v) { return (uint16_t)v == 0xffff ? 0xffffffffu : (uint16_t)v; }
SYS(chown16) { return do_chown(t, ATCWD, a[0], high(a[1]), high(a[2]), 0); }
SYS(lchown16) { return do_chown(t, ATCWD, a[0], high(a[1]), high(a[2]), AT_SYMLINK_NOFOLLOW); }
SYS(fchown16)
{
	uint64_t b[3] = { a[0], high(a[1]), high(a[2]) };
	return linux_sys_fchown(t, b);
}

/* ---- times ---- */

/* n pairs of w-byte signed words (timespec/timeval of the ABI, or the
 * 64-bit __kernel_timespec). */
static long get_pairs(struct task *t, uint64_t addr, unsigned w, int n, int64_t *v)
{
	uint8_t raw[32];
	if (copyin(t, addr, raw, 2 * n * w))
		return -EFAULT;
	for (int i = 0; i < 2 * n; i++) {
		uint64_t x = abi_load(t->abi, raw + i * w, w);
		v[i] = w == 4 ? (int64_t)(int32_t)x : (int64_t)x;
	}
	return 0;
}

static long do_utimensat(struct task *t, uint64_t dfd, uint64_t path, uint64_t times, int flags, unsigned w)
{
	struct timespec ts[2];
	int64_t v[4];
	if (times) {
		if (get_pairs(t, times, w, 2, v))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			ts[i].tv_sec = v[2 * i];
			ts[i].tv_nsec = v[2 * i + 1];
		}
	}
	int fd = a_int(dfd);
	CHECK_DIRFD(fd);
	if (!path)	/* futimens: the descriptor itself */
		return HOST(syscall(SYS_utimensat, fd, NULL, times ? ts : NULL, flags));
	PATH(p, path);
	return HOST(syscall(SYS_utimensat, fd, p, times ? ts : NULL, flags));
}

SYS(utimensat) { return do_utimensat(t, a[0], a_ptr(t, a[1]), a_ptr(t, a[2]), a_int(a[3]), t->abi->ptr_size); }
SYS(utimensat_time64) { return do_utimensat(t, a[0], a_ptr(t, a[1]), a_ptr(t, a[2]), a_int(a[3]), 8); }

/* futimesat/utimes: struct timeval[2]; microseconds must be < 10^6. */
SYS(futimesat)
{
	uint64_t tv = a_ptr(t, a[2]);
	struct timespec ts[2];
	if (tv) {
		int64_t v[4];
		if (get_pairs(t, tv, t->abi->ptr_size, 2, v))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			if (v[2 * i + 1] < 0 || v[2 * i + 1] >= 1000000)
				return -EINVAL;
			ts[i].tv_sec = v[2 * i];
			ts[i].tv_nsec = v[2 * i + 1] * 1000;
		}
	}
	CHECK_DIRFD(a_int(a[0]));
	PATH(p, a[1]);
	return HOST(syscall(SYS_utimensat, a_int(a[0]), p, tv ? ts : NULL, 0));
}

SYS(utimes)
{
	uint64_t b[3] = { ATCWD, a[0], a[1] };
	return linux_sys_futimesat(t, b);
}

/* utime: struct utimbuf { time_t actime, modtime; } of the ABI's long. */
SYS(utime)
{
	uint64_t ub = a_ptr(t, a[1]);
	struct timespec ts[2];
	if (ub) {
		unsigned w = t->abi->ptr_size;
		uint8_t raw[16];
		if (copyin(t, ub, raw, 2 * w))
			return -EFAULT;
		for (int i = 0; i < 2; i++) {
			uint64_t x = abi_load(t->abi, raw + i * w, w);
			ts[i].tv_sec = w == 4 ? (int64_t)(int32_t)x : (int64_t)x;
			ts[i].tv_nsec = 0;
		}
	}
	PATH(p, a[0]);
	return HOST(syscall(SYS_utimensat, AT_FDCWD, p, ub ? ts : NULL, 0));
}
