/* sendmsg/recvmsg: struct msghdr, the iovec array and the control messages
 * (cmsghdr) are laid out per ABI ("msghdr", "cmsghdr", "iovec" layouts).
 * A control message is a cmsghdr followed by data, each padded to the
 * ABI's long (CMSG_ALIGN in linux/socket.h).  SCM_RIGHTS (an int array of
 * descriptors) and SCM_CREDENTIALS (struct ucred, three 32-bit ints) are
 * translated; other messages pass as bytes. */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include "evsys.h"
#include "layout.h"
#include "net.h"

#define CTL_MAX 65536	/* like Linux's optmem_max bound on control data: ENOBUFS */
#define IOV_MAX_ 1024	/* UIO_MAXIOV */

struct gmsg {
	const struct layout *l, *cl;
	uint8_t raw[64];
	uint64_t name, iov, iovlen, control, controllen;
	int64_t namelen;
};

static long get_msghdr(struct task *t, uint64_t addr, struct gmsg *g)
{
	g->l = layout_get(t->abi, "msghdr");
	g->cl = layout_get(t->abi, "cmsghdr");
	if (!g->l || !g->cl || g->l->size > sizeof g->raw)
		return -ENOSYS;
	if (copyin(t, addr, g->raw, g->l->size))
		return -EFAULT;
	uint64_t v;
	layout_get_field(t->abi, g->l, g->raw, "msg_name", &g->name);
	layout_get_field(t->abi, g->l, g->raw, "msg_namelen", &v);
	g->namelen = (int32_t)v;
	layout_get_field(t->abi, g->l, g->raw, "msg_iov", &g->iov);
	layout_get_field(t->abi, g->l, g->raw, "msg_iovlen", &g->iovlen);
	layout_get_field(t->abi, g->l, g->raw, "msg_control", &g->control);
	layout_get_field(t->abi, g->l, g->raw, "msg_controllen", &g->controllen);
	if (g->iovlen > IOV_MAX_)
		return -EMSGSIZE;
	return 0;
}

static uint64_t galign(const struct task *t, uint64_t x)
{
	uint64_t w = t->abi->ptr_size;
	return (x + w - 1) & ~(w - 1);
}

/* Control data guest -> host.  Returns the host length or -errno. */
static long ctl_in(struct task *t, const struct gmsg *g, uint8_t *out, size_t outmax)
{
	const struct abi *ab = t->abi;
	uint64_t len = g->controllen;
	if (len > CTL_MAX)
		return -ENOBUFS;
	uint8_t *in = malloc(len ? len : 1);
	if (!in)
		return -ENOMEM;
	long r = -EFAULT;
	if (copyin(t, g->control, in, len))
		goto out;
	size_t hdr = g->cl->size, used = 0;
	uint64_t off = 0;
	r = -EINVAL;
	while (off + hdr <= len) {
		uint64_t clen, lvl, typ;
		layout_get_field(ab, g->cl, in + off, "cmsg_len", &clen);
		layout_get_field(ab, g->cl, in + off, "cmsg_level", &lvl);
		layout_get_field(ab, g->cl, in + off, "cmsg_type", &typ);
		if (clen < hdr || clen > len - off)
			goto out;
		size_t dl = clen - hdr;
		if (used + CMSG_SPACE(dl) > outmax) {
			r = -ENOBUFS;
			goto out;
		}
		struct cmsghdr *c = (struct cmsghdr *)(out + used);
		c->cmsg_len = CMSG_LEN(dl);
		c->cmsg_level = (int)lvl;
		c->cmsg_type = (int)typ;
		const uint8_t *d = in + off + hdr;
		uint8_t *hd = CMSG_DATA(c);
		if ((int)lvl == SOL_SOCKET && ((int)typ == SCM_RIGHTS || (int)typ == SCM_CREDENTIALS)) {
			for (size_t i = 0; i + 4 <= dl; i += 4) {
				uint32_t v = (uint32_t)abi_load(ab, d + i, 4);
				if ((int)typ == SCM_RIGHTS && !ev_fd_ok((int32_t)v)) {
					r = -EBADF;
					goto out;
				}
				memcpy(hd + i, &v, 4);
			}
		} else
			memcpy(hd, d, dl);
		used += CMSG_SPACE(dl);
		off += galign(t, clen);
	}
	r = (long)used;
out:
	free(in);
	return r;
}

