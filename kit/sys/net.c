/* Sockets: AF_UNIX, AF_INET, AF_INET6 (loopback only, see netaddr.c), and
 * the socketcall(2) multiplexer of the 32-bit ABIs.  Guest fds are host
 * fds; data moves straight between the guest's memory and the host. */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include "evsys.h"
#include "net.h"
#include "ksig.h"

/* SOCK_NONBLOCK and SOCK_CLOEXEC are the ABI's O_NONBLOCK/O_CLOEXEC
 * (linux/net.h); the low four bits are the type. */
static long sock_type(const struct abi *ab, int type)
{
	long fl = ev_flags(ab, (uint32_t)type & ~0xfu, 0);
	if (fl < 0)
		return fl;
	int base = type & 0xf;
	/* raw and packet sockets reach beyond loopback */
	if (base != SOCK_STREAM && base != SOCK_DGRAM && base != SOCK_SEQPACKET)
		return -ESOCKTNOSUPPORT;
	return base | fl;
}

static long sock_family(int dom)
{
	return dom == AF_UNIX || dom == AF_INET || dom == AF_INET6 ? 0 : -EAFNOSUPPORT;
}

SYS(socket)
{
	long e = sock_family(a_int(a[0]));
	long ty = sock_type(t->abi, a_int(a[1]));
	if (e)
		return e;
	if (ty < 0)
		return ty;
	return ev_new_fd(HOST(socket(a_int(a[0]), (int)ty, a_int(a[2]))));
}

SYS(socketpair)
{
	long e = sock_family(a_int(a[0]));
	long ty = sock_type(t->abi, a_int(a[1]));
	if (e)
		return e;
	if (ty < 0)
		return ty;
	int sv[2];
	if (socketpair(a_int(a[0]), (int)ty, a_int(a[2]), sv) < 0)
		return -errno;
	uint8_t raw[8];
	abi_store(t->abi, raw, 4, (uint32_t)sv[0]);
	abi_store(t->abi, raw + 4, 4, (uint32_t)sv[1]);
	if (sv[0] >= ck_kit_fd_min || sv[1] >= ck_kit_fd_min || copyout(t, raw, a[3], 8)) {
		close(sv[0]);
		close(sv[1]);
		return sv[0] >= ck_kit_fd_min || sv[1] >= ck_kit_fd_min ? -EMFILE : -EFAULT;
	}
	return 0;
}

static long addr_call(struct task *t, const uint64_t *a, int use)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	struct sockaddr_storage ss;
	socklen_t hl;
	long e = net_get_addr(t, a[1], a_int(a[2]), &ss, &hl, use);
	if (e)
		return e;
	return use == NET_BIND ? HOST(bind(fd, (struct sockaddr *)&ss, hl))
			       : HOST(connect(fd, (struct sockaddr *)&ss, hl));
}

SYS(bind) { return addr_call(t, a, NET_BIND); }
SYS(connect) { return addr_call(t, a, NET_DEST); }

SYS(listen)
{
	EV_CHECK_FD(a_int(a[0]));
	return HOST(listen(a_int(a[0]), a_int(a[1])));
}

SYS(shutdown)
{
	EV_CHECK_FD(a_int(a[0]));
	return HOST(shutdown(a_int(a[0]), a_int(a[1])));
}

SYS(accept4)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	long fl = ev_flags(t->abi, a_int(a[3]), 0);
	if (fl < 0)
		return fl;
	struct sockaddr_storage ss;
	socklen_t hl = sizeof ss;
	long r = ev_new_fd(HOST(accept4(fd, (struct sockaddr *)&ss, &hl, (int)fl)));
	if (r < 0)
		return r;
	long e = a[1] ? net_put_addr(t, &ss, hl, a[1], a[2]) : 0;
	if (e) {
		close((int)r);	/* as Linux: the new descriptor is dropped */
		return e;
	}
	return r;
}

SYS(accept)
{
	uint64_t b[4] = { a[0], a[1], a[2], 0 };
	return linux_sys_accept4(t, b);
}

static long name_call(struct task *t, const uint64_t *a, int peer)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	struct sockaddr_storage ss;
	socklen_t hl = sizeof ss;
	memset(&ss, 0, sizeof ss);
	if ((peer ? getpeername(fd, (struct sockaddr *)&ss, &hl) : getsockname(fd, (struct sockaddr *)&ss, &hl)) < 0)
		return -errno;
	return net_put_addr(t, &ss, hl, a[1], a[2]);
}

