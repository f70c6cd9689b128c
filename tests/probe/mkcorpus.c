/*
 * mkcorpus OUTDIR AMD64_STATIC AMD64_DYN PPC64_STATIC PPC64LE_STATIC
 *
 * Generates the probe test corpus: malformed and odd ELF files made by
 * damaging real binaries in one known way each.  Writes OUTDIR/<name> and
 * OUTDIR/MANIFEST, one line per file:
 *
 *   name <TAB> kind <TAB> expect [<TAB> flag]
 *
 * kind "error" (expect: a word the one-line error must contain), "nomatch"
 * (expect: a word of the reason), or "linux" (expect: the ABI name).  flag:
 * "byendian" (ABI level must be decided by endianness) or "foreign=OS".
 * The expectation is what this program did to the file, not what the probe
 * says.  The inputs are 64-bit; edits go through libelf's xlate functions.
 */
#include <err.h>
#include <fcntl.h>
#include <gelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct img {
	unsigned char *b;
	size_t len;
	int data;		/* ELFDATA2LSB/MSB */
	Elf64_Ehdr eh;		/* host order */
};

static const char *outdir;
static FILE *manifest;

static void load(const char *path, struct img *m)
{
	int fd = open(path, O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) < 0)
		err(1, "%s", path);
	m->len = st.st_size;
	m->b = malloc(m->len + 1);
	if (!m->b || read(fd, m->b, m->len) != (ssize_t)m->len)
		err(1, "%s: read", path);
	close(fd);
	if (m->len < sizeof(Elf64_Ehdr) || memcmp(m->b, ELFMAG, SELFMAG) || m->b[EI_CLASS] != ELFCLASS64)
		errx(1, "%s: not a 64-bit ELF file", path);
	m->data = m->b[EI_DATA];
	Elf_Data src = { .d_buf = m->b, .d_type = ELF_T_EHDR, .d_version = EV_CURRENT, .d_size = sizeof m->eh };
	Elf_Data dst = { .d_buf = &m->eh, .d_type = ELF_T_EHDR, .d_version = EV_CURRENT, .d_size = sizeof m->eh };
	if (!elf64_xlatetom(&dst, &src, m->data))
		errx(1, "%s: %s", path, elf_errmsg(-1));
}

static struct img copy(const struct img *m)
{
	struct img c = *m;
	c.b = malloc(m->len + 1);
	memcpy(c.b, m->b, m->len);
	return c;
}

/* Write a host-order structure of libelf type t into the image at off. */
static void put(struct img *m, size_t off, void *obj, Elf_Type t, size_t size)
{
	Elf_Data src = { .d_buf = obj, .d_type = t, .d_version = EV_CURRENT, .d_size = size };
	Elf_Data dst = { .d_buf = m->b + off, .d_type = t, .d_version = EV_CURRENT, .d_size = size };
	if (off + size > m->len || !elf64_xlatetof(&dst, &src, m->data))
		errx(1, "put at 0x%zx: %s", off, elf_errmsg(-1));
}

static void get(const struct img *m, size_t off, void *obj, Elf_Type t, size_t size)
{
	Elf_Data src = { .d_buf = m->b + off, .d_type = t, .d_version = EV_CURRENT, .d_size = size };
	Elf_Data dst = { .d_buf = obj, .d_type = t, .d_version = EV_CURRENT, .d_size = size };
	if (off + size > m->len || !elf64_xlatetom(&dst, &src, m->data))
		errx(1, "get at 0x%zx: %s", off, elf_errmsg(-1));
}

static void put_ehdr(struct img *m)
{
	put(m, 0, &m->eh, ELF_T_EHDR, sizeof m->eh);
}

static size_t shdr_off(const struct img *m, size_t i)
{
	return m->eh.e_shoff + i * m->eh.e_shentsize;
}

static size_t phdr_off(const struct img *m, size_t i)
{
	return m->eh.e_phoff + i * m->eh.e_phentsize;
}

/* Index of the section called name (via the section name string table). */
static size_t find_section(const struct img *m, const char *name, Elf64_Shdr *out)
{
	Elf64_Shdr strs, sh;
	get(m, shdr_off(m, m->eh.e_shstrndx), &strs, ELF_T_SHDR, sizeof strs);
	for (size_t i = 1; i < m->eh.e_shnum; i++) {
		get(m, shdr_off(m, i), &sh, ELF_T_SHDR, sizeof sh);
		if (strs.sh_offset + sh.sh_name < m->len &&
		    !strcmp((char *)m->b + strs.sh_offset + sh.sh_name, name)) {
			*out = sh;
			return i;
		}
	}
	errx(1, "no section %s", name);
}

