/* tests/manifest.tsv: what each case is expected to do, per ABI.
 *
 * Tab-separated, '#' comments and blank lines ignored:
 *   case  family  abis  status  reason
 * abis is "all" or a comma list; a case may have one "all" row plus rows
 * for named ABIs that override it.  status is one of expect_names; every
 * status but pass needs a reason (known-fail names the missing piece). */
#include <stdlib.h>
#include <string.h>
#include "suite.h"
#include "abi.h"

const char *const expect_names[EX_NSTATUS] = {
	[EX_PASS] = "pass", [EX_KNOWN_FAIL] = "known-fail", [EX_QEMU_FAIL] = "qemu-fail",
	[EX_NON_GOAL] = "non-goal", [EX_SKIP_PRIV] = "skip-privileged",
};

static int in_list(const char *list, const char *item)
{
	size_t n = strlen(item);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !strncmp(p, item, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

static int lists_overlap(const char *a, const char *b)
{
	char *copy = strdup(a), *save = NULL;
	int hit = 0;
	for (char *s = strtok_r(copy, ",", &save); s && !hit; s = strtok_r(NULL, ",", &save))
		hit = in_list(b, s);
	free(copy);
	return hit;
}

/* Split line into at most max tab-separated fields (in place). */
static int split_tabs(char *line, char **f, int max)
{
	int n = 0;
	for (char *p = line; n < max;) {
		f[n++] = p;
		char *t = strchr(p, '\t');
		if (!t)
			break;
		*t = 0;
		p = t + 1;
	}
	return n;
}

static char *trim(char *s)
{
	while (*s == ' ')
		s++;
	size_t n = strlen(s);
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\r'))
		s[--n] = 0;
	return s;
}

int manifest_load(const char *path, struct manifest *m, FILE *err)
{
	memset(m, 0, sizeof *m);
	m->path = path;
	FILE *f = fopen(path, "r");
	if (!f) {
		fprintf(err, "%s: cannot open: %m\n", path);
		return -1;
	}
	char *line = NULL;
	size_t cap = 0;
	int lineno = 0, bad = 0, alloc = 0;
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		line[strcspn(line, "\n")] = 0;
		char *s = trim(line);
		if (!*s || *s == '#')
			continue;
		char *fl[6];
		int nf = split_tabs(s, fl, 6);
		for (int i = 0; i < nf; i++)
			fl[i] = trim(fl[i]);
		if (nf < 4 || nf > 5) {
			fprintf(err, "%s:%d: want 4 or 5 tab-separated fields (case family abis status [reason]), got %d\n",
				path, lineno, nf);
			bad++;
			continue;
		}
		int st = -1;
		for (int i = 0; i < EX_NSTATUS; i++)
			if (!strcmp(fl[3], expect_names[i]))
				st = i;
		if (st < 0) {
			fprintf(err, "%s:%d: unknown status '%s' (pass, known-fail, qemu-fail, non-goal, skip-privileged)\n",
				path, lineno, fl[3]);
			bad++;
			continue;
		}
		const char *reason = nf == 5 ? fl[4] : "";
		if (st != EX_PASS && !*reason) {
			fprintf(err, "%s:%d: status %s needs a reason\n", path, lineno, fl[3]);
			bad++;
			continue;
		}
		if (!*fl[0] || !*fl[1] || !*fl[2]) {
			fprintf(err, "%s:%d: empty case, family or abis field\n", path, lineno);
			bad++;
			continue;
		}
		const char *abis = strcmp(fl[2], "all") ? fl[2] : NULL;
		for (const char *p = abis; p && *p;) {
			const char *e = strchr(p, ',');
			size_t len = e ? (size_t)(e - p) : strlen(p);
			char one[64];
			snprintf(one, sizeof one, "%.*s", (int)len, p);
			if (!abi_find(one)) {
				fprintf(err, "%s:%d: unknown ABI '%s'\n", path, lineno, one);
				bad++;
			}
			p = e ? e + 1 : NULL;
		}
		/* One all-row per case; named rows may not overlap each other. */
		for (int i = 0; i < m->n; i++) {
			struct mrow *r = &m->rows[i];
			if (strcmp(r->name, fl[0]))
				continue;
			if (!r->abis && !abis) {
				fprintf(err, "%s:%d: second 'all' row for %s (first at line %d)\n",
					path, lineno, fl[0], r->line);
				bad++;
			} else if (r->abis && abis && lists_overlap(r->abis, abis)) {
				fprintf(err, "%s:%d: ABIs overlap the row for %s at line %d\n",
					path, lineno, fl[0], r->line);
				bad++;
			}
		}
		if (m->n == alloc) {
			alloc = alloc ? alloc * 2 : 64;
			m->rows = realloc(m->rows, (size_t)alloc * sizeof *m->rows);
		}
		m->rows[m->n++] = (struct mrow){
			.name = strdup(fl[0]), .family = strdup(fl[1]),
			.abis = abis ? strdup(abis) : NULL, .reason = strdup(reason),
			.status = st, .line = lineno,
		};
	}
	free(line);
	fclose(f);
	return bad ? -1 : 0;
}

const struct mrow *manifest_lookup(const struct manifest *m, const char *name, const char *abi)
{
	const struct mrow *all = NULL;
	for (int i = 0; i < m->n; i++) {
		const struct mrow *r = &m->rows[i];
		if (strcmp(r->name, name))
			continue;
		if (!r->abis)
			all = r;
		else if (in_list(r->abis, abi))
			return r;
	}
	return all;
}

int manifest_check(const struct manifest *m, char *const *cases, int ncases, FILE *err)
{
	int bad = 0;
	for (int i = 0; i < ncases; i++) {
		int found = 0;
		for (int k = 0; k < m->n && !found; k++)
			found = !strcmp(m->rows[k].name, cases[i]);
		if (!found) {
			fprintf(err, "%s: case %s has no row\n", m->path, cases[i]);
			bad++;
		}
	}
	for (int k = 0; k < m->n; k++) {
		int found = 0;
		for (int i = 0; i < ncases && !found; i++)
			found = !strcmp(m->rows[k].name, cases[i]);
		if (!found) {
			fprintf(err, "%s:%d: row names a missing case '%s'\n", m->path, m->rows[k].line,
				m->rows[k].name);
			bad++;
		}
	}
	return bad;
}

void manifest_free(struct manifest *m)
{
	for (int i = 0; i < m->n; i++) {
		free(m->rows[i].name);
		free(m->rows[i].family);
		free(m->rows[i].abis);
		free(m->rows[i].reason);
	}
	free(m->rows);
	m->rows = NULL;
	m->n = 0;
}
