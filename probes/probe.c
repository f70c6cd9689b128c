/*
 * Exec probe: read an ELF image with libelf, refuse malformed input with a
 * one-line error, run the signature chain (chain.c) and pick the Linux ABI
 * whose brand (kit/abi.h struct brand, data in arches/<arch>/abi.c) fits.
 *
 * The rule for "this is a Linux binary" is in probes/README; in short:
 * header fits a brand, no foreign-OS brand, and at least one Linux signature.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "probe_impl.h"

#define MAX_FILE (1u << 30)	/* refuse to read more than 1 GiB */

static int fail(struct probe_result *r, const char *name, const char *fmt, ...)
{
	char msg[200];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	snprintf(r->error, sizeof r->error, "%s: %s", name, msg);
	return 2;
}

/* ---- header checks done before libelf sees the image ---- */

/* The raw ELF header, translated to host order by libelf's xlate functions
 * (they need no Elf handle, so they work on images elf_memory would refuse). */
static int raw_ehdr(unsigned char *buf, int cls, int data, GElf_Ehdr *g)
{
	Elf_Data src = { .d_buf = buf, .d_type = ELF_T_EHDR, .d_version = EV_CURRENT };
	Elf_Data dst = { .d_type = ELF_T_EHDR, .d_version = EV_CURRENT };
	Elf32_Ehdr e32;
	Elf64_Ehdr e64;

	if (cls == ELFCLASS32) {
		src.d_size = dst.d_size = sizeof e32;
		dst.d_buf = &e32;
		if (!elf32_xlatetom(&dst, &src, data))
			return -1;
#define CP(f) g->f = e32.f
		CP(e_type); CP(e_machine); CP(e_version); CP(e_entry); CP(e_phoff); CP(e_shoff);
		CP(e_flags); CP(e_ehsize); CP(e_phentsize); CP(e_phnum); CP(e_shentsize);
		CP(e_shnum); CP(e_shstrndx);
#undef CP
	} else {
		src.d_size = dst.d_size = sizeof e64;
		dst.d_buf = &e64;
		if (!elf64_xlatetom(&dst, &src, data))
			return -1;
		memcpy(g, &e64, sizeof e64);	/* GElf_Ehdr is Elf64_Ehdr */
	}
	return 0;
}

/* A table of n entries of entsize bytes at off must lie inside the file. */
static int check_table(struct probe_result *r, const char *name, const char *what,
		       uint64_t off, uint64_t n, uint64_t entsize, uint64_t want, size_t len)
{
	if (n == 0)
		return 0;
	if (entsize != want)
		return fail(r, name, "%s entry size is %llu bytes, expected %llu", what,
			    (unsigned long long)entsize, (unsigned long long)want);
	if (off == 0)
		return fail(r, name, "%s has %llu entries but offset 0", what, (unsigned long long)n);
	if (off > len || n > (len - off) / entsize)
		return fail(r, name, "%s (%llu entries at offset 0x%llx) extends past end of file (%zu bytes)",
			    what, (unsigned long long)n, (unsigned long long)off, len);
	return 0;
}

static int precheck(unsigned char *buf, size_t len, const char *name, struct probe_result *r)
{
	if (len == 0)
		return fail(r, name, "empty file");
	if (len < SELFMAG || memcmp(buf, ELFMAG, SELFMAG))
		return fail(r, name, "not an ELF file (bad magic)");
	if (len < EI_NIDENT)
		return fail(r, name, "truncated ELF header (%zu bytes)", len);
	int cls = buf[EI_CLASS], data = buf[EI_DATA];
	if (cls != ELFCLASS32 && cls != ELFCLASS64)
		return fail(r, name, "unknown ELF class %d", cls);
	if (data != ELFDATA2LSB && data != ELFDATA2MSB)
		return fail(r, name, "unknown ELF data encoding %d", data);
	if (buf[EI_VERSION] != EV_CURRENT)
		return fail(r, name, "unsupported ELF version %d", buf[EI_VERSION]);
	size_t ehsize = elf32_fsize(ELF_T_EHDR, 1, EV_CURRENT);
	size_t shsize = elf32_fsize(ELF_T_SHDR, 1, EV_CURRENT);
	size_t phsize = elf32_fsize(ELF_T_PHDR, 1, EV_CURRENT);
	if (cls == ELFCLASS64) {
		ehsize = elf64_fsize(ELF_T_EHDR, 1, EV_CURRENT);
		shsize = elf64_fsize(ELF_T_SHDR, 1, EV_CURRENT);
		phsize = elf64_fsize(ELF_T_PHDR, 1, EV_CURRENT);
	}
	if (len < ehsize)
		return fail(r, name, "truncated ELF header (%zu of %zu bytes)", len, ehsize);

	GElf_Ehdr g;
	if (raw_ehdr(buf, cls, data, &g))
		return fail(r, name, "cannot decode ELF header: %s", elf_errmsg(-1));
	/* e_shnum 0 with a table means "count in section 0" (extended
	 * numbering): at least that one entry must be there. */
	uint64_t shn = g.e_shnum ? g.e_shnum : (g.e_shoff ? 1 : 0);
	if (check_table(r, name, "section header table", g.e_shoff, shn, g.e_shentsize, shsize, len))
		return 2;
	if (g.e_phnum != PN_XNUM &&
	    check_table(r, name, "program header table", g.e_phoff, g.e_phnum, g.e_phentsize, phsize, len))
		return 2;
	return 0;
}

