/*
 * Guest address space.  Each region is host memory that the kit mapped;
 * the engine sees exactly the same regions through uc_mem_map_ptr.  When a
 * region is split (partial munmap/mprotect) the kit unmaps it from the engine
 * and maps the pieces again over the same host memory, so guest MAP_SHARED
 * memory stays host MAP_SHARED and survives fork().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "vm.h"

#define PG_DOWN(x) ((x) & ~(VM_PAGE - 1))
#define PG_UP(x) (((x) + VM_PAGE - 1) & ~(VM_PAGE - 1))
#define MMAP_MIN 0x10000ULL	/* Linux's default vm.mmap_min_addr */

struct vm *vm_new(uc_engine *uc, uint64_t limit, uint64_t mmap_base)
{
	struct vm *vm = calloc(1, sizeof *vm);
	if (!vm)
		return NULL;
	vm->uc[0] = uc;
	vm->nuc = 1;
	vm->limit = limit;
	vm->mmap_base = mmap_base;
	/* The largest single mapping.  Unicorn's uc_mem_unmap walks every page
	 * (about 22 ms per GiB, measured on 2.1.1), so a 1 TiB mapping would
	 * stall the kit for half a minute on munmap; 16 GiB costs 0.4 s. */
	vm->max_map = limit < (1ULL << 34) ? limit : (1ULL << 34);
	return vm;
}

void vm_free(struct vm *vm)
{
	if (!vm)
		return;
	for (unsigned i = 0; i < vm->n; i++)
		munmap(vm->r[i].host, vm->r[i].end - vm->r[i].start);
	free(vm->r);
	free(vm);
}

static int map_one(uc_engine *uc, const struct region *r)
{
	uc_err e = uc_mem_map_ptr(uc, r->start, r->end - r->start, r->prot, r->host);
	if (e != UC_ERR_OK && getenv("CK_DEBUG_VM"))
		fprintf(stderr, "vm: engine map 0x%llx-0x%llx: %s\n", (unsigned long long)r->start,
			(unsigned long long)r->end, uc_strerror(e));
	return e == UC_ERR_OK ? 0 : -ENOMEM;
}

static int engine_map(struct vm *vm, const struct region *r)
{
	for (unsigned i = 0; i < vm->nuc; i++)
		if (map_one(vm->uc[i], r)) {
			while (i-- > 0)
				uc_mem_unmap(vm->uc[i], r->start, r->end - r->start);
			return -ENOMEM;
		}
	/* Executable memory (re)entered while several engines (threads)
	 * share the space: an engine only notices code changed by its own
	 * stores, so each drops what it translated from the range. */
	if ((r->prot & VM_X) && vm->nuc > 1)
		for (unsigned i = 0; i < vm->nuc; i++)
			uc_ctl_remove_cache(vm->uc[i], r->start, r->end);
	return 0;
}

static void engine_unmap(struct vm *vm, const struct region *r)
{
	for (unsigned i = 0; i < vm->nuc; i++)
		uc_mem_unmap(vm->uc[i], r->start, r->end - r->start);
}

int vm_attach(struct vm *vm, uc_engine *uc)
{
	if (vm->nuc == VM_MAX_ENGINES)
		return -EAGAIN;
	for (unsigned i = 0; i < vm->n; i++)
		if (map_one(uc, &vm->r[i])) {
			while (i-- > 0)
				uc_mem_unmap(uc, vm->r[i].start, vm->r[i].end - vm->r[i].start);
			return -ENOMEM;
		}
	vm->uc[vm->nuc++] = uc;
	return 0;
}

void vm_detach(struct vm *vm, uc_engine *uc)
{
	for (unsigned i = 0; i < vm->nuc; i++)
		if (vm->uc[i] == uc) {
			vm->uc[i] = vm->uc[--vm->nuc];
			return;
		}
}

static int insert(struct vm *vm, const struct region *nr)
{
	if (vm->n == vm->cap) {
		unsigned cap = vm->cap ? vm->cap * 2 : 16;
		struct region *p = realloc(vm->r, cap * sizeof *p);
		if (!p)
			return -ENOMEM;
		vm->r = p;
		vm->cap = cap;
	}
	unsigned i = 0;
	while (i < vm->n && vm->r[i].start < nr->start)
		i++;
	memmove(&vm->r[i + 1], &vm->r[i], (vm->n - i) * sizeof *vm->r);
	vm->r[i] = *nr;
	vm->n++;
	return 0;
}

