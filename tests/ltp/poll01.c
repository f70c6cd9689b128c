/* poll(2), ppoll(2): readiness of a pipe, ignored negative fds, POLLNVAL,
 * timeouts (ppoll writes back the time left), EFAULT, EINVAL. */
#define _GNU_SOURCE
#include <poll.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "tst.h"

static int fds[2] = { -1, -1 };
static void *volatile bad_ptr = (void *)16;
static volatile nfds_t huge = 0x7fffffff;

static void setup(void)
{
	if (pipe(fds) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
}

static void cleanup(void)
{
	close(fds[0]);
	close(fds[1]);
}

static void run(unsigned int n)
{
	struct pollfd p[3] = {
		{ .fd = fds[0], .events = POLLIN }, { .fd = fds[1], .events = POLLOUT }, { .fd = -1, .events = POLLIN },
	};
	struct timespec ts = { 0, 20000000 };
	sigset_t ss;
	sigemptyset(&ss);
	switch (n) {
	case 0:
		TST_EXP_PASS(poll(p, 3, 0));
		if (TST_RET != 1 || p[0].revents || p[1].revents != POLLOUT || p[2].revents)
			tst_res(TFAIL, "revents %x %x %x", p[0].revents, p[1].revents, p[2].revents);
		break;
	case 1:
		if (write(fds[1], "ab", 2) != 2)
			tst_brk(TBROK | TERRNO, "write");
		TST_EXP_PASS(poll(p, 2, 100));
		if (TST_RET != 2 || p[0].revents != POLLIN || p[1].revents != POLLOUT)
			tst_res(TFAIL, "revents %x %x", p[0].revents, p[1].revents);
		break;
	case 2: {
		char b[2];
		if (read(fds[0], b, 2) != 2)
			tst_brk(TBROK | TERRNO, "read");
		TST_EXP_PASS(ppoll(p, 1, &ts, &ss));
		if (TST_RET != 0 || p[0].revents)
			tst_res(TFAIL, "empty pipe: %ld, revents %x", TST_RET, p[0].revents);
		break;
	}
	case 3: {
		int fd = dup(fds[0]);
		close(fd);
		p[0].fd = fd;
		TST_EXP_PASS(poll(p, 1, 0));
		if (TST_RET != 1 || p[0].revents != POLLNVAL)
			tst_res(TFAIL, "closed fd: %ld, revents %x", TST_RET, p[0].revents);
		break;
	}
	case 4:
		TST_EXP_FAIL(poll(bad_ptr, 1, 0), EFAULT);
		break;
	case 5:
		ts.tv_nsec = -1;
		TST_EXP_FAIL(ppoll(p, 1, &ts, NULL), EINVAL);
		break;
	case 6:
		TST_EXP_FAIL(syscall(SYS_ppoll, p, 1, bad_ptr, NULL, 8), EFAULT);	/* glibc's ppoll reads *tmo itself */
		break;
	case 7:
		TST_EXP_FAIL(syscall(SYS_ppoll, p, 1, &ts, &ss, 4), EINVAL);
		break;
	case 8:
		TST_EXP_FAIL(poll(p, huge, 0), EINVAL);
		break;
	}
}

struct tst_test test = { .setup = setup, .cleanup = cleanup, .test = run, .tcnt = 9 };
