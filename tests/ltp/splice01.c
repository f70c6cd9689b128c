/* splice, tee, vmsplice: splice from a file at a loff_t offset in memory
 * (below and above 4 GiB, written back, the file position untouched), from
 * a pipe into a file at an offset; tee duplicates without consuming;
 * vmsplice gathers into a pipe and scatters out of one.  Errors: EINVAL
 * (no pipe, unknown flags, the same pipe twice), ESPIPE (an offset on a
 * pipe), EAGAIN (SPLICE_F_NONBLOCK on an empty pipe), EBADF, EFAULT. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <sys/uio.h>
#include <unistd.h>
#include "tst.h"

#define BIG (1LL << 32)
static void *volatile bad_ptr = (void *)16;

static void expect_data(int fd, const char *want)
{
	char buf[64] = { 0 };
	ssize_t n = read(fd, buf, sizeof buf - 1);
	if (n == (ssize_t)strlen(want) && !memcmp(buf, want, n))
		tst_res(TPASS, "read back \"%s\"", want);
	else
		tst_res(TFAIL, "read back %zd bytes \"%s\", expected \"%s\"", n, buf, want);
}

static void expect_off(const char *what, loff_t got, loff_t want)
{
	if (got == want)
		tst_res(TPASS, "%s: offset now %#llx", what, (long long)got);
	else
		tst_res(TFAIL, "%s: offset %#llx, expected %#llx", what, (long long)got, (long long)want);
}

static void do_splice(void)
{
	int p[2];
	if (pipe(p) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
	int src = open("src", O_RDWR | O_CREAT | O_TRUNC, 0600);
	int dst = open("dst", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (src < 0 || dst < 0)
		tst_brk(TBROK | TERRNO, "open");
	if (write(src, "0123456789abcdefghij", 20) != 20 || pwrite(src, "HELLO", 5, BIG + 3) != 5)
		tst_brk(TBROK | TERRNO, "write src");
	lseek(src, 0, SEEK_SET);

	loff_t off = 10;
	TST_EXP_PASS(splice(src, &off, p[1], NULL, 5, 0));
	expect_off("splice from offset 10", off, 15);
	expect_data(p[0], "abcde");
	if (lseek(src, 0, SEEK_CUR) == 0)
		tst_res(TPASS, "the file position is untouched");
	else
		tst_res(TFAIL, "file position %lld after splice with an offset", (long long)lseek(src, 0, SEEK_CUR));
	off = BIG + 3;
	TST_EXP_PASS(splice(src, &off, p[1], NULL, 5, 0));
	expect_off("splice from above 4 GiB", off, BIG + 8);
	expect_data(p[0], "HELLO");
	TST_EXP_PASS(splice(src, NULL, p[1], NULL, 4, SPLICE_F_MORE));
	expect_data(p[0], "0123");

	if (write(p[1], "xyz", 3) != 3)
		tst_brk(TBROK | TERRNO, "write pipe");
	off = BIG;
	TST_EXP_PASS(splice(p[0], NULL, dst, &off, 3, SPLICE_F_MOVE));
	expect_off("splice into a file above 4 GiB", off, BIG + 3);
	char got[4] = { 0 };
	if (pread(dst, got, 3, BIG) == 3 && !memcmp(got, "xyz", 3))
		tst_res(TPASS, "the file has \"xyz\" at 4 GiB");
	else
		tst_res(TFAIL, "the file has \"%s\" at 4 GiB", got);

	TST_EXP_FAIL(splice(src, NULL, dst, NULL, 4, 0), EINVAL);
	off = 0;
	TST_EXP_FAIL(splice(p[0], &off, dst, NULL, 4, 0), ESPIPE);
	TST_EXP_FAIL(splice(src, NULL, p[1], NULL, 4, 0x100), EINVAL);
	TST_EXP_FAIL(splice(p[0], NULL, dst, NULL, 4, SPLICE_F_NONBLOCK), EAGAIN);
	TST_EXP_FAIL(splice(-1, NULL, p[1], NULL, 4, 0), EBADF);
	TST_EXP_FAIL(splice(src, bad_ptr, p[1], NULL, 4, 0), EFAULT);
	close(src);
	close(dst);
	close(p[0]);
	close(p[1]);
}

static void do_tee(void)
{
	int a[2], b[2];
	if (pipe(a) < 0 || pipe(b) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
	if (write(a[1], "tee!", 4) != 4)
		tst_brk(TBROK | TERRNO, "write");
	TST_EXP_PASS(tee(a[0], b[1], 100, 0));
	if (TST_RET == 4)
		tst_res(TPASS, "tee copied 4 bytes");
	else
		tst_res(TFAIL, "tee copied %ld bytes", TST_RET);
	expect_data(b[0], "tee!");
	expect_data(a[0], "tee!");
	TST_EXP_FAIL(tee(a[0], b[1], 100, SPLICE_F_NONBLOCK), EAGAIN);
	TST_EXP_FAIL(tee(a[0], a[1], 100, 0), EINVAL);
	TST_EXP_FAIL(tee(a[0], b[1], 100, 0x100), EINVAL);
	TST_EXP_FAIL(tee(-1, b[1], 100, 0), EBADF);
	close(a[0]); close(a[1]); close(b[0]); close(b[1]);
}

static void do_vmsplice(void)
{
	int p[2];
	if (pipe(p) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
	char b1[] = "ab", b2[] = "cde";
	struct iovec in[2] = { { b1, 2 }, { b2, 3 } };
	TST_EXP_PASS(vmsplice(p[1], in, 2, 0));
	if (TST_RET == 5)
		tst_res(TPASS, "vmsplice into the pipe: 5 bytes");
	else
		tst_res(TFAIL, "vmsplice into the pipe: %ld bytes", TST_RET);
	expect_data(p[0], "abcde");

	if (write(p[1], "hello", 5) != 5)
		tst_brk(TBROK | TERRNO, "write");
	char o1[3] = { 0 }, o2[4] = { 0 };
	struct iovec out[2] = { { o1, 2 }, { o2, 3 } };
	TST_EXP_PASS(vmsplice(p[0], out, 2, 0));
	if (TST_RET == 5 && !strcmp(o1, "he") && !strcmp(o2, "llo"))
		tst_res(TPASS, "vmsplice out of the pipe scattered \"he\" \"llo\"");
	else
		tst_res(TFAIL, "vmsplice out of the pipe: %ld, \"%s\" \"%s\"", TST_RET, o1, o2);

	TST_EXP_FAIL(vmsplice(p[1], in, 2, 0x100), EINVAL);
	TST_EXP_FAIL(vmsplice(p[1], bad_ptr, 2, 0), EFAULT);
	TST_EXP_FAIL(vmsplice(p[0], out, 2, SPLICE_F_NONBLOCK), EAGAIN);
	TST_EXP_FAIL(vmsplice(-1, in, 2, 0), EBADF);
	int f = open("plain", O_RDWR | O_CREAT, 0600);
	TST_EXP_FAIL(vmsplice(f, in, 2, 0), EBADF);
	close(f);
	close(p[0]);
	close(p[1]);
}

static void run(void)
{
	do_splice();
	do_tee();
	do_vmsplice();
	unlink("src");
	unlink("dst");
	unlink("plain");
}

struct tst_test test = {
	.test_all = run,
	.needs_tmpdir = 1,
};
