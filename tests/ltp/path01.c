/* Name space and descriptors: mkdir/rmdir/unlink, link/symlink/readlink,
 * rename/renameat2 flags, access, chmod/chown (and i386's 16-bit chown),
 * mknod, utimensat/utimes/utime, getcwd/chdir/fchdir, umask, dup family,
 * pipe2, close_range. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <utime.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <linux/close_range.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static long long mtime(const char *p)
{
	struct stat64 st;
	return stat64(p, &st) ? -1 : (long long)st.st_mtime;
}

static void run(void)
{
	TST_EXP_PASS(mkdir("d", 0755));
	TST_EXP_FAIL(mkdir("d", 0755), EEXIST);
	TST_EXP_FAIL(mkdir(bad_ptr, 0755), EFAULT);
	TST_EXP_PASS(mkdirat(AT_FDCWD, "d/e", 0755));
	TST_EXP_FAIL(rmdir("d"), ENOTEMPTY);
	TST_EXP_FAIL(unlink("d"), EISDIR);
	close(creat("f", 0644));
	TST_EXP_FAIL(rmdir("f"), ENOTDIR);
	TST_EXP_PASS(link("f", "h"));
	TST_EXP_FAIL(link("f", "h"), EEXIST);
	TST_EXP_FAIL(link("nonexistent", "x"), ENOENT);
	TST_EXP_PASS(linkat(AT_FDCWD, "f", AT_FDCWD, "d/h2", 0));
	TST_EXP_FAIL(linkat(999, "f", AT_FDCWD, "x", 0), EBADF);
	TST_EXP_PASS(symlink("f", "s"));
	char buf[64] = { 0 };
	TST_EXP_PASS(readlink("s", buf, sizeof buf));
	if (TST_RET == 1 && buf[0] == 'f')
		tst_res(TPASS, "readlink gives f");
	else
		tst_res(TFAIL, "readlink gave %ld '%s'", TST_RET, buf);
	TST_EXP_FAIL(readlink("f", buf, sizeof buf), EINVAL);
	TST_EXP_PASS(symlinkat("d", AT_FDCWD, "sd"));
	TST_EXP_FAIL(symlink("x", "s"), EEXIST);
	/* renames */
	TST_EXP_PASS(rename("h", "h3"));
	TST_EXP_FAIL(rename("h", "h4"), ENOENT);
	TST_EXP_FAIL(renameat2(AT_FDCWD, "h3", AT_FDCWD, "f", RENAME_NOREPLACE), EEXIST);
	TST_EXP_PASS(renameat(AT_FDCWD, "h3", AT_FDCWD, "d/h3"));
	TST_EXP_PASS(renameat2(AT_FDCWD, "s", AT_FDCWD, "sd", RENAME_EXCHANGE));
	TST_EXP_PASS(readlink("s", buf, sizeof buf));
	if (TST_RET == 1 && buf[0] == 'd')
		tst_res(TPASS, "RENAME_EXCHANGE swapped the links");
	else
		tst_res(TFAIL, "after RENAME_EXCHANGE s -> '%.*s'", (int)TST_RET, buf);
	TST_EXP_FAIL(renameat2(AT_FDCWD, "s", AT_FDCWD, "sd", RENAME_EXCHANGE | RENAME_NOREPLACE), EINVAL);
	/* access */
	TST_EXP_PASS(access("f", R_OK | W_OK));
	TST_EXP_FAIL(access("nonexistent", F_OK), ENOENT);
	TST_EXP_FAIL(faccessat(AT_FDCWD, "f", 0100, 0), EINVAL);
	TST_EXP_PASS(syscall(SYS_faccessat, AT_FDCWD, "s", F_OK));
	/* modes and owners */
	TST_EXP_PASS(chmod("f", 0600));
	int fd = open("f", O_RDWR);
	TST_EXP_PASS(fchmod(fd, 0640));
	TST_EXP_PASS(fchmodat(AT_FDCWD, "f", 0604, 0));
	struct stat64 st;
	fstat64(fd, &st);
	if ((st.st_mode & 0777) == 0604)
		tst_res(TPASS, "mode 0604");
	else
		tst_res(TFAIL, "mode %o", st.st_mode & 0777);
	TST_EXP_FAIL(fchmod(-1, 0600), EBADF);
	TST_EXP_PASS(chown("f", 1234, 5678));
	TST_EXP_PASS(fchown(fd, -1, 4321));
	TST_EXP_PASS(lchown("s", 7, 8));
	TST_EXP_PASS(fchownat(AT_FDCWD, "f", -1, -1, 0));
	fstat64(fd, &st);
	if (st.st_uid == 1234 && st.st_gid == 4321)
		tst_res(TPASS, "owner 1234:4321");
	else
		tst_res(TFAIL, "owner %u:%u", (unsigned)st.st_uid, (unsigned)st.st_gid);
#if defined(SYS_chown32)
	/* the 16-bit calls: 0xffff leaves an id alone */
	TST_EXP_PASS(syscall(SYS_chown, "f", 0xffff, 99));
	stat64("f", &st);
	if (st.st_uid == 1234 && st.st_gid == 99)
		tst_res(TPASS, "16-bit chown: uid kept, gid 99");
	else
		tst_res(TFAIL, "16-bit chown gave %u:%u", (unsigned)st.st_uid, (unsigned)st.st_gid);
