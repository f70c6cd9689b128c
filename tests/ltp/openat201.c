/* openat2(2): struct open_how and its size (version 0, a longer struct
 * with a zero tail; EINVAL below 24 bytes, E2BIG above a page or for a
 * non-zero tail, EFAULT); open(2) flags of the ABI (O_CREAT's mode,
 * O_DIRECTORY, O_NOFOLLOW, O_APPEND seen again through F_GETFL; EINVAL for
 * unknown bits, a mode without O_CREAT); RESOLVE_BENEATH (EXDEV for ".."
 * and absolute paths), RESOLVE_IN_ROOT ("/" is the dirfd), RESOLVE_NO_SYMLINKS
 * (ELOOP); flags are judged before the path is read. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/openat2.h>
#include "tst.h"

#ifdef SYS_openat2
static void *volatile bad_ptr = (void *)16;

static long o2(int dfd, const char *path, unsigned long long flags, unsigned long long mode,
	       unsigned long long resolve)
{
	struct open_how how = { .flags = flags, .mode = mode, .resolve = resolve };
	return syscall(SYS_openat2, dfd, path, &how, sizeof how);
}

static void expect_content(long fd, const char *want)
{
	char buf[32] = { 0 };
	ssize_t n = fd >= 0 ? pread((int)fd, buf, sizeof buf - 1, 0) : -1;
	if (n == (ssize_t)strlen(want) && !strcmp(buf, want))
		tst_res(TPASS, "read \"%s\"", want);
	else
		tst_res(TFAIL, "read %zd \"%s\", expected \"%s\"", n, buf, want);
	if (fd >= 0)
		close((int)fd);
}

static void setup(void)
{
	umask(0);
	int f = open("f", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (f < 0 || write(f, "top", 3) != 3 || mkdir("d", 0755) < 0 || symlink("../f", "d/link") < 0)
		tst_brk(TBROK | TERRNO, "setup");
	close(f);
	f = open("d/g", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	if (f < 0 || write(f, "inner", 5) != 5)
		tst_brk(TBROK | TERRNO, "d/g");
	close(f);
}

static void cleanup(void)
{
	unlink("d/link");
	unlink("d/g");
	unlink("new");
	rmdir("d");
	unlink("f");
}

static void do_how(void)
{
	TST_EXP_PASS(o2(AT_FDCWD, "f", O_RDONLY, 0, 0));
	expect_content(TST_RET, "top");

	struct { struct open_how h; unsigned long long extra; } big = { { .flags = O_RDONLY }, 0 };
	TST_EXP_PASS(syscall(SYS_openat2, AT_FDCWD, "f", &big, sizeof big));
	expect_content(TST_RET, "top");
	big.extra = 1;
	TST_EXP_FAIL(syscall(SYS_openat2, AT_FDCWD, "f", &big, sizeof big), E2BIG);
	TST_EXP_FAIL(syscall(SYS_openat2, AT_FDCWD, "f", &big, 16), EINVAL);
	TST_EXP_FAIL(syscall(SYS_openat2, AT_FDCWD, "f", &big, 8192), E2BIG);
	TST_EXP_FAIL(syscall(SYS_openat2, AT_FDCWD, "f", bad_ptr, sizeof big.h), EFAULT);
}

static void do_flags(void)
{
	TST_EXP_PASS(o2(AT_FDCWD, "new", O_RDWR | O_CREAT | O_EXCL | O_APPEND, 0640, 0));
	struct stat st;
	if (TST_RET >= 0 && fstat((int)TST_RET, &st) == 0 && (st.st_mode & 07777) == 0640)
		tst_res(TPASS, "O_CREAT made mode 0640");
	else
		tst_res(TFAIL, "mode %o after O_CREAT 0640", TST_RET >= 0 ? (unsigned)(st.st_mode & 07777) : 0);
	int fl = TST_RET >= 0 ? fcntl((int)TST_RET, F_GETFL) : -1;
	if (fl >= 0 && (fl & O_ACCMODE) == O_RDWR && (fl & O_APPEND))
		tst_res(TPASS, "F_GETFL: O_RDWR|O_APPEND");
	else
		tst_res(TFAIL, "F_GETFL %#x", fl);
	if (TST_RET >= 0)
		close((int)TST_RET);
	TST_EXP_FAIL(o2(AT_FDCWD, "new", O_RDWR | O_CREAT | O_EXCL, 0600, 0), EEXIST);
	TST_EXP_FAIL(o2(AT_FDCWD, "f", O_RDONLY, 0600, 0), EINVAL);	/* a mode without O_CREAT */
	TST_EXP_FAIL(o2(AT_FDCWD, "f", O_RDONLY | (1ULL << 40), 0, 0), EINVAL);
	TST_EXP_FAIL(o2(AT_FDCWD, "f", O_RDONLY, 0, 1ULL << 30), EINVAL);
	TST_EXP_FAIL(o2(AT_FDCWD, "f", O_RDONLY | O_DIRECTORY, 0, 0), ENOTDIR);
	TST_EXP_PASS(o2(AT_FDCWD, "d", O_RDONLY | O_DIRECTORY, 0, 0));
	if (TST_RET >= 0)
		close((int)TST_RET);
	TST_EXP_FAIL(o2(AT_FDCWD, "d/link", O_RDONLY | O_NOFOLLOW, 0, 0), ELOOP);
	TST_EXP_FAIL(o2(AT_FDCWD, "nothere", O_RDONLY, 0, 0), ENOENT);
	/* the flags first: a bad path comes second */
	TST_EXP_FAIL(o2(AT_FDCWD, bad_ptr, O_RDONLY, 0, 0), EFAULT);
	TST_EXP_FAIL(o2(AT_FDCWD, bad_ptr, O_RDONLY, 0, 1ULL << 30), EINVAL);
	TST_EXP_FAIL(o2(-1, "f", O_RDONLY, 0, 0), EBADF);
}

static void do_resolve(void)
{
	int d = open("d", O_RDONLY | O_DIRECTORY);
	if (d < 0)
		tst_brk(TBROK | TERRNO, "open d");
	TST_EXP_PASS(o2(d, "g", O_RDONLY, 0, RESOLVE_BENEATH));
	expect_content(TST_RET, "inner");
	TST_EXP_FAIL(o2(d, "../f", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV);
	TST_EXP_FAIL(o2(d, "/etc", O_RDONLY, 0, RESOLVE_BENEATH), EXDEV);
	TST_EXP_PASS(o2(d, "/g", O_RDONLY, 0, RESOLVE_IN_ROOT));
	expect_content(TST_RET, "inner");
	TST_EXP_PASS(o2(d, "link", O_RDONLY, 0, 0));
	expect_content(TST_RET, "top");
	TST_EXP_FAIL(o2(d, "link", O_RDONLY, 0, RESOLVE_NO_SYMLINKS), ELOOP);
	close(d);
}

static void run(void)
{
	do_how();
	do_flags();
	do_resolve();
}
#else
static void setup(void) {}
static void cleanup(void) {}
static void run(void) { tst_res(TCONF, "no openat2 in this ABI's headers"); }
#endif

struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test_all = run,
	.needs_tmpdir = 1,
};
