/* System information: sysinfo (layout "sysinfo"), getcpu, I/O priority,
 * CPU affinity. */
#include <sched.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/sysinfo.h>
#include "layout.h"
#include "sys.h"

/* A 32-bit struct sysinfo whose memory sizes do not fit gets them in
 * pages (mem_unit = 4096), as kernel/sys.c compat_sys_sysinfo does. */
SYS(sysinfo)
{
	struct sysinfo s;
	if (sysinfo(&s) < 0)
		return -errno;
	const struct layout *l = layout_get(t->abi, "sysinfo");
	if (!l || l->size > 128)
		return -ENOSYS;
	const struct lfield *fr = layout_field(l, "totalram");
	if (fr && fr->size == 4 && ((s.totalram >> 32) || (s.totalswap >> 32))) {
		int shift = 0;
		while (s.mem_unit < 4096) {
			s.mem_unit <<= 1;
			shift++;
		}
		s.totalram >>= shift; s.freeram >>= shift; s.sharedram >>= shift;
		s.bufferram >>= shift; s.totalswap >>= shift; s.freeswap >>= shift;
		s.totalhigh >>= shift; s.freehigh >>= shift;
	}
	uint8_t buf[128];
	memset(buf, 0, l->size);
	layout_put(t->abi, l, buf, "uptime", (uint64_t)s.uptime);
	const struct lfield *ld = layout_field(l, "loads");
	for (unsigned i = 0; ld && i < 3; i++)
		lf_put_elem(t->abi, buf, ld, i, s.loads[i]);
	layout_put(t->abi, l, buf, "totalram", s.totalram);
	layout_put(t->abi, l, buf, "freeram", s.freeram);
	layout_put(t->abi, l, buf, "sharedram", s.sharedram);
	layout_put(t->abi, l, buf, "bufferram", s.bufferram);
	layout_put(t->abi, l, buf, "totalswap", s.totalswap);
	layout_put(t->abi, l, buf, "freeswap", s.freeswap);
	layout_put(t->abi, l, buf, "procs", s.procs);
	layout_put(t->abi, l, buf, "totalhigh", s.totalhigh);
	layout_put(t->abi, l, buf, "freehigh", s.freehigh);
	layout_put(t->abi, l, buf, "mem_unit", s.mem_unit);
	return copyout(t, buf, a[0], l->size) ? -EFAULT : 0;
}

SYS(getcpu)
{
	unsigned cpu = 0, node = 0;
	if (syscall(SYS_getcpu, &cpu, &node, NULL) < 0)
		return -errno;
	uint8_t raw[4];
	uint64_t pc = a_ptr(t, a[0]), pn = a_ptr(t, a[1]);
	abi_store(t->abi, raw, 4, cpu);
	if (pc && copyout(t, raw, pc, 4))
		return -EFAULT;
	abi_store(t->abi, raw, 4, node);
	if (pn && copyout(t, raw, pn, 4))
		return -EFAULT;
	return 0;
}

SYS(ioprio_get) { return HOST(syscall(SYS_ioprio_get, a_int(a[0]), a_int(a[1]))); }
SYS(ioprio_set) { return HOST(syscall(SYS_ioprio_set, a_int(a[0]), a_int(a[1]), a_int(a[2]))); }

/* The CPU mask of sched_{get,set}affinity is an array of the ABI's
 * unsigned long: bit n lives in word n / (8 * ptr_size), on the guest's
 * side as on the host's (whose words are 64-bit little-endian).  So each
 * guest word keeps its place in the host mask and only its byte order may
 * change; that swap is its own inverse and serves both directions. */
static void mask_words(const struct abi *A, uint8_t *dst, const uint8_t *src, uint64_t len)
{
	unsigned ps = A->ptr_size;
	for (uint64_t w = 0; w < len / ps; w++) {
		uint64_t v = abi_load(A, src + w * ps, ps);
		memcpy(dst + w * ps, &v, ps);
	}
}

/* A length that is not a whole word is EINVAL; CPUs past 4096 do not
 * exist here, so a longer mask is cut there. */
SYS(sched_setaffinity)
{
	unsigned ps = t->abi->ptr_size;
	uint64_t len = (uint32_t)a[1];
	uint8_t raw[512], host[512];
	if (len > sizeof raw)
		len = sizeof raw;
	len -= len % ps;
	if (!len)
		return -EINVAL;
	if (copyin(t, a_ptr(t, a[2]), raw, len))
		return -EFAULT;
	memset(host, 0, sizeof host);
	mask_words(t->abi, host, raw, len);
	size_t hlen = (len + 7) & ~(uint64_t)7;
	return HOST(syscall(SYS_sched_setaffinity, a_int(a[0]), hlen, host));
}

/* The length must be a multiple of the word and hold every possible CPU
 * (kernel/sched/core.c); the result is the bytes written. */
SYS(sched_getaffinity)
{
	unsigned ps = t->abi->ptr_size;
	uint64_t len = (uint32_t)a[1];
	uint8_t host[512];	/* 4096 CPUs */
	if (len % ps)
		return -EINVAL;
	long n = syscall(SYS_sched_getaffinity, a_int(a[0]),
			 len < sizeof host ? (size_t)len & ~(size_t)7 : sizeof host, host);
	if (n < 0) {
		/* a 32-bit ABI may ask for 4 bytes, which the 8-byte host rounds away */
		if (errno != EINVAL || len >= 8)
			return -errno;
		n = syscall(SYS_sched_getaffinity, a_int(a[0]), (size_t)8, host);
		if (n < 0)
			return -errno;
		for (int i = 4; i < 8; i++)
			if (host[i])
				return -EINVAL;
		n = 4;
	}
	uint8_t out[512];
	mask_words(t->abi, out, host, (uint64_t)n);
	return copyout(t, out, a_ptr(t, a[2]), (size_t)n) ? -EFAULT : n;
}
