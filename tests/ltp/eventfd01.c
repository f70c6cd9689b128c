/* eventfd(2), eventfd2(2): the counter is a 64-bit value in the caller's
 * byte order; semaphore mode; EAGAIN, EINVAL, EFAULT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdint.h>
#include <unistd.h>
#include <sys/eventfd.h>
#include <sys/syscall.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void expect_read(int fd, uint64_t want)
{
	uint64_t v = 0;
	ssize_t r = read(fd, &v, 8);
	if (r != 8)
		tst_res(TFAIL | TERRNO, "read returned %ld", (long)r);
	else if (v != want)
		tst_res(TFAIL, "read 0x%llx, expected 0x%llx", (unsigned long long)v, (unsigned long long)want);
	else
		tst_res(TPASS, "read 0x%llx", (unsigned long long)v);
}

static void run(unsigned int n)
{
	int fd;
	uint64_t v;
	switch (n) {
	case 0:
		fd = eventfd(0x12345, 0);
		expect_read(fd, 0x12345);
		v = 0x0102030405ULL;
		TST_EXP_PASS(write(fd, &v, 8));
		expect_read(fd, 0x0102030405ULL);
		close(fd);
		break;
	case 1:
		fd = eventfd(2, EFD_SEMAPHORE | EFD_NONBLOCK);
		expect_read(fd, 1);
		expect_read(fd, 1);
		TST_EXP_FAIL(read(fd, &v, 8), EAGAIN);
		close(fd);
		break;
	case 2:
		fd = eventfd(0, EFD_CLOEXEC);
		if (fcntl(fd, F_GETFD) & FD_CLOEXEC)
			tst_res(TPASS, "EFD_CLOEXEC sets FD_CLOEXEC");
		else
			tst_res(TFAIL, "EFD_CLOEXEC did not set FD_CLOEXEC");
		v = ~0ULL;
		TST_EXP_FAIL(write(fd, &v, 8), EINVAL);
		TST_EXP_FAIL(read(fd, &v, 4), EINVAL);
		TST_EXP_FAIL(write(fd, bad_ptr, 8), EFAULT);
		close(fd);
		break;
	case 3:
		TST_EXP_FAIL(eventfd(0, 0x8000000), EINVAL);
		break;
#ifdef SYS_eventfd
	case 4:
		TST_EXP_PASS(fd = syscall(SYS_eventfd, 7));
		expect_read(fd, 7);
		close(fd);
		break;
#endif
	}
}

struct tst_test test = { .test = run, .tcnt = 5 };
