/* fcntl: descriptor and status flags, dup commands, record locks through
 * the ABI's struct flock and (32-bit ABIs) struct flock64 via raw fcntl64. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

/* the kernel's struct flock of the ABI == glibc's without LFS */
struct kflock { short l_type, l_whence; long l_start, l_len; int l_pid; };

static void run(void)
{
	int fd = open("f", O_CREAT | O_RDWR, 0600), fd2 = open("f", O_RDWR);
	if (fd < 0 || fd2 < 0)
		tst_brk(TBROK | TERRNO, "open");
	int d;
	TST_EXP_PASS(d = fcntl(fd, F_DUPFD_CLOEXEC, 20));
	if (d >= 20 && fcntl(d, F_GETFD) == FD_CLOEXEC)
		tst_res(TPASS, "F_DUPFD_CLOEXEC gives >= 20 with FD_CLOEXEC");
	else
		tst_res(TFAIL, "F_DUPFD_CLOEXEC gave %d, F_GETFD %d", d, fcntl(d, F_GETFD));
	TST_EXP_PASS(fcntl(d, F_SETFD, 0));
	if (fcntl(d, F_GETFD) == 0)
		tst_res(TPASS, "F_SETFD 0 clears FD_CLOEXEC");
	else
		tst_res(TFAIL, "FD_CLOEXEC still set");
	TST_EXP_FAIL(fcntl(fd, F_DUPFD, -1), EINVAL);
	TST_EXP_FAIL(fcntl(-1, F_GETFD), EBADF);
	TST_EXP_FAIL(fcntl(fd, 0x7fff), EINVAL);
	TST_EXP_PASS(fcntl(fd, F_SETFL, O_NONBLOCK | O_APPEND));
	if ((fcntl(fd, F_GETFL) & (O_NONBLOCK | O_APPEND)) == (O_NONBLOCK | O_APPEND))
		tst_res(TPASS, "F_SETFL/F_GETFL status flags");
	else
		tst_res(TFAIL, "F_GETFL gave %#x", fcntl(fd, F_GETFL));
	if (write(fd, "0123456789", 10) != 10)
		tst_brk(TBROK | TERRNO, "write");

	/* a POSIX write lock on [2, 6) through the ABI's struct flock */
	struct kflock k = { F_WRLCK, SEEK_SET, 2, 4, 0 };
	TST_EXP_PASS(syscall(SYS_fcntl, fd, F_SETLK, &k));
	k = (struct kflock){ F_WRLCK, SEEK_SET, 0, 0, 0 };
	TST_EXP_PASS(syscall(SYS_fcntl, fd, F_GETLK, &k));
	if (k.l_type == F_UNLCK)
		tst_res(TPASS, "F_GETLK: own lock does not conflict");
	else
		tst_res(TFAIL, "F_GETLK gave type %d", k.l_type);
	/* an OFD lock on another open file description sees it */
	struct flock o = { .l_type = F_RDLCK, .l_whence = SEEK_SET, .l_start = 0, .l_len = 0 };
	TST_EXP_PASS(fcntl(fd2, F_OFD_GETLK, &o));
	if (o.l_type == F_WRLCK && o.l_start == 2 && o.l_len == 4 && o.l_pid == getpid())
		tst_res(TPASS, "F_OFD_GETLK sees the write lock [2,+4) of pid");
	else
		tst_res(TFAIL, "F_OFD_GETLK: type %d start %ld len %ld pid %d", o.l_type,
			(long)o.l_start, (long)o.l_len, o.l_pid);
	o = (struct flock){ .l_type = F_WRLCK, .l_whence = SEEK_SET, .l_start = 3, .l_len = 1 };
	TST_EXP_FAIL(fcntl(fd2, F_OFD_SETLK, &o), EAGAIN);
	o.l_pid = 1;
	TST_EXP_FAIL(fcntl(fd2, F_OFD_SETLK, &o), EINVAL);
	k = (struct kflock){ 99, SEEK_SET, 0, 0, 0 };
	TST_EXP_FAIL(syscall(SYS_fcntl, fd, F_SETLK, &k), EINVAL);
	TST_EXP_FAIL(syscall(SYS_fcntl, fd, F_GETLK, bad_ptr), EFAULT);
	k = (struct kflock){ F_UNLCK, SEEK_SET, 0, 0, 0 };
	TST_EXP_PASS(syscall(SYS_fcntl, fd, F_SETLK, &k));
#ifdef SYS_fcntl64
	/* struct flock64 with F_SETLK64: an offset above 4 GiB */
	struct flock64 w = { .l_type = F_WRLCK, .l_whence = SEEK_SET,
			     .l_start = 0x100000000LL + 5, .l_len = 7 };
	TST_EXP_PASS(syscall(SYS_fcntl64, fd, F_SETLK64, &w));
	struct flock64 q = { .l_type = F_RDLCK, .l_whence = SEEK_SET };
	TST_EXP_PASS(syscall(SYS_fcntl64, fd2, F_OFD_GETLK, &q));
	if (q.l_type == F_WRLCK && q.l_start == 0x100000000LL + 5 && q.l_len == 7)
		tst_res(TPASS, "flock64 lock above 4 GiB seen by F_OFD_GETLK");
	else
		tst_res(TFAIL, "F_OFD_GETLK (flock64): type %d start %lld len %lld", q.l_type,
			(long long)q.l_start, (long long)q.l_len);
	k = (struct kflock){ F_RDLCK, SEEK_SET, 0, 0, 0 };
	/* plain fcntl of a 32-bit ABI has no OFD or *64 lock commands */
	TST_EXP_FAIL(syscall(SYS_fcntl, fd2, F_OFD_GETLK, &k), EINVAL);
	TST_EXP_FAIL(syscall(SYS_fcntl, fd, F_GETLK64, &q), EINVAL);
	TST_EXP_FAIL(syscall(SYS_fcntl64, fd, F_GETLK64, bad_ptr), EFAULT);
#else
	tst_res(TCONF, "no fcntl64 on this ABI");
#endif
	close(d);
	close(fd2);
	close(fd);
	unlink("f");
}

struct tst_test test = { .test_all = run, .needs_tmpdir = 1 };
