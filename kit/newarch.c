/*
 * compatkit new-arch, the writer: refuse clashes, render kit/templates/,
 * and seed syscalls.master and layouts.def from the --from arch with marks
 * that `compatkit check` counts (stage 2: "; VERIFY", stage 3:
 * "# UNVERIFIED").  arches/NAME/ is built in a hidden directory and renamed
 * into place, so a failure leaves nothing half-made behind.
 */
#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"
#include "newarch.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

#define ERR(...) do { fprintf(stderr, "compatkit new-arch: " __VA_ARGS__); fputc('\n', stderr); return 2; } while (0)

struct buf {
	char *s;
	size_t len, cap;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = (b->len + n + 1) * 2;
		b->s = realloc(b->s, b->cap);
		if (!b->s) {
			fprintf(stderr, "compatkit new-arch: out of memory\n");
			exit(2);
		}
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = 0;
}

static void puts_(struct buf *b, const char *s) { put(b, s, strlen(s)); }

static int write_file(const char *path, const char *s, size_t n)
{
	FILE *f = fopen(path, "w");
	if (!f || fwrite(s, 1, n, f) != n || fclose(f))
		ERR("cannot write %s: %s", path, strerror(errno));
	return 0;
}

/* ---- placeholders ---- */

static const char *value_of(const struct newarch *na, const char *key, char *tmp, size_t n)
{
	int b64 = na->elfclass == ELFCLASS64;
	if (!strcmp(key, "NAME")) return na->name;
	if (!strcmp(key, "FROM")) return na->from;
	if (!strcmp(key, "MACHINE")) return na->machine_name;
	if (!strcmp(key, "CLASS")) return b64 ? "ELFCLASS64" : "ELFCLASS32";
	if (!strcmp(key, "DATA")) return na->data == ELFDATA2MSB ? "ELFDATA2MSB" : "ELFDATA2LSB";
	if (!strcmp(key, "TRIPLET")) return na->triplet;
	if (!strcmp(key, "QEMU")) return na->qemu;
	if (!strcmp(key, "UCARCH")) return na->ucarch;
	if (!strcmp(key, "UCMODE")) return na->ucmode;
	if (!strcmp(key, "PTRSIZE")) return b64 ? "8" : "4";
	if (!strcmp(key, "PTRBITS")) return b64 ? "64" : "32";
	if (!strcmp(key, "BIGENDIAN")) return na->data == ELFDATA2MSB ? "1" : "0";
	/* Linux's usual user address space: a 32-bit kernel's 3 GiB TASK_SIZE,
	 * a 64-bit kernel's 128 TiB (47-bit) window; mmaps start 128 MiB below
	 * the stack. */
	if (!strcmp(key, "STACKTOP")) return b64 ? "0x800000000000ULL" : "0xc0000000ULL";
	if (!strcmp(key, "MMAPBASE")) return b64 ? "0x7ffff8000000ULL" : "0xb8000000ULL";
	if (!strcmp(key, "ELFV")) {
		snprintf(tmp, n, "%u", na->elfv);
		return tmp;
	}
	return NULL;
}

/* Replace @KEY@ in s; -1 (with a message) on an unknown key. */
static int render(const struct newarch *na, const char *s, const char *what, struct buf *out)
{
	while (*s) {
		const char *at = strchr(s, '@');
		if (!at) {
			puts_(out, s);
			break;
		}
		put(out, s, (size_t)(at - s));
		size_t k = strspn(at + 1, "ABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789");
		if (k == 0 || at[1 + k] != '@') {
			put(out, "@", 1);
			s = at + 1;
			continue;
		}
		char key[64], tmp[32];
		snprintf(key, sizeof key, "%.*s", (int)k, at + 1);
		const char *v = value_of(na, key, tmp, sizeof tmp);
		if (!v) {
			fprintf(stderr, "compatkit new-arch: %s: unknown placeholder @%s@\n", what, key);
			return -1;
		}
		puts_(out, v);
		s = at + k + 2;
	}
	return 0;
}

