/* bind(2), listen(2), connect(2), accept4(2), getsockname(2),
 * getpeername(2), sendto(2), recvfrom(2) on loopback: TCP over 127.0.0.1
 * and ::1, UDP with the sender's address; AF_UNIX by path; EINVAL,
 * EADDRINUSE, EFAULT, ENOTCONN, ECONNREFUSED. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void tcp(int fam)
{
	struct sockaddr_storage a, b, c;
	socklen_t al = fam == AF_INET ? sizeof(struct sockaddr_in) : sizeof(struct sockaddr_in6), bl, cl;
	memset(&a, 0, sizeof a);
	a.ss_family = fam;
	if (fam == AF_INET)
		((struct sockaddr_in *)&a)->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	else
		((struct sockaddr_in6 *)&a)->sin6_addr = in6addr_loopback;
	int l = socket(fam, SOCK_STREAM, 0), s = socket(fam, SOCK_STREAM, 0), x;
	TST_EXP_PASS(bind(l, (struct sockaddr *)&a, al));
	TST_EXP_PASS(listen(l, 4));
	bl = sizeof b;
	TST_EXP_PASS(getsockname(l, (struct sockaddr *)&b, &bl));
	if (bl != al || b.ss_family != fam)
		tst_res(TFAIL, "getsockname length %u family %d", (unsigned)bl, b.ss_family);
	TST_EXP_PASS(connect(s, (struct sockaddr *)&b, bl));
	cl = sizeof c;
	TST_EXP_PASS(x = accept4(l, (struct sockaddr *)&c, &cl, SOCK_CLOEXEC));
	if (cl != al || c.ss_family != fam || !(fcntl(x, F_GETFD) & FD_CLOEXEC))
		tst_res(TFAIL, "accept4 peer length %u family %d", (unsigned)cl, c.ss_family);
	bl = sizeof b;
	TST_EXP_PASS(getpeername(x, (struct sockaddr *)&b, &bl));
	if (memcmp(&b, &c, cl))
		tst_res(TFAIL, "getpeername differs from accept's address");
	char buf[8] = { 0 };
	if (write(s, "tcp", 3) != 3 || read(x, buf, sizeof buf) != 3 || strcmp(buf, "tcp"))
		tst_res(TFAIL, "data over the connection");
	else
		tst_res(TPASS, "data over the %s connection", fam == AF_INET ? "IPv4" : "IPv6");
	close(x);
	close(s);
	close(l);
}

static void run(unsigned int n)
{
	struct sockaddr_in a = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) }, f;
	struct sockaddr_un u = { .sun_family = AF_UNIX, .sun_path = "sock" };
	socklen_t al = sizeof a, fl;
	char buf[16] = { 0 };
	int s, r;
	switch (n) {
	case 0:
		tcp(AF_INET);
		break;
	case 1:
		tcp(AF_INET6);
		break;
	case 2:
		s = socket(AF_INET, SOCK_DGRAM, 0);
		r = socket(AF_INET, SOCK_DGRAM, 0);
		TST_EXP_PASS(bind(r, (struct sockaddr *)&a, sizeof a));
		getsockname(r, (struct sockaddr *)&a, &al);
		TST_EXP_PASS(sendto(s, "udp", 3, 0, (struct sockaddr *)&a, sizeof a));
		fl = sizeof f;
		memset(&f, 0, sizeof f);
		TST_EXP_PASS(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&f, &fl));
		if (TST_RET != 3 || strcmp(buf, "udp") || fl != sizeof f || f.sin_family != AF_INET ||
		    f.sin_addr.s_addr != htonl(INADDR_LOOPBACK) || f.sin_port == 0)
			tst_res(TFAIL, "recvfrom: %ld '%s' family %d", TST_RET, buf, f.sin_family);
		fl = 2;
		TST_EXP_PASS(sendto(s, "u2", 2, 0, (struct sockaddr *)&a, sizeof a));
		TST_EXP_PASS(recvfrom(r, buf, sizeof buf, 0, (struct sockaddr *)&f, &fl));
		if (fl != sizeof f)
			tst_res(TFAIL, "short address buffer: length %u, want the full %u", (unsigned)fl,
				(unsigned)sizeof f);
		close(s);
		close(r);
		break;
	case 3:
		s = socket(AF_UNIX, SOCK_STREAM, 0);
		r = socket(AF_UNIX, SOCK_STREAM, 0);
		TST_EXP_PASS(bind(s, (struct sockaddr *)&u, sizeof u));
		TST_EXP_FAIL(bind(r, (struct sockaddr *)&u, sizeof u), EADDRINUSE);
		TST_EXP_FAIL(connect(r, (struct sockaddr *)&u, sizeof u), ECONNREFUSED);
		TST_EXP_PASS(listen(s, 1));
		TST_EXP_PASS(connect(r, (struct sockaddr *)&u, sizeof u));
		fl = sizeof u;
		memset(&u, 0, sizeof u);
		TST_EXP_PASS(getpeername(r, (struct sockaddr *)&u, &fl));
		if (u.sun_family != AF_UNIX || strcmp(u.sun_path, "sock"))
			tst_res(TFAIL, "peer family %d path '%s'", u.sun_family, u.sun_path);
		close(s);
		close(r);
		unlink("sock");
		break;
	case 4:
		s = socket(AF_INET, SOCK_STREAM, 0);
		TST_EXP_FAIL(bind(s, (struct sockaddr *)&a, 3), EINVAL);
		TST_EXP_FAIL(bind(s, bad_ptr, sizeof a), EFAULT);
		TST_EXP_FAIL(bind(s, (struct sockaddr *)&a, -1), EINVAL);
		fl = sizeof f;
		TST_EXP_FAIL(getpeername(s, (struct sockaddr *)&f, &fl), ENOTCONN);
		TST_EXP_FAIL(getsockname(s, (struct sockaddr *)&f, bad_ptr), EFAULT);
		TST_EXP_FAIL(accept(s, NULL, NULL), EINVAL);
		close(s);
		break;
	}
}

struct tst_test test = { .test = run, .tcnt = 5, .needs_tmpdir = 1 };
