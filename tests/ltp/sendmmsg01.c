/* sendmmsg(2), recvmmsg(2) (and recvmmsg_time64 on 32-bit ABIs, and both
 * through socketcall(2) where it exists): three datagrams out and back in
 * one call each, msg_len of every entry (the mmsghdr stride); MSG_DONTWAIT
 * and MSG_WAITFORONE returning what is queued; a zero timeout ending the
 * call after one message and a long one written back with the time left;
 * partial success (a bad second entry: 1 sent); a read-only vector (the
 * message goes, msg_len cannot be stored: EFAULT); EFAULT, EINVAL, EAGAIN,
 * EBADF, ENOTSOCK. */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <linux/net.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include "tst.h"

static int sv[2] = { -1, -1 };
static void *volatile bad_ptr = (void *)16;

/* the ABI's old timespec (two longs) and the 64-bit one */
struct old_ts { long s, ns; };
struct ts64 { long long s, ns; };

enum { PLAIN, TIME64, SOCKETCALL };

static long rmm(int how, int fd, struct mmsghdr *v, unsigned n, unsigned fl, void *ts)
{
	switch (how) {
#ifdef SYS_recvmmsg_time64
	case TIME64:
		return syscall(SYS_recvmmsg_time64, fd, v, n, fl, ts);
#endif
#ifdef SYS_socketcall
	case SOCKETCALL: {
		unsigned long a[5] = { fd, (unsigned long)v, n, fl, (unsigned long)ts };
		return syscall(SYS_socketcall, SYS_RECVMMSG, a);
	}
#endif
	default:
		return syscall(SYS_recvmmsg, fd, v, n, fl, ts);
	}
}

static long smm(int how, int fd, struct mmsghdr *v, unsigned n, unsigned fl)
{
#ifdef SYS_socketcall
	if (how == SOCKETCALL) {
		unsigned long a[4] = { fd, (unsigned long)v, n, fl };
		return syscall(SYS_socketcall, SYS_SENDMMSG, a);
	}
#endif
	return syscall(SYS_sendmmsg, fd, v, n, fl);
}

static void setup(void)
{
	if (socketpair(AF_UNIX, SOCK_DGRAM, 0, sv) < 0)
		tst_brk(TBROK | TERRNO, "socketpair");
	/* a receive that wrongly waits for more ends after 2 s, not never */
	struct timeval tv = { 2, 0 };
	if (setsockopt(sv[1], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) < 0)
		tst_brk(TBROK | TERRNO, "SO_RCVTIMEO");
}

static void cleanup(void)
{
	close(sv[0]);
	close(sv[1]);
}

static const char *const words[3] = { "one", "two!", "three" };
static struct iovec siov[3];
static struct mmsghdr smsg[3];

static void fill_send(void)
{
	memset(smsg, 0xa5, sizeof smsg);	/* msg_len must be overwritten */
	for (int i = 0; i < 3; i++) {
		siov[i].iov_base = (void *)words[i];
		siov[i].iov_len = strlen(words[i]);
		memset(&smsg[i].msg_hdr, 0, sizeof smsg[i].msg_hdr);
		smsg[i].msg_hdr.msg_iov = &siov[i];
		smsg[i].msg_hdr.msg_iovlen = 1;
	}
}

static char rbuf[4][16];
static struct iovec riov[4];
static struct mmsghdr rmsg[4];

static void fill_recv(void)
{
	memset(rbuf, 0, sizeof rbuf);
	memset(rmsg, 0x5a, sizeof rmsg);
	for (int i = 0; i < 4; i++) {
		riov[i].iov_base = rbuf[i];
		riov[i].iov_len = sizeof rbuf[i] - 1;
		memset(&rmsg[i].msg_hdr, 0, sizeof rmsg[i].msg_hdr);
		rmsg[i].msg_hdr.msg_iov = &riov[i];
		rmsg[i].msg_hdr.msg_iovlen = 1;
	}
}

static void send3(int how)
{
	fill_send();
	TST_EXP_PASS(smm(how, sv[0], smsg, 3, 0));
	int ok = TST_RET == 3;
	for (int i = 0; i < 3; i++)
		ok &= smsg[i].msg_len == strlen(words[i]);
	if (ok)
		tst_res(TPASS, "sendmmsg sent 3, msg_len 3 4 5");
	else
		tst_res(TFAIL, "sendmmsg %ld, msg_len %u %u %u", TST_RET, smsg[0].msg_len, smsg[1].msg_len,
			smsg[2].msg_len);
}

static void expect_recv(const char *what, long got, int want, int first)
{
	int ok = got == want;
	for (int i = 0; ok && i < want; i++)
		ok = rmsg[i].msg_len == strlen(words[first + i]) && !strcmp(rbuf[i], words[first + i]);
	if (ok)
		tst_res(TPASS, "%s: %d messages, msg_len and data right", what, want);
	else
		tst_res(TFAIL, "%s: %ld (want %d): len %u '%s', len %u '%s'", what, got, want, rmsg[0].msg_len,
			rbuf[0], rmsg[1].msg_len, rbuf[1]);
}

