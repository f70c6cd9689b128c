/* The stat family, marshalled through the arch's layout tables ("stat",
 * "stat64", "statx"), so the same code serves every ABI and byte order. */
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "layout.h"
#include "sys.h"

/* Store v in a field, failing with EOVERFLOW if it does not fit, as the
 * kernel's cp_*_stat do. */
static int put(struct task *t, const struct layout *l, void *buf, const char *name, uint64_t v, int must)
{
	const struct lfield *f = layout_field(l, name);
	if (!f)
		return must ? -EOVERFLOW : 0;
	if (f->size < 8 && !f->is_signed && (v >> (8 * f->size)))
		return -EOVERFLOW;
	lf_put(t->abi, (uint8_t *)buf, f, v);
	return 0;
}

static long put_stat(struct task *t, const char *lname, const struct stat *st, uint64_t addr)
{
	const struct layout *l = layout_get(t->abi, lname);
	if (!l)
		return -ENOSYS;
	uint8_t buf[512];
	if (l->size > sizeof buf)
		return -ENOSYS;
	memset(buf, 0, l->size);
	int e = 0;
	e |= put(t, l, buf, "st_dev", st->st_dev, 1);
	e |= put(t, l, buf, "st_ino", st->st_ino, 1);
	put(t, l, buf, "__st_ino", st->st_ino & 0xffffffffu, 0);
	e |= put(t, l, buf, "st_mode", st->st_mode, 1);
	e |= put(t, l, buf, "st_nlink", st->st_nlink, 1);
	e |= put(t, l, buf, "st_uid", st->st_uid, 1);
	e |= put(t, l, buf, "st_gid", st->st_gid, 1);
	e |= put(t, l, buf, "st_rdev", st->st_rdev, 1);
	const struct lfield *sz = layout_field(l, "st_size");
	if (sz && sz->size == 4 && (st->st_size > INT32_MAX))
		return -EOVERFLOW;
	e |= put(t, l, buf, "st_size", (uint64_t)st->st_size, 1);
	e |= put(t, l, buf, "st_blksize", (uint64_t)st->st_blksize, 1);
	e |= put(t, l, buf, "st_blocks", (uint64_t)st->st_blocks, 1);
	e |= put(t, l, buf, "st_atime", (uint64_t)st->st_atim.tv_sec, 1);
	e |= put(t, l, buf, "st_atime_nsec", (uint64_t)st->st_atim.tv_nsec, 1);
	e |= put(t, l, buf, "st_mtime", (uint64_t)st->st_mtim.tv_sec, 1);
	e |= put(t, l, buf, "st_mtime_nsec", (uint64_t)st->st_mtim.tv_nsec, 1);
	e |= put(t, l, buf, "st_ctime", (uint64_t)st->st_ctim.tv_sec, 1);
	e |= put(t, l, buf, "st_ctime_nsec", (uint64_t)st->st_ctim.tv_nsec, 1);
	if (e)
		return -EOVERFLOW;
	return copyout(t, buf, addr, l->size) ? -EFAULT : 0;
}

static long do_fstatat(struct task *t, uint64_t dfd, uint64_t upath, uint64_t ubuf,
		       uint64_t flags, const char *lname)
{
	char p[PATH_MAX];
	long n = get_path(t, upath, p, sizeof p);
	if (n < 0)
		return n;
	CHECK_DIRFD(a_int(dfd));
	struct stat st;
	if (fstatat(a_int(dfd), p, &st, a_int(flags)) < 0)
		return -errno;
	return put_stat(t, lname, &st, ubuf);
}

static long do_fstat(struct task *t, uint64_t fd, uint64_t ubuf, const char *lname)
{
	struct stat st;
	CHECK_FD(a_int(fd));
	if (fstat(a_int(fd), &st) < 0)
		return -errno;
	return put_stat(t, lname, &st, ubuf);
}

#define ATCWD ((uint64_t)(uint32_t)AT_FDCWD)
SYS(newfstatat) { return do_fstatat(t, a[0], a[1], a[2], a[3], "stat"); }
SYS(fstatat64) { return do_fstatat(t, a[0], a[1], a[2], a[3], "stat64"); }
SYS(stat) { return do_fstatat(t, ATCWD, a[0], a[1], 0, "stat"); }
SYS(lstat) { return do_fstatat(t, ATCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW, "stat"); }
SYS(stat64) { return do_fstatat(t, ATCWD, a[0], a[1], 0, "stat64"); }
SYS(lstat64) { return do_fstatat(t, ATCWD, a[0], a[1], AT_SYMLINK_NOFOLLOW, "stat64"); }
SYS(fstat) { return do_fstat(t, a[0], a[1], "stat"); }
SYS(fstat64) { return do_fstat(t, a[0], a[1], "stat64"); }

/* statx has one layout on every ABI; only the byte order differs. */
SYS(statx)
{
	char p[PATH_MAX];
	long n = get_path(t, a[1], p, sizeof p);
	if (n < 0)
		return n;
	CHECK_DIRFD(a_int(a[0]));
	struct statx sx;
	if (syscall(SYS_statx, a_int(a[0]), p, a_int(a[2]), (unsigned)a[3], &sx) < 0)
		return -errno;
	const struct layout *l = layout_get(t->abi, "statx");
	if (!l)
		return -ENOSYS;
	uint8_t buf[256];
	memset(buf, 0, sizeof buf);
#define SX(f) layout_put(t->abi, l, buf, #f, (uint64_t)sx.f)
	SX(stx_mask); SX(stx_blksize); SX(stx_attributes); SX(stx_nlink); SX(stx_uid);
	SX(stx_gid); SX(stx_mode); SX(stx_ino); SX(stx_size); SX(stx_blocks);
	SX(stx_attributes_mask); SX(stx_rdev_major); SX(stx_rdev_minor);
	SX(stx_dev_major); SX(stx_dev_minor);
#undef SX
#define ST(f) do { layout_put(t->abi, l, buf, #f "_sec", (uint64_t)sx.f.tv_sec); \
		   layout_put(t->abi, l, buf, #f "_nsec", sx.f.tv_nsec); } while (0)
	ST(stx_atime); ST(stx_btime); ST(stx_ctime); ST(stx_mtime);
#undef ST
	return copyout(t, buf, a[4], l->size < sizeof buf ? l->size : sizeof buf) ? -EFAULT : 0;
}