/* ---- templates: every kit/templates/<path>.in ---- */

struct tmpl {
	char rel[512];		/* destination, relative to the tree, @NAME@ replaced */
	char *text;		/* rendered */
};

static int collect(const struct newarch *na, const char *dir, const char *rel, struct tmpl *t, int *n, int max)
{
	DIR *d = opendir(dir);
	if (!d)
		ERR("%s: %s", dir, strerror(errno));
	struct dirent *e;
	int rc = 0;
	while (!rc && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char path[PATH_MAX + 256], r[600];
		snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
		snprintf(r, sizeof r, "%s%s%s", rel, *rel ? "/" : "", e->d_name);
		struct stat st;
		if (stat(path, &st))
			continue;
		if (S_ISDIR(st.st_mode)) {
			rc = collect(na, path, r, t, n, max);
			continue;
		}
		size_t l = strlen(r);
		if (l < 4 || strcmp(r + l - 3, ".in") || *n >= max)
			continue;
		r[l - 3] = 0;
		struct buf b = { 0 };
		char *src = ck_slurp(path, NULL);
		if (!src || render(na, r, path, &b) || !b.s) {
			free(src);
			closedir(d);
			return 2;
		}
		snprintf(t[*n].rel, sizeof t[*n].rel, "%s", b.s);
		free(b.s);
		b = (struct buf){ 0 };
		if (render(na, src, path, &b)) {
			free(src);
			closedir(d);
			return 2;
		}
		free(src);
		t[(*n)++].text = b.s ? b.s : strdup("");
	}
	closedir(d);
	return rc;
}

/* ---- name clashes ---- */

/* Identifiers of text that contain the arch name as a word part. */
static int idents_with(const char *text, const char *name, char out[][96], int n, int max)
{
	size_t nl = strlen(name);
	for (const char *p = text; *p;) {
		if (!(isalpha((unsigned char)*p) || *p == '_')) {
			p++;
			continue;
		}
		const char *q = p;
		while (isalnum((unsigned char)*q) || *q == '_')
			q++;
		size_t l = (size_t)(q - p);
		for (const char *h = p; h + nl <= q; h++)
			if (!strncmp(h, name, nl) && (h == p || h[-1] == '_') && (h + nl == q || h[nl] == '_')) {
				char id[96];
				snprintf(id, sizeof id, "%.*s", (int)l, p);
				int dup = 0;
				for (int i = 0; i < n; i++)
					dup |= !strcmp(out[i], id);
				if (!dup && n < max && l < sizeof id && strcmp(id, name))
					snprintf(out[n++], 96, "%s", id);
				break;
			}
		p = q;
	}
	return n;
}

static int word_in(const char *text, const char *w)
{
	size_t l = strlen(w);
	for (const char *p = text; (p = strstr(p, w)); p += l) {
		int before = p > text && (isalnum((unsigned char)p[-1]) || p[-1] == '_');
		int after = isalnum((unsigned char)p[l]) || p[l] == '_';
		if (!before && !after)
			return 1;
	}
	return 0;
}

static int is_c_or_h(const char *f)
{
	size_t l = strlen(f);
	return l > 2 && f[l - 2] == '.' && (f[l - 1] == 'c' || f[l - 1] == 'h');
}

