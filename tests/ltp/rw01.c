/* read/write and the positional, vectored and 64-bit-offset forms:
 * pread64/pwrite64 and preadv/pwritev(2) above 4 GiB (register pairs and
 * pos_l/pos_h), lseek/_llseek, ftruncate/truncate(64), fallocate, sync
 * calls, sendfile and copy_file_range. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/sendfile.h>
#include <sys/uio.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;
#define BIG 0x100000123LL	/* above 4 GiB: the high word matters */

static void run(void)
{
	int fd = open("f", O_CREAT | O_RDWR | O_TRUNC, 0600);
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "open");
	char buf[16] = { 0 };
	TST_EXP_PASS(pwrite64(fd, "hello", 5, BIG));
	TST_EXP_PASS(pread64(fd, buf, 5, BIG));
	if (!memcmp(buf, "hello", 5))
		tst_res(TPASS, "pread64 above 4 GiB reads back");
	else
		tst_res(TFAIL, "pread64 read '%.5s'", buf);
	struct stat64 st;
	fstat64(fd, &st);
	if (st.st_size == BIG + 5)
		tst_res(TPASS, "size is 4 GiB + 0x128");
	else
		tst_res(TFAIL, "size %lld", (long long)st.st_size);
	TST_EXP_FAIL(pread64(fd, buf, 1, -1), EINVAL);
	TST_EXP_FAIL(pwrite64(-1, buf, 1, 0), EBADF);
	TST_EXP_FAIL(pread64(fd, bad_ptr, 1, BIG), EFAULT);
	/* preadv/pwritev: the raw syscall's pos_l, pos_h halves */
	char a[3] = "ab", b[4] = "cde";
	struct iovec iov[2] = { { a, 2 }, { b, 3 } };
	unsigned long lo = (unsigned long)(BIG + 16), hi = (unsigned long)((unsigned long long)(BIG + 16) >> 32);
	if (sizeof(long) == 8)
		hi = 0;
	TST_EXP_PASS(syscall(SYS_pwritev, fd, iov, 2, lo, hi));
	memset(buf, 0, sizeof buf);
	TST_EXP_PASS(pread64(fd, buf, 5, BIG + 16));
	if (!memcmp(buf, "abcde", 5))
		tst_res(TPASS, "pwritev at pos_l/pos_h above 4 GiB");
	else
		tst_res(TFAIL, "read back '%.5s'", buf);
	char x[5] = { 0 };
	struct iovec r1 = { x, 5 };
	TST_EXP_PASS(preadv(fd, &r1, 1, BIG + 16));
	TST_EXP_PASS(lseek(fd, 0, SEEK_SET));
	TST_EXP_PASS(pwritev2(fd, iov, 2, -1, 0));	/* at the file position */
	if (lseek(fd, 0, SEEK_CUR) == 5)
		tst_res(TPASS, "pwritev2 at -1 advanced the position");
	else
		tst_res(TFAIL, "position %ld", (long)lseek(fd, 0, SEEK_CUR));
	TST_EXP_FAIL(preadv2(fd, &r1, 1, -2, 0), EINVAL);
	TST_EXP_FAIL(preadv2(fd, &r1, 1, 0, 0x1000), EOPNOTSUPP);
	struct iovec bad = { bad_ptr, 4 };
	TST_EXP_FAIL(readv(fd, &bad, 1), EFAULT);
	TST_EXP_FAIL(syscall(SYS_writev, fd, iov, -1), EINVAL);
	/* lseek: a 64-bit result on a 32-bit ABI overflows off_t */
	if (sizeof(long) == 4)
		TST_EXP_FAIL(syscall(SYS_lseek, fd, 0L, SEEK_END), EOVERFLOW);
	else
		TST_EXP_PASS(syscall(SYS_lseek, fd, 0L, SEEK_END));
	long long end = lseek64(fd, 0, SEEK_END);
	if (end == BIG + 21)
		tst_res(TPASS, "lseek64 SEEK_END gives the 64-bit size");
	else
		tst_res(TFAIL, "lseek64 gave %lld", end);
	TST_EXP_FAIL(lseek(fd, 0, 7), EINVAL);
	int p[2];
	if (pipe(p) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
	TST_EXP_FAIL(lseek(p[0], 0, SEEK_SET), ESPIPE);
	TST_EXP_FAIL(pread64(p[0], buf, 1, 0), ESPIPE);
	/* sizes */
	TST_EXP_PASS(ftruncate64(fd, 0x140000000LL));
	fstat64(fd, &st);
	if (st.st_size == 0x140000000LL)
		tst_res(TPASS, "ftruncate64 to 5 GiB");
	else
		tst_res(TFAIL, "size %lld", (long long)st.st_size);
	TST_EXP_PASS(truncate64("f", 10));
	TST_EXP_FAIL(ftruncate(fd, -1), EINVAL);
	TST_EXP_FAIL(truncate("nonexistent", 0), ENOENT);
	TST_EXP_FAIL(ftruncate(p[0], 0), EINVAL);
	TST_EXP_PASS(fallocate(fd, 0, 0, 8192));
	TST_EXP_FAIL(fallocate(fd, 0, -1, 1), EINVAL);
	TST_EXP_PASS(fsync(fd));
	TST_EXP_PASS(fdatasync(fd));
	TST_EXP_PASS(syncfs(fd));
	TST_EXP_PASS(sync_file_range(fd, 0, 4096, SYNC_FILE_RANGE_WRITE));
	TST_EXP_FAIL(sync_file_range(fd, 0, 4096, 0x100), EINVAL);
	TST_EXP_FAIL(sync_file_range(fd, -1, 4096, 0), EINVAL);
	TST_EXP_PASS(readahead(fd, 0, 4096));
	TST_EXP_FAIL(readahead(p[0], 0, 4096), EINVAL);
	TST_EXP_FAIL(fsync(-1), EBADF);
	/* in-kernel copies */
	pwrite64(fd, "0123456789", 10, 0);
	int o = open("g", O_CREAT | O_RDWR | O_TRUNC, 0600);
	off_t off = 2;
	TST_EXP_PASS(sendfile(o, fd, &off, 4));
	if (TST_RET == 4 && off == 6)
		tst_res(TPASS, "sendfile moved the offset to 6");
	else
		tst_res(TFAIL, "sendfile: %ld, offset %ld", TST_RET, (long)off);
	TST_EXP_FAIL(sendfile(o, fd, bad_ptr, 4), EFAULT);
	TST_EXP_FAIL(sendfile(-1, fd, NULL, 4), EBADF);
	loff_t in = 6, out = 4;
	TST_EXP_PASS(copy_file_range(fd, &in, o, &out, 3, 0));
	memset(buf, 0, sizeof buf);
	pread64(o, buf, 7, 0);
	if (!memcmp(buf, "2345678", 7) && in == 9 && out == 7)
		tst_res(TPASS, "copy_file_range appended 678");
	else
		tst_res(TFAIL, "copy_file_range: '%.7s' in %lld out %lld", buf, (long long)in, (long long)out);
	TST_EXP_FAIL(copy_file_range(fd, &in, o, &out, 3, 1), EINVAL);
	close(o);
	close(p[0]);
	close(p[1]);
	close(fd);
	unlink("f");
	unlink("g");
}

struct tst_test test = { .test_all = run, .needs_tmpdir = 1 };