static void run(unsigned int how)
{
#ifndef SYS_recvmmsg_time64
	if (how == TIME64) {
		tst_res(TCONF, "no recvmmsg_time64 on this ABI");
		return;
	}
#endif
#ifndef SYS_socketcall
	if (how == SOCKETCALL) {
		tst_res(TCONF, "no socketcall(2) on this ABI");
		return;
	}
#endif
	static const char *const name[3] = { "recvmmsg", "recvmmsg_time64", "socketcall" };
	tst_res(TINFO, "through %s", name[how]);
	struct old_ts ots = { 5, 0 }, obad = { 0, 2000000000L };
	struct ts64 nts = { 5, 0 }, nbad = { 0, 2000000000L };
	void *ts = how == TIME64 ? (void *)&nts : (void *)&ots;
	void *bad_ts = how == TIME64 ? (void *)&nbad : (void *)&obad;

	/* all three, a fourth slot left: MSG_DONTWAIT ends on the empty queue */
	send3(how);
	fill_recv();
	expect_recv("MSG_DONTWAIT", rmm(how, sv[1], rmsg, 4, MSG_DONTWAIT, NULL), 3, 0);
	TST_EXP_FAIL(rmm(how, sv[1], rmsg, 4, MSG_DONTWAIT, NULL), EAGAIN);

	/* MSG_WAITFORONE: blocks for the first only */
	send3(how);
	fill_recv();
	expect_recv("MSG_WAITFORONE", rmm(how, sv[1], rmsg, 4, MSG_WAITFORONE, NULL), 3, 0);

	/* a long timeout: all asked for come, the time left is written back */
	send3(how);
	fill_recv();
	expect_recv("5 s timeout", rmm(how, sv[1], rmsg, 2, 0, ts), 2, 0);
	long long s = how == TIME64 ? nts.s : ots.s, ns = how == TIME64 ? nts.ns : ots.ns;
	if (s == 4 && ns > 0 && ns < 1000000000LL)
		tst_res(TPASS, "time left written back: %lld.%09lld", s, ns);
	else
		tst_res(TFAIL, "time left %lld.%09lld, expected just under 5 s", s, ns);
	fill_recv();
	TST_EXP_PASS(rmm(how, sv[1], rmsg, 4, MSG_DONTWAIT, NULL));	/* "three" */
	/* a zero timeout: the call ends after the first message */
	send3(how);
	ots.s = ots.ns = 0;
	nts.s = nts.ns = 0;
	fill_recv();
	expect_recv("zero timeout", rmm(how, sv[1], rmsg, 4, 0, ts), 1, 0);
	fill_recv();
	expect_recv("the rest", rmm(how, sv[1], rmsg, 4, MSG_DONTWAIT, NULL), 2, 1);

	TST_EXP_FAIL(rmm(how, sv[1], rmsg, 4, MSG_DONTWAIT, bad_ts), EINVAL);
	TST_EXP_FAIL(rmm(how, sv[1], rmsg, 4, MSG_DONTWAIT, bad_ptr), EFAULT);
	TST_EXP_FAIL(rmm(how, sv[1], bad_ptr, 4, MSG_DONTWAIT, NULL), EFAULT);
	TST_EXP_FAIL(rmm(how, -1, rmsg, 4, MSG_DONTWAIT, NULL), EBADF);

	/* partial success: the second entry's iovec is unreadable */
	fill_send();
	smsg[1].msg_hdr.msg_iov = bad_ptr;
	TST_EXP_PASS(smm(how, sv[0], smsg, 3, 0));
	if (TST_RET == 1 && smsg[0].msg_len == 3)
		tst_res(TPASS, "a bad second entry: 1 sent");
	else
		tst_res(TFAIL, "a bad second entry: %ld sent", TST_RET);
	fill_recv();
	expect_recv("after the partial send", rmm(how, sv[1], rmsg, 4, MSG_DONTWAIT, NULL), 1, 0);
	TST_EXP_FAIL(smm(how, sv[0], bad_ptr, 2, 0), EFAULT);
	TST_EXP_FAIL(smm(how, -1, smsg, 1, 0), EBADF);
	int p[2];
	if (pipe(p) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
	fill_send();
	TST_EXP_FAIL(smm(how, p[1], smsg, 1, 0), ENOTSOCK);
	TST_EXP_FAIL(rmm(how, p[0], rmsg, 1, MSG_DONTWAIT, NULL), ENOTSOCK);
	close(p[0]);
	close(p[1]);
	TST_EXP_PASS(smm(how, sv[0], smsg, 0, 0));

	/* a read-only vector: the datagram goes, msg_len cannot be stored */
	long pg = sysconf(_SC_PAGESIZE);
	struct mmsghdr *ro = mmap(NULL, pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap");
	fill_send();
	ro[0] = smsg[0];
	if (mprotect(ro, pg, PROT_READ) < 0)
		tst_brk(TBROK | TERRNO, "mprotect");
	TST_EXP_FAIL(smm(how, sv[0], ro, 1, 0), EFAULT);
	fill_recv();
	expect_recv("the unacknowledged message arrived", rmm(how, sv[1], rmsg, 4, MSG_DONTWAIT, NULL), 1, 0);
	munmap(ro, pg);
}

struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = 3,
};