/* ---- structure checks on the libelf handle ---- */

static int validate(struct probe_ctx *c, const char *name)
{
	struct probe_result *r = c->r;

	if (elf_getshdrnum(c->elf, &c->shnum) || elf_getphdrnum(c->elf, &c->phnum) ||
	    elf_getshdrstrndx(c->elf, &c->shstrndx))
		return fail(r, name, "libelf: %s", elf_errmsg(-1));
	if (check_table(r, name, "section header table", c->eh.e_shoff, c->shnum, c->eh.e_shentsize,
			gelf_fsize(c->elf, ELF_T_SHDR, 1, EV_CURRENT), c->len) ||
	    check_table(r, name, "program header table", c->eh.e_phoff, c->phnum, c->eh.e_phentsize,
			gelf_fsize(c->elf, ELF_T_PHDR, 1, EV_CURRENT), c->len))
		return 2;
	if (c->shnum && c->shstrndx >= c->shnum)
		return fail(r, name, "e_shstrndx %zu out of range (%zu sections)", c->shstrndx, c->shnum);
	if (c->shnum == 0)
		c->shstrndx = 0;

	for (size_t i = 1; i < c->shnum; i++) {
		GElf_Shdr sh;
		Elf_Scn *scn = elf_getscn(c->elf, i);
		if (!scn || !gelf_getshdr(scn, &sh))
			return fail(r, name, "section %zu: libelf: %s", i, elf_errmsg(-1));
		if (i == c->shstrndx && sh.sh_type != SHT_STRTAB)
			return fail(r, name, "e_shstrndx %zu is not a string table", i);
		if (sh.sh_type == SHT_NOBITS || sh.sh_type == SHT_NULL || sh.sh_size == 0)
			continue;
		if (sh.sh_offset > c->len || sh.sh_size > c->len - sh.sh_offset)
			return fail(r, name, "section [%zu] %s (0x%llx bytes at 0x%llx) extends past end of file (%zu bytes)",
				    i, probe_secname(c, &sh), (unsigned long long)sh.sh_size,
				    (unsigned long long)sh.sh_offset, c->len);
	}
	int have_interp = 0;
	for (size_t i = 0; i < c->phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(c->elf, i, &ph))
			return fail(r, name, "program header %zu: libelf: %s", i, elf_errmsg(-1));
		if (ph.p_filesz && (ph.p_offset > c->len || ph.p_filesz > c->len - ph.p_offset))
			return fail(r, name, "segment %zu (0x%llx bytes at 0x%llx) extends past end of file (%zu bytes)",
				    i, (unsigned long long)ph.p_filesz, (unsigned long long)ph.p_offset, c->len);
		if (ph.p_type != PT_INTERP || have_interp++)
			continue;	/* like Linux, only the first PT_INTERP counts */
		const char *p = (const char *)c->buf + ph.p_offset;
		if (ph.p_filesz < 2)
			return fail(r, name, "PT_INTERP is empty");
		if (p[ph.p_filesz - 1] != '\0')	/* Linux refuses this too (-ENOEXEC) */
			return fail(r, name, "PT_INTERP path is not NUL-terminated");
		if (strlen(p) >= sizeof r->interp)
			return fail(r, name, "PT_INTERP path longer than %zu bytes", sizeof r->interp - 1);
		strcpy(r->interp, p);
		r->dynamic = 1;
	}
	return 0;
}

/* ---- brands ---- */

/* Does abi a's brand fit the header?  A ppc64 file whose e_flags ABI level
 * is 0 (unspecified) fits the brand of its byte order. */
int probe_brand_fits(const struct abi *a, const struct probe_result *r)
{
	const struct brand *b = &a->brand;
	if (b->machine != r->machine || b->elfclass != r->elfclass || b->data != r->data)
		return 0;
	return b->elfv == 0 || r->elfv_raw == 0 || r->elfv_raw == b->elfv;
}

static void nomatch_reason(struct probe_result *r)
{
	const char *m = probe_machine_name(r->machine);
	char lvl[64] = "";
	int known = 0;
	for (const struct abi *const *a = ck_abis; *a; a++)
		known |= (*a)->brand.machine == r->machine;
	if (r->has_elfv)
		snprintf(lvl, sizeof lvl, ", e_flags ABI level %u", r->elfv_raw);
	snprintf(r->reason, sizeof r->reason, "no emulation matches: %s%s (%u), ELF%u, %s-endian%s",
		 known ? "" : "unsupported machine ", m ? m : "EM", r->machine,
		 r->elfclass == ELFCLASS64 ? 64 : 32, r->data == ELFDATA2MSB ? "big" : "little", lvl);
}