static size_t find_phdr(const struct img *m, unsigned type, Elf64_Phdr *out)
{
	for (size_t i = 0; i < m->eh.e_phnum; i++) {
		get(m, phdr_off(m, i), out, ELF_T_PHDR, sizeof *out);
		if (out->p_type == type)
			return i;
	}
	errx(1, "no segment of type %u", type);
}

static void emit(const char *name, const void *b, size_t len, const char *kind, const char *expect,
		 const char *flag)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", outdir, name);
	FILE *f = fopen(path, "wb");
	if (!f || (len && fwrite(b, 1, len, f) != len) || fclose(f))
		err(1, "%s", path);
	fprintf(manifest, "%s\t%s\t%s%s%s\n", name, kind, expect, flag ? "\t" : "", flag ? flag : "");
}

static void emit_img(const char *name, struct img *m, const char *kind, const char *expect, const char *flag)
{
	emit(name, m->b, m->len, kind, expect, flag);
	free(m->b);
}

int main(int argc, char **argv)
{
	if (argc != 6)
		errx(2, "usage: mkcorpus OUTDIR AMD64_STATIC AMD64_DYN PPC64_STATIC PPC64LE_STATIC");
	elf_version(EV_CURRENT);
	outdir = argv[1];
	mkdir(outdir, 0755);
	char mpath[4096];
	snprintf(mpath, sizeof mpath, "%s/MANIFEST", outdir);
	if (!(manifest = fopen(mpath, "w")))
		err(1, "%s", mpath);

	struct img st, dyn, be, le, c;
	load(argv[2], &st);
	load(argv[3], &dyn);
	load(argv[4], &be);
	load(argv[5], &le);
	Elf64_Shdr sh;
	Elf64_Phdr ph;
	size_t i;

	/* ---- not ELF, or cut short ---- */
	emit("empty", "", 0, "error", "empty", NULL);
	emit("script", "#!/bin/sh\necho hi\n", 18, "error", "not an ELF", NULL);
	emit("trunc-ident", st.b, 10, "error", "truncated", NULL);
	emit("trunc-ehdr", st.b, 40, "error", "truncated", NULL);
	emit("trunc-half", st.b, st.len / 2, "error", "past end of file", NULL);

	/* ---- e_ident ---- */
	c = copy(&st); c.b[EI_CLASS] = 7; emit_img("bad-class", &c, "error", "class", NULL);
	c = copy(&st); c.b[EI_DATA] = 9; emit_img("bad-data", &c, "error", "data encoding", NULL);
	c = copy(&st); c.b[EI_VERSION] = 0; emit_img("bad-version", &c, "error", "version", NULL);

	/* ---- header tables ---- */
	c = copy(&st); c.eh.e_shoff = st.len + 4096; put_ehdr(&c);
	emit_img("shoff-past-eof", &c, "error", "section header table", NULL);
	c = copy(&st); c.eh.e_phoff = st.len - 10; put_ehdr(&c);
	emit_img("phoff-past-eof", &c, "error", "program header table", NULL);
	c = copy(&st); c.eh.e_shnum = 65535; put_ehdr(&c);
	emit_img("shnum-65535", &c, "error", "section header table", NULL);
	c = copy(&st); c.eh.e_phnum = 65534; put_ehdr(&c);
	emit_img("phnum-65534", &c, "error", "program header table", NULL);
	c = copy(&st); c.eh.e_shentsize = 10; put_ehdr(&c);
	emit_img("shentsize-10", &c, "error", "entry size", NULL);
	c = copy(&st); c.eh.e_shstrndx = st.eh.e_shnum + 5; put_ehdr(&c);
	emit_img("shstrndx-range", &c, "error", "e_shstrndx", NULL);
	c = copy(&st); c.eh.e_shstrndx = find_section(&st, ".comment", &sh); put_ehdr(&c);
	emit_img("shstrndx-not-strtab", &c, "error", "string table", NULL);

	/* ---- sections and segments ---- */
	c = copy(&st); i = find_section(&c, ".comment", &sh); sh.sh_offset = st.len + 100;
	put(&c, shdr_off(&c, i), &sh, ELF_T_SHDR, sizeof sh);
	emit_img("section-past-eof", &c, "error", "past end of file", NULL);
	c = copy(&st); i = find_section(&c, ".comment", &sh); sh.sh_size = 1ULL << 62;
	put(&c, shdr_off(&c, i), &sh, ELF_T_SHDR, sizeof sh);
	emit_img("section-huge", &c, "error", "past end of file", NULL);
	c = copy(&st); i = find_phdr(&c, PT_LOAD, &ph); ph.p_filesz = st.len * 4;
	put(&c, phdr_off(&c, i), &ph, ELF_T_PHDR, sizeof ph);
	emit_img("segment-past-eof", &c, "error", "segment", NULL);

	/* ---- notes: n_namesz / n_descsz run past the section ---- */
	Elf32_Word w;
	c = copy(&st); find_section(&c, ".note.ABI-tag", &sh); w = 0x10000;
	put(&c, sh.sh_offset, &w, ELF_T_WORD, 4);
	emit_img("note-namesz", &c, "error", "note", NULL);
	c = copy(&st); find_section(&c, ".note.ABI-tag", &sh); w = 0xffffffff;
	put(&c, sh.sh_offset + 4, &w, ELF_T_WORD, 4);
	emit_img("note-descsz", &c, "error", "note", NULL);

	/* ---- PT_INTERP ---- */
	c = copy(&dyn); find_phdr(&c, PT_INTERP, &ph); c.b[ph.p_offset + ph.p_filesz - 1] = 'X';
	emit_img("interp-unterminated", &c, "error", "PT_INTERP", NULL);
	c = copy(&dyn); i = find_phdr(&c, PT_INTERP, &ph); ph.p_offset = dyn.len;
	put(&c, phdr_off(&c, i), &ph, ELF_T_PHDR, sizeof ph);
	emit_img("interp-past-eof", &c, "error", "past end of file", NULL);

	/* ---- well-formed but not for us ---- */
	c = copy(&st); c.eh.e_machine = EM_SPARCV9; put_ehdr(&c);
	emit_img("machine-sparcv9", &c, "nomatch", "no emulation", NULL);
	c = copy(&st); c.b[EI_OSABI] = ELFOSABI_FREEBSD;
	emit_img("osabi-freebsd", &c, "nomatch", "FreeBSD", "foreign=FreeBSD");
	c = copy(&st); c.eh.e_type = ET_REL; put_ehdr(&c);
	emit_img("type-rel", &c, "nomatch", "not an executable", NULL);

	/* ---- ppc64 ABI level in e_flags & 3 (EF_PPC64_ABI) ---- */
	c = copy(&be); c.eh.e_flags &= ~3u; put_ehdr(&c);
	emit_img("ppc64-be-level0", &c, "linux", "powerpc64", "byendian");
	c = copy(&le); c.eh.e_flags &= ~3u; put_ehdr(&c);
	emit_img("ppc64-le-level0", &c, "linux", "powerpc64le", "byendian");
	c = copy(&be); c.eh.e_flags |= 3u; put_ehdr(&c);
	emit_img("ppc64-level3", &c, "nomatch", "no emulation", NULL);
	c = copy(&le); c.eh.e_flags = (c.eh.e_flags & ~3u) | 1; put_ehdr(&c);
	emit_img("ppc64-le-elfv1", &c, "nomatch", "no emulation", NULL);

	/* ---- no section headers (sstrip-like): notes come from PT_NOTE.  The
	 * static binary's OSABI is reset to SYSV so that only the ABI tag,
	 * found through PT_NOTE, can say Linux. ---- */
	c = copy(&st); c.eh.e_shoff = 0; c.eh.e_shnum = 0; c.eh.e_shstrndx = 0;
	c.eh.e_ident[EI_OSABI] = ELFOSABI_SYSV; put_ehdr(&c);
	emit_img("no-sections", &c, "linux", "amd64", NULL);
	c = copy(&st); c.eh.e_shoff = 0; c.eh.e_shnum = 0; c.eh.e_shstrndx = 0; c.eh.e_phnum = 0;
	c.eh.e_phoff = 0; c.eh.e_ident[EI_OSABI] = ELFOSABI_SYSV; put_ehdr(&c);
	emit_img("no-headers", &c, "nomatch", "no Linux signature", NULL);

	if (fclose(manifest))
		err(1, "%s", mpath);
	return 0;
}
