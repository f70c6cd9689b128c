/* Memory: brk, the mmap family, munmap, mprotect, mremap, madvise. */
#include <sys/mman.h>
#include "sys.h"

/* MAP_SHARED/PRIVATE/FIXED/ANONYMOUS/FIXED_NOREPLACE have the same values
 * on every ABI here (asm-generic/mman-common.h; powerpc's asm/mman.h only
 * moves MAP_NORESERVE and MAP_LOCKED, which the kit does not need). */
static long do_mmap(struct task *t, uint64_t addr, uint64_t len, uint64_t prot,
		    uint64_t flags, int fd, uint64_t off)
{
	int type = flags & 0xf;	/* MAP_TYPE */
	if (type != MAP_SHARED && type != MAP_PRIVATE && type != MAP_SHARED_VALIDATE)
		return -EINVAL;
	if (prot & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	if (!len)
		return -EINVAL;
	int anon = !!(flags & MAP_ANONYMOUS);
	int vf = (type != MAP_PRIVATE ? VMF_SHARED : 0);
	if (flags & MAP_FIXED_NOREPLACE)
		vf |= VMF_NOREPLACE;
	else if (flags & MAP_FIXED)
		vf |= VMF_FIXED;
	if (!anon)
		CHECK_FD(fd);
	int64_t r = vm_map(t->vm, addr, len, (int)prot, vf, anon ? -1 : fd, anon ? 0 : off);
	return (long)r;
}

SYS(mmap)
{
	return do_mmap(t, a_ptr(t, a[0]), a_ptr(t, a[1]), a[2], a[3], a_int(a[4]), a_ptr(t, a[5]));
}

/* mmap2: the offset counts 4096-byte units on every ABI that has it. */
SYS(mmap2)
{
	return do_mmap(t, a_ptr(t, a[0]), a_ptr(t, a[1]), a[2], a[3], a_int(a[4]),
		       (uint64_t)(uint32_t)a[5] << 12);
}

/* i386's old mmap: one pointer to six 32-bit words (struct mmap_arg_struct). */
SYS(old_mmap)
{
	uint32_t w[6];
	if (copyin(t, a[0], w, sizeof w))
		return -EFAULT;
	uint64_t v[6];
	for (int i = 0; i < 6; i++)
		v[i] = abi_load(t->abi, &w[i], 4);
	if (v[5] & 0xfff)
		return -EINVAL;
	return do_mmap(t, v[0], v[1], v[2], v[3], (int)(int32_t)v[4], v[5]);
}

SYS(munmap)
{
	return vm_unmap(t->vm, a_ptr(t, a[0]), a_ptr(t, a[1]));
}

SYS(mprotect)
{
	if (a[2] & ~(uint64_t)(PROT_READ | PROT_WRITE | PROT_EXEC))
		return -EINVAL;
	return vm_protect(t->vm, a_ptr(t, a[0]), a_ptr(t, a[1]), (int)a[2]);
}

SYS(brk)
{
	return (long)vm_brk(t->vm, a_ptr(t, a[0]));
}

SYS(mremap)
{
	uint64_t flags = a[3];
	if (flags & ~(uint64_t)(MREMAP_MAYMOVE | MREMAP_FIXED))
		return -EINVAL;
	return (long)vm_remap(t->vm, a_ptr(t, a[0]), a_ptr(t, a[1]), a_ptr(t, a[2]),
			      !!(flags & MREMAP_MAYMOVE), !!(flags & MREMAP_FIXED), a_ptr(t, a[4]));
}

/* Advice changes nothing the guest can observe, except MADV_DONTNEED on
 * private anonymous memory, which reads back as zeros afterwards. */
SYS(madvise)
{
	uint64_t addr = a_ptr(t, a[0]), len = a_ptr(t, a[1]);
	if (addr & (VM_PAGE - 1))
		return -EINVAL;
	if ((int)a[2] == MADV_DONTNEED) {
		struct iovec v[16];
		int n = guest_iov(t, addr, len, 0, v, 16);
		for (int i = 0; i < n; i++)
			madvise(v[i].iov_base, v[i].iov_len, MADV_DONTNEED);
	}
	return 0;
}