/* 0, or 2 after naming the first identifier the tree already uses. */
static int clashes(const struct newarch *na, char ids[][96], int nid)
{
	static const char *const dirs[] = { "kit", "kit/sys", "probes", "arches", 0 };
	for (int di = 0; dirs[di]; di++) {
		char dir[PATH_MAX + 32];
		snprintf(dir, sizeof dir, "%s/%s", na->dst, dirs[di]);
		DIR *d = opendir(dir);
		struct dirent *e;
		while (d && (e = readdir(d))) {
			char path[PATH_MAX + 600];
			if (e->d_name[0] == '.')
				continue;
			snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
			struct stat st;
			if (stat(path, &st))
				continue;
			if (S_ISDIR(st.st_mode) && !strcmp(dirs[di], "arches")) {
				/* one level down: arches/<x>/<files> */
				DIR *d2 = opendir(path);
				struct dirent *e2;
				while (d2 && (e2 = readdir(d2))) {
					if (!is_c_or_h(e2->d_name))
						continue;
					char f[PATH_MAX + 900];
					snprintf(f, sizeof f, "%s/%s", path, e2->d_name);
					char *s = ck_slurp(f, NULL);
					for (int i = 0; s && i < nid; i++)
						if (word_in(s, ids[i])) {
							fprintf(stderr, "compatkit new-arch: name '%s' clashes: %s is already used "
								"in arches/%s/%s\n", na->name, ids[i], e->d_name, e2->d_name);
							free(s);
							closedir(d2);
							closedir(d);
							return 2;
						}
					free(s);
				}
				if (d2)
					closedir(d2);
				continue;
			}
			if (!is_c_or_h(e->d_name))
				continue;
			char *s = ck_slurp(path, NULL);
			for (int i = 0; s && i < nid; i++)
				if (word_in(s, ids[i])) {
					fprintf(stderr, "compatkit new-arch: name '%s' clashes: %s is already used in %s/%s\n",
						na->name, ids[i], dirs[di], e->d_name);
					free(s);
					closedir(d);
					return 2;
				}
			free(s);
		}
		if (d)
			closedir(d);
	}
	return 0;
}

/* ---- seeding ---- */

static int newarch_seed_master(const struct newarch *na, const char *src, struct buf *out);
static int newarch_seed_layouts(const struct newarch *na, const char *src, struct buf *out);

/* Does arches/<from>/ define handler linux_sys_<h> itself? */
static int from_defines(const struct newarch *na, const char *h)
{
	char dir[PATH_MAX + 96], want1[96], want2[96];
	snprintf(dir, sizeof dir, "%s/arches/%s", na->src, na->from);
	snprintf(want1, sizeof want1, "linux_sys_%s", h);
	snprintf(want2, sizeof want2, "SYS(%s)", h);
	DIR *d = opendir(dir);
	struct dirent *e;
	int hit = 0;
	while (!hit && d && (e = readdir(d))) {
		size_t l = strlen(e->d_name);
		if (l < 3 || strcmp(e->d_name + l - 2, ".c"))
			continue;
		char p[PATH_MAX + 400];
		snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
		char *s = ck_slurp(p, NULL);
		hit = s && (word_in(s, want1) || strstr(s, want2));
		free(s);
	}
	if (d)
		closedir(d);
	return hit;
}

/* One entry line "N TYPE { proto; } [handler]" of the --from table, marked.
 * An implemented entry whose handler lives in the --from arch's own
 * directory becomes UNIMPL: that code is not the new arch's. */
static void seed_entry(const struct newarch *na, char *line, struct buf *out)
{
	char nr[16], type[16];
	int off = 0;
	if (sscanf(line, "%15s %15s %n", nr, type, &off) == 2 && (!strcmp(type, "STD") || !strcmp(type, "NOARGS"))) {
		char h[96] = "";
		char *close = strrchr(line, '}');
		if (!strcmp(type, "NOARGS") && close)
			sscanf(close + 1, "%95s", h);
		else {
			char *paren = strchr(line, '('), *b = paren;
			while (b && b > line && (isalnum((unsigned char)b[-1]) || b[-1] == '_'))
				b--;
			if (paren)
				snprintf(h, sizeof h, "%.*s", (int)(paren - b), b);
		}
		if (h[0] && close && from_defines(na, h)) {
			char tmp[1024];
			snprintf(tmp, sizeof tmp, "%s\tUNIMPL\t%.*s\t; VERIFY (%s's handler %s is arch code of its own)\n",
				 nr, (int)(close + 1 - (line + off)), line + off, na->from, h);
			puts_(out, tmp);
			return;
		}
	}
	puts_(out, line);
	puts_(out, "\t; VERIFY\n");
}