#endif
	/* nodes */
	TST_EXP_PASS(mknod("fifo", S_IFIFO | 0600, 0));
	stat64("fifo", &st);
	if (S_ISFIFO(st.st_mode))
		tst_res(TPASS, "mknod made a FIFO");
	else
		tst_res(TFAIL, "mode %o", st.st_mode);
	TST_EXP_FAIL(mknodat(AT_FDCWD, "fifo", S_IFIFO | 0600, 0), EEXIST);
	TST_EXP_FAIL(mknod("bad", 0170000 | 0600, 0), EINVAL);
	/* times */
	struct timespec ts[2] = { { 1000000, 0 }, { 2000000, 5 } };
	TST_EXP_PASS(utimensat(AT_FDCWD, "f", ts, 0));
	if (mtime("f") == 2000000)
		tst_res(TPASS, "utimensat set mtime");
	else
		tst_res(TFAIL, "mtime %lld", mtime("f"));
	ts[1].tv_nsec = 1000000000;
	TST_EXP_FAIL(utimensat(AT_FDCWD, "f", ts, 0), EINVAL);
	TST_EXP_FAIL(syscall(SYS_utimensat, AT_FDCWD, "f", bad_ptr, 0), EFAULT);
	ts[0].tv_nsec = UTIME_OMIT;
	ts[1] = (struct timespec){ 3000000, 0 };
	TST_EXP_PASS(futimens(fd, ts));
	if (mtime("f") == 3000000)
		tst_res(TPASS, "futimens set mtime");
	else
		tst_res(TFAIL, "mtime %lld", mtime("f"));
	struct timeval tv[2] = { { 4000000, 0 }, { 5000000, 0 } };
	TST_EXP_PASS(utimes("f", tv));
	if (mtime("f") == 5000000)
		tst_res(TPASS, "utimes set mtime");
	else
		tst_res(TFAIL, "mtime %lld", mtime("f"));
	tv[1].tv_usec = 1000000;
	TST_EXP_FAIL(syscall(SYS_utimes, "f", tv), EINVAL);
#ifdef SYS_utime
	struct utimbuf ub = { 6000000, 7000000 };
	TST_EXP_PASS(syscall(SYS_utime, "f", &ub));
	if (mtime("f") == 7000000)
		tst_res(TPASS, "utime set mtime");
	else
		tst_res(TFAIL, "mtime %lld", mtime("f"));
#endif
	/* directories */
	char cwd[256];
	TST_EXP_PASS(getcwd(cwd, sizeof cwd) ? 0 : -1);
	TST_EXP_FAIL(syscall(SYS_getcwd, cwd, 2), ERANGE);
	TST_EXP_FAIL(syscall(SYS_getcwd, bad_ptr, 256), EFAULT);
	TST_EXP_PASS(chdir("d"));
	TST_EXP_PASS(access("h3", F_OK));
	int dfd = open("..", O_RDONLY | O_DIRECTORY);
	TST_EXP_PASS(fchdir(dfd));
	TST_EXP_FAIL(chdir("f"), ENOTDIR);
	TST_EXP_FAIL(fchdir(fd), ENOTDIR);
	mode_t old = umask(027);
	if (umask(old) == 027)
		tst_res(TPASS, "umask round trip");
	else
		tst_res(TFAIL, "umask");
	/* descriptors */
	TST_EXP_PASS(dup2(fd, 30));
	TST_EXP_FAIL(dup3(fd, fd, 0), EINVAL);
	TST_EXP_FAIL(dup3(fd, 31, O_RDONLY | 4), EINVAL);
	TST_EXP_PASS(dup3(fd, 31, O_CLOEXEC));
	if (fcntl(31, F_GETFD) == FD_CLOEXEC)
		tst_res(TPASS, "dup3 O_CLOEXEC");
	else
		tst_res(TFAIL, "dup3 flags %d", fcntl(31, F_GETFD));
	TST_EXP_FAIL(dup(-1), EBADF);
	int p[2];
	TST_EXP_PASS(pipe2(p, O_NONBLOCK | O_CLOEXEC));
	if ((fcntl(p[0], F_GETFL) & O_NONBLOCK) && fcntl(p[1], F_GETFD) == FD_CLOEXEC)
		tst_res(TPASS, "pipe2 flags");
	else
		tst_res(TFAIL, "pipe2 flags");
	TST_EXP_FAIL(read(p[0], buf, 1), EAGAIN);
	TST_EXP_FAIL(pipe2(p, 0x7), EINVAL);
	TST_EXP_FAIL(pipe(bad_ptr), EFAULT);
	TST_EXP_PASS(syscall(SYS_close_range, 30, 31, CLOSE_RANGE_CLOEXEC));
	if (fcntl(30, F_GETFD) == FD_CLOEXEC)
		tst_res(TPASS, "close_range CLOEXEC");
	else
		tst_res(TFAIL, "close_range CLOEXEC");
	TST_EXP_PASS(syscall(SYS_close_range, 30, ~0U, 0));
	TST_EXP_FAIL(fcntl(31, F_GETFD), EBADF);
	TST_EXP_FAIL(syscall(SYS_close_range, 5, 4, 0), EINVAL);
	TST_EXP_FAIL(syscall(SYS_close_range, 30, 31, 0x80), EINVAL);
	close(p[0]);
	close(p[1]);
	close(dfd);
	close(fd);
	unlink("d/h2");
	unlink("d/h3");
	rmdir("d/e");
	rmdir("d");
	unlink("f");
	unlink("s");
	unlink("sd");
	unlink("fifo");
}

struct tst_test test = { .test_all = run, .needs_tmpdir = 1 };
