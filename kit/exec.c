/*
 * The ELF loader: PT_LOAD segments with their protections, bss, PT_TLS,
 * PT_GNU_STACK and the initial program break, as Linux's load_elf_binary()
 * does for a static executable.  ELF parsing is libelf's.
 */
#include <errno.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "exec.h"
#include "vm.h"

#define PG_DOWN(x) ((x) & ~(VM_PAGE - 1))
#define PG_UP(x) (((x) + VM_PAGE - 1) & ~(VM_PAGE - 1))

static int pf_to_prot(uint32_t pf)
{
	return (pf & PF_R ? VM_R : 0) | (pf & PF_W ? VM_W : 0) | (pf & PF_X ? VM_X : 0);
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); goto out; } while (0)

int exec_load(struct task *t, int fd, const char *path, struct exec_image *img,
	      char *err, size_t errlen)
{
	int rc = -1;
	struct stat st;
	Elf *e = NULL;
	GElf_Ehdr eh;
	size_t phnum = 0;

	memset(img, 0, sizeof *img);
	img->path = path;
	if (fstat(fd, &st) < 0)
		FAIL("%s", strerror(errno));
	elf_version(EV_CURRENT);
	e = elf_begin(fd, ELF_C_READ, NULL);
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh))
		FAIL("not an ELF file");
	if (eh.e_type != ET_EXEC && eh.e_type != ET_DYN)
		FAIL("not an executable (e_type %u)", eh.e_type);
	if (elf_getphdrnum(e, &phnum) != 0 || phnum == 0 || phnum > 128)
		FAIL("bad program header table");

	/* First pass: the span of all PT_LOADs, and the other headers. */
	uint64_t lo = UINT64_MAX, hi = 0, phdr_vaddr = 0;
	int have_phdr = 0;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(e, (int)i, &ph))
			FAIL("unreadable program header %zu", i);
		switch (ph.p_type) {
		case PT_LOAD:
			if (ph.p_filesz > ph.p_memsz || ph.p_offset + ph.p_filesz < ph.p_offset ||
			    ph.p_offset + ph.p_filesz > (uint64_t)st.st_size)
				FAIL("PT_LOAD %zu lies outside the file", i);
			if (ph.p_vaddr + ph.p_memsz < ph.p_vaddr)
				FAIL("PT_LOAD %zu wraps around", i);
			if (ph.p_vaddr < lo)
				lo = ph.p_vaddr;
			if (ph.p_vaddr + ph.p_memsz > hi)
				hi = ph.p_vaddr + ph.p_memsz;
			if (ph.p_offset == 0 && !have_phdr) {
				phdr_vaddr = ph.p_vaddr + eh.e_phoff;
			}
			break;
		case PT_PHDR:
			phdr_vaddr = ph.p_vaddr;
			have_phdr = 1;
			break;
		case PT_TLS:
			img->tls_addr = ph.p_vaddr;
			img->tls_filesz = ph.p_filesz;
			img->tls_memsz = ph.p_memsz;
			img->tls_align = ph.p_align;
			break;
		case PT_GNU_STACK:
			img->exec_stack = !!(ph.p_flags & PF_X);
			break;
		case PT_INTERP:
			FAIL("dynamically linked (PT_INTERP): only static binaries run so far");
		}
	}
	if (lo == UINT64_MAX)
		FAIL("no PT_LOAD segment");

	/* Static PIE is loaded at a fixed base, like Linux's ELF_ET_DYN_BASE. */
	uint64_t bias = 0;
	if (eh.e_type == ET_DYN)
		bias = (t->abi->ptr_size == 8 ? 0x555555554000ULL : 0x56555000ULL) - PG_DOWN(lo);
	uint64_t mlo = PG_DOWN(lo + bias), mhi = PG_UP(hi + bias);
	if (mhi > t->vm->limit || mlo < 0x1000)
		FAIL("segments at 0x%llx-0x%llx do not fit the guest address space",
		     (unsigned long long)(lo + bias), (unsigned long long)(hi + bias));

	/* One writable region for the whole span; contents; then protections. */
	int64_t m = vm_map(t->vm, mlo, mhi - mlo, VM_R | VM_W, VMF_FIXED, -1, 0);
	if (m < 0)
		FAIL("cannot map 0x%llx bytes at 0x%llx: %s", (unsigned long long)(mhi - mlo),
		     (unsigned long long)mlo, strerror((int)-m));
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		gelf_getphdr(e, (int)i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_filesz)
			continue;
		uint8_t *dst = vm_host(t->vm, ph.p_vaddr + bias, ph.p_filesz, 0);
		if (!dst)
			FAIL("internal: segment %zu not mapped", i);
		for (uint64_t done = 0; done < ph.p_filesz;) {
			ssize_t n = pread(fd, dst + done, ph.p_filesz - done, (off_t)(ph.p_offset + done));
			if (n <= 0)
				FAIL("short read of segment %zu", i);
			done += (uint64_t)n;
		}
	}
	/* Page protections: the union of the segments touching each page;
	 * pages no segment touches (holes) are unmapped, as on Linux.  Walked
	 * from one segment boundary to the next, never page by page: a huge
	 * p_memsz must not turn into billions of steps. */
	uint64_t cut[2 * 128 + 2];
	size_t nc = 0;
	cut[nc++] = mlo;
	cut[nc++] = mhi;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		gelf_getphdr(e, (int)i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		cut[nc++] = PG_DOWN(ph.p_vaddr + bias);
		cut[nc++] = PG_UP(ph.p_vaddr + bias + ph.p_memsz);
	}
	for (size_t i = 1; i < nc; i++)	/* insertion sort: at most 258 */
		for (size_t j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
			uint64_t x = cut[j];
			cut[j] = cut[j - 1];
			cut[j - 1] = x;
		}
	for (size_t k = 0; k + 1 < nc; k++) {
		uint64_t s0 = cut[k], s1 = cut[k + 1];
		if (s0 == s1)
			continue;
		int prot = -1;	/* -1: not covered by any segment */
		for (size_t i = 0; i < phnum; i++) {
			GElf_Phdr ph;
			gelf_getphdr(e, (int)i, &ph);
			if (ph.p_type != PT_LOAD || !ph.p_memsz)
				continue;
			uint64_t s = PG_DOWN(ph.p_vaddr + bias), en = PG_UP(ph.p_vaddr + bias + ph.p_memsz);
			if (s0 >= s && s0 < en)
				prot = (prot < 0 ? 0 : prot) | pf_to_prot(ph.p_flags);
		}
		if (prot < 0)
			vm_unmap(t->vm, s0, s1 - s0);
		else if (prot != (VM_R | VM_W))
			vm_protect(t->vm, s0, s1 - s0, prot);
	}

	img->entry = eh.e_entry + bias;
	img->phdr = phdr_vaddr + bias;
	img->phent = eh.e_phentsize;
	img->phnum = phnum;
	img->load_lo = mlo;
	img->load_hi = mhi;
	if (img->tls_memsz)
		img->tls_addr += bias;
	img->brk = mhi;
	t->vm->brk_start = t->vm->brk_cur = t->vm->brk_mapped = mhi;
	rc = 0;
out:
	if (e)
		elf_end(e);
	return rc;
}
