/* Guest-requested sizes are bounded and overflow-checked before anything
 * is allocated: mmap/munmap/mprotect/mremap lengths near 2^64, copyin and
 * copyinstr ranges that wrap, iovec counts, and an ELF whose segment spans
 * more than the address space or the largest mapping.  Each must fail with
 * the Linux errno promptly and leave the address space as it was. */
#include <criterion/criterion.h>
#include <errno.h>
#include <elf.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/mman.h>
#include "exec.h"
#include "run.h"
#include "vm.h"
#include "sys/sys.h"

static struct task t;
static char err[256];

static void setup64(void)
{
	cr_assert(task_init(&t, abi_find("amd64"), err, sizeof err) == 0, "%s", err);
}

static void teardown(void)
{
	task_destroy(&t);
}

TestSuite(bounds, .init = setup64, .fini = teardown);

Test(bounds, mmap_lengths)
{
	struct vm *vm = t.vm;
	cr_expect_eq(vm_map(vm, 0, 0, VM_R, 0, -1, 0), -EINVAL);
	cr_expect_eq(vm_map(vm, 0, ~0ULL, VM_R, 0, -1, 0), -ENOMEM);
	cr_expect_eq(vm_map(vm, 0, ~0ULL - 4095, VM_R, 0, -1, 0), -ENOMEM);
	cr_expect_eq(vm_map(vm, 0, vm->max_map + 1, VM_R, 0, -1, 0), -ENOMEM);
	cr_expect_eq(vm_map(vm, 0x10000, ~0ULL - 0x10000, VM_R, VMF_FIXED, -1, 0), -ENOMEM);
	cr_expect_eq(vm->n, 0u, "a refused mmap left %u regions", vm->n);
	/* The largest mapping is bounded well below the address space. */
	cr_expect_leq(vm->max_map, 1ULL << 34);
}

Test(bounds, munmap_mprotect_mremap_wrap)
{
	struct vm *vm = t.vm;
	int64_t a = vm_map(vm, 0, 4 * VM_PAGE, VM_R | VM_W, 0, -1, 0);
	cr_assert_gt(a, 0);
	cr_expect_eq(vm_unmap(vm, (uint64_t)a, ~0ULL), -EINVAL);
	cr_expect_eq(vm_unmap(vm, (uint64_t)a, ~0ULL - 4095), -EINVAL);
	cr_expect_eq(vm_protect(vm, (uint64_t)a, ~0ULL, VM_R), -ENOMEM);
	cr_expect_eq(vm_protect(vm, (uint64_t)a, ~0ULL - 4095, VM_R), -ENOMEM);
	cr_expect_eq(vm_remap(vm, (uint64_t)a, 0, 8 * VM_PAGE, 1, 0, 0), -EINVAL);
	cr_expect_eq(vm_remap(vm, (uint64_t)a, ~0ULL, 8 * VM_PAGE, 1, 0, 0), -EINVAL);
	cr_expect_eq(vm_remap(vm, (uint64_t)a, VM_PAGE, ~0ULL, 1, 0, 0), -EINVAL);
	cr_expect_eq(vm->n, 1u);
	struct region *r = vm_find(vm, (uint64_t)a);
	cr_assert_not_null(r);
	cr_expect_eq(r->end - r->start, 4 * VM_PAGE);
	cr_expect_eq(r->prot, VM_R | VM_W);
}

Test(bounds, copy_ranges_that_wrap)
{
	char buf[64];
	int64_t a = vm_map(t.vm, 0, VM_PAGE, VM_R | VM_W, 0, -1, 0);
	cr_assert_gt(a, 0);
	cr_expect_eq(copyin(&t, (uint64_t)a, buf, ~(size_t)0), -EFAULT);
	cr_expect_eq(copyin(&t, ~0ULL - 8, buf, 32), -EFAULT);
	cr_expect_eq(copyout(&t, buf, ~0ULL - 8, 32), -EFAULT);
	cr_expect_eq(copyinstr(&t, ~0ULL - 8, buf, sizeof buf), -EFAULT);
	cr_expect_null(guest_ptr(&t, (uint64_t)a, ~(size_t)0, VM_R));
	/* A string running into the end of the mapping: EFAULT, not a read past it. */
	char *h = guest_ptr(&t, (uint64_t)a, VM_PAGE, VM_W);
	memset(h, 'a', VM_PAGE);
	cr_expect_eq(copyinstr(&t, (uint64_t)a + VM_PAGE - 8, buf, sizeof buf), -EFAULT);
	cr_expect_eq(copyinstr(&t, (uint64_t)a, buf, sizeof buf), -ENAMETOOLONG);
}

