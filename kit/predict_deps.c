/*
 * The files a dynamic program brings in: PT_INTERP and the DT_NEEDED
 * closure, found in the directories the target's ld.so searches by
 * default (Debian multiarch /lib/<triplet> and /usr/lib/<triplet>, then
 * /lib64, /usr/lib64, /lib, /usr/lib), each tried in the sysroot first as
 * `compatkit run` does (kit/sysroot.c).  A candidate of another machine or
 * class (the host's own libraries in a fallback directory) is skipped, as
 * ld.so skips it.
 */
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "predict.h"
#include "sysroot.h"

/* The ELF identity of path, and its interpreter and DT_NEEDED names. */
static int elf_info(const char *path, const struct abi *a, char *interp, size_t ilen,
		    char needed[][128], int maxn, int *nn)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC), ok = 0;
	if (fd < 0)
		return 0;
	elf_version(EV_CURRENT);
	Elf *e = elf_begin(fd, ELF_C_READ, NULL);
	GElf_Ehdr eh;
	if (!e || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh) || eh.e_machine != a->brand.machine ||
	    eh.e_ident[EI_CLASS] != a->brand.elfclass || eh.e_ident[EI_DATA] != a->brand.data)
		goto out;
	ok = 1;
	if (interp)
		interp[0] = 0;
	size_t phnum = 0;
	elf_getphdrnum(e, &phnum);
	for (size_t i = 0; interp && i < phnum; i++) {
		GElf_Phdr ph;
		if (gelf_getphdr(e, (int)i, &ph) && ph.p_type == PT_INTERP && ph.p_filesz < ilen &&
		    pread(fd, interp, ph.p_filesz, (off_t)ph.p_offset) == (ssize_t)ph.p_filesz)
			interp[ph.p_filesz] = 0;
	}
	*nn = 0;
	for (Elf_Scn *s = NULL; (s = elf_nextscn(e, s));) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh) || sh.sh_type != SHT_DYNAMIC)
			continue;
		Elf_Data *d = elf_getdata(s, NULL);
		size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
		for (size_t k = 0; d && k < n; k++) {
			GElf_Dyn dy;
			if (!gelf_getdyn(d, (int)k, &dy) || dy.d_tag != DT_NEEDED || *nn >= maxn)
				continue;
			const char *nm = elf_strptr(e, sh.sh_link, dy.d_un.d_val);
			if (nm)
				snprintf(needed[(*nn)++], 128, "%s", nm);
		}
	}
out:
	if (e)
		elf_end(e);
	close(fd);
	return ok;
}

static int find_lib(const struct abi *a, const char *name, char *out, size_t len)
{
	char dirs[6][96];
	snprintf(dirs[0], sizeof dirs[0], "/lib/%s", a->triplet ? a->triplet : "");
	snprintf(dirs[1], sizeof dirs[1], "/usr/lib/%s", a->triplet ? a->triplet : "");
	snprintf(dirs[2], sizeof dirs[2], "/lib64");
	snprintf(dirs[3], sizeof dirs[3], "/usr/lib64");
	snprintf(dirs[4], sizeof dirs[4], "/lib");
	snprintf(dirs[5], sizeof dirs[5], "/usr/lib");
	for (int i = 0; i < 6; i++) {
		char g[PATH_MAX], buf[PATH_MAX];
		snprintf(g, sizeof g, "%s/%s", dirs[i], name);
		const char *h = sysroot_path(g, buf, sizeof buf);
		int nn;
		char nd[1][128];
		if (elf_info(h, a, NULL, 0, nd, 0, &nn)) {
			snprintf(out, len, "%s", h);
			return 1;
		}
		if (h != g && elf_info(g, a, NULL, 0, nd, 0, &nn)) {	/* host fallback */
			snprintf(out, len, "%s", g);
			return 1;
		}
	}
	return 0;
}

static int have(char **v, int n, const char *p)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(v[i], p))
			return 1;
	return 0;
}

int predict_deps(const struct abi *a, const char *path, char **out, int max,
		 char **missing, int maxmiss, int *nmissing)
{
	int n = 0;
	char interp[PATH_MAX], needed[64][128];
	int nn = 0;
	*nmissing = 0;
	if (!elf_info(path, a, interp, sizeof interp, needed, 64, &nn) || !interp[0])
		return 0;
	char buf[PATH_MAX];
	const char *ip = sysroot_path(interp, buf, sizeof buf);
	if (access(ip, R_OK) == 0 && n < max)
		out[n++] = strdup(ip);
	else if (*nmissing < maxmiss)
		missing[(*nmissing)++] = strdup(interp);
	/* Breadth-first over DT_NEEDED; out[] doubles as the queue. */
	char names[256][128];
	int nnames = 0;
	for (int k = 0; k < nn && nnames < 256; k++)
		snprintf(names[nnames++], 128, "%.127s", needed[k]);
	for (int q = 0; q < nnames; q++) {
		char lp[PATH_MAX];
		if (!find_lib(a, names[q], lp, sizeof lp)) {
			if (*nmissing < maxmiss && !have(missing, *nmissing, names[q]))
				missing[(*nmissing)++] = strdup(names[q]);
			continue;
		}
		if (have(out, n, lp) || n >= max)
			continue;
		out[n++] = strdup(lp);
		int m = 0;
		if (!elf_info(lp, a, NULL, 0, needed, 64, &m))
			continue;
		for (int k = 0; k < m && nnames < 256; k++) {
			int dup = 0;
			for (int j = 0; j < nnames; j++)
				dup |= !strcmp(names[j], needed[k]);
			if (!dup)
				snprintf(names[nnames++], 128, "%.127s", needed[k]);
		}
	}
	return n;
}