static void remove_at(struct vm *vm, unsigned i)
{
	memmove(&vm->r[i], &vm->r[i + 1], (vm->n - i - 1) * sizeof *vm->r);
	vm->n--;
	vm->hint = 0;
}

struct region *vm_find(struct vm *vm, uint64_t addr)
{
	if (vm->hint < vm->n) {
		struct region *h = &vm->r[vm->hint];
		if (addr >= h->start && addr < h->end)
			return h;
	}
	unsigned lo = 0, hi = vm->n;
	while (lo < hi) {
		unsigned mid = (lo + hi) / 2;
		struct region *r = &vm->r[mid];
		if (addr < r->start)
			hi = mid;
		else if (addr >= r->end)
			lo = mid + 1;
		else {
			vm->hint = mid;
			return r;
		}
	}
	return NULL;
}

/* Regions are sorted and never overlap, so the range is covered exactly
 * when consecutive regions from the first one touch. */
static int covered(struct vm *vm, unsigned i, uint64_t end)
{
	while (vm->r[i].end < end) {
		if (i + 1 >= vm->n || vm->r[i + 1].start != vm->r[i].end)
			return 0;
		i++;
	}
	return 1;
}

int vm_walk(struct vm *vm, uint64_t addr, uint64_t len, vm_piece_fn fn, void *ctx)
{
	if (!len)
		return 0;
	uint64_t end = addr + len;
	struct region *r = vm_find(vm, addr);
	if (end < addr || !r)
		return -ENOMEM;
	unsigned i = (unsigned)(r - vm->r);
	if (!covered(vm, i, end))
		return -ENOMEM;
	for (uint64_t a = addr; fn && a < end; i++) {
		r = &vm->r[i];
		uint64_t n = (r->end < end ? r->end : end) - a;
		int e = fn(ctx, r->host + (a - r->start), n);
		if (e)
			return e;
		a += n;
	}
	return 0;
}

void *vm_host(struct vm *vm, uint64_t addr, uint64_t n, int prot)
{
	struct region *r = vm_find(vm, addr);
	if (!r || (r->prot & prot) != prot || n > r->end - addr)
		return NULL;
	return r->host + (addr - r->start);
}

static int overlaps(struct vm *vm, uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < vm->n; i++)
		if (vm->r[i].start < end && start < vm->r[i].end)
			return 1;
	return 0;
}

uint64_t vm_find_free(struct vm *vm, uint64_t len, uint64_t below)
{
	uint64_t top = below;
	for (unsigned i = vm->n; i-- > 0;) {
		const struct region *r = &vm->r[i];
		if (r->start >= top)
			continue;
		if (r->end <= top && top - r->end >= len)
			return top - len;
		top = r->start;
	}
	return top >= MMAP_MIN + len ? top - len : 0;
}

/* Remove [start, end) from the map, keeping the pieces of regions that
 * stick out on either side.  Host memory of the removed part is released. */
static int carve(struct vm *vm, uint64_t start, uint64_t end)
{
	for (unsigned i = 0; i < vm->n;) {
		struct region r = vm->r[i];
		if (r.end <= start || r.start >= end) {
			i++;
			continue;
		}
		engine_unmap(vm, &r);
		remove_at(vm, i);
		uint64_t cs = r.start > start ? r.start : start;
		uint64_t ce = r.end < end ? r.end : end;
		munmap(r.host + (cs - r.start), ce - cs);
		if (r.start < cs) {
			struct region left = r;
			left.end = cs;
			if (insert(vm, &left) || engine_map(vm, &left))
				return -ENOMEM;
			i++;
		}
		if (ce < r.end) {
			struct region right = r;
			right.start = ce;
			right.host = r.host + (ce - r.start);
			if (insert(vm, &right) || engine_map(vm, &right))
				return -ENOMEM;
			i++;
		}
	}
	return 0;
}

/* Host memory for a new region: anonymous, or a file with the part past the
 * end of the file backed by anonymous memory, so that touching it can never
 * raise SIGBUS in the kit itself. */