Test(bounds, iovec_count)
{
	struct iovec v[4];
	int64_t a = vm_map(t.vm, 0, VM_PAGE, VM_R | VM_W, 0, -1, 0);
	cr_assert_gt(a, 0);
	cr_expect_eq(guest_iovec_array(&t, (uint64_t)a, 1025, VM_R, v, 4), -EINVAL);	/* UIO_MAXIOV */
	cr_expect_eq(guest_iovec_array(&t, (uint64_t)a, ~0ULL, VM_R, v, 4), -EINVAL);
	cr_expect_eq(guest_iovec_array(&t, ~0ULL - 8, 2, VM_R, v, 4), -EFAULT);
	cr_expect_eq(guest_iov(&t, (uint64_t)a, ~0ULL, VM_R, v, 4), 1);
	cr_expect_eq(v[0].iov_len, VM_PAGE);
}

/* An ELF64 header and one PT_LOAD with the given p_memsz, in a memfd. */
static int elf_with_memsz(uint64_t vaddr, uint64_t memsz)
{
	struct { Elf64_Ehdr e; Elf64_Phdr p; } f = { 0 };
	memcpy(f.e.e_ident, ELFMAG, SELFMAG);
	f.e.e_ident[EI_CLASS] = ELFCLASS64;
	f.e.e_ident[EI_DATA] = ELFDATA2LSB;
	f.e.e_ident[EI_VERSION] = EV_CURRENT;
	f.e.e_type = ET_EXEC;
	f.e.e_machine = EM_X86_64;
	f.e.e_version = EV_CURRENT;
	f.e.e_entry = vaddr;
	f.e.e_phoff = sizeof f.e;
	f.e.e_ehsize = sizeof f.e;
	f.e.e_phentsize = sizeof f.p;
	f.e.e_phnum = 1;
	f.p.p_type = PT_LOAD;
	f.p.p_flags = PF_R | PF_X;
	f.p.p_vaddr = vaddr;
	f.p.p_filesz = sizeof f;
	f.p.p_memsz = memsz;
	f.p.p_align = 4096;
	int fd = memfd_create("elf", 0);
	cr_assert(fd >= 0 && write(fd, &f, sizeof f) == sizeof f);
	return fd;
}

static double seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

/* A segment bigger than the largest mapping is refused at once; one just
 * below it loads without walking it page by page (the old loop took
 * minutes for a 16 GiB bss). */
Test(bounds, elf_huge_memsz)
{
	struct exec_image img;
	int fd = elf_with_memsz(0x400000, 1ULL << 40);
	cr_expect_eq(exec_load(&t, fd, "huge", &img, err, sizeof err), -1);
	cr_expect(strstr(err, "cannot map") != NULL, "%s", err);
	close(fd);
	fd = elf_with_memsz(0x400000, ~0ULL - 0x400000);
	cr_expect_eq(exec_load(&t, fd, "wrap", &img, err, sizeof err), -1);
	close(fd);

	fd = elf_with_memsz(0x400000, t.vm->max_map - 0x1000);
	double t0 = seconds();
	cr_expect_eq(exec_load(&t, fd, "big", &img, err, sizeof err), 0, "%s", err);
	cr_expect_lt(seconds() - t0, 2.0, "loading a %llu-byte bss took %.1f s",
		     (unsigned long long)t.vm->max_map, seconds() - t0);
	close(fd);
}

/* The guest address space is only what the kit mapped: the host addresses
 * of the kit's own data, heap, stack and code are not guest addresses (the
 * amd64 space spans the same 47 bits as the host's, so they could be). */
Test(bounds, kit_memory_is_not_guest_memory)
{
	static char kit_static[64] = "kit";
	char kit_stack[64] = "kit";
	char *kit_heap = malloc(64);
	/* Some guest memory where mmaps go: next to the host's own libraries. */
	cr_assert_gt(vm_map(t.vm, 0, 1 << 20, VM_R | VM_W, 0, -1, 0), 0);
	uint64_t at[] = { (uintptr_t)kit_static, (uintptr_t)kit_stack, (uintptr_t)kit_heap,
			  (uintptr_t)&task_init, (uintptr_t)t.vm, (uintptr_t)t.uc };
	char buf[8];
	for (unsigned i = 0; i < sizeof at / sizeof *at; i++) {
		cr_expect_eq(copyin(&t, at[i], buf, sizeof buf), -EFAULT, "host address %#llx", (unsigned long long)at[i]);
		cr_expect_eq(copyout(&t, "x", at[i], 1), -EFAULT);
		cr_expect_null(guest_ptr(&t, at[i], 1, 0));
		uint8_t b;
		cr_expect_neq(uc_mem_read(t.uc, at[i], &b, 1), UC_ERR_OK, "the engine reads host %#llx",
			      (unsigned long long)at[i]);
	}
	free(kit_heap);
	cr_expect_str_eq(kit_static, "kit");
}
