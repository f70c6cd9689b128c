#define _GNU_SOURCE
/* open/openat/creat/close and F_GETFL: error paths and the flags whose
 * numbers differ on powerpc (O_DIRECTORY, O_NOFOLLOW, O_DIRECT). */
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void run(void)
{
	int fd;
	TST_EXP_PASS(fd = open("f", O_CREAT | O_EXCL | O_RDWR, 0600));
	TST_EXP_FAIL(open("f", O_CREAT | O_EXCL | O_RDWR, 0600), EEXIST);
	TST_EXP_FAIL(open("nonexistent", O_RDONLY), ENOENT);
	TST_EXP_FAIL(open("f", O_RDONLY | O_DIRECTORY), ENOTDIR);
	TST_EXP_FAIL(open("f/x", O_RDONLY), ENOTDIR);
	TST_EXP_FAIL(open(bad_ptr, O_RDONLY), EFAULT);
	if (symlink("f", "lnk") < 0)
		tst_brk(TBROK | TERRNO, "symlink");
	TST_EXP_FAIL(open("lnk", O_RDONLY | O_NOFOLLOW), ELOOP);
	int d;
	TST_EXP_PASS(d = open(".", O_RDONLY | O_DIRECTORY));
	TST_EXP_PASS(close(openat(d, "f", O_RDONLY)));
	TST_EXP_FAIL(openat(999, "f", O_RDONLY), EBADF);
	TST_EXP_FAIL(openat(fd, "f", O_RDONLY), ENOTDIR);
	int fl = fcntl(fd, F_GETFL);
	if ((fl & O_ACCMODE) == O_RDWR && !(fl & (O_DIRECTORY | O_NOFOLLOW | O_APPEND)))
		tst_res(TPASS, "F_GETFL of an O_RDWR file: %#x", fl & ~0100000 & ~0200000);
	else
		tst_res(TFAIL, "F_GETFL gave %#x", fl);
	int a;
	TST_EXP_PASS(a = open("f", O_WRONLY | O_APPEND | O_NONBLOCK));
	fl = fcntl(a, F_GETFL);
	if ((fl & (O_APPEND | O_NONBLOCK)) == (O_APPEND | O_NONBLOCK) && !(fl & O_DIRECT))
		tst_res(TPASS, "F_GETFL shows O_APPEND|O_NONBLOCK");
	else
		tst_res(TFAIL, "F_GETFL gave %#x", fl);
	TST_EXP_PASS(fcntl(a, F_SETFL, O_DIRECT));
	fl = fcntl(a, F_GETFL);
	if ((fl & O_DIRECT) && !(fl & (O_APPEND | O_NONBLOCK)))
		tst_res(TPASS, "F_SETFL O_DIRECT reads back");
	else
		tst_res(TFAIL, "F_GETFL after F_SETFL O_DIRECT gave %#x", fl);
	struct stat st;
	TST_EXP_PASS(fd = creat("c", 0640));
	if (fstat(fd, &st) == 0 && (st.st_mode & 0777) == (0640 & ~umask(022)))
		tst_res(TPASS, "creat mode %o", st.st_mode & 0777);
	else
		tst_res(TFAIL, "creat mode %o", st.st_mode & 0777);
	TST_EXP_FAIL(write(d, "x", 1), EBADF);
	TST_EXP_PASS(close(fd));
	TST_EXP_FAIL(close(fd), EBADF);
	TST_EXP_FAIL(close(-1), EBADF);
	close(a);
	close(d);
	unlink("f");
	unlink("c");
	unlink("lnk");
}

struct tst_test test = { .test_all = run, .needs_tmpdir = 1 };