/* Control data host -> guest, as put_cmsg/scm_detach_fds do: what does not
 * fit sets MSG_CTRUNC (descriptors that do not fit are closed).  Returns
 * bytes used in the guest buffer or -EFAULT; updates *flags. */
static long ctl_out(struct task *t, const struct gmsg *g, struct msghdr *hm, int *flags)
{
	const struct abi *ab = t->abi;
	size_t hdr = g->cl->size;
	uint64_t cap = g->controllen > CTL_MAX ? CTL_MAX : g->controllen, used = 0;
	uint8_t *o = calloc(1, cap ? cap : 1);
	if (!o)
		return -ENOMEM;
	for (struct cmsghdr *c = hm->msg_controllen ? CMSG_FIRSTHDR(hm) : NULL; c; c = CMSG_NXTHDR(hm, c)) {
		size_t dl = c->cmsg_len - CMSG_LEN(0);
		int fds = c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS;
		int ints = fds || (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_CREDENTIALS);
		size_t room = cap > used + hdr ? cap - used - hdr : 0, take = dl;
		if (cap < used + hdr || (!fds && room < dl) || (fds && room < 4)) {
			*flags |= MSG_CTRUNC;
			take = 0;
		} else if (room < dl) {
			take = room / 4 * 4;
			*flags |= MSG_CTRUNC;
		}
		if (fds)	/* descriptors the guest will not see */
			for (size_t i = take; i + 4 <= dl; i += 4) {
				int fd;
				memcpy(&fd, CMSG_DATA(c) + i, 4);
				close(fd);
			}
		if (!take)
			continue;
		if (fds)
			ev_fds_received();
		uint8_t *gc = o + used;
		layout_put(ab, g->cl, gc, "cmsg_len", hdr + take);
		layout_put(ab, g->cl, gc, "cmsg_level", (uint32_t)c->cmsg_level);
		layout_put(ab, g->cl, gc, "cmsg_type", (uint32_t)c->cmsg_type);
		if (ints)
			for (size_t i = 0; i + 4 <= take; i += 4) {
				uint32_t v;
				memcpy(&v, CMSG_DATA(c) + i, 4);
				abi_store(ab, gc + hdr + i, 4, v);
			}
		else
			memcpy(gc + hdr, CMSG_DATA(c), take);
		used += galign(t, hdr + take);
		if (used > cap)
			used = cap;
	}
	long r = used && copyout(t, o, g->control, used) ? -EFAULT : (long)used;
	free(o);
	return r;
}

/* One sendmsg of the guest msghdr at umsg (also each entry of sendmmsg);
 * *part: not all of the data went (NULL: not asked). */
long net_sendmsg(struct task *t, int fd, uint64_t umsg, uint64_t gflags, int *part)
{
	struct gmsg g;
	long e = get_msghdr(t, umsg, &g);
	if (e)
		return e;
	struct iovec *v = malloc(IOV_MAX_ * sizeof *v);
	uint8_t *ctl = NULL;
	if (!v)
		return -ENOMEM;
	struct msghdr m = { 0 };
	struct sockaddr_storage ss;
	socklen_t hl = 0;
	long r = 0;
	if (g.name && g.namelen) {
		if ((r = net_get_addr(t, g.name, g.namelen, &ss, &hl, NET_DEST)))
			goto out;
		m.msg_name = &ss;
		m.msg_namelen = hl;
	}
	if ((r = guest_iovec_array(t, g.iov, g.iovlen, VM_R, v, IOV_MAX_)) < 0)
		goto out;
	m.msg_iov = v;
	m.msg_iovlen = (size_t)r;
	if (g.controllen) {
		size_t max = 2 * (g.controllen > CTL_MAX ? CTL_MAX : g.controllen) + 64;
		r = -ENOMEM;
		if (!(ctl = malloc(max)))
			goto out;
		if ((r = ctl_in(t, &g, ctl, max)) < 0)
			goto out;
		m.msg_control = r ? ctl : NULL;
		m.msg_controllen = (size_t)r;
	}
	r = net_sigpipe(t, HOST(sendmsg(fd, &m, (int)(uint32_t)gflags | MSG_NOSIGNAL)), gflags);
	if (part && r >= 0) {
		uint64_t want = 0;
		for (size_t i = 0; i < m.msg_iovlen; i++)
			want += v[i].iov_len;
		*part = (uint64_t)r < want;
	}
out:
	free(v);
	free(ctl);
	return r;
}

