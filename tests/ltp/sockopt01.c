/* setsockopt(2), getsockopt(2): int options (SO_TYPE, SO_RCVBUF,
 * SO_KEEPALIVE, TCP_NODELAY), the options whose numbers powerpc moves
 * (SO_RCVLOWAT, SO_PASSCRED, SO_PEERCRED, SO_RCVTIMEO), struct linger and
 * struct timeval values; ENOPROTOOPT, EFAULT, EINVAL. */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/time.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static int get_int(int fd, int lvl, int name)
{
	int v = -1;
	socklen_t l = sizeof v;
	if (getsockopt(fd, lvl, name, &v, &l) < 0 || l != sizeof v)
		return -1000 - l;
	return v;
}

static void run(unsigned int n)
{
	int s = socket(AF_INET, SOCK_STREAM, 0), v, sv[2];
	socklen_t l;
	switch (n) {
	case 0:
		if (get_int(s, SOL_SOCKET, SO_TYPE) != SOCK_STREAM || get_int(s, SOL_SOCKET, SO_DOMAIN) != AF_INET)
			tst_res(TFAIL, "SO_TYPE %d", get_int(s, SOL_SOCKET, SO_TYPE));
		v = 1;
		TST_EXP_PASS(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, sizeof v));
		TST_EXP_PASS(setsockopt(s, IPPROTO_TCP, TCP_NODELAY, &v, sizeof v));
		if (get_int(s, SOL_SOCKET, SO_KEEPALIVE) != 1 || get_int(s, IPPROTO_TCP, TCP_NODELAY) != 1)
			tst_res(TFAIL, "keepalive %d nodelay %d", get_int(s, SOL_SOCKET, SO_KEEPALIVE),
				get_int(s, IPPROTO_TCP, TCP_NODELAY));
		v = 3;
		TST_EXP_PASS(setsockopt(s, SOL_SOCKET, SO_RCVLOWAT, &v, sizeof v));
		if (get_int(s, SOL_SOCKET, SO_RCVLOWAT) != 3)
			tst_res(TFAIL, "SO_RCVLOWAT reads back %d", get_int(s, SOL_SOCKET, SO_RCVLOWAT));
		v = 65536;
		TST_EXP_PASS(setsockopt(s, SOL_SOCKET, SO_RCVBUF, &v, sizeof v));
		if (get_int(s, SOL_SOCKET, SO_RCVBUF) < 65536)
			tst_res(TFAIL, "SO_RCVBUF %d", get_int(s, SOL_SOCKET, SO_RCVBUF));
		break;
	case 1: {
		struct timeval tv = { 3, 250000 }, g = { 0, 0 };
		struct linger li = { 1, 7 }, gl = { 0, 0 };
		TST_EXP_PASS(setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv));
		l = sizeof g;
		TST_EXP_PASS(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &g, &l));
		if (l != sizeof g || g.tv_sec != 3 || g.tv_usec < 250000 || g.tv_usec > 260000)	/* jiffies */
			tst_res(TFAIL, "SO_RCVTIMEO %ld.%06ld (len %u)", (long)g.tv_sec, (long)g.tv_usec, (unsigned)l);
		TST_EXP_PASS(setsockopt(s, SOL_SOCKET, SO_LINGER, &li, sizeof li));
		l = sizeof gl;
		TST_EXP_PASS(getsockopt(s, SOL_SOCKET, SO_LINGER, &gl, &l));
		if (gl.l_onoff != 1 || gl.l_linger != 7)
			tst_res(TFAIL, "SO_LINGER %d %d", gl.l_onoff, gl.l_linger);
		break;
	}
	case 2: {
		struct ucred cr;
		socketpair(AF_UNIX, SOCK_STREAM, 0, sv);
		l = sizeof cr;
		TST_EXP_PASS(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cr, &l));
		if (l != sizeof cr || cr.pid != getpid() || cr.uid != getuid() || cr.gid != getgid())
			tst_res(TFAIL, "SO_PEERCRED pid %d uid %u", cr.pid, cr.uid);
		v = 1;
		TST_EXP_PASS(setsockopt(sv[0], SOL_SOCKET, SO_PASSCRED, &v, sizeof v));
		if (get_int(sv[0], SOL_SOCKET, SO_PASSCRED) != 1)
			tst_res(TFAIL, "SO_PASSCRED reads back %d", get_int(sv[0], SOL_SOCKET, SO_PASSCRED));
		close(sv[0]);
		close(sv[1]);
		break;
	}
	case 3:
		v = 1;
		TST_EXP_FAIL(setsockopt(s, SOL_SOCKET, 9999, &v, sizeof v), ENOPROTOOPT);
		TST_EXP_FAIL(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, bad_ptr, sizeof v), EFAULT);
		TST_EXP_FAIL(setsockopt(s, SOL_SOCKET, SO_KEEPALIVE, &v, 2), EINVAL);
		l = sizeof v;
		TST_EXP_FAIL(getsockopt(s, SOL_SOCKET, SO_TYPE, bad_ptr, &l), EFAULT);
		TST_EXP_FAIL(getsockopt(s, SOL_SOCKET, SO_TYPE, &v, bad_ptr), EFAULT);
		TST_EXP_FAIL(getsockopt(-1, SOL_SOCKET, SO_TYPE, &v, &l), EBADF);
		break;
	}
	close(s);
}

struct tst_test test = { .test = run, .tcnt = 4 };
