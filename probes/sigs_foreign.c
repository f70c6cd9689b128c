/*
 * Negative brands: marks of another OS.  A match fills r->foreign and the
 * file is not accepted as Linux (see probes/README).
 *
 * Note formats: NetBSD's ident note is owner "NetBSD", type 1, a 4-byte
 * __NetBSD_Version__ (sys/exec_elf.h: ELF_NOTE_TYPE_NETBSD_TAG); FreeBSD's
 * ABI tag is owner "FreeBSD", type 1, a 4-byte __FreeBSD_version
 * (sys/elf_common.h: NT_FREEBSD_ABI_TAG, section .note.tag).
 */
#include <stdio.h>
#include <string.h>
#include "probe_impl.h"

#define NT_BSD_IDENT 1	/* NetBSD ELF_NOTE_TYPE_NETBSD_TAG, FreeBSD NT_FREEBSD_ABI_TAG */

struct owner_hit {
	const char *owner;
	char where[64];
	uint32_t version;
	int found;
};

static int find_owner(struct probe_ctx *c, const struct probe_note *n, void *arg)
{
	struct owner_hit *h = arg;
	if (!probe_note_is(n, h->owner, NT_BSD_IDENT))
		return 0;
	h->found = 1;
	h->version = n->h.n_descsz >= 4 ? probe_word(c, n->desc, 0) : 0;
	snprintf(h->where, sizeof h->where, "%s", n->where);
	return 1;
}

static int foreign(struct probe_ctx *c, const char *os)
{
	if (!c->r->foreign[0])
		snprintf(c->r->foreign, sizeof c->r->foreign, "%s", os);
	return SIG_FOREIGN;
}

static int bsd_note(struct probe_ctx *c, struct probe_ev *ev, const char *os)
{
	struct owner_hit h = { .owner = os };
	probe_each_note(c, find_owner, &h);
	if (!h.found) {
		snprintf(ev->detail, sizeof ev->detail, "no %s ident note", os);
		return SIG_NONE;
	}
	snprintf(ev->detail, sizeof ev->detail, "%s ident note in %s, version %u", os, h.where, h.version);
	return foreign(c, os);
}

int sig_netbsd_ident(struct probe_ctx *c, struct probe_ev *ev)
{
	return bsd_note(c, ev, "NetBSD");
}

int sig_freebsd_tag(struct probe_ctx *c, struct probe_ev *ev)
{
	return bsd_note(c, ev, "FreeBSD");
}

/* EI_OSABI values that name an operating system other than Linux.  0
 * (SYSV) names none and is what most Linux toolchains write. */
int sig_osabi_foreign(struct probe_ctx *c, struct probe_ev *ev)
{
	static const unsigned other[] = {
		ELFOSABI_HPUX, ELFOSABI_NETBSD, ELFOSABI_SOLARIS, ELFOSABI_AIX, ELFOSABI_IRIX,
		ELFOSABI_FREEBSD, ELFOSABI_TRU64, ELFOSABI_MODESTO, ELFOSABI_OPENBSD,
	};
	unsigned o = c->r->osabi;
	const char *name = probe_osabi_name(o);
	for (size_t i = 0; i < sizeof other / sizeof other[0]; i++) {
		if (other[i] != o)
			continue;
		snprintf(ev->detail, sizeof ev->detail, "EI_OSABI %u = %s", o, name ? name : "Modesto");
		return foreign(c, name ? name : "Modesto");
	}
	snprintf(ev->detail, sizeof ev->detail, "EI_OSABI %u (%s) names no other OS", o, name ? name : "unknown");
	return SIG_NONE;
}
