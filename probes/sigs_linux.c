/*
 * Linux signatures.  Each one is a mark that Linux toolchains leave and
 * that a BSD-native binary would not carry (once the foreign brands are
 * ruled out).  Order and strength follow NetBSD's linux_exec_elf32.c and
 * FreeBSD's imgact_elf.c brand matching.
 */
#include <stdio.h>
#include <string.h>
#include "probe_impl.h"

#define NT_GO_BUILDID 4	/* Go cmd/link: ELF_NOTE_GOBUILDID_TAG, owner "Go" */

/* PT_INTERP names the run-time loader of one of our ABIs' brands. */
int sig_interp(struct probe_ctx *c, struct probe_ev *ev)
{
	struct probe_result *r = c->r;
	const struct abi *other = NULL;

	if (!r->dynamic) {
		snprintf(ev->detail, sizeof ev->detail, "no PT_INTERP (statically linked)");
		return SIG_NONE;
	}
	for (const struct abi *const *a = ck_abis; *a; a++)
		for (const char *const *p = (*a)->brand.interp; *p; p++) {
			if (strcmp(*p, r->interp))
				continue;
			if (probe_brand_fits(*a, r)) {
				snprintf(ev->detail, sizeof ev->detail, "%.120s is the %s loader", r->interp, (*a)->emul);
				return SIG_LINUX;
			}
			other = *a;
		}
	if (other)
		snprintf(ev->detail, sizeof ev->detail, "%.120s is the loader of %s, not of this machine",
			 r->interp, other->emul);
	else
		snprintf(ev->detail, sizeof ev->detail, "%.120s is not a known Linux loader", r->interp);
	return SIG_NONE;
}

/* Static glibc keeps its exit hooks in a section of this name. */
int sig_libc_atexit(struct probe_ctx *c, struct probe_ev *ev)
{
	GElf_Shdr sh;
	size_t i = probe_find_section(c, "__libc_atexit", &sh);
	if (i)
		snprintf(ev->detail, sizeof ev->detail, "section [%zu] __libc_atexit (static glibc)", i);
	else
		snprintf(ev->detail, sizeof ev->detail, "no __libc_atexit section");
	return i ? SIG_LINUX : SIG_NONE;
}

/* .note.ABI-tag: owner "GNU", type NT_GNU_ABI_TAG, four words: OS and the
 * oldest kernel version (glibc csu/abi-note.S; elf.h ELF_NOTE_OS_*).  A tag
 * naming another OS (Hurd, kFreeBSD) is a foreign brand. */
struct abi_tag { uint32_t w[4]; int found; char where[64]; };

static int find_abi_tag(struct probe_ctx *c, const struct probe_note *n, void *arg)
{
	struct abi_tag *t = arg;
	if (!probe_note_is(n, "GNU", NT_GNU_ABI_TAG) || n->h.n_descsz < 16)
		return 0;
	for (unsigned i = 0; i < 4; i++)
		t->w[i] = probe_word(c, n->desc, i);
	snprintf(t->where, sizeof t->where, "%s", n->where);
	t->found = 1;
	return 1;
}

int sig_abi_tag(struct probe_ctx *c, struct probe_ev *ev)
{
	static const char *const os[] = { "Linux", "GNU/Hurd", "Solaris", "GNU/kFreeBSD" };
	struct abi_tag t = { .found = 0 };
	probe_each_note(c, find_abi_tag, &t);
	if (!t.found) {
		snprintf(ev->detail, sizeof ev->detail, "no GNU ABI tag note");
		return SIG_NONE;
	}
	const char *name = t.w[0] < 4 ? os[t.w[0]] : "an unknown OS";
	snprintf(ev->detail, sizeof ev->detail, "%s, kernel %u.%u.%u or later (%s)", name, t.w[1], t.w[2], t.w[3],
		 t.where);
	if (t.w[0] == ELF_NOTE_OS_LINUX)
		return SIG_LINUX;
	if (t.w[0] < 4 && !c->r->foreign[0])
		snprintf(c->r->foreign, sizeof c->r->foreign, "%s", name);
	return t.w[0] < 4 ? SIG_FOREIGN : SIG_NONE;
}

