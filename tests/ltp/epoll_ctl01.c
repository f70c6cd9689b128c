/* epoll_ctl(2): add/mod/del and the error paths (EBADF, EFAULT, EEXIST,
 * ENOENT, EINVAL, EPERM). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <sys/epoll.h>
#include "tst.h"

static int ep = -1, fds[2] = { -1, -1 }, regfd = -1;
static void *volatile bad_ptr = (void *)16;

static void setup(void)
{
	if ((ep = epoll_create1(0)) < 0 || pipe(fds) < 0)
		tst_brk(TBROK | TERRNO, "setup");
	if ((regfd = open("epoll_ctl01.tmp", O_CREAT | O_RDWR, 0600)) < 0)
		tst_brk(TBROK | TERRNO, "open");
}

static void cleanup(void)
{
	close(ep);
	close(fds[0]);
	close(fds[1]);
	close(regfd);
	unlink("epoll_ctl01.tmp");
}

static void run(unsigned int n)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x1122334455667788ULL };
	switch (n) {
	case 0:
		TST_EXP_PASS(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev));
		break;
	case 1:
		TST_EXP_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev), EEXIST);
		break;
	case 2:
		ev.events = EPOLLIN | EPOLLET;
		TST_EXP_PASS(epoll_ctl(ep, EPOLL_CTL_MOD, fds[0], &ev));
		break;
	case 3:
		TST_EXP_FAIL(epoll_ctl(ep, EPOLL_CTL_MOD, fds[1], &ev), ENOENT);
		break;
	case 4:
		TST_EXP_FAIL(epoll_ctl(-1, EPOLL_CTL_ADD, fds[1], &ev), EBADF);
		break;
	case 5:
		TST_EXP_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, -1, &ev), EBADF);
		break;
	case 6:
		TST_EXP_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, fds[1], bad_ptr), EFAULT);
		break;
	case 7:
		TST_EXP_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, ep, &ev), EINVAL);
		break;
	case 8:
		TST_EXP_FAIL(epoll_ctl(ep, 1234, fds[1], &ev), EINVAL);
		break;
	case 9:
		TST_EXP_FAIL(epoll_ctl(ep, EPOLL_CTL_ADD, regfd, &ev), EPERM);
		break;
	case 10:
		TST_EXP_PASS(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL));
		break;
	case 11:
		TST_EXP_FAIL(epoll_ctl(ep, EPOLL_CTL_DEL, fds[0], NULL), ENOENT);
		break;
	}
}

struct tst_test test = {
	.setup = setup, .cleanup = cleanup, .test = run, .tcnt = 12, .needs_tmpdir = 1,
};
