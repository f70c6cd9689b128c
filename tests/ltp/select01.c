/* select(2), pselect(2), and the raw select syscalls: fd_set bits of a
 * high descriptor (fd 100: word 3 of a 32-bit fd_set, word 1 of a 64-bit
 * one, so the bit order of big-endian words shows), EBADF, EINVAL, EFAULT,
 * and the time left written back by select. */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <sys/select.h>
#include <sys/syscall.h>
#include "tst.h"

static int fds[2] = { -1, -1 };
static const int hi = 100;
static void *volatile bad_ptr = (void *)16;

static void setup(void)
{
	if (pipe(fds) < 0 || dup2(fds[1], hi) != hi)
		tst_brk(TBROK | TERRNO, "setup");
}

static void cleanup(void)
{
	close(fds[0]);
	close(fds[1]);
	close(hi);
}

/* the raw fd_set: which byte holds bit `hi` is what the ABI decides */
static int set_bytes_ok(const fd_set *s)
{
	const unsigned char *b = (const unsigned char *)s;
	size_t w = sizeof(long), word = hi / (8 * w), bit = hi % (8 * w);
	int be = 0;
#ifdef __BIG_ENDIAN__
	be = 1;
#endif
	size_t byte = word * w + (be ? w - 1 - bit / 8 : bit / 8);
	return b[byte] == 1u << (bit % 8);
}

static void run(unsigned int n)
{
	fd_set r, w;
	struct timeval tv = { 0, 50000 };
	struct timespec ts = { 0, 0 };
	sigset_t ss;
	sigemptyset(&ss);
	FD_ZERO(&r);
	FD_ZERO(&w);
	switch (n) {
	case 0:
		FD_SET(fds[0], &r);
		FD_SET(hi, &w);
		TST_EXP_PASS(select(hi + 1, &r, &w, NULL, &tv));
		if (TST_RET != 1 || FD_ISSET(fds[0], &r) || !FD_ISSET(hi, &w) || !set_bytes_ok(&w))
			tst_res(TFAIL, "select: %ld, read set %d, write set %d", TST_RET,
				FD_ISSET(fds[0], &r), FD_ISSET(hi, &w));
		break;
	case 1:
		FD_SET(fds[0], &r);
		TST_EXP_PASS(select(fds[0] + 1, &r, NULL, NULL, &tv));
		if (TST_RET != 0 || FD_ISSET(fds[0], &r))
			tst_res(TFAIL, "empty pipe: %ld", TST_RET);
		if (tv.tv_sec != 0 || tv.tv_usec != 0)
			tst_res(TFAIL, "time left %ld.%06ld after a timeout", (long)tv.tv_sec, (long)tv.tv_usec);
		break;
	case 2:
		if (write(fds[1], "x", 1) != 1)
			tst_brk(TBROK | TERRNO, "write");
		FD_SET(fds[0], &r);
		FD_SET(hi, &w);
		TST_EXP_PASS(pselect(hi + 1, &r, &w, NULL, &ts, &ss));
		if (TST_RET != 2 || !FD_ISSET(fds[0], &r) || !FD_ISSET(hi, &w))
			tst_res(TFAIL, "pselect: %ld", TST_RET);
		break;
	case 3: {
		int fd = dup(fds[0]);
		close(fd);
		FD_SET(fd, &r);
		TST_EXP_FAIL(select(fd + 1, &r, NULL, NULL, &tv), EBADF);
		break;
	}
	case 4:
		TST_EXP_FAIL(select(-1, &r, NULL, NULL, &tv), EINVAL);
		break;
	case 5:
		TST_EXP_FAIL(select(1, bad_ptr, NULL, NULL, &tv), EFAULT);
		break;
	case 6:
		tv.tv_usec = -1;
		FD_SET(fds[0], &r);
		TST_EXP_FAIL(select(fds[0] + 1, &r, NULL, NULL, &tv), EINVAL);
		break;
	case 7:
#if defined(__i386__)
		{
			/* number 82 takes one pointer to the five arguments */
			struct { unsigned long n; fd_set *in, *out, *ex; struct timeval *tv; } arg =
				{ hi + 1, NULL, &w, NULL, &tv };
			FD_SET(hi, &w);
			TST_EXP_PASS(syscall(SYS_select, &arg));
			if (TST_RET != 1 || !FD_ISSET(hi, &w))
				tst_res(TFAIL, "old select: %ld", TST_RET);
		}
#elif defined(SYS__newselect)
		FD_SET(hi, &w);
		TST_EXP_PASS(syscall(SYS__newselect, hi + 1, NULL, &w, NULL, &tv));
		if (TST_RET != 1 || !FD_ISSET(hi, &w))
			tst_res(TFAIL, "_newselect: %ld", TST_RET);
#else
		tst_res(TCONF, "no old select syscalls on this ABI");
#endif
		break;
	}
}

struct tst_test test = { .setup = setup, .cleanup = cleanup, .test = run, .tcnt = 8 };
