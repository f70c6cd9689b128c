/* The guest address space: splits, merges, protections, placement, brk,
 * mremap and the EFAULT paths of copyin/copyout/copyinstr.  Every check
 * also asks the engine itself, so the region list and Unicorn must agree. */
#include <criterion/criterion.h>
#include <errno.h>
#include <string.h>
#include "task.h"
#include "vm.h"

#define LIMIT (1ULL << 32)
#define BASE 0x40000000ULL
#define PG VM_PAGE

static struct task t;

static void setup(void)
{
	memset(&t, 0, sizeof t);
	t.abi = abi_find("i386");
	cr_assert(uc_open(UC_ARCH_X86, UC_MODE_32, &t.uc) == UC_ERR_OK);
	t.vm = vm_new(t.uc, LIMIT, 0x30000000ULL);
	cr_assert_not_null(t.vm);
}

static void teardown(void)
{
	vm_free(t.vm);
	uc_close(t.uc);
}

/* The engine's view of one address: readable or not. */
static int engine_readable(uint64_t a)
{
	uint8_t b;
	return uc_mem_read(t.uc, a, &b, 1) == UC_ERR_OK;
}

static unsigned engine_regions(void)
{
	uc_mem_region *r;
	uint32_t n = 0;
	cr_assert(uc_mem_regions(t.uc, &r, &n) == UC_ERR_OK);
	uc_free(r);
	return n;
}

/* The engine's protection of the region holding a, or -1. */
static int engine_perms(uint64_t a)
{
	uc_mem_region *r;
	uint32_t n = 0;
	int p = -1;
	uc_mem_regions(t.uc, &r, &n);
	for (uint32_t i = 0; i < n; i++)
		if (a >= r[i].begin && a <= r[i].end)
			p = (int)r[i].perms;
	uc_free(r);
	return p;
}

TestSuite(vm, .init = setup, .fini = teardown);

Test(vm, fixed_map_and_unmap_middle_splits)
{
	cr_assert_eq(vm_map(t.vm, BASE, 4 * PG, VM_R | VM_W, VMF_FIXED, -1, 0), (int64_t)BASE);
	cr_assert_eq(copyout(&t, "abcd", BASE + 3 * PG, 4), 0);
	cr_assert_eq(vm_unmap(t.vm, BASE + PG, PG), 0);
	cr_assert_eq(t.vm->n, 2u);
	cr_assert_eq(engine_regions(), 2u);
	cr_assert(engine_readable(BASE));
	cr_assert_not(engine_readable(BASE + PG));
	cr_assert(engine_readable(BASE + 2 * PG));
	char buf[4];
	cr_assert_eq(copyin(&t, BASE + PG, buf, 1), -EFAULT);
	cr_assert_eq(copyin(&t, BASE + 3 * PG, buf, 4), 0);
	cr_assert_eq(memcmp(buf, "abcd", 4), 0, "contents must survive the split");
}

Test(vm, protect_splits_then_merges_back)
{
	vm_map(t.vm, BASE, 3 * PG, VM_R | VM_W, VMF_FIXED, -1, 0);
	cr_assert_eq(vm_protect(t.vm, BASE + PG, PG, VM_R), 0);
	cr_assert_eq(t.vm->n, 3u);
	cr_assert_eq(copyout(&t, "x", BASE + PG, 1), -EFAULT, "read-only page must refuse copyout");
	cr_assert_eq(copyout(&t, "x", BASE, 1), 0);
	cr_assert_eq(engine_perms(BASE + PG), UC_PROT_READ, "the engine must see the page read-only too");
	cr_assert_eq(engine_perms(BASE), UC_PROT_READ | UC_PROT_WRITE);
	cr_assert_eq(vm_protect(t.vm, BASE + PG, PG, VM_R | VM_W), 0);
	cr_assert_eq(t.vm->n, 1u, "equal neighbours must merge");
	cr_assert_eq(engine_regions(), 1u);
}

Test(vm, protect_of_unmapped_range_is_enomem)
{
	vm_map(t.vm, BASE, PG, VM_R, VMF_FIXED, -1, 0);
	cr_assert_eq(vm_protect(t.vm, BASE, 2 * PG, VM_R | VM_W), -ENOMEM);
	cr_assert_eq(vm_protect(t.vm, BASE + 1, PG, VM_R), -EINVAL);
}