static void *host_alloc(uint64_t len, int shared, int fd, uint64_t off, int hostprot)
{
	int aflags = (shared && fd < 0 ? MAP_SHARED : MAP_PRIVATE) | MAP_ANONYMOUS | MAP_NORESERVE;
	void *p = mmap(NULL, len, PROT_READ | PROT_WRITE, aflags, -1, 0);
	if (p == MAP_FAILED)
		return NULL;
	if (fd < 0)
		return p;
	struct stat st;
	if (fstat(fd, &st) < 0) {
		munmap(p, len);
		return NULL;
	}
	uint64_t flen = len;
	if (S_ISREG(st.st_mode)) {
		uint64_t avail = (uint64_t)st.st_size > off ? PG_UP(st.st_size - off) : 0;
		if (avail < flen)
			flen = avail;
	}
	if (flen && mmap(p, flen, hostprot, (shared ? MAP_SHARED : MAP_PRIVATE) | MAP_FIXED,
			 fd, off) == MAP_FAILED) {
		int e = errno;
		munmap(p, len);
		errno = e;
		return NULL;
	}
	return p;
}

int64_t vm_map(struct vm *vm, uint64_t addr, uint64_t len, int prot, int flags,
	       int fd, uint64_t off)
{
	if (len == 0 || len > vm->max_map)
		return len ? -ENOMEM : -EINVAL;
	len = PG_UP(len);
	if (off & (VM_PAGE - 1))
		return -EINVAL;
	if (flags & (VMF_FIXED | VMF_NOREPLACE)) {
		if (addr & (VM_PAGE - 1))
			return -EINVAL;
		if (addr + len > vm->limit || addr + len < addr)
			return -ENOMEM;
		if ((flags & VMF_NOREPLACE) && overlaps(vm, addr, addr + len))
			return -EEXIST;
	} else {
		addr = PG_DOWN(addr);
		if (!addr || addr < MMAP_MIN || addr + len > vm->limit || addr + len < addr ||
		    overlaps(vm, addr, addr + len)) {
			addr = vm_find_free(vm, len, vm->mmap_base);
			if (!addr)
				addr = vm_find_free(vm, len, vm->limit);
			if (!addr)
				return -ENOMEM;
		}
	}
	int shared = !!(flags & VMF_SHARED);
	/* A shared file mapping writes through to the file, so the host
	 * mapping takes the guest's write permission; the others are always
	 * writable by the kit (the engine enforces the guest's protection). */
	int hostprot = PROT_READ | ((shared && fd >= 0) ? (prot & VM_W ? PROT_WRITE : 0) : PROT_WRITE);
	void *host = host_alloc(len, shared, fd, off, hostprot);
	if (!host)
		return errno == EACCES ? -EACCES : (errno == ENODEV ? -ENODEV : -ENOMEM);
	/* under mlockall(MCL_FUTURE) Linux's mmap fails with EAGAIN when the
	 * new mapping cannot be locked (mm/mmap.c mlock_future_ok) */
	if (vm->lock_future && syscall(SYS_mlock2, host, len, vm->lock_future - 1) < 0) {
		munmap(host, len);
		return -EAGAIN;
	}
	if (flags & (VMF_FIXED | VMF_NOREPLACE)) {
		int e = carve(vm, addr, addr + len);
		if (e) {
			munmap(host, len);
			return e;
		}
	}
	struct region r = {
		.start = addr, .end = addr + len, .host = host, .prot = prot & 7,
		.flags = (flags & (VMF_SHARED | VMF_FILE | VMF_STACK | VMF_BRK)) | (fd >= 0 ? VMF_FILE : 0),
		.hostprot = hostprot,
	};
	if (insert(vm, &r)) {
		munmap(host, len);
		return -ENOMEM;
	}
	if (engine_map(vm, &r)) {
		remove_at(vm, (unsigned)(vm_find(vm, addr) - vm->r));
		munmap(host, len);
		return -ENOMEM;
	}
	return (int64_t)addr;
}

int64_t vm_map_host(struct vm *vm, uint64_t addr, uint64_t len, int prot, int flags,
		    void *host, int hostprot)
{
	if (!len || len > vm->max_map || (len & (VM_PAGE - 1)) || ((uintptr_t)host & (VM_PAGE - 1)))
		return -EINVAL;
	if (flags & (VMF_FIXED | VMF_NOREPLACE)) {
		if ((addr & (VM_PAGE - 1)) || addr + len > vm->limit || addr + len < addr)
			return -EINVAL;
		if ((flags & VMF_NOREPLACE) && overlaps(vm, addr, addr + len))
			return -EEXIST;
		int e = carve(vm, addr, addr + len);
		if (e)
			return e;
	} else {
		addr = vm_find_free(vm, len, vm->mmap_base);
		if (!addr)
			addr = vm_find_free(vm, len, vm->limit);
		if (!addr)
			return -ENOMEM;
	}
	struct region r = {
		.start = addr, .end = addr + len, .host = host, .prot = prot & 7,
		.flags = flags & (VMF_SHARED | VMF_SHM | VMF_FILE), .hostprot = hostprot,
	};
	if (insert(vm, &r))
		return -ENOMEM;
	if (engine_map(vm, &r)) {
		remove_at(vm, (unsigned)(vm_find(vm, addr) - vm->r));
		return -ENOMEM;
	}
	/* memory the caller made (shmat): locked under MCL_FUTURE as far as
	 * the host lets it (Linux's shmat does not fail on it either) */
	if (vm->lock_future && hostprot != PROT_NONE)
		syscall(SYS_mlock2, host, len, vm->lock_future - 1);
	return (int64_t)addr;
}