/* One recvmsg into the guest msghdr at umsg, which gets msg_namelen,
 * msg_controllen and msg_flags back (also each entry of recvmmsg);
 * *oob: the message ended at urgent data (NULL: not asked). */
long net_recvmsg(struct task *t, int fd, uint64_t umsg, uint64_t gflags, int *oob)
{
	struct gmsg g;
	long e = get_msghdr(t, umsg, &g);
	if (e)
		return e;
	if (g.controllen > CTL_MAX)
		g.controllen = CTL_MAX;
	struct iovec *v = malloc(IOV_MAX_ * sizeof *v);
	size_t cmax = 2 * g.controllen + 64;
	uint8_t *ctl = malloc(cmax);
	long r = -ENOMEM;
	if (!v || !ctl)
		goto out;
	struct sockaddr_storage ss;
	memset(&ss, 0, sizeof ss);
	struct msghdr m = { 0 };
	if ((r = guest_iovec_array(t, g.iov, g.iovlen, VM_W, v, IOV_MAX_)) < 0)
		goto out;
	m.msg_iov = v;
	m.msg_iovlen = (size_t)r;
	m.msg_name = g.name ? &ss : NULL;
	m.msg_namelen = g.name ? sizeof ss : 0;
	m.msg_control = g.control && g.controllen ? ctl : NULL;
	m.msg_controllen = g.control && g.controllen ? cmax : 0;
	r = HOST(recvmsg(fd, &m, (int)(uint32_t)gflags));
	if (r < 0)
		goto out;
	if (oob)
		*oob = !!(m.msg_flags & MSG_OOB);
	int flags = m.msg_flags & ~MSG_CTRUNC;
	if (m.msg_controllen > 0 && !(g.control && g.controllen))
		flags |= MSG_CTRUNC;
	long cl = m.msg_control ? ctl_out(t, &g, &m, &flags) : 0;
	if (m.msg_flags & MSG_CTRUNC)
		flags |= MSG_CTRUNC;
	if (cl < 0) {
		r = cl;
		goto out;
	}
	uint64_t nl = 0;
	if (g.name && m.msg_namelen) {
		/* the address goes out like move_addr_to_user, then msg_namelen */
		struct sockaddr_storage gs = ss;
		if (m.msg_namelen >= 2)
			abi_store(t->abi, &gs, 2, ss.ss_family);
		if (ss.ss_family == AF_INET6 && m.msg_namelen >= 28) {
			const struct lfield *sf = layout_field(layout_get(t->abi, "sockaddr_in6"), "sin6_scope_id");
			if (sf)
				abi_store(t->abi, (uint8_t *)&gs + sf->off, 4, ((struct sockaddr_in6 *)&ss)->sin6_scope_id);
		}
		size_t n = (uint64_t)g.namelen < m.msg_namelen ? (size_t)g.namelen : m.msg_namelen;
		if (g.namelen < 0 || (n && copyout(t, &gs, g.name, n))) {
			r = g.namelen < 0 ? -EINVAL : -EFAULT;
			goto out;
		}
		nl = m.msg_namelen;
	}
	layout_put(t->abi, g.l, g.raw, "msg_namelen", nl);
	layout_put(t->abi, g.l, g.raw, "msg_controllen", (uint64_t)cl);
	layout_put(t->abi, g.l, g.raw, "msg_flags", (uint32_t)flags);
	if (copyout(t, g.raw, umsg, g.l->size))
		r = -EFAULT;
out:
	free(v);
	free(ctl);
	return r;
}

SYS(sendmsg)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	return net_sendmsg(t, fd, a[1], a[2], NULL);
}

SYS(recvmsg)
{
	int fd = a_int(a[0]);
	EV_CHECK_FD(fd);
	return net_recvmsg(t, fd, a[1], a[2], NULL);
}
