/* socket(2): the three served families, stream and datagram; SOCK_NONBLOCK
 * and SOCK_CLOEXEC (the ABI's O_NONBLOCK/O_CLOEXEC); EAFNOSUPPORT, EINVAL,
 * EPROTONOSUPPORT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "tst.h"

static void run(unsigned int n)
{
	static const int fam[3] = { AF_UNIX, AF_INET, AF_INET6 };
	int fd;
	switch (n) {
	case 0: case 1: case 2:
		TST_EXP_PASS(fd = socket(fam[n], SOCK_STREAM, 0));
		close(fd);
		TST_EXP_PASS(fd = socket(fam[n], SOCK_DGRAM, 0));
		close(fd);
		break;
	case 3:
		TST_EXP_PASS(fd = socket(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0));
		if (!(fcntl(fd, F_GETFL) & O_NONBLOCK) || !(fcntl(fd, F_GETFD) & FD_CLOEXEC))
			tst_res(TFAIL, "SOCK_NONBLOCK/SOCK_CLOEXEC not applied");
		close(fd);
		break;
	case 4:
		TST_EXP_FAIL(socket(9999, SOCK_STREAM, 0), EAFNOSUPPORT);
		TST_EXP_FAIL(socket(AF_INET, SOCK_STREAM | 0x10000000, 0), EINVAL);
		TST_EXP_FAIL(socket(AF_INET, SOCK_STREAM, IPPROTO_UDP), EPROTONOSUPPORT);
		TST_EXP_FAIL(socket(AF_UNIX, SOCK_STREAM, 5), EPROTONOSUPPORT);
		break;
	}
}

struct tst_test test = { .test = run, .tcnt = 5 };