static int newarch_seed_master(const struct newarch *na, const char *src, struct buf *out)
{
	char *s = ck_slurp(src, NULL);
	if (!s)
		ERR("%s: %s", src, strerror(errno));
	char head[1200];
	snprintf(head, sizeof head,
		 "; arches/%s/syscalls.master: seeded from arches/%s/syscalls.master by\n"
		 "; `compatkit new-arch %s --from %s`.  Every entry ends in a VERIFY\n"
		 "; comment: compare its number, name and arguments with %s's asm/unistd.h\n"
		 "; (`compatkit check %s --stage table` lists every difference), fix it,\n"
		 "; then delete the mark.  Stage 2, lessons/2-table.md.\n;\n",
		 na->name, na->from, na->name, na->from, na->triplet, na->name);
	puts_(out, head);
	int cont = 0;
	for (char *p = s, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		char line[1024];
		snprintf(line, sizeof line, "%.*s", (int)(nl - p), p);
		size_t l = strlen(line);
		int entry = isdigit((unsigned char)line[strspn(line, " \t")]) || cont;
		cont = l && line[l - 1] == '\\';
		if (!entry || cont) {
			puts_(out, line);
			puts_(out, "\n");
		} else {
			seed_entry(na, line, out);
		}
		if (!*nl)
			break;
	}
	free(s);
	return 0;
}

static int newarch_seed_layouts(const struct newarch *na, const char *src, struct buf *out)
{
	char *s = ck_slurp(src, NULL);
	if (!s)
		ERR("%s: %s", src, strerror(errno));
	char head[1200];
	snprintf(head, sizeof head,
		 "# arches/%s/layouts.def: seeded from arches/%s/layouts.def by\n"
		 "# `compatkit new-arch %s --from %s`.  Every struct line ends in an\n"
		 "# UNVERIFIED comment: `compatkit check %s --stage layouts` builds the layout probe with\n"
		 "# %s-gcc and runs it under %s; fix what it reports, then delete\n"
		 "# the marks.  Stage 3, lessons/3-layouts.md.\n#\n",
		 na->name, na->from, na->name, na->from, na->name, na->triplet, na->qemu);
	puts_(out, head);
	for (char *p = s, *nl; *p; p = nl + 1) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		put(out, p, (size_t)(nl - p));
		const char *t = p + strspn(p, " \t");
		if (!strncmp(t, "struct", 6) && (t[6] == ' ' || t[6] == '\t'))
			puts_(out, "\t# UNVERIFIED");
		puts_(out, "\n");
		if (!*nl)
			break;
	}
	free(s);
	return 0;
}

/* ---- the whole thing ---- */

static int tool_in_path(const char *prog)
{
	const char *path = getenv("PATH");
	char buf[PATH_MAX];
	for (const char *p = path ? path : ""; *p;) {
		size_t l = strcspn(p, ":");
		snprintf(buf, sizeof buf, "%.*s/%s", (int)l, p, prog);
		if (!access(buf, X_OK))
			return 1;
		p += l + (p[l] == ':');
	}
	return 0;
}

