/* Helpers for handlers that hand guest buffers straight to the host. */
#include <limits.h>
#include <string.h>
#include "sys.h"
#include "sysroot.h"

int guest_iov(struct task *t, uint64_t addr, uint64_t len, int prot,
	      struct iovec *iov, int max)
{
	int n = 0;
	if (len > SSIZE_MAX)
		len = SSIZE_MAX;
	while (len && n < max) {
		struct region *r = vm_find(t->vm, addr);
		if (!r || (r->prot & prot) != prot)
			break;
		uint64_t piece = r->end - addr < len ? r->end - addr : len;
		iov[n].iov_base = r->host + (addr - r->start);
		iov[n].iov_len = piece;
		n++;
		addr += piece;
		len -= piece;
	}
	return (n == 0 && len) ? -EFAULT : n;
}

int guest_iovec_array(struct task *t, uint64_t uiov, uint64_t cnt, int prot,
		      struct iovec *iov, int max)
{
	unsigned ps = t->abi->ptr_size;
	if (cnt > 1024)	/* UIO_MAXIOV */
		return -EINVAL;
	uint8_t raw[1024 * 16];
	if (copyin(t, uiov, raw, cnt * 2 * ps))
		return -EFAULT;
	int n = 0;
	uint64_t total = 0;
	for (uint64_t i = 0; i < cnt; i++) {
		uint64_t base = abi_load(t->abi, raw + 2 * ps * i, ps);
		uint64_t len = abi_load(t->abi, raw + 2 * ps * i + ps, ps);
		if ((int64_t)len < 0 || (ps == 4 && len > 0x7fffffffu))
			return -EINVAL;
		total += len;
		if (!len)
			continue;
		int k = guest_iov(t, base, len, prot, iov + n, max - n);
		if (k < 0)
			return n ? n : k;	/* like Linux: stop at the first bad buffer */
		n += k;
		if (n >= max)
			break;
	}
	(void)total;
	return n;
}

int open_flags_to_host(const struct abi *a, uint64_t f)
{
	if (!a->open_flags)
		return (int)f;
	uint32_t out = (uint32_t)f;
	for (const struct flagmap *m = a->open_flags; m->guest; m++)
		out &= ~m->guest;
	for (const struct flagmap *m = a->open_flags; m->guest; m++)
		if (f & m->guest)
			out |= m->host;
	return (int)out;
}

uint64_t open_flags_to_guest(const struct abi *a, int f)
{
	if (!a->open_flags)
		return (uint32_t)f;
	uint32_t out = (uint32_t)f;
	for (const struct flagmap *m = a->open_flags; m->guest; m++)
		out &= ~m->host;
	for (const struct flagmap *m = a->open_flags; m->guest; m++)
		if ((uint32_t)f & m->host)
			out |= m->guest;
	return out;
}

long get_path(struct task *t, uint64_t gaddr, char *buf, size_t len)
{
	long n = copyinstr(t, gaddr, buf, len);
	if (n < 0)
		return n;
	if (!strcmp(buf, "/proc/self/exe")) {
		size_t l = strlen(t->exe);
		if (l + 1 > len)
			return -ENAMETOOLONG;
		memcpy(buf, t->exe, l + 1);
		return (long)l;
	}
	return (long)sysroot_rewrite(buf, len);	/* guest absolute paths: sysroot first */
}
