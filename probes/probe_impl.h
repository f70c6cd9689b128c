/* Internals shared by probe.c (parsing, validation, decision) and the
 * signature chain (chain.c, sigs_*.c).  Not part of the API. */
#ifndef CK_PROBE_IMPL_H
#define CK_PROBE_IMPL_H

#include <gelf.h>
#include "probe.h"

/* A validated ELF image.  By the time a signature runs, every section and
 * segment lies inside the buffer and every note parses, so signatures only
 * read; they never decide that the file is malformed. */
struct probe_ctx {
	Elf *elf;
	const unsigned char *buf;
	size_t len;
	GElf_Ehdr eh;
	size_t shnum, shstrndx, phnum;
	struct probe_result *r;
	char err[200];		/* probe_each_note: what was malformed */
};

/* A signature returns SIG_LINUX (evidence for Linux), SIG_NONE (nothing),
 * or SIG_FOREIGN (evidence of another OS; it also fills r->foreign).
 * It writes what it saw into ev->detail either way. */
enum { SIG_NONE = 0, SIG_LINUX = 1, SIG_FOREIGN = -1 };

struct probe_sig {
	const char *name;
	int negative;		/* a foreign-OS brand */
	int (*fn)(struct probe_ctx *c, struct probe_ev *ev);
};

extern const struct probe_sig probe_chain[];	/* terminated by name == NULL */

/* One note, header already in host order; name and desc point into data
 * (desc words are still in file order: use probe_word()). */
struct probe_note {
	GElf_Nhdr h;
	const char *name;
	const unsigned char *desc;
	const char *where;	/* section name, or "PT_NOTE" */
};

/* Calls fn (may be NULL) for every note of every SHT_NOTE section, or of
 * every PT_NOTE segment when the file has no section headers.  Returns fn's
 * first non-zero value, 0 when all were seen, or -1 for a malformed note
 * (c->err says which). */
int probe_each_note(struct probe_ctx *c, int (*fn)(struct probe_ctx *, const struct probe_note *, void *),
		    void *arg);

/* Does abi a's brand fit the header fields already in r? */
int probe_brand_fits(const struct abi *a, const struct probe_result *r);
/* A section's name, or "?" when it has none. */
const char *probe_secname(struct probe_ctx *c, const GElf_Shdr *sh);
/* Section lookup by name: the index, or 0 when absent. */
size_t probe_find_section(struct probe_ctx *c, const char *name, GElf_Shdr *sh);
/* A 32-bit word of note descriptor i (file byte order -> host) via libelf. */
uint32_t probe_word(struct probe_ctx *c, const unsigned char *desc, unsigned i);
/* Is note n owned by `owner` (exact, NUL-terminated) with type `type`? */
int probe_note_is(const struct probe_note *n, const char *owner, unsigned type);

#endif