int vm_lock_all(struct vm *vm, int lock, int flags)
{
	for (unsigned i = 0; i < vm->n; i++) {
		const struct region *r = &vm->r[i];
		if (r->hostprot == PROT_NONE)
			continue;	/* nothing to populate; Linux skips it too */
		size_t n = r->end - r->start;
		if (lock ? syscall(SYS_mlock2, r->host, n, flags) < 0 : munlock(r->host, n) < 0)
			return -errno;
	}
	return 0;
}

int vm_unmap(struct vm *vm, uint64_t addr, uint64_t len)
{
	if ((addr & (VM_PAGE - 1)) || len == 0 || len > vm->limit)
		return -EINVAL;
	len = PG_UP(len);
	if (addr + len < addr || addr + len > vm->limit)
		return -EINVAL;
	return carve(vm, addr, addr + len);
}

/* Join region i with its right neighbour when they are the same kind of
 * memory and contiguous both in the guest and in the host, so that
 * mprotect back and forth does not leave the engine with many regions. */
static void merge_right(struct vm *vm, unsigned i)
{
	if (i + 1 >= vm->n)
		return;
	struct region *a = &vm->r[i], *b = &vm->r[i + 1];
	if (a->end != b->start || a->prot != b->prot || a->flags != b->flags ||
	    a->hostprot != b->hostprot || a->host + (a->end - a->start) != b->host)
		return;
	struct region m = *a;
	m.end = b->end;
	engine_unmap(vm, a);
	engine_unmap(vm, b);
	if (engine_map(vm, &m)) {	/* keep the two as they were */
		engine_map(vm, a);
		engine_map(vm, b);
		return;
	}
	*a = m;
	remove_at(vm, i + 1);
}

static void merge_around(struct vm *vm, uint64_t start, uint64_t end)
{
	for (unsigned i = vm->n; i-- > 0;)
		if (vm->r[i].end >= start && vm->r[i].start <= end)
			merge_right(vm, i);
}

/* Make sure no region straddles addr: split the one that does in two. */
static int split_at(struct vm *vm, uint64_t addr)
{
	struct region *r = vm_find(vm, addr);
	if (!r || r->start == addr)
		return 0;
	struct region left = *r, right = *r;
	left.end = addr;
	right.start = addr;
	right.host = r->host + (addr - r->start);
	engine_unmap(vm, r);
	*r = left;
	if (engine_map(vm, &left) || insert(vm, &right) || engine_map(vm, &right))
		return -ENOMEM;
	return 0;
}

