/* epoll_create(2), epoll_create1(2): valid sizes and flags, EINVAL. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/epoll.h>
#include "tst.h"

static void run(unsigned int n)
{
	int fd;
	switch (n) {
	case 0:
		TST_EXP_PASS(fd = epoll_create(1));
		if (fd >= 0)
			close(fd);
		break;
	case 1:
		TST_EXP_FAIL(epoll_create(0), EINVAL);
		break;
	case 2:
		TST_EXP_FAIL(epoll_create(-1), EINVAL);
		break;
	case 3:
		TST_EXP_PASS(fd = epoll_create1(EPOLL_CLOEXEC));
		if (fd >= 0) {
			if (!(fcntl(fd, F_GETFD) & FD_CLOEXEC))
				tst_res(TFAIL, "EPOLL_CLOEXEC did not set FD_CLOEXEC");
			close(fd);
		}
		break;
	case 4:
		TST_EXP_FAIL(epoll_create1(O_NONBLOCK), EINVAL);
		break;
	case 5:
		TST_EXP_FAIL(epoll_create1(-1), EINVAL);
		break;
	}
}

struct tst_test test = { .test = run, .tcnt = 6 };
