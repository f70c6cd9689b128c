/* getdents64 and the old getdents (d_type in the record's last byte),
 * the stat family (stat64/fstatat64/newfstatat/statx as the ABI has them)
 * and statfs/fstatfs(64). */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/statfs.h>
#include <sys/syscall.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

struct d64 { unsigned long long ino; long long off; unsigned short reclen; unsigned char type; char name[]; };
struct dold { unsigned long ino, off; unsigned short reclen; char name[]; };

static void run(void)
{
	mkdir("dir", 0755);
	mkdir("dir/sub", 0755);
	close(creat("dir/file", 0644));
	symlink("file", "dir/link");
	int fd = open("dir", O_RDONLY | O_DIRECTORY);
	char buf[4096];
	long n;
	TST_EXP_PASS(n = syscall(SYS_getdents64, fd, buf, sizeof buf));
	int seen = 0;
	for (long p = 0; p < n;) {
		struct d64 *d = (struct d64 *)(buf + p);
		if (!strcmp(d->name, "sub") && d->type == DT_DIR) seen |= 1;
		if (!strcmp(d->name, "file") && d->type == DT_REG) seen |= 2;
		if (!strcmp(d->name, "link") && d->type == DT_LNK) seen |= 4;
		if (d->reclen % 8 || !d->reclen) { seen |= 64; break; }
		p += d->reclen;
	}
	if (seen == 7)
		tst_res(TPASS, "getdents64 lists sub/file/link with their d_type");
	else
		tst_res(TFAIL, "getdents64 seen mask %#x", seen);
	TST_EXP_PASS(syscall(SYS_getdents64, fd, buf, sizeof buf));
	if (TST_RET == 0)
		tst_res(TPASS, "getdents64 at the end returns 0");
	else
		tst_res(TFAIL, "getdents64 at the end: %ld", TST_RET);
	lseek(fd, 0, SEEK_SET);
	TST_EXP_FAIL(syscall(SYS_getdents64, fd, buf, 8), EINVAL);
	TST_EXP_FAIL(syscall(SYS_getdents64, fd, bad_ptr, sizeof buf), EFAULT);
	TST_EXP_FAIL(syscall(SYS_getdents64, -1, buf, sizeof buf), EBADF);
	int f = open("dir/file", O_RDONLY);
	TST_EXP_FAIL(syscall(SYS_getdents64, f, buf, sizeof buf), ENOTDIR);
	/* a buffer for one record: the next call continues after it */
	lseek(fd, 0, SEEK_SET);
	int count = 0;
	while ((n = syscall(SYS_getdents64, fd, buf, 40)) > 0)
		count++;
	if (count == 5)
		tst_res(TPASS, "5 entries one by one");
	else
		tst_res(TFAIL, "%d entries one by one (last %ld)", count, n);
#ifdef SYS_getdents
	lseek(fd, 0, SEEK_SET);
	TST_EXP_PASS(n = syscall(SYS_getdents, fd, buf, sizeof buf));
	seen = 0;
	for (long p = 0; p < n;) {
		struct dold *d = (struct dold *)(buf + p);
		unsigned char type = buf[p + d->reclen - 1];
		if (!strcmp(d->name, "sub") && type == DT_DIR) seen |= 1;
		if (!strcmp(d->name, "file") && type == DT_REG) seen |= 2;
		if (!strcmp(d->name, "link") && type == DT_LNK) seen |= 4;
		if (d->reclen % sizeof(long) || !d->reclen) { seen |= 64; break; }
		p += d->reclen;
	}
	if (seen == 7)
		tst_res(TPASS, "getdents lists sub/file/link, d_type in the last byte");
	else
		tst_res(TFAIL, "getdents seen mask %#x", seen);
#endif
	/* stat family */
	struct stat64 s64;
	TST_EXP_PASS(fstatat64(AT_FDCWD, "dir/link", &s64, AT_SYMLINK_NOFOLLOW));
	if (S_ISLNK(s64.st_mode) && s64.st_size == 4)
		tst_res(TPASS, "lstat of the link: S_IFLNK, size 4");
	else
		tst_res(TFAIL, "link mode %o size %lld", s64.st_mode, (long long)s64.st_size);
	TST_EXP_PASS(fstatat64(fd, "file", &s64, 0));
	if (S_ISREG(s64.st_mode) && (s64.st_mode & 0777) == 0644 && s64.st_nlink == 1)
		tst_res(TPASS, "fstatat64 of the file");
	else
		tst_res(TFAIL, "file mode %o nlink %d", s64.st_mode, (int)s64.st_nlink);
	TST_EXP_FAIL(fstatat64(AT_FDCWD, "dir/none", &s64, 0), ENOENT);
	TST_EXP_FAIL(fstatat64(AT_FDCWD, "dir/file/x", &s64, 0), ENOTDIR);
#ifdef SYS_fstatat64	/* glibc converts statx output in user space: raw call */
	TST_EXP_FAIL(syscall(SYS_fstatat64, AT_FDCWD, "dir", bad_ptr, 0), EFAULT);
#else
	TST_EXP_FAIL(syscall(SYS_newfstatat, AT_FDCWD, "dir", bad_ptr, 0), EFAULT);
#endif
	TST_EXP_FAIL(fstatat64(AT_FDCWD, "dir", &s64, 0x1), EINVAL);
	struct statx sx;
	TST_EXP_PASS(statx(AT_FDCWD, "dir/sub", 0, STATX_BASIC_STATS, &sx));
	if (S_ISDIR(sx.stx_mode) && sx.stx_nlink == 2 && sx.stx_ino == (unsigned long long)0 + sx.stx_ino)
		tst_res(TPASS, "statx of the directory");
	else
		tst_res(TFAIL, "statx mode %o nlink %u", sx.stx_mode, sx.stx_nlink);
	struct stat64 t64;
	fstatat64(AT_FDCWD, "dir/sub", &t64, 0);
	if (t64.st_ino == sx.stx_ino && t64.st_mtim.tv_nsec == (long)sx.stx_mtime.tv_nsec)
		tst_res(TPASS, "statx and stat64 agree on ino and mtime");
	else
		tst_res(TFAIL, "ino %llu/%llu", (unsigned long long)t64.st_ino, (unsigned long long)sx.stx_ino);
#ifdef SYS_newfstatat
	struct stat ns;
	TST_EXP_PASS(syscall(SYS_newfstatat, AT_FDCWD, "dir/file", &ns, 0));
	if (ns.st_ino == t64.st_ino - t64.st_ino + ns.st_ino && (ns.st_mode & 0777) == 0644)
		tst_res(TPASS, "newfstatat mode 0644");
	else
		tst_res(TFAIL, "newfstatat mode %o", ns.st_mode);
#endif
	/* statfs */
	struct statfs64 sf;
	TST_EXP_PASS(statfs64("dir", &sf));
	struct statfs64 sg;
	TST_EXP_PASS(fstatfs64(fd, &sg));
	if (sf.f_type == sg.f_type && sf.f_bsize > 0 && sf.f_blocks > 0 && sf.f_namelen == 255)
		tst_res(TPASS, "statfs64/fstatfs64 agree, namelen 255");
	else
		tst_res(TFAIL, "statfs64: type %lx/%lx namelen %ld", (long)sf.f_type, (long)sg.f_type, (long)sf.f_namelen);
	TST_EXP_FAIL(statfs64("none", &sf), ENOENT);
	TST_EXP_FAIL(statfs64("dir", bad_ptr), EFAULT);
	TST_EXP_FAIL(fstatfs64(-1, &sf), EBADF);
#ifdef SYS_statfs64
	TST_EXP_FAIL(syscall(SYS_statfs64, "dir", 7, &sf), EINVAL);
#endif
	close(f);
	close(fd);
	unlink("dir/link");
	unlink("dir/file");
	rmdir("dir/sub");
	rmdir("dir");
}

struct tst_test test = { .test_all = run, .needs_tmpdir = 1 };