/* .comment holds one NUL-terminated string per compiler that contributed;
 * GCC's start with "GCC: ". */
int sig_gcc_comment(struct probe_ctx *c, struct probe_ev *ev)
{
	GElf_Shdr sh;
	size_t i = probe_find_section(c, ".comment", &sh);
	Elf_Data *d = i ? elf_getdata(elf_getscn(c->elf, i), NULL) : NULL;
	if (!d || !d->d_buf) {
		snprintf(ev->detail, sizeof ev->detail, "no .comment section");
		return SIG_NONE;
	}
	const char *p = d->d_buf, *end = p + d->d_size, *first = NULL;
	int firstlen = 0;
	while (p < end) {
		const char *z = memchr(p, '\0', end - p);
		size_t l = z ? (size_t)(z - p) : (size_t)(end - p);
		if (l >= 5 && !memcmp(p, "GCC: ", 5)) {
			snprintf(ev->detail, sizeof ev->detail, "%.*s", (int)(l > 150 ? 150 : l), p);
			return SIG_LINUX;
		}
		if (l && !first) {
			first = p;
			firstlen = l > 100 ? 100 : l;
		}
		p += l + 1;
	}
	if (first)
		snprintf(ev->detail, sizeof ev->detail, ".comment has no GCC string (\"%.*s\")", firstlen, first);
	else
		snprintf(ev->detail, sizeof ev->detail, ".comment is empty");
	return SIG_NONE;
}

/* EI_OSABI 3: the link editor marks objects that use GNU extensions (IFUNC,
 * unique symbols), which means static glibc on most ABIs. */
int sig_osabi_gnu(struct probe_ctx *c, struct probe_ev *ev)
{
	unsigned o = c->r->osabi;
	const char *name = probe_osabi_name(o);
	if (o == ELFOSABI_GNU) {
		snprintf(ev->detail, sizeof ev->detail, "EI_OSABI %u = GNU/Linux", o);
		return SIG_LINUX;
	}
	snprintf(ev->detail, sizeof ev->detail, "EI_OSABI %u (%s)%s", o, name ? name : "unknown",
		 o == ELFOSABI_SYSV ? ": makes no OS claim" : "");
	return SIG_NONE;
}

/* objcopy --add-gnu-debuglink: a file name, NUL, padding, CRC32. */
int sig_debuglink(struct probe_ctx *c, struct probe_ev *ev)
{
	GElf_Shdr sh;
	size_t i = probe_find_section(c, ".gnu_debuglink", &sh);
	Elf_Data *d = i ? elf_getdata(elf_getscn(c->elf, i), NULL) : NULL;
	if (!d || !d->d_buf) {
		snprintf(ev->detail, sizeof ev->detail, "no .gnu_debuglink section");
		return SIG_NONE;
	}
	size_t l = strnlen(d->d_buf, d->d_size);
	snprintf(ev->detail, sizeof ev->detail, "debug file \"%.*s\"", (int)(l > 150 ? 150 : l), (char *)d->d_buf);
	return SIG_LINUX;
}

/* The Go linker writes a build-ID note (owner "Go") into every binary. */
static int find_go(struct probe_ctx *c, const struct probe_note *n, void *arg)
{
	if (!probe_note_is(n, "Go", NT_GO_BUILDID))
		return 0;
	snprintf(arg, 64, "%s", n->where);
	return 1;
}

int sig_go_buildid(struct probe_ctx *c, struct probe_ev *ev)
{
	char where[64] = "";
	if (probe_each_note(c, find_go, where) == 1) {
		snprintf(ev->detail, sizeof ev->detail, "Go build ID note in %s", where);
		return SIG_LINUX;
	}
	snprintf(ev->detail, sizeof ev->detail, "no Go build ID note");
	return SIG_NONE;
}