SYS(getsockname) { return name_call(t, a, 0); }
SYS(getpeername) { return name_call(t, a, 1); }

/* MSG_* flags (linux/socket.h) are one set for every ABI.  The host send
 * always has MSG_NOSIGNAL: a SIGPIPE must not hit the kit itself; the
 * guest's comes from net_sigpipe. */
long net_sigpipe(struct task *t, long r, uint64_t guest_flags)
{
	if (r == -EPIPE && !(guest_flags & MSG_NOSIGNAL)) {
		/* send_sig(SIGPIPE, current, 0): SI_USER from the caller itself */
		struct ksiginfo k = { .signo = SIGPIPE, .code = SI_USER, .pid = getpid(), .uid = getuid() };
		sig_post(t, &k);
	}
	return r;
}

SYS(sendto)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	struct iovec v[16];
	int n = guest_iov(t, a_ptr(t, a[1]), a_ptr(t, a[2]), VM_R, v, 16);
	if (n < 0)
		return n;
	struct sockaddr_storage ss;
	socklen_t hl = 0;
	if (a[4]) {
		long e = net_get_addr(t, a[4], a_int(a[5]), &ss, &hl, NET_DEST);
		if (e)
			return e;
	}
	struct msghdr m = { .msg_name = a[4] ? &ss : NULL, .msg_namelen = hl, .msg_iov = v, .msg_iovlen = n };
	return net_sigpipe(t, HOST(sendmsg(fd, &m, (int)(uint32_t)a[3] | MSG_NOSIGNAL)), a[3]);
}

SYS(recvfrom)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	struct iovec v[16];
	int n = guest_iov(t, a_ptr(t, a[1]), a_ptr(t, a[2]), VM_W, v, 16);
	if (n < 0) {
		/* Linux faults only when data is copied (no data: EAGAIN etc.);
		 * an unmapped host range gives the host kernel the same choice */
		v[0].iov_base = NULL;
		v[0].iov_len = a_ptr(t, a[2]);
		n = 1;
	}
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	struct msghdr m = { .msg_name = &ss, .msg_namelen = sizeof ss, .msg_iov = v, .msg_iovlen = n };
	long r = HOST(recvmsg(fd, &m, (int)(uint32_t)a[3]));
	if (r < 0)
		return r;
	/* Linux fills the address only if the protocol gave one */
	if (a[4] && m.msg_namelen) {
		long e = net_put_addr(t, &ss, m.msg_namelen, a[4], a[5]);
		if (e)
			return e;
	} else if (a[4] && a[5]) {
		uint8_t z[4] = { 0 };
		if (copyout(t, z, a[5], 4))
			return -EFAULT;
	}
	return r;
}

SYS(send)
{
	uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
	return linux_sys_sendto(t, b);
}

SYS(recv)
{
	uint64_t b[6] = { a[0], a[1], a[2], a[3], 0, 0 };
	return linux_sys_recvfrom(t, b);
}

/* socketcall(call, args): args points to the call's arguments as the
 * ABI's unsigned longs (net/socket.c, nargs[]); call numbers are SYS_*
 * of linux/net.h, the same on every ABI that has socketcall. */
SYS(socketcall)
{
	static const unsigned char nargs[21] = { 0, 3, 3, 3, 2, 3, 3, 3, 4, 4, 4, 6, 6, 2, 5, 5, 3, 3, 4, 5, 4 };
	static sy_call_t *const fn[21] = {
		0, linux_sys_socket, linux_sys_bind, linux_sys_connect, linux_sys_listen,
		linux_sys_accept, linux_sys_getsockname, linux_sys_getpeername, linux_sys_socketpair,
		linux_sys_send, linux_sys_recv, linux_sys_sendto, linux_sys_recvfrom, linux_sys_shutdown,
		linux_sys_setsockopt, linux_sys_getsockopt, linux_sys_sendmsg, linux_sys_recvmsg,
		linux_sys_accept4, linux_sys_recvmmsg, linux_sys_sendmmsg,
	};
	int call = a_int(a[0]);
	if (call < 1 || call > 20)
		return -EINVAL;
	unsigned w = t->abi->ptr_size;
	uint8_t raw[6 * 8];
	if (copyin(t, a_ptr(t, a[1]), raw, nargs[call] * w))
		return -EFAULT;
	uint64_t b[6] = { 0 };
	for (unsigned i = 0; i < nargs[call]; i++)
		b[i] = abi_load(t->abi, raw + i * w, w);
	return fn[call](t, b);
}