Test(vm, fixed_replaces_and_noreplace_refuses)
{
	vm_map(t.vm, BASE, 2 * PG, VM_R | VM_W, VMF_FIXED, -1, 0);
	copyout(&t, "old", BASE + PG, 3);
	cr_assert_eq(vm_map(t.vm, BASE + PG, PG, VM_R | VM_W, VMF_NOREPLACE, -1, 0), -EEXIST);
	cr_assert_eq(vm_map(t.vm, BASE + PG, PG, VM_R | VM_W, VMF_FIXED, -1, 0), (int64_t)(BASE + PG));
	char buf[3];
	copyin(&t, BASE + PG, buf, 3);
	cr_assert_eq(memcmp(buf, "\0\0\0", 3), 0, "MAP_FIXED gives fresh zero pages");
	cr_assert_eq(vm_map(t.vm, BASE + 1, PG, VM_R, VMF_FIXED, -1, 0), -EINVAL);
}

Test(vm, placement_is_below_mmap_base_and_disjoint)
{
	int64_t a = vm_map(t.vm, 0, 5 * PG, VM_R, 0, -1, 0);
	int64_t b = vm_map(t.vm, 0, 5 * PG, VM_R, 0, -1, 0);
	cr_assert_gt(a, 0);
	cr_assert_gt(b, 0);
	cr_assert_leq((uint64_t)a + 5 * PG, 0x30000000ULL);
	cr_assert((uint64_t)b + 5 * PG <= (uint64_t)a || (uint64_t)a + 5 * PG <= (uint64_t)b);
	/* a hint that is free is taken */
	cr_assert_eq(vm_map(t.vm, 0x50000000ULL, PG, VM_R, 0, -1, 0), 0x50000000LL);
	/* absurd sizes are refused before any host allocation */
	cr_assert_eq(vm_map(t.vm, 0, LIMIT + PG, VM_R, 0, -1, 0), -ENOMEM);
	cr_assert_eq(vm_map(t.vm, 0, 0, VM_R, 0, -1, 0), -EINVAL);
}

Test(vm, brk_grows_and_shrinks)
{
	t.vm->brk_start = t.vm->brk_cur = t.vm->brk_mapped = BASE;
	cr_assert_eq(vm_brk(t.vm, 0), BASE);
	cr_assert_eq(vm_brk(t.vm, BASE + 100), BASE + 100);
	cr_assert_eq(copyout(&t, "z", BASE + 99, 1), 0);
	cr_assert_eq(vm_brk(t.vm, BASE + 3 * PG), BASE + 3 * PG);
	cr_assert(engine_readable(BASE + 2 * PG));
	cr_assert_eq(vm_brk(t.vm, BASE + 10), BASE + 10);
	cr_assert_not(engine_readable(BASE + PG), "shrinking brk unmaps");
	cr_assert_eq(vm_brk(t.vm, BASE - PG), BASE + 10, "below the start: unchanged");
	/* growing into an existing mapping fails and leaves brk alone */
	vm_map(t.vm, BASE + 4 * PG, PG, VM_R, VMF_FIXED, -1, 0);
	cr_assert_eq(vm_brk(t.vm, BASE + 6 * PG), BASE + 10);
}

Test(vm, mremap_grows_in_place_or_moves_with_contents)
{
	vm_map(t.vm, BASE, PG, VM_R | VM_W, VMF_FIXED, -1, 0);
	copyout(&t, "keep", BASE, 4);
	cr_assert_eq(vm_remap(t.vm, BASE, PG, 2 * PG, 0, 0, 0), (int64_t)BASE);
	vm_map(t.vm, BASE + 2 * PG, PG, VM_R, VMF_FIXED, -1, 0);	/* block growth */
	cr_assert_eq(vm_remap(t.vm, BASE, 2 * PG, 4 * PG, 0, 0, 0), -ENOMEM);
	int64_t n = vm_remap(t.vm, BASE, 2 * PG, 4 * PG, 1, 0, 0);
	cr_assert_gt(n, 0);
	cr_assert_neq(n, (int64_t)BASE);
	char buf[4];
	cr_assert_eq(copyin(&t, (uint64_t)n, buf, 4), 0);
	cr_assert_eq(memcmp(buf, "keep", 4), 0);
	cr_assert_not(engine_readable(BASE));
	cr_assert_eq(vm_remap(t.vm, 0x70000000ULL, PG, 2 * PG, 1, 0, 0), -EFAULT);
}

