/* timerfd_create(2), timerfd_settime(2), timerfd_gettime(2): a one-shot
 * timer expires once (read gives a 64-bit count in the caller's byte
 * order), an interval timer reports its interval, the old 32-bit syscalls
 * where the ABI has both; EINVAL, EFAULT, EBADF. */
#define _GNU_SOURCE
#include <stdint.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/timerfd.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

/* glibc converts the structs of 32-bit ABIs itself (and would fault on a
 * bad pointer), so the EFAULT cases call the time64 syscalls directly. */
#ifdef SYS_timerfd_settime64
#define NR_SETTIME SYS_timerfd_settime64
#define NR_GETTIME SYS_timerfd_gettime64
#else
#define NR_SETTIME SYS_timerfd_settime
#define NR_GETTIME SYS_timerfd_gettime
#endif

static void run(unsigned int n)
{
	struct itimerspec its = { { 0, 0 }, { 0, 30000000 } }, cur;
	uint64_t v;
	int fd;
	switch (n) {
	case 0:
		fd = timerfd_create(CLOCK_MONOTONIC, 0);
		TST_EXP_PASS(timerfd_settime(fd, 0, &its, NULL));
		if (read(fd, &v, 8) == 8 && v == 1)
			tst_res(TPASS, "one expiration read");
		else
			tst_res(TFAIL | TERRNO, "read gave %llu", (unsigned long long)v);
		close(fd);
		break;
	case 1:
		fd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
		its.it_interval.tv_sec = 5;
		its.it_value.tv_sec = 10;
		TST_EXP_PASS(timerfd_settime(fd, 0, &its, NULL));
		TST_EXP_PASS(timerfd_gettime(fd, &cur));
		if (cur.it_interval.tv_sec != 5 || cur.it_interval.tv_nsec != 0 || cur.it_value.tv_sec < 9 ||
		    cur.it_value.tv_sec > 10)
			tst_res(TFAIL, "gettime: interval %ld.%09ld value %ld", (long)cur.it_interval.tv_sec,
				cur.it_interval.tv_nsec, (long)cur.it_value.tv_sec);
		TST_EXP_FAIL(read(fd, &v, 8), EAGAIN);
		its.it_value.tv_sec = 0;
		its.it_value.tv_nsec = 0;
		TST_EXP_PASS(timerfd_settime(fd, 0, &its, &cur));
		if (cur.it_interval.tv_sec != 5)
			tst_res(TFAIL, "old value interval %ld", (long)cur.it_interval.tv_sec);
		close(fd);
		break;
	case 2:
		TST_EXP_FAIL(timerfd_create(12345, 0), EINVAL);
		TST_EXP_FAIL(timerfd_create(CLOCK_MONOTONIC, 0x10), EINVAL);
		break;
	case 3:
		fd = timerfd_create(CLOCK_MONOTONIC, 0);
		TST_EXP_FAIL(syscall(NR_SETTIME, fd, 0, bad_ptr, NULL), EFAULT);
		TST_EXP_FAIL(syscall(NR_GETTIME, fd, bad_ptr), EFAULT);
		its.it_value.tv_nsec = 1000000000;
		TST_EXP_FAIL(timerfd_settime(fd, 0, &its, NULL), EINVAL);
		close(fd);
		TST_EXP_FAIL(timerfd_gettime(fd, &cur), EBADF);
		break;
	case 4:
#if defined(SYS_timerfd_settime) && defined(SYS_timerfd_settime64)
		{
			/* the 32-bit syscall: struct itimerspec of 32-bit longs */
			int32_t o[4] = { 2, 0, 7, 0 }, g[4] = { 0 };
			fd = timerfd_create(CLOCK_MONOTONIC, 0);
			TST_EXP_PASS(syscall(SYS_timerfd_settime, fd, 0, o, NULL));
			TST_EXP_PASS(syscall(SYS_timerfd_gettime, fd, g));
			if (g[0] != 2 || g[1] != 0 || g[2] < 6 || g[2] > 7)
				tst_res(TFAIL, "32-bit gettime %d %d %d", g[0], g[1], g[2]);
			close(fd);
		}
#else
		tst_res(TCONF, "one timerfd_settime on this ABI");
#endif
		break;
	}
}

struct tst_test test = { .test = run, .tcnt = 5 };
