/* epoll_wait(2), epoll_pwait(2), epoll_pwait2(2): a ready pipe comes back
 * with its events and the full 64-bit data (the struct is packed on
 * x86_64, 16 bytes on powerpc); timeouts; EINVAL, EBADF, EFAULT. */
#define _GNU_SOURCE
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include "tst.h"

static int ep = -1, fds[2] = { -1, -1 }, p2[2] = { -1, -1 };
static void *volatile bad_ptr = (void *)16;

static void setup(void)
{
	struct epoll_event ev = { .events = EPOLLIN, .data.u64 = 0x8877665544332211ULL };
	struct epoll_event ev2 = { .events = EPOLLOUT, .data.u64 = 0x0102030405060708ULL };
	if ((ep = epoll_create1(0)) < 0 || pipe(fds) < 0 || pipe(p2) < 0)
		tst_brk(TBROK | TERRNO, "setup");
	if (epoll_ctl(ep, EPOLL_CTL_ADD, fds[0], &ev) || epoll_ctl(ep, EPOLL_CTL_ADD, p2[1], &ev2))
		tst_brk(TBROK | TERRNO, "epoll_ctl");
}

static void cleanup(void)
{
	close(ep);
	close(fds[0]);
	close(fds[1]);
	close(p2[0]);
	close(p2[1]);
}

static void check_two(struct epoll_event *out, int r)
{
	int seen = 0;
	if (r != 2) {
		tst_res(TFAIL, "got %d events, expected 2", r);
		return;
	}
	for (int i = 0; i < 2; i++) {
		if (out[i].data.u64 == 0x8877665544332211ULL && out[i].events == EPOLLIN)
			seen |= 1;
		else if (out[i].data.u64 == 0x0102030405060708ULL && out[i].events == EPOLLOUT)
			seen |= 2;
		else
			tst_res(TFAIL, "event %d: events 0x%x data 0x%llx", i, out[i].events,
				(unsigned long long)out[i].data.u64);
	}
	if (seen == 3)
		tst_res(TPASS, "both events with their data");
}

static void run(unsigned int n)
{
	struct epoll_event out[4];
	sigset_t ss;
	struct timespec ts = { 0, 1000000 };
	sigemptyset(&ss);
	switch (n) {
	case 0:
		TST_EXP_PASS(epoll_wait(ep, out, 4, 0));
		if (TST_RET != 1 || out[0].events != EPOLLOUT || out[0].data.u64 != 0x0102030405060708ULL)
			tst_res(TFAIL, "expected only the writable pipe");
		break;
	case 1:
		if (write(fds[1], "x", 1) != 1)
			tst_brk(TBROK | TERRNO, "write");
		check_two(out, epoll_wait(ep, out, 4, 100));
		break;
	case 2:
		check_two(out, epoll_pwait(ep, out, 4, 100, &ss));
		break;
	case 3:
		check_two(out, epoll_pwait2(ep, out, 4, &ts, NULL));
		break;
	case 4:
		TST_EXP_PASS(epoll_wait(ep, out, 1, 0));
		if (TST_RET != 1)
			tst_res(TFAIL, "maxevents 1 gave %ld events", TST_RET);
		break;
	case 5:
		TST_EXP_FAIL(epoll_wait(ep, out, 0, 0), EINVAL);
		break;
	case 6:
		TST_EXP_FAIL(epoll_wait(-1, out, 4, 0), EBADF);
		break;
	case 7:
		TST_EXP_FAIL(epoll_wait(fds[0], out, 4, 0), EINVAL);
		break;
	case 8:
		TST_EXP_FAIL(epoll_wait(ep, bad_ptr, 4, 0), EFAULT);
		break;
	case 9:
		ts.tv_nsec = 1000000000;
		TST_EXP_FAIL(epoll_pwait2(ep, out, 4, &ts, NULL), EINVAL);
		break;
	}
}

struct tst_test test = { .setup = setup, .cleanup = cleanup, .test = run, .tcnt = 10 };
