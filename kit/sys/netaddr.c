/* Socket addresses and options between guest and host.
 *
 * Addresses: sockaddr_un/in/in6 have the same size and offsets on every ABI
 * (layouts.def); sa_family and sin6_scope_id are in the guest's byte order,
 * ports and addresses are network order already.  Only AF_UNIX, AF_INET and
 * AF_INET6 are served, and the inet ones on loopback only: a bind to the
 * wildcard address binds the loopback address instead, other addresses are
 * refused (bind: EADDRNOTAVAIL, connect/sendto: ENETUNREACH). */
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include "evsys.h"
#include "layout.h"
#include "net.h"

static int field_off(const struct abi *a, const char *lname, const char *f, unsigned *off)
{
	const struct lfield *lf = layout_field(layout_get(a, lname), f);
	if (!lf)
		return -1;
	*off = lf->off;
	return 0;
}

static int is_loop4(const uint8_t *a4) { return a4[0] == 127; }
static int is_any4(const uint8_t *a4) { return !(a4[0] | a4[1] | a4[2] | a4[3]); }

static int loop6_kind(const uint8_t *a6)	/* 2 loopback, 1 wildcard, 0 other */
{
	static const uint8_t v4map[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
	int zero = 1;
	for (int i = 0; i < 15; i++)
		zero &= a6[i] == 0;
	if (zero && a6[15] == 1)
		return 2;
	if (zero && a6[15] == 0)
		return 1;
	if (!memcmp(a6, v4map, 12))
		return is_loop4(a6 + 12) ? 2 : is_any4(a6 + 12) ? 1 : 0;
	return 0;
}

long net_get_addr(struct task *t, uint64_t uaddr, int64_t len, struct sockaddr_storage *ss,
		  socklen_t *hlen, int use)
{
	if (len < 0 || (uint64_t)len > sizeof *ss)
		return -EINVAL;
	memset(ss, 0, sizeof *ss);
	if (copyin(t, uaddr, ss, (size_t)len))
		return -EFAULT;
	*hlen = (socklen_t)len;
	if (len < 2)
		return 0;	/* the host says what it thinks of that */
	int fam = (int)abi_load(t->abi, ss, 2);
	ss->ss_family = (sa_family_t)fam;
	if (fam == AF_UNIX || fam == AF_UNSPEC)
		return 0;
	if (fam == AF_INET) {
		struct sockaddr_in *in = (struct sockaddr_in *)ss;
		uint8_t *a4 = (uint8_t *)&in->sin_addr;
		if (len < (int64_t)sizeof *in || is_loop4(a4))
			return 0;
		if (is_any4(a4)) {
			if (use == NET_BIND)
				in->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
			return 0;
		}
		return use == NET_BIND ? -EADDRNOTAVAIL : -ENETUNREACH;
	}
	if (fam == AF_INET6) {
		struct sockaddr_in6 *in6 = (struct sockaddr_in6 *)ss;
		unsigned off;
		if (len < (int64_t)sizeof *in6)
			return len < 24 ? -EINVAL : 0;	/* SIN6_LEN_RFC2133 is 24 */
		if (!field_off(t->abi, "sockaddr_in6", "sin6_scope_id", &off))
			in6->sin6_scope_id = (uint32_t)abi_load(t->abi, (uint8_t *)ss + off, 4);
		int k = loop6_kind(in6->sin6_addr.s6_addr);
		if (k == 2)
			return 0;
		if (k == 1) {
			if (use == NET_BIND && !memcmp(in6->sin6_addr.s6_addr, &in6addr_any, 16))
				in6->sin6_addr = in6addr_loopback;
			else if (use == NET_BIND)
				in6->sin6_addr.s6_addr[12] = 127, in6->sin6_addr.s6_addr[15] = 1;
			return 0;
		}
		return use == NET_BIND ? -EADDRNOTAVAIL : -ENETUNREACH;
	}
	return -EAFNOSUPPORT;
}

long net_put_addr(struct task *t, const struct sockaddr_storage *ss, socklen_t hlen,
		  uint64_t uaddr, uint64_t ulenp)
{
	uint8_t raw[4];
	if (copyin(t, ulenp, raw, 4))
		return -EFAULT;
	int32_t glen = (int32_t)abi_load(t->abi, raw, 4);
	if (glen < 0)
		return -EINVAL;
	struct sockaddr_storage g;
	if (hlen > sizeof g)
		hlen = sizeof g;
	memcpy(&g, ss, hlen);
	if (hlen >= 2)
		abi_store(t->abi, &g, 2, ss->ss_family);
	unsigned off;
	if (ss->ss_family == AF_INET6 && hlen >= sizeof(struct sockaddr_in6) &&
	    !field_off(t->abi, "sockaddr_in6", "sin6_scope_id", &off))
		abi_store(t->abi, (uint8_t *)&g + off, 4, ((const struct sockaddr_in6 *)ss)->sin6_scope_id);
	size_t n = (size_t)glen < hlen ? (size_t)glen : hlen;
	if (n && copyout(t, &g, uaddr, n))
		return -EFAULT;
	abi_store(t->abi, raw, 4, hlen);
	return copyout(t, raw, ulenp, 4) ? -EFAULT : 0;
}

/* ---- options ---- */

/* How an option's value is laid out. */
enum { OPT_INT, OPT_LINGER, OPT_TV_OLD, OPT_TV_NEW, OPT_U32S, OPT_U64, OPT_BYTES, OPT_NO };

static int opt_kind(const struct task *t, int level, int name, int64_t len)
{
	if (level == SOL_SOCKET) {
		switch (name) {
		case SO_LINGER: return OPT_LINGER;
		case SO_RCVTIMEO_OLD: case SO_SNDTIMEO_OLD: return OPT_TV_OLD;
		case SO_RCVTIMEO_NEW: case SO_SNDTIMEO_NEW: return OPT_TV_NEW;
		case SO_PEERCRED: case SO_MEMINFO: case SO_PEERGROUPS: return OPT_U32S;
		case SO_COOKIE: case SO_NETNS_COOKIE: return OPT_U64;
		case SO_BINDTODEVICE: case SO_PEERSEC: return OPT_BYTES;
		/* these carry guest pointers (struct sock_fprog) or structures
		 * the kit does not translate */
		case SO_ATTACH_FILTER: case SO_ATTACH_REUSEPORT_CBPF: case SO_PEERNAME:
		case SO_TIMESTAMPING_OLD: case SO_TIMESTAMPING_NEW: case SO_TXTIME:
			return OPT_NO;
		}
		return OPT_INT;
	}
	if (level != IPPROTO_IP && level != IPPROTO_IPV6 && level != IPPROTO_TCP && level != IPPROTO_UDP)
		return OPT_NO;
	/* netfilter's control options (64.., IP_VS 1152..) pass user pointers */
	if ((level == IPPROTO_IP && name >= 64 && name < 100) || (level == IPPROTO_IP && name >= 1152) ||
	    (level == IPPROTO_IPV6 && (name == 64 || name == 65)))
		return OPT_NO;
	/* Most of these are ints; the others are byte strings or structures
	 * the kit passes unchanged where the guest's byte order is the host's. */
	if (len == 4)
		return OPT_INT;
	if (len < 4 || !t->abi->big_endian)
		return OPT_BYTES;
	return OPT_NO;
}

/* Guest value (raw, glen bytes) to host value (out, returns its length). */
static long opt_in(struct task *t, int kind, const uint8_t *raw, int64_t glen, uint8_t *out)
{
	const struct abi *a = t->abi;
	unsigned w = a->ptr_size;
	switch (kind) {
	case OPT_INT:
		if (glen < 4)
			return -EINVAL;
		{ uint32_t v = (uint32_t)abi_load(a, raw, 4); memcpy(out, &v, 4); }
		return 4;
	case OPT_LINGER:
	case OPT_U32S:
		for (int64_t i = 0; i + 4 <= glen; i += 4) {
			uint32_t v = (uint32_t)abi_load(a, raw + i, 4);
			memcpy(out + i, &v, 4);
		}
		return glen;
	case OPT_TV_OLD: {
		if (glen < 2 * w)
			return -EINVAL;
		int64_t s = (int64_t)abi_load(a, raw, w), us = (int64_t)abi_load(a, raw + w, w);
		if (w == 4)
			s = (int32_t)s, us = (int32_t)us;
		int64_t tv[2] = { s, us };
		memcpy(out, tv, 16);
		return 16;
	}
	case OPT_TV_NEW:
	case OPT_U64:
		for (int64_t i = 0; i + 8 <= glen; i += 8) {
			uint64_t v = abi_load(a, raw + i, 8);
			memcpy(out + i, &v, 8);
		}
		return glen;
	case OPT_BYTES:
		memcpy(out, raw, (size_t)glen);
		return glen;
	}
	return -ENOPROTOOPT;
}

SYS(setsockopt)
{
	int fd = a_int(a[0]), level = a_int(a[1]), gname = a_int(a[2]);
	int64_t len = a_int(a[4]);
	EV_CHECK_FD(fd);
	if (len < 0)
		return -EINVAL;
	int name = level == SOL_SOCKET ? sockopt_to_host(t->abi, gname) : gname;
	int kind = opt_kind(t, level, name, len);
	if (kind == OPT_NO)
		return -ENOPROTOOPT;
	uint8_t raw[NET_OPTMAX], out[NET_OPTMAX + 16];
	if (len > NET_OPTMAX)
		len = NET_OPTMAX;	/* no option the kit passes is longer */
	if (copyin(t, a[3], raw, (size_t)len))
		return -EFAULT;
	long hl = opt_in(t, kind, raw, len, out);
	if (hl < 0)
		return hl;
	return HOST(setsockopt(fd, level, name, out, (socklen_t)hl));
}

SYS(getsockopt)
{
	int fd = a_int(a[0]), level = a_int(a[1]), gname = a_int(a[2]);
	EV_CHECK_FD(fd);
	uint8_t raw[4];
	if (copyin(t, a[4], raw, 4))
		return -EFAULT;
	int64_t glen = (int32_t)abi_load(t->abi, raw, 4);
	if (glen < 0)
		return -EINVAL;
	int name = level == SOL_SOCKET ? sockopt_to_host(t->abi, gname) : gname;
	int kind = opt_kind(t, level, name, glen);
	if (kind == OPT_NO)
		return -ENOPROTOOPT;
	const struct abi *ab = t->abi;
	unsigned w = ab->ptr_size;
	uint8_t h[NET_OPTMAX], g[NET_OPTMAX];
	socklen_t hl = kind == OPT_TV_OLD || kind == OPT_TV_NEW ? 16 :
		       kind == OPT_INT ? 4 : kind == OPT_LINGER ? 8 :
		       glen < NET_OPTMAX ? (socklen_t)glen : NET_OPTMAX;
	memset(h, 0, sizeof h);
	if (getsockopt(fd, level, name, h, &hl) < 0)
		return -errno;
	size_t gl = hl;
	switch (kind) {
	case OPT_INT: case OPT_LINGER: case OPT_U32S:
		for (size_t i = 0; i + 4 <= hl; i += 4) {
			uint32_t v;
			memcpy(&v, h + i, 4);
			abi_store(ab, g + i, 4, v);
		}
		break;
	case OPT_TV_OLD: {
		int64_t tv[2];
		memcpy(tv, h, 16);
		abi_store(ab, g, w, (uint64_t)tv[0]);
		abi_store(ab, g + w, w, (uint64_t)tv[1]);
		gl = 2 * w;
		break;
	}
	case OPT_TV_NEW: case OPT_U64:
		for (size_t i = 0; i + 8 <= hl; i += 8) {
			uint64_t v;
			memcpy(&v, h + i, 8);
			abi_store(ab, g + i, 8, v);
		}
		break;
	default:
		memcpy(g, h, hl);
	}
	if ((int64_t)gl > glen)
		gl = (size_t)glen;
	if (gl && copyout(t, g, a[3], gl))
		return -EFAULT;
	abi_store(ab, raw, 4, gl);
	return copyout(t, raw, a[4], 4) ? -EFAULT : 0;
}
