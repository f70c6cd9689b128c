/*
 * The ELF loader: PT_LOAD segments with their protections, bss, PT_TLS,
 * PT_GNU_STACK and the initial program break, as Linux's load_elf_binary()
 * does.  A dynamic program (PT_INTERP) also gets its interpreter, ld.so,
 * mapped at a base of its own; the CPU starts at the interpreter's entry and
 * the auxv tells ld.so where the program is (AT_PHDR, AT_ENTRY) and where it
 * was put itself (AT_BASE).  ELF parsing is libelf's.
 */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include "exec.h"
#include "sysroot.h"
#include "vm.h"

#define PG_DOWN(x) ((x) & ~(VM_PAGE - 1))
#define PG_UP(x) (((x) + VM_PAGE - 1) & ~(VM_PAGE - 1))

static int pf_to_prot(uint32_t pf)
{
	return (pf & PF_R ? VM_R : 0) | (pf & PF_W ? VM_W : 0) | (pf & PF_X ? VM_X : 0);
}

static int read_at(int fd, uint8_t *dst, uint64_t len, uint64_t off)
{
	for (uint64_t done = 0; done < len;) {
		ssize_t n = pread(fd, dst + done, len - done, (off_t)(off + done));
		if (n <= 0)
			return -1;
		done += (uint64_t)n;
	}
	return 0;
}

/* Put len bytes of the file at off into the region's host memory at dst.
 * The pages wholly inside the segment are mapped from the file (private,
 * copy on write), as Linux's elf_map() does, instead of copied: reading a
 * static binary into fresh anonymous pages was ~5% of a hello's CPU time
 * (perf: pread -> copy_to_iter -> page faults), and a mapped page costs
 * nothing until the guest touches it.  Partial pages at either end, which
 * may share a page with a neighbouring segment or the bss, are read; so is
 * everything when the file cannot be mapped. */
static int load_segment(int fd, uint8_t *dst, uint64_t len, uint64_t off)
{
	uint64_t head = PG_UP((uintptr_t)dst) - (uintptr_t)dst;
	if (((uintptr_t)dst - off) % VM_PAGE || head >= len)
		return read_at(fd, dst, len, off);
	uint64_t mid = PG_DOWN(len - head);
	if (mid && mmap(dst + head, mid, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd,
			(off_t)(off + head)) == MAP_FAILED)
		return read_at(fd, dst, len, off);
	if (read_at(fd, dst, head, off))
		return -1;
	return read_at(fd, dst + head + mid, len - head - mid, off + head + mid);
}

/* The protection of the page at addr: the union of the PT_LOAD segments
 * touching it, or -1 if none does. */
static int piece_prot(Elf *e, size_t phnum, uint64_t bias, uint64_t addr)
{
	int prot = -1;
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		gelf_getphdr(e, (int)i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_memsz)
			continue;
		uint64_t s = PG_DOWN(ph.p_vaddr + bias), en = PG_UP(ph.p_vaddr + bias + ph.p_memsz);
		if (addr >= s && addr < en)
			prot = (prot < 0 ? 0 : prot) | pf_to_prot(ph.p_flags);
	}
	return prot;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); goto out; } while (0)

/* What one mapped ELF object gives the caller. */
struct obj {
	uint64_t bias, entry, phdr, phent, phnum, lo, hi;
	uint16_t machine;
	char interp[PATH_MAX];	/* PT_INTERP, "" if none */
};

/* Map one ELF object.  The main program (is_interp 0) goes at its own
 * addresses, or at ELF_ET_DYN_BASE if it is PIE; the interpreter goes where
 * the next top-down mmap would, as Linux's load_elf_interp() does. */
static int map_object(struct task *t, int fd, int is_interp, struct obj *o,
		      struct exec_image *img, char *err, size_t errlen)
{
	int rc = -1;
	struct stat st;
	Elf *e = NULL;
	GElf_Ehdr eh;
	size_t phnum = 0;