static int decide(struct probe_ctx *c)
{
	struct probe_result *r = c->r;
	int linux_ev = 0, foreign = 0;

	r->machine = c->eh.e_machine;
	r->type = c->eh.e_type;
	r->eflags = c->eh.e_flags;
	for (const struct abi *const *a = ck_abis; *a; a++)
		r->has_elfv |= (*a)->brand.machine == r->machine && (*a)->brand.elfv;
	if (r->has_elfv)
		r->elfv = r->elfv_raw = c->eh.e_flags & EF_PPC64_ABI;

	for (const struct probe_sig *s = probe_chain; s->name && r->nev < PROBE_MAXEV; s++) {
		struct probe_ev *ev = &r->ev[r->nev++];
		ev->sig = s->name;
		ev->negative = s->negative;
		int rc = s->fn(c, ev);
		ev->matched = rc != SIG_NONE;
		linux_ev += rc == SIG_LINUX;
		foreign += rc == SIG_FOREIGN;
	}

	if (foreign) {
		snprintf(r->reason, sizeof r->reason, "%s binary, not Linux", r->foreign);
		return 1;
	}
	if (r->type != ET_EXEC && r->type != ET_DYN) {
		snprintf(r->reason, sizeof r->reason, "not an executable (e_type %u)", r->type);
		return 1;
	}
	const struct abi *pick = NULL;
	for (const struct abi *const *a = ck_abis; *a; a++) {
		if (!probe_brand_fits(*a, r))
			continue;
		int interp_hit = 0;
		for (const char *const *p = (*a)->brand.interp; *p && r->dynamic; p++)
			interp_hit |= !strcmp(*p, r->interp);
		if (!pick || interp_hit)
			pick = *a;
		if (interp_hit)
			break;
	}
	if (!pick) {
		nomatch_reason(r);
		return 1;
	}
	if (!linux_ev) {
		snprintf(r->reason, sizeof r->reason,
			 "no Linux signature matched (header fits %s, but nothing says Linux)", pick->emul);
		return 1;
	}
	if (r->has_elfv && r->elfv_raw == 0) {
		r->elfv_by_endian = 1;
		r->elfv = pick->brand.elfv;
	}
	r->abi = pick;
	return 0;
}

/* ---- entry points ---- */

/* buf is a private, writable copy: libelf may convert data in place. */
static int probe_mem(unsigned char *buf, size_t len, const char *name, struct probe_result *r)
{
	int rc = precheck(buf, len, name, r);
	if (rc)
		return rc;
	r->elfclass = buf[EI_CLASS];
	r->data = buf[EI_DATA];
	r->osabi = buf[EI_OSABI];

	struct probe_ctx c = { .buf = buf, .len = len, .r = r };
	c.elf = elf_memory((char *)buf, len);
	if (!c.elf || elf_kind(c.elf) != ELF_K_ELF || !gelf_getehdr(c.elf, &c.eh))
		rc = fail(r, name, "libelf: %s", elf_errmsg(-1));
	if (!rc)
		rc = validate(&c, name);
	/* every note must parse inside its section or segment */
	if (!rc && probe_each_note(&c, NULL, NULL) < 0)
		rc = fail(r, name, "%s", c.err);
	if (!rc)
		rc = decide(&c);
	if (c.elf)
		elf_end(c.elf);
	return rc;
}

static void reset(struct probe_result *r)
{
	memset(r, 0, sizeof *r);
	elf_version(EV_CURRENT);
}

int probe_buf(const void *buf, size_t len, const char *name, struct probe_result *r)
{
	reset(r);
	if (!name)
		name = "(buffer)";
	unsigned char *copy = malloc(len ? len : 1);
	if (!copy)
		return fail(r, name, "out of memory");
	memcpy(copy, buf, len);
	int rc = probe_mem(copy, len, name, r);
	free(copy);
	return rc;
}

int probe_file(const char *path, struct probe_result *r)
{
	struct stat st;
	reset(r);
	/* O_NONBLOCK: opening a FIFO must not wait for a writer */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	if (fd < 0)
		return fail(r, path, "%s", strerror(errno));
	if (fstat(fd, &st) < 0) {
		int e = errno;
		close(fd);
		return fail(r, path, "%s", strerror(e));
	}
	if (S_ISDIR(st.st_mode)) {
		close(fd);
		return fail(r, path, "is a directory");
	}
	if (!S_ISREG(st.st_mode)) {
		close(fd);
		return fail(r, path, "not a regular file");
	}
	if ((unsigned long long)st.st_size > MAX_FILE) {
		close(fd);
		return fail(r, path, "file too large to probe (%lld bytes)", (long long)st.st_size);
	}
	size_t len = st.st_size, got = 0;
	unsigned char *buf = malloc(len ? len : 1);
	if (!buf) {
		close(fd);
		return fail(r, path, "out of memory");
	}
	while (got < len) {
		ssize_t n = read(fd, buf + got, len - got);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0) {
			int e = n < 0 ? errno : 0;
			free(buf);
			close(fd);
			return fail(r, path, "read error: %s", e ? strerror(e) : "file shrank while reading");
		}
		got += n;
	}
	close(fd);
	int rc = probe_mem(buf, len, path, r);
	free(buf);
	return rc;
}
