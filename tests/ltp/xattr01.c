/* Extended attributes: set/get/list/remove through a path, a symlink (the
 * l* forms act on the link itself) and a descriptor; the size-0 length
 * query, ERANGE for a short buffer and an over-long name, E2BIG for a
 * value over 64 KiB, XATTR_CREATE/XATTR_REPLACE, ENODATA, EBADF, EFAULT.
 * TCONF where the temporary directory's file system has no user.* xattrs. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/xattr.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void run(void)
{
	int fd = open("f", O_RDWR | O_CREAT, 0600);
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "open");
	if (setxattr("f", "user.probe", "x", 1, 0) && (errno == ENOTSUP || errno == EOPNOTSUPP)) {
		tst_res(TCONF, "no user.* extended attributes on this file system");
		close(fd);
		unlink("f");
		return;
	}
	char buf[64];
	TST_EXP_PASS(setxattr("f", "user.color", "blue", 4, XATTR_CREATE));
	TST_EXP_FAIL(setxattr("f", "user.color", "red", 3, XATTR_CREATE), EEXIST);
	TST_EXP_FAIL(setxattr("f", "user.none", "red", 3, XATTR_REPLACE), ENODATA);
	long n = getxattr("f", "user.color", NULL, 0);
	if (n == 4)
		tst_res(TPASS, "getxattr size query: 4");
	else
		tst_res(TFAIL | TERRNO, "getxattr size query: %ld", n);
	memset(buf, 0, sizeof buf);
	n = getxattr("f", "user.color", buf, sizeof buf);
	if (n == 4 && !memcmp(buf, "blue", 4))
		tst_res(TPASS, "getxattr: blue");
	else
		tst_res(TFAIL | TERRNO, "getxattr: %ld '%.*s'", n, (int)(n > 0 ? n : 0), buf);
	TST_EXP_FAIL(getxattr("f", "user.color", buf, 2), ERANGE);
	TST_EXP_FAIL(getxattr("f", "user.none", buf, sizeof buf), ENODATA);
	TST_EXP_FAIL(getxattr("f", "user.color", bad_ptr, sizeof buf), EFAULT);
	char longname[300];
	memset(longname, 'a', sizeof longname);
	memcpy(longname, "user.", 5);
	longname[299] = 0;
	TST_EXP_FAIL(getxattr("f", longname, buf, sizeof buf), ERANGE);
	static char big[65537];
	TST_EXP_FAIL(setxattr("f", "user.big", big, sizeof big, 0), E2BIG);

	TST_EXP_PASS(fsetxattr(fd, "user.shape", "round", 5, 0));
	n = flistxattr(fd, NULL, 0);
	long m = flistxattr(fd, buf, sizeof buf);
	/* "user.color\0user.shape\0" (and the probe), in any order */
	int seen = 0;
	for (long i = 0; m > 0 && i < m; i += (long)strlen(buf + i) + 1)
		seen |= (!strcmp(buf + i, "user.color")) | (!strcmp(buf + i, "user.shape")) << 1;
	if (n == m && seen == 3)
		tst_res(TPASS, "flistxattr: %ld bytes, both names", m);
	else
		tst_res(TFAIL | TERRNO, "flistxattr: query %ld, list %ld, seen %d", n, m, seen);
	TST_EXP_FAIL(flistxattr(fd, buf, 3), ERANGE);
	n = fgetxattr(fd, "user.shape", buf, sizeof buf);
	if (n == 5 && !memcmp(buf, "round", 5))
		tst_res(TPASS, "fgetxattr: round");
	else
		tst_res(TFAIL | TERRNO, "fgetxattr: %ld", n);
	TST_EXP_PASS(fremovexattr(fd, "user.shape"));
	TST_EXP_FAIL(fremovexattr(fd, "user.shape"), ENODATA);
	TST_EXP_FAIL(fgetxattr(-1, "user.shape", buf, sizeof buf), EBADF);
	TST_EXP_PASS(removexattr("f", "user.color"));
	n = listxattr("f", buf, sizeof buf);
	if (n >= 0 && (n == 0 || !memcmp(buf, "user.probe", 11)))
		tst_res(TPASS, "listxattr after removes: %ld bytes", n);
	else
		tst_res(TFAIL | TERRNO, "listxattr after removes: %ld", n);

	/* the l* forms act on a symlink itself: user.* is not allowed there */
	if (symlink("f", "l"))
		tst_brk(TBROK | TERRNO, "symlink");
	TST_EXP_FAIL(lsetxattr("l", "user.x", "1", 1, 0), EPERM);
	TST_EXP_FAIL(lgetxattr("l", "user.probe", buf, sizeof buf), ENODATA);
	n = getxattr("l", "user.probe", buf, sizeof buf);
	if (n == 1)
		tst_res(TPASS, "getxattr follows the symlink");
	else
		tst_res(TFAIL | TERRNO, "getxattr through the link: %ld", n);
	n = llistxattr("l", buf, sizeof buf);
	if (n >= 0)
		tst_res(TPASS, "llistxattr on the link: %ld bytes", n);
	else
		tst_res(TFAIL | TERRNO, "llistxattr");
	TST_EXP_FAIL(lremovexattr("l", "user.probe"), EPERM);	/* user.* on a link */
	TST_EXP_FAIL(getxattr(bad_ptr, "user.probe", buf, sizeof buf), EFAULT);
	close(fd);
	unlink("l");
	unlink("f");
}

struct tst_test test = {
	.test_all = run,
	.needs_tmpdir = 1,
};
