/* sendmsg(2), recvmsg(2): scattered iovecs, SCM_RIGHTS (a pipe's write end
 * passed over a socketpair and used by the receiver), SCM_CREDENTIALS,
 * MSG_CTRUNC when the control buffer is too small; EFAULT, EMSGSIZE,
 * EBADF, EINVAL. */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include "tst.h"

static int sv[2] = { -1, -1 }, p[2] = { -1, -1 };
static void *volatile bad_ptr = (void *)16;

static void setup(void)
{
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, sv) < 0 || pipe(p) < 0)
		tst_brk(TBROK | TERRNO, "setup");
}

static void cleanup(void)
{
	close(sv[0]);
	close(sv[1]);
	close(p[0]);
	close(p[1]);
}

static int send_fds(const int *fds, int nfd, const char *data)
{
	union { char buf[CMSG_SPACE(2 * sizeof(int))]; struct cmsghdr align; } u;
	struct iovec iov[2] = { { (void *)data, 2 }, { (void *)(data + 2), strlen(data) - 2 } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2, .msg_control = u.buf,
			    .msg_controllen = CMSG_SPACE(nfd * sizeof(int)) };
	struct cmsghdr *c = CMSG_FIRSTHDR(&m);
	c->cmsg_level = SOL_SOCKET;
	c->cmsg_type = SCM_RIGHTS;
	c->cmsg_len = CMSG_LEN(nfd * sizeof(int));
	memcpy(CMSG_DATA(c), fds, nfd * sizeof(int));
	return sendmsg(sv[0], &m, 0);
}

static void run(unsigned int n)
{
	union { char buf[CMSG_SPACE(2 * sizeof(int))]; struct cmsghdr align; } u;
	char d1[3] = { 0 }, d2[16] = { 0 };
	struct iovec iov[2] = { { d1, 2 }, { d2, sizeof d2 - 1 } };
	struct msghdr m = { .msg_iov = iov, .msg_iovlen = 2, .msg_control = u.buf, .msg_controllen = sizeof u.buf };
	struct cmsghdr *c;
	int fds[2];
	switch (n) {
	case 0:
		fds[0] = p[1];
		fds[1] = p[0];
		TST_EXP_PASS(send_fds(fds, 2, "hello"));
		TST_EXP_PASS(recvmsg(sv[1], &m, 0));
		c = CMSG_FIRSTHDR(&m);
		if (TST_RET != 5 || strcmp(d1, "he") || strcmp(d2, "llo") || !c || c->cmsg_type != SCM_RIGHTS ||
		    c->cmsg_len != CMSG_LEN(2 * sizeof(int)) || (m.msg_flags & MSG_CTRUNC)) {
			tst_res(TFAIL, "recvmsg %ld '%s' '%s' flags 0x%x", TST_RET, d1, d2, m.msg_flags);
			break;
		}
		memcpy(fds, CMSG_DATA(c), sizeof fds);
		{
			char b[4] = { 0 };
			if (write(fds[0], "fd!", 3) != 3 || read(p[0], b, 3) != 3 || strcmp(b, "fd!"))
				tst_res(TFAIL, "received descriptor does not reach the pipe");
			else
				tst_res(TPASS, "received descriptor writes into the pipe");
		}
		close(fds[0]);
		close(fds[1]);
		break;
	case 1:
		fds[0] = p[1];
		fds[1] = p[1];
		TST_EXP_PASS(send_fds(fds, 2, "trunc"));
		m.msg_controllen = CMSG_LEN(sizeof(int));	/* room for one of two */
		TST_EXP_PASS(recvmsg(sv[1], &m, 0));
		c = CMSG_FIRSTHDR(&m);
		if (!(m.msg_flags & MSG_CTRUNC) || !c || c->cmsg_len != CMSG_LEN(sizeof(int)))
			tst_res(TFAIL, "flags 0x%x, cmsg_len %lu", m.msg_flags, c ? (unsigned long)c->cmsg_len : 0UL);
		else {
			memcpy(fds, CMSG_DATA(c), sizeof(int));
			tst_res(TPASS, "MSG_CTRUNC with one descriptor delivered");
			close(fds[0]);
		}
		break;
	case 2: {
		int on = 1;
		struct ucred cr = { getpid(), getuid(), getgid() }, *rc;
		union { char buf[CMSG_SPACE(sizeof cr)]; struct cmsghdr align; } cu;
		char one[2] = "c";
		struct iovec v = { one, 1 };
		struct msghdr sm = { .msg_iov = &v, .msg_iovlen = 1, .msg_control = cu.buf, .msg_controllen = sizeof cu.buf };
		setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
		c = CMSG_FIRSTHDR(&sm);
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_CREDENTIALS;
		c->cmsg_len = CMSG_LEN(sizeof cr);
		memcpy(CMSG_DATA(c), &cr, sizeof cr);
		TST_EXP_PASS(sendmsg(sv[0], &sm, 0));
		memset(cu.buf, 0, sizeof cu.buf);
		sm.msg_controllen = sizeof cu.buf;
		TST_EXP_PASS(recvmsg(sv[1], &sm, 0));
		c = CMSG_FIRSTHDR(&sm);
		rc = c ? (struct ucred *)CMSG_DATA(c) : NULL;
		if (!rc || c->cmsg_type != SCM_CREDENTIALS || rc->pid != getpid() || rc->uid != getuid())
			tst_res(TFAIL, "credentials not received");
		else
			tst_res(TPASS, "SCM_CREDENTIALS pid and uid");
		on = 0;
		setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &on, sizeof on);
		break;
	}
	case 3:
		fds[0] = 1000;
		TST_EXP_FAIL(send_fds(fds, 1, "xx"), EBADF);
		TST_EXP_FAIL(sendmsg(sv[0], bad_ptr, 0), EFAULT);
		m.msg_iovlen = 2000;
		TST_EXP_FAIL(sendmsg(sv[0], &m, 0), EMSGSIZE);
		m.msg_iovlen = 2;
		m.msg_controllen = 4;
		TST_EXP_FAIL(recvmsg(-1, &m, 0), EBADF);
		c = (struct cmsghdr *)u.buf;
		m.msg_controllen = sizeof u.buf;
		c->cmsg_len = sizeof u.buf + 64;
		c->cmsg_level = SOL_SOCKET;
		c->cmsg_type = SCM_RIGHTS;
		TST_EXP_FAIL(sendmsg(sv[0], &m, 0), EINVAL);
		break;
	}
}

struct tst_test test = { .setup = setup, .cleanup = cleanup, .test = run, .tcnt = 4 };
