/*
 * The exec switch used by execve: the probes (probes/probe.h) when they are
 * built in, else a minimal ELF match against each descriptor's brand.
 * Either way an image with PT_INTERP goes to the host for now: kit/exec.c
 * loads static images only, and refusing later would be past execve's
 * point of no return.
 */
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <string.h>
#include "execsw.h"
#if __has_include("probes/probe.h")
#include "probes/probe.h"
#define HAVE_PROBES 1
#endif

#define EF_PPC64_ABI_MASK 3	/* e_flags: 1 = ELFv1, 2 = ELFv2 (ppc64 ELF ABI) */

static int has_interp(Elf *e)
{
	size_t n = 0;
	if (elf_getphdrnum(e, &n))
		return 0;
	for (size_t i = 0; i < n; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_INTERP)
			return 1;
	}
	return 0;
}

#ifndef HAVE_PROBES
static const struct abi *match_brand(const GElf_Ehdr *eh)
{
	for (const struct abi *const *p = ck_abis; *p; p++) {
		const struct brand *b = &(*p)->brand;
		if (b->machine != eh->e_machine || b->elfclass != eh->e_ident[EI_CLASS] ||
		    b->data != eh->e_ident[EI_DATA])
			continue;
		unsigned v = eh->e_flags & EF_PPC64_ABI_MASK;
		if (b->elfv && v && v != b->elfv)
			continue;
		return *p;
	}
	return NULL;
}
#endif

const struct abi *exec_switch(int fd, char *why, size_t len)
{
	const struct abi *abi = NULL;
	elf_version(EV_CURRENT);
	Elf *e = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh)) {
		snprintf(why, len, "not an ELF image");
		goto out;
	}
#ifdef HAVE_PROBES
	char link[64];
	snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
	struct probe_result pr;
	memset(&pr, 0, sizeof pr);
	if (probe_file(link, &pr) == 0 && pr.abi)
		abi = pr.abi;
	else
		snprintf(why, len, "no Linux emulation%s%s", pr.foreign[0] ? " for a " : "", pr.foreign);
#else
	abi = match_brand(&eh);
	if (!abi)
		snprintf(why, len, "no Linux emulation for e_machine %u", eh.e_machine);
#endif
	if (abi && has_interp(e)) {
		snprintf(why, len, "%s image with PT_INTERP: the kit runs static images only", abi->name);
		abi = NULL;
	} else if (abi)
		snprintf(why, len, "%s", abi->emul);
out:
	if (e)
		elf_end(e);
	return abi;
}
