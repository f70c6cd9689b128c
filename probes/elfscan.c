/* Reading helpers for the probes: notes, sections by name, note words.
 * All decoding goes through libelf (gelf_getnote, gelf_xlatetom). */
#include <stdio.h>
#include <string.h>
#include "probe_impl.h"

const char *probe_secname(struct probe_ctx *c, const GElf_Shdr *sh)
{
	const char *s = c->shstrndx ? elf_strptr(c->elf, c->shstrndx, sh->sh_name) : NULL;
	return s ? s : "?";
}

/* Walk the notes of one data block.  gelf_getnote returns 0 when the note
 * at off does not fit (its name or descriptor runs past the block); fewer
 * bytes than a note header left over are padding, anything else is bad. */
static int walk(struct probe_ctx *c, Elf_Data *d, const char *where,
		int (*fn)(struct probe_ctx *, const struct probe_note *, void *), void *arg)
{
	size_t off = 0;
	while (off < d->d_size) {
		struct probe_note n = { .where = where };
		size_t name_off, desc_off;
		size_t next = gelf_getnote(d, off, &n.h, &name_off, &desc_off);
		if (next == 0) {
			if (d->d_size - off < sizeof(GElf_Nhdr))
				return 0;
			snprintf(c->err, sizeof c->err,
				 "note at offset 0x%zx in %s: name or descriptor length past end of %s",
				 off, where, strcmp(where, "PT_NOTE") ? "section" : "segment");
			return -1;
		}
		n.name = (const char *)d->d_buf + name_off;
		n.desc = (const unsigned char *)d->d_buf + desc_off;
		int rc = fn ? fn(c, &n, arg) : 0;
		if (rc)
			return rc;
		off = next;
	}
	return 0;
}

int probe_each_note(struct probe_ctx *c, int (*fn)(struct probe_ctx *, const struct probe_note *, void *),
		    void *arg)
{
	for (size_t i = 1; i < c->shnum; i++) {
		GElf_Shdr sh;
		Elf_Scn *scn = elf_getscn(c->elf, i);
		if (!scn || !gelf_getshdr(scn, &sh) || sh.sh_type != SHT_NOTE || sh.sh_size == 0)
			continue;
		const char *where = probe_secname(c, &sh);
		Elf_Data *d = elf_getdata(scn, NULL);
		if (!d) {
			snprintf(c->err, sizeof c->err, "note section [%zu] %s: libelf: %s", i, where,
				 elf_errmsg(-1));
			return -1;
		}
		int rc = walk(c, d, where, fn, arg);
		if (rc)
			return rc;
	}
	if (c->shnum)
		return 0;
	/* No section headers (e.g. sstrip'ed): the loader's view, PT_NOTE. */
	for (size_t i = 0; i < c->phnum; i++) {
		GElf_Phdr ph;
		if (!gelf_getphdr(c->elf, i, &ph) || ph.p_type != PT_NOTE || ph.p_filesz == 0)
			continue;
		Elf_Data *d = elf_getdata_rawchunk(c->elf, ph.p_offset, ph.p_filesz,
						   ph.p_align == 8 ? ELF_T_NHDR8 : ELF_T_NHDR);
		if (!d) {
			snprintf(c->err, sizeof c->err, "PT_NOTE segment %zu: libelf: %s", i, elf_errmsg(-1));
			return -1;
		}
		int rc = walk(c, d, "PT_NOTE", fn, arg);
		if (rc)
			return rc;
	}
	return 0;
}

size_t probe_find_section(struct probe_ctx *c, const char *name, GElf_Shdr *sh)
{
	for (size_t i = 1; i < c->shnum; i++) {
		Elf_Scn *scn = elf_getscn(c->elf, i);
		if (scn && gelf_getshdr(scn, sh) && !strcmp(probe_secname(c, sh), name))
			return i;
	}
	return 0;
}

uint32_t probe_word(struct probe_ctx *c, const unsigned char *desc, unsigned i)
{
	uint32_t raw, w = 0;
	memcpy(&raw, desc + 4 * (size_t)i, sizeof raw);	/* desc may be unaligned */
	Elf_Data src = { .d_buf = &raw, .d_size = 4, .d_type = ELF_T_WORD, .d_version = EV_CURRENT };
	Elf_Data dst = { .d_buf = &w, .d_size = 4, .d_type = ELF_T_WORD, .d_version = EV_CURRENT };
	if (!gelf_xlatetom(c->elf, &dst, &src, c->r->data))
		return 0;
	return w;
}

/* The owner name is NUL-terminated within n_namesz; Go writes "Go\0\0"
 * with n_namesz 4, so extra NUL padding inside n_namesz is allowed. */
int probe_note_is(const struct probe_note *n, const char *owner, unsigned type)
{
	size_t l = strlen(owner) + 1;
	if (n->h.n_type != type || n->h.n_namesz < l || memcmp(n->name, owner, l))
		return 0;
	for (size_t i = l; i < n->h.n_namesz; i++)
		if (n->name[i])
			return 0;
	return 1;
}

/* ---- display names (only for output; decisions use the numbers) ---- */

const char *probe_machine_name(unsigned em)
{
	static const struct { unsigned em; const char *name; } t[] = {
		{ EM_386, "Intel 80386" }, { EM_X86_64, "AMD x86-64" },
		{ EM_PPC, "PowerPC" }, { EM_PPC64, "PowerPC64" },
		{ EM_ARM, "ARM" }, { EM_AARCH64, "AArch64" },
		{ EM_MIPS, "MIPS" }, { EM_SPARC, "SPARC" }, { EM_SPARCV9, "SPARC v9" },
		{ EM_S390, "IBM S/390" }, { EM_RISCV, "RISC-V" }, { EM_IA_64, "IA-64" },
		{ EM_68K, "Motorola 68000" }, { EM_SH, "SuperH" }, { EM_ALPHA, "Alpha" },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].em == em)
			return t[i].name;
	return NULL;
}

const char *probe_osabi_name(unsigned osabi)
{
	switch (osabi) {
	case ELFOSABI_SYSV: return "SYSV";
	case ELFOSABI_HPUX: return "HP-UX";
	case ELFOSABI_NETBSD: return "NetBSD";
	case ELFOSABI_GNU: return "GNU/Linux";
	case ELFOSABI_SOLARIS: return "Solaris";
	case ELFOSABI_AIX: return "AIX";
	case ELFOSABI_IRIX: return "IRIX";
	case ELFOSABI_FREEBSD: return "FreeBSD";
	case ELFOSABI_TRU64: return "Tru64";
	case ELFOSABI_OPENBSD: return "OpenBSD";
	case ELFOSABI_STANDALONE: return "standalone";
	}
	return NULL;
}