int newarch_write(const struct newarch *na)
{
	char p[PATH_MAX + 256], dir[PATH_MAX + 64], tmp[PATH_MAX + 96], other[64];
	snprintf(dir, sizeof dir, "%s/arches/%s", na->dst, na->name);
	if (ck_exists(dir))
		ERR("arches/%s already exists in %s; new-arch never overwrites an arch", na->name, na->dst);
	if (!ck_abi_dir(na->dst, na->name, other, sizeof other))
		ERR("'%s' is already an ABI of arches/%s", na->name, other);

	struct tmpl t[32];
	int nt = 0;
	char tdir[PATH_MAX + 64];
	snprintf(tdir, sizeof tdir, "%s/kit/templates", na->src);
	if (collect(na, tdir, "", t, &nt, 32))
		return 2;
	if (!nt)
		ERR("no templates (*.in) under %s", tdir);
	char prefix[128];
	snprintf(prefix, sizeof prefix, "arches/%s/", na->name);
	char ids[64][96];
	int nid = 0;
	for (int i = 0; i < nt; i++) {
		snprintf(p, sizeof p, "%s/%s", na->dst, t[i].rel);
		if (strncmp(t[i].rel, prefix, strlen(prefix)) && ck_exists(p))
			ERR("%s already exists; new-arch never overwrites", t[i].rel);
		nid = idents_with(t[i].text, na->name, ids, nid, 64);
	}
	if (clashes(na, ids, nid))
		return 2;

	struct buf master = { 0 }, layouts = { 0 };
	snprintf(p, sizeof p, "%s/arches/%s/syscalls.master", na->src, na->from);
	if (newarch_seed_master(na, p, &master))
		return 2;
	snprintf(p, sizeof p, "%s/arches/%s/layouts.def", na->src, na->from);
	if (newarch_seed_layouts(na, p, &layouts))
		return 2;

	/* arches/NAME: in a hidden directory first, then renamed */
	snprintf(tmp, sizeof tmp, "%s/arches/.%s.new", na->dst, na->name);
	snprintf(p, sizeof p, "rm -rf '%s'", tmp);
	if (system(p) || mkdir(tmp, 0777))
		ERR("cannot create %s: %s", tmp, strerror(errno));
	int rc = 0;
	for (int i = 0; i < nt && !rc; i++)
		if (!strncmp(t[i].rel, prefix, strlen(prefix))) {
			snprintf(p, sizeof p, "%s/%s", tmp, t[i].rel + strlen(prefix));
			rc = write_file(p, t[i].text, strlen(t[i].text));
		}
	snprintf(p, sizeof p, "%s/syscalls.master", tmp);
	rc = rc ? rc : write_file(p, master.s, master.len);
	snprintf(p, sizeof p, "%s/layouts.def", tmp);
	rc = rc ? rc : write_file(p, layouts.s, layouts.len);
	if (rc || rename(tmp, dir)) {
		snprintf(p, sizeof p, "rm -rf '%s'", tmp);
		if (system(p)) { /* nothing more to do */ }
		if (!rc)
			ERR("cannot rename %s to %s: %s", tmp, dir, strerror(errno));
		return rc;
	}
	printf("created arches/%s/ in %s (seeded from arches/%s/):\n", na->name, na->dst, na->from);
	for (int i = 0; i < nt; i++)
		if (!strncmp(t[i].rel, prefix, strlen(prefix)))
			printf("  %s\n", t[i].rel);
	printf("  arches/%s/syscalls.master  (every entry marked ; VERIFY)\n", na->name);
	printf("  arches/%s/layouts.def      (every struct marked # UNVERIFIED)\n", na->name);
	/* files outside arches/NAME (the sigcode skeleton) */
	for (int i = 0; i < nt; i++) {
		if (!strncmp(t[i].rel, prefix, strlen(prefix)))
			continue;
		snprintf(p, sizeof p, "%s/%s", na->dst, t[i].rel);
		char *slash = strrchr(p, '/');
		*slash = 0;
		mkdir(p, 0777);
		*slash = '/';
		if (write_file(p, t[i].text, strlen(t[i].text)))
			return 2;
		printf("  %s\n", t[i].rel);
	}
	printf("identity: %s, ELF%s, %s-endian; %s; %s; %s / %s\n", na->machine_name,
	       na->elfclass == ELFCLASS64 ? "64" : "32", na->data == ELFDATA2MSB ? "big" : "little",
	       na->triplet, na->qemu, na->ucarch, na->ucmode);
	char tool[160];
	ck_guest_cc(na->triplet, tool, sizeof tool);
	if (!tool_in_path(tool))
		fprintf(stderr, "compatkit new-arch: warning: %s is not installed: guests cannot be built\n", tool);
	if (!tool_in_path(na->qemu))
		fprintf(stderr, "compatkit new-arch: warning: %s is not installed: nothing to compare with\n", na->qemu);
	printf("next: make && build/compatkit check %s   (lessons/README.md)\n", na->name);
	for (int i = 0; i < nt; i++)
		free(t[i].text);
	free(master.s);
	free(layouts.s);
	return 0;
}
