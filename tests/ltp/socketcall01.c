/* socketcall(2), the socket multiplexer of i386 and powerpc: socketpair,
 * send, recv, getsockopt and shutdown through it, arguments as an array
 * of longs; a bad call number and a bad argument pointer. */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <linux/net.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include "tst.h"

#ifdef SYS_socketcall
static void *volatile bad_ptr = (void *)16;

static void run(void)
{
	int sv[2] = { -1, -1 }, v = 0;
	socklen_t l = sizeof v;
	char b[8] = { 0 };
	unsigned long pa[4] = { AF_UNIX, SOCK_STREAM, 0, (unsigned long)sv };
	TST_EXP_PASS(syscall(SYS_socketcall, SYS_SOCKETPAIR, pa));
	unsigned long sa[4] = { sv[0], (unsigned long)"sc!", 3, 0 };
	TST_EXP_PASS(syscall(SYS_socketcall, SYS_SEND, sa));
	unsigned long ra[4] = { sv[1], (unsigned long)b, sizeof b, 0 };
	TST_EXP_PASS(syscall(SYS_socketcall, SYS_RECV, ra));
	if (TST_RET != 3 || strcmp(b, "sc!"))
		tst_res(TFAIL, "recv %ld '%s'", TST_RET, b);
	unsigned long ga[5] = { sv[0], SOL_SOCKET, SO_TYPE, (unsigned long)&v, (unsigned long)&l };
	TST_EXP_PASS(syscall(SYS_socketcall, SYS_GETSOCKOPT, ga));
	if (v != SOCK_STREAM || l != sizeof v)
		tst_res(TFAIL, "SO_TYPE %d", v);
	unsigned long sh[2] = { sv[0], SHUT_RDWR };
	TST_EXP_PASS(syscall(SYS_socketcall, SYS_SHUTDOWN, sh));
	TST_EXP_FAIL(syscall(SYS_socketcall, 0, pa), EINVAL);
	TST_EXP_FAIL(syscall(SYS_socketcall, 21, pa), EINVAL);
	TST_EXP_FAIL(syscall(SYS_socketcall, SYS_SOCKET, bad_ptr), EFAULT);
	close(sv[0]);
	close(sv[1]);
}
#else
static void run(void) { tst_res(TCONF, "no socketcall(2) on this ABI"); }
#endif

struct tst_test test = { .test_all = run };