Test(vm, copy_paths_fault_cleanly)
{
	char buf[16];
	cr_assert_eq(copyin(&t, 0, buf, 1), -EFAULT);
	cr_assert_eq(copyin(&t, ~0ULL - 2, buf, 8), -EFAULT, "wrap-around");
	vm_map(t.vm, BASE, PG, VM_R | VM_W, VMF_FIXED, -1, 0);
	vm_map(t.vm, BASE + PG, PG, VM_R | VM_W, VMF_FIXED, -1, 0);
	/* a string that crosses two regions */
	cr_assert_eq(copyout(&t, "abcdef", BASE + PG - 3, 7), 0);
	cr_assert_eq(copyinstr(&t, BASE + PG - 3, buf, sizeof buf), 6);
	cr_assert_str_eq(buf, "abcdef");
	/* no NUL within max */
	memset(buf, 'x', sizeof buf);
	copyout(&t, buf, BASE, sizeof buf);
	cr_assert_eq(copyinstr(&t, BASE, buf, 8), -ENAMETOOLONG);
	/* a string that runs off the end of the mapped space */
	copyout(&t, buf, BASE + 2 * PG - 4, 4);
	cr_assert_eq(copyinstr(&t, BASE + 2 * PG - 4, buf, sizeof buf), -EFAULT);
	cr_assert_null(guest_ptr(&t, BASE + 2 * PG - 4, 8, VM_R), "range leaves the mapping");
}

Test(vm, a_second_engine_sees_the_same_memory)
{
	uc_engine *uc2;
	cr_assert(uc_open(UC_ARCH_X86, UC_MODE_32, &uc2) == UC_ERR_OK);
	vm_map(t.vm, BASE, 2 * PG, VM_R | VM_W, VMF_FIXED, -1, 0);
	cr_assert_eq(vm_attach(t.vm, uc2), 0);
	uint32_t v = 0x1234, got = 0;
	cr_assert_eq(uc_mem_write(t.uc, BASE + 8, &v, 4), UC_ERR_OK);
	cr_assert_eq(uc_mem_read(uc2, BASE + 8, &got, 4), UC_ERR_OK);
	cr_assert_eq(got, v, "both engines must share the host memory");
	vm_map(t.vm, BASE + 4 * PG, PG, VM_R, VMF_FIXED, -1, 0);
	cr_assert_eq(uc_mem_read(uc2, BASE + 4 * PG, &got, 4), UC_ERR_OK, "later maps reach every engine");
	vm_unmap(t.vm, BASE, PG);
	cr_assert_neq(uc_mem_read(uc2, BASE, &got, 4), UC_ERR_OK, "unmaps reach every engine");
	vm_detach(t.vm, uc2);
	cr_assert_eq(t.vm->nuc, 1u);
	uc_close(uc2);
}

/* vm_walk hands out one piece per region, however many there are. */
struct walked { unsigned n; uint64_t bytes; uint64_t next; int stop_at; };

static int walk_piece(void *ctx, uint8_t *host, uint64_t n)
{
	struct walked *w = ctx;
	cr_assert_eq(host, vm_host(t.vm, w->next, n, 0), "piece %u: host memory of the wrong place", w->n);
	w->n++;
	w->bytes += n;
	w->next += n;
	return w->n == (unsigned)w->stop_at ? -EIO : 0;
}

Test(vm, walk_covers_many_regions_and_refuses_holes)
{
	enum { N = 200 };
	vm_map(t.vm, BASE, N * PG, VM_R | VM_W, VMF_FIXED, -1, 0);
	for (int i = 1; i < N; i += 2)
		cr_assert_eq(vm_protect(t.vm, BASE + i * PG, PG, VM_R), 0);
	cr_assert_eq(t.vm->n, (unsigned)N, "alternating protections must stay separate regions");
	/* from the middle of the first page to the middle of the last */
	struct walked w = { 0, 0, BASE + 16, 0 };
	cr_assert_eq(vm_walk(t.vm, BASE + 16, N * PG - 32, walk_piece, &w), 0);
	cr_assert_eq(w.n, (unsigned)N);
	cr_assert_eq(w.bytes, N * PG - 32);
	struct walked s = { 0, 0, BASE, 3 };
	cr_assert_eq(vm_walk(t.vm, BASE, N * PG, walk_piece, &s), -EIO, "fn's error must end the walk");
	cr_assert_eq(s.n, 3u);
	cr_assert_eq(vm_walk(t.vm, BASE, N * PG + PG, NULL, NULL), -ENOMEM, "past the end is a hole");
	cr_assert_eq(vm_unmap(t.vm, BASE + 150 * PG, PG), 0);
	struct walked h = { 0, 0, BASE, 0 };
	cr_assert_eq(vm_walk(t.vm, BASE, N * PG, walk_piece, &h), -ENOMEM);
	cr_assert_eq(h.n, 0u, "a range with a hole must not be acted on at all");
	cr_assert_eq(vm_walk(t.vm, BASE + 151 * PG, 49 * PG, NULL, NULL), 0);
	cr_assert_eq(vm_walk(t.vm, BASE - PG, PG, NULL, NULL), -ENOMEM);
	cr_assert_eq(vm_walk(t.vm, BASE, 0, walk_piece, &h), 0);
	cr_assert_eq(vm_walk(t.vm, ~0ULL - PG + 1, 2 * PG, NULL, NULL), -ENOMEM, "a wrapping range");
}