	memset(o, 0, sizeof *o);
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
	o->machine = eh.e_machine;

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
			if (is_interp)
				break;
			img->tls_addr = ph.p_vaddr;
			img->tls_filesz = ph.p_filesz;
			img->tls_memsz = ph.p_memsz;
			img->tls_align = ph.p_align;
			break;
		case PT_GNU_STACK:
			if (!is_interp)
				img->exec_stack = !!(ph.p_flags & PF_X);
			break;
		case PT_INTERP:
			if (is_interp)
				FAIL("the interpreter has an interpreter itself");
			if (ph.p_filesz < 2 || ph.p_filesz > sizeof o->interp ||
			    ph.p_offset + ph.p_filesz > (uint64_t)st.st_size ||
			    pread(fd, o->interp, ph.p_filesz, (off_t)ph.p_offset) != (ssize_t)ph.p_filesz ||
			    o->interp[ph.p_filesz - 1] != 0)
				FAIL("bad PT_INTERP");
			break;
		}
	}
	if (lo == UINT64_MAX)
		FAIL("no PT_LOAD segment");

	/* PIE is loaded at a fixed base, like Linux's ELF_ET_DYN_BASE; an
	 * ET_DYN interpreter at a free place below mmap_base. */
	uint64_t bias = 0;
	if (eh.e_type == ET_DYN && !is_interp)
		bias = (t->abi->ptr_size == 8 ? 0x555555554000ULL : 0x56555000ULL) - PG_DOWN(lo);
	else if (eh.e_type == ET_DYN) {
		uint64_t at = vm_find_free(t->vm, PG_UP(hi) - PG_DOWN(lo), t->abi->mmap_base);
		if (!at)
			FAIL("no room for the interpreter");
		bias = at - PG_DOWN(lo);
	}
	uint64_t mlo = PG_DOWN(lo + bias), mhi = PG_UP(hi + bias);
	if (mhi > t->vm->limit || mlo < 0x1000)
		FAIL("segments at 0x%llx-0x%llx do not fit the guest address space",
		     (unsigned long long)(lo + bias), (unsigned long long)(hi + bias));

	/* The span's host memory and the segments' contents first; then one
	 * region per run of pages with the same protection: the union of the
	 * segments touching each page.  Pages no segment touches (holes) are
	 * left unmapped, as on Linux.  Each region enters the engine once:
	 * mapping the span writable and then mprotecting each segment took
	 * ~25 engine calls of ~150,000 host instructions each (callgrind, a
	 * static hello). */
	uint64_t span = mhi - mlo;
	uint8_t *host = span > t->vm->max_map ? MAP_FAILED :
			mmap(NULL, span, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
	if (host == MAP_FAILED)
		FAIL("cannot map 0x%llx bytes at 0x%llx: %s", (unsigned long long)span,
		     (unsigned long long)mlo, strerror(ENOMEM));
	for (size_t i = 0; i < phnum; i++) {
		GElf_Phdr ph;
		gelf_getphdr(e, (int)i, &ph);
		if (ph.p_type != PT_LOAD || !ph.p_filesz)
			continue;
		if (load_segment(fd, host + (ph.p_vaddr + bias - mlo), ph.p_filesz, ph.p_offset)) {
			munmap(host, span);
			FAIL("short read of segment %zu", i);
		}
	}
	/* Walked from one segment boundary to the next, never page by page:
	 * a huge p_memsz must not turn into billions of steps. */
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
	for (size_t k = 0; k + 1 < nc;) {
		uint64_t s0 = cut[k], s1 = cut[k + 1];
		int prot = piece_prot(e, phnum, bias, s0);
		/* the following pieces with the same protection join this one */
		while (k + 2 < nc && (cut[k + 2] == s1 || piece_prot(e, phnum, bias, s1) == prot))
			s1 = cut[++k + 1];
		k++;
		if (s0 == s1)
			continue;
		if (prot < 0) {
			munmap(host + (s0 - mlo), s1 - s0);
			vm_unmap(t->vm, s0, s1 - s0);	/* whatever was there */
			continue;
		}
		int64_t m = vm_map_host(t->vm, s0, s1 - s0, prot, VMF_FIXED, host + (s0 - mlo),
					PROT_READ | PROT_WRITE);
		if (m < 0) {	/* the pieces not handed over yet are still ours */
			munmap(host + (s0 - mlo), mhi - s0);
			FAIL("cannot map 0x%llx bytes at 0x%llx: %s", (unsigned long long)(s1 - s0),
			     (unsigned long long)s0, strerror((int)-m));
		}
	}

	o->bias = bias;
	o->entry = eh.e_entry + bias;
	o->phdr = phdr_vaddr + bias;
	o->phent = eh.e_phentsize;
	o->phnum = phnum;
	o->lo = mlo;
	o->hi = mhi;
	rc = 0;
out:
	if (e)
		elf_end(e);
	return rc;
}

int exec_load(struct task *t, int fd, const char *path, struct exec_image *img,
	      char *err, size_t errlen)
{
	struct obj prog, interp;
	memset(img, 0, sizeof *img);
	img->path = path;
	if (map_object(t, fd, 0, &prog, img, err, errlen))
		return -1;
	img->entry = img->prog_entry = prog.entry;
	img->phdr = prog.phdr;
	img->phent = prog.phent;
	img->phnum = prog.phnum;
	img->load_lo = prog.lo;
	img->load_hi = prog.hi;
	if (img->tls_memsz)
		img->tls_addr += prog.bias;
	img->brk = prog.hi;
	t->vm->brk_start = t->vm->brk_cur = t->vm->brk_mapped = prog.hi;
	if (!prog.interp[0])
		return 0;

	/* The interpreter is a guest path: look in the sysroot first. */
	char buf[PATH_MAX];
	const char *ip = sysroot_path(prog.interp, buf, sizeof buf);
	int ifd = open(ip, O_RDONLY | O_CLOEXEC);
	if (ifd < 0) {
		if (sysroot_get())
			snprintf(err, errlen, "interpreter %s (sysroot %s): %s", prog.interp,
				 sysroot_get(), strerror(errno));
		else
			snprintf(err, errlen, "interpreter %s: %s (no sysroot: use --sysroot DIR)",
				 prog.interp, strerror(errno));
		return -1;
	}
	char ierr[200];
	int r = map_object(t, ifd, 1, &interp, img, ierr, sizeof ierr);
	close(ifd);
	if (r) {
		snprintf(err, errlen, "interpreter %s: %s", ip, ierr);
		return -1;
	}
	if (interp.machine != prog.machine) {
		snprintf(err, errlen, "interpreter %s is for another machine (e_machine %u, program %u)",
			 ip, interp.machine, prog.machine);
		return -1;
	}
	img->base = interp.bias;
	img->entry = interp.entry;
	return 0;
}
