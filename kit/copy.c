/* copyin/copyout: every guest pointer the kit touches goes through here. */
#include <errno.h>
#include <string.h>
#include "task.h"
#include "vm.h"

/* Walk [gaddr, gaddr+n) region by region; fn copies one piece. */
static int walk(struct task *t, uint64_t gaddr, size_t n, int prot,
		void (*fn)(void *host, void *buf, size_t len), void *buf)
{
	if (gaddr + n < gaddr)
		return -EFAULT;
	while (n) {
		struct region *r = vm_find(t->vm, gaddr);
		if (!r || (r->prot & prot) != prot)
			return -EFAULT;
		size_t piece = r->end - gaddr < n ? (size_t)(r->end - gaddr) : n;
		fn(r->host + (gaddr - r->start), buf, piece);
		gaddr += piece;
		buf = (char *)buf + piece;
		n -= piece;
	}
	return 0;
}

static void to_buf(void *host, void *buf, size_t len) { memcpy(buf, host, len); }
static void from_buf(void *host, void *buf, size_t len) { memcpy(host, buf, len); }

int copyin(struct task *t, uint64_t gaddr, void *dst, size_t n)
{
	return walk(t, gaddr, n, VM_R, to_buf, dst);
}

int copyout(struct task *t, const void *src, uint64_t gaddr, size_t n)
{
	return walk(t, gaddr, n, VM_W, from_buf, (void *)src);
}

long copyinstr(struct task *t, uint64_t gaddr, char *dst, size_t max)
{
	size_t done = 0;
	while (done < max) {
		struct region *r = vm_find(t->vm, gaddr + done);
		if (!r || !(r->prot & VM_R))
			return -EFAULT;
		const char *src = (const char *)r->host + (gaddr + done - r->start);
		size_t avail = r->end - (gaddr + done);
		if (avail > max - done)
			avail = max - done;
		const char *nul = memchr(src, 0, avail);
		size_t take = nul ? (size_t)(nul - src) + 1 : avail;
		memcpy(dst + done, src, take);
		done += take;
		if (nul)
			return (long)done - 1;
	}
	return -ENAMETOOLONG;
}

void *guest_ptr(struct task *t, uint64_t gaddr, size_t n, int prot)
{
	return vm_host(t->vm, gaddr, n, prot);
}