int vm_protect(struct vm *vm, uint64_t addr, uint64_t len, int prot)
{
	if (addr & (VM_PAGE - 1))
		return -EINVAL;
	if (len > vm->limit)	/* also keeps PG_UP from wrapping to 0 */
		return -ENOMEM;
	len = PG_UP(len);
	uint64_t end = addr + len;
	if (end < addr)
		return -ENOMEM;
	/* Linux fails with ENOMEM if any page of the range is unmapped. */
	for (uint64_t a = addr; a < end;) {
		struct region *r = vm_find(vm, a);
		if (!r)
			return -ENOMEM;
		a = r->end;
	}
	/* Each region whose protection changes leaves the engine once and
	 * comes back as up to three pieces, the part in [addr, end) with the
	 * new protection.  (Splitting first and then changing the middle
	 * piece took twice the engine calls, and each costs ~150,000 host
	 * instructions in Unicorn 2.1: callgrind, a static hello's mprotect.) */
	for (unsigned i = 0; i < vm->n; i++) {
		struct region old = vm->r[i];
		if (old.end <= addr || old.start >= end || old.prot == (prot & 7))
			continue;
		uint64_t cs = old.start > addr ? old.start : addr;
		uint64_t ce = old.end < end ? old.end : end;
		if ((old.flags & VMF_SHARED) && (old.flags & VMF_FILE) &&
		    mprotect(old.host + (cs - old.start), ce - cs,
			     PROT_READ | (prot & VM_W ? PROT_WRITE : 0)) < 0)
			return -EACCES;	/* writes go to the file: the host mapping must follow */
		engine_unmap(vm, &old);
		struct region mid = old, left = old, right = old;
		mid.start = cs;
		mid.end = ce;
		mid.host = old.host + (cs - old.start);
		mid.prot = prot & 7;
		left.end = cs;
		right.start = ce;
		right.host = old.host + (ce - old.start);
		vm->r[i] = mid;	/* same place in the sorted list */
		if (engine_map(vm, &mid))
			return -ENOMEM;
		if (left.start < left.end) {
			if (insert(vm, &left) || engine_map(vm, &left))
				return -ENOMEM;
			i++;
		}
		if (right.start < right.end) {
			if (insert(vm, &right) || engine_map(vm, &right))
				return -ENOMEM;
			i++;
		}
	}
	merge_around(vm, addr, end);
	return 0;
}

uint64_t vm_brk(struct vm *vm, uint64_t newbrk)
{
	if (newbrk < vm->brk_start)
		return vm->brk_cur;
	uint64_t want = PG_UP(newbrk);
	if (want > vm->brk_mapped) {
		if (want > vm->limit || overlaps(vm, vm->brk_mapped, want))
			return vm->brk_cur;
		if (vm_map(vm, vm->brk_mapped, want - vm->brk_mapped, VM_R | VM_W,
			   VMF_FIXED | VMF_BRK, -1, 0) < 0)
			return vm->brk_cur;
		vm->brk_mapped = want;
	} else if (want < vm->brk_mapped) {
		if (vm_unmap(vm, want, vm->brk_mapped - want) < 0)
			return vm->brk_cur;
		vm->brk_mapped = want;
	}
	vm->brk_cur = newbrk;
	return newbrk;
}

int64_t vm_remap(struct vm *vm, uint64_t old, uint64_t oldlen, uint64_t newlen,
		 int may_move, int fixed, uint64_t newaddr)
{
	/* old_len 0 (a second mapping of shared memory on Linux) is not
	 * supported; a length past the address space would wrap PG_UP. */
	if ((old & (VM_PAGE - 1)) || newlen == 0 || newlen > vm->max_map || oldlen == 0 ||
	    oldlen > vm->limit)
		return -EINVAL;
	oldlen = PG_UP(oldlen);
	newlen = PG_UP(newlen);
	struct region *r = vm_find(vm, old);
	if (!r || oldlen > r->end - old)
		return -EFAULT;
	(void)newaddr;
	if (fixed)
		return -EINVAL;	/* MREMAP_FIXED: not supported yet, refused honestly */
	if (newlen <= oldlen) {
		if (newlen < oldlen) {
			int e = vm_unmap(vm, old + newlen, oldlen - newlen);
			if (e)
				return e;
		}
		return (int64_t)old;
	}
	/* Grow: the region must be taken out of the engine, the host memory
	 * grown (possibly moved) by the host kernel, and the region re-entered. */
	struct region cur = *r;
	int in_place = old + oldlen == cur.end && !overlaps(vm, cur.end, old + newlen) &&
		       old + newlen <= vm->limit;
	uint64_t dest = old;
	if (!in_place) {
		if (!may_move)
			return -ENOMEM;
		dest = vm_find_free(vm, newlen, vm->mmap_base);
		if (!dest)
			return -ENOMEM;
	}
	/* Split off exactly [old, old+oldlen) first. */
	int e = split_at(vm, old);
	if (!e)
		e = split_at(vm, old + oldlen);
	if (e)
		return e;
	r = vm_find(vm, old);
	struct region piece = *r;
	engine_unmap(vm, r);
	remove_at(vm, (unsigned)(r - vm->r));
	void *nh = mremap(piece.host, oldlen, newlen, MREMAP_MAYMOVE);
	if (nh == MAP_FAILED) {
		insert(vm, &piece);
		engine_map(vm, &piece);
		return -ENOMEM;
	}
	piece.host = nh;
	piece.start = dest;
	piece.end = dest + newlen;
	if (insert(vm, &piece) || engine_map(vm, &piece))
		return -ENOMEM;
	return (int64_t)dest;
}
