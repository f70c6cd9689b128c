/* socketpair(2), send/recv, shutdown: data both ways on AF_UNIX stream and
 * datagram pairs, MSG_PEEK, MSG_DONTWAIT, EOF after shutdown; EFAULT,
 * EOPNOTSUPP, EBADF, ENOTSOCK. */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void run(unsigned int n)
{
	int sv[2], p[2];
	char b[16];
	switch (n) {
	case 0:
		TST_EXP_PASS(socketpair(AF_UNIX, SOCK_STREAM, 0, sv));
		TST_EXP_PASS(send(sv[0], "ping", 4, 0));
		memset(b, 0, sizeof b);
		TST_EXP_PASS(recv(sv[1], b, sizeof b, MSG_PEEK));
		TST_EXP_PASS(recv(sv[1], b, sizeof b, 0));
		if (TST_RET != 4 || strcmp(b, "ping"))
			tst_res(TFAIL, "received %ld '%s'", TST_RET, b);
		TST_EXP_FAIL(recv(sv[1], b, sizeof b, MSG_DONTWAIT), EAGAIN);
		TST_EXP_PASS(shutdown(sv[0], SHUT_WR));
		TST_EXP_PASS(recv(sv[1], b, sizeof b, 0));
		if (TST_RET != 0)
			tst_res(TFAIL, "no EOF after shutdown");
		close(sv[0]);
		close(sv[1]);
		break;
	case 1:
		TST_EXP_PASS(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv));
		TST_EXP_PASS(send(sv[1], "d1", 2, 0));
		TST_EXP_PASS(send(sv[1], "d22", 3, 0));
		TST_EXP_PASS(recv(sv[0], b, sizeof b, 0));
		if (TST_RET != 2)
			tst_res(TFAIL, "datagram boundary lost: %ld", TST_RET);
		TST_EXP_PASS(recv(sv[0], b, sizeof b, 0));
		if (TST_RET != 3)
			tst_res(TFAIL, "second datagram: %ld", TST_RET);
		close(sv[0]);
		close(sv[1]);
		break;
	case 2:
		TST_EXP_FAIL(socketpair(AF_UNIX, SOCK_STREAM, 0, bad_ptr), EFAULT);
		TST_EXP_FAIL(socketpair(AF_INET, SOCK_STREAM, 0, sv), EOPNOTSUPP);
		TST_EXP_FAIL(send(-1, "x", 1, 0), EBADF);
		if (pipe(p) < 0)
			tst_brk(TBROK | TERRNO, "pipe");
		TST_EXP_FAIL(send(p[1], "x", 1, 0), ENOTSOCK);
		close(p[0]);
		close(p[1]);
		socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		TST_EXP_FAIL(send(sv[0], bad_ptr, 4, 0), EFAULT);
		TST_EXP_FAIL(recv(sv[0], bad_ptr, 4, MSG_DONTWAIT), EAGAIN);
		close(sv[0]);
		close(sv[1]);
		break;
	}
}

struct tst_test test = { .test = run, .tcnt = 3 };
