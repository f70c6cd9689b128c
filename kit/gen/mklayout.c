/*
 * mklayout: arches/<arch>/layouts.def -> layouts.c (the table the core
 * marshals with) and layoutprobe.c (a self-checking program that, built by
 * the target's cross compiler, compares the table with the target's own
 * headers).
 *
 * usage: mklayout DEF TABLENAME OUTDIR
 *
 * layouts.def grammar (line based, '#' starts a comment):
 *
 *   struct NAME SIZE[/HSIZE] PROBE...
 *       PROBE is either  [-DMACRO[=V]]... <hdr.h>... C TYPE WORDS
 *       or               none REASON WORDS   (no header has the type)
 *     FIELD OFF SIZE SIGN[/HSIGN] [COUNT[/HCOUNT]] [EXPR]
 *     ...
 *   end
 *
 * SIZE of a field is the element size.  COUNT, when written, says the C
 * member is an array of COUNT elements (even COUNT 1); without it the member
 * is a scalar or an aggregate checked as a whole.
 * SIGN is s (signed), u (unsigned) or - (aggregate/opaque: not a scalar).
 * EXPR is the member designator inside the C type when it differs from
 * FIELD ("*" = the whole object).  A value written X/Y means "the kernel
 * uses X, the probed header says Y": the table gets X, the probe checks Y.
 * This documents the few places where no exported header has the exact
 * kernel type (e.g. variable-length records).
 *
 * The probe groups structs with identical -D/#include lists into one
 * translation unit each (kernel and libc headers clash), selected with
 * -DCK_PART=n; part 0 holds main().  The file says how many parts there
 * are in its first line: "#define CK_NPARTS n".
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXTOK 64

struct fld {
	char *name, *expr;
	unsigned long off, size, count, hcount;
	char sign, hsign;	/* 's' 'u' '-' */
	int array;		/* COUNT was written: the C member is an array */
	int line;
};

struct st {
	char *name, *ctype, *incs, *reason;	/* incs: "\n"-joined lines */
	unsigned long size, hsize;
	struct fld *f;
	unsigned nf;
	int line, part;
};

static const char *deffile;
static struct st *sts;
static unsigned nst;

static void die(int line, const char *fmt, ...)
{
	va_list ap;
	fprintf(stderr, "%s:%d: ", deffile, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n);
	if (!p) { perror("mklayout"); exit(1); }
	return p;
}

static char *xstrdup(const char *s)
{
	char *d = strdup(s);
	if (!d) { perror("mklayout"); exit(1); }
	return d;
}

static int is_ident(const char *s)
{
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	for (s++; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/* Member designator: identifiers, '.', and [digits]. */
static int is_expr(const char *s)
{
	if (!strcmp(s, "*"))
		return 1;
	if (!isalpha((unsigned char)*s) && *s != '_')
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("_.[]", *s))
			return 0;
	return 1;
}

/* "N" or "N/M" (decimal or 0x hex).  hv gets M, or N when absent. */
static void number(int line, const char *what, const char *s, unsigned long *v, unsigned long *hv)
{
	char *end;
	errno = 0;
	*v = strtoul(s, &end, 0);
	if (end == s || errno || (*end && *end != '/') || *s == '-')
		die(line, "bad %s '%s'", what, s);
	if (hv)
		*hv = *v;
	if (*end == '/') {
		const char *h = end + 1;
		if (!hv)
			die(line, "%s '%s' cannot have a /header value", what, s);
		*hv = strtoul(h, &end, 0);
		if (end == h || *end || errno || *h == '-')
			die(line, "bad header %s in '%s'", what, s);
	}
	if (*v > 0xffffffffUL)
		die(line, "%s '%s' too large", what, s);
}

static char sign_char(int line, const char *s)
{
	if (strlen(s) != 1 || !strchr("su-", *s))
		die(line, "signedness must be s, u or -, not '%s'", s);
	return *s;
}

static void parse_struct(int line, char **tok, int nt)
{
	if (nt < 4)
		die(line, "expected: struct NAME SIZE (none REASON | <header>... C TYPE)");
	if (!is_ident(tok[1]))
		die(line, "bad struct name '%s'", tok[1]);
	for (unsigned i = 0; i < nst; i++)
		if (!strcmp(sts[i].name, tok[1]))
			die(line, "duplicate struct '%s' (first at line %d)", tok[1], sts[i].line);
	sts = xrealloc(sts, (nst + 1) * sizeof *sts);
	struct st *s = &sts[nst++];
	memset(s, 0, sizeof *s);
	s->name = xstrdup(tok[1]);
	s->line = line;
	number(line, "struct size", tok[2], &s->size, &s->hsize);
	if (s->size == 0)
		die(line, "struct '%s' has size 0", s->name);

	char buf[2048] = "";
	int i = 3;
	if (!strcmp(tok[3], "none")) {
		for (i = 4; i < nt; i++)
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", i > 4 ? " " : "", tok[i]);
		if (!*buf)
			die(line, "'none' needs a reason");
		if (strpbrk(buf, "\"\\%"))
			die(line, "reason may not contain quotes, backslashes or %%");
		s->reason = xstrdup(buf);
		return;
	}
	for (; i < nt && (tok[i][0] == '<' || tok[i][0] == '"' || !strncmp(tok[i], "-D", 2)); i++) {
		size_t l = strlen(tok[i]);
		if (tok[i][0] == '-') {
			char *eq = strchr(tok[i] + 2, '=');
			if (eq) *eq = ' ';
			if (!is_ident(strtok(xstrdup(tok[i] + 2), " ")))
				die(line, "bad define '%s'", tok[i]);
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "#define %s\n", tok[i] + 2);
		} else {
			if (l < 3 || tok[i][l - 1] != (tok[i][0] == '<' ? '>' : '"'))
				die(line, "bad header '%s'", tok[i]);
			snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "#include %s\n", tok[i]);
		}
	}
	if (!strstr(buf, "#include"))
		die(line, "struct '%s': no header to probe with", s->name);
	if (i >= nt)
		die(line, "struct '%s': missing C type after the headers", s->name);
	s->incs = xstrdup(buf);
	buf[0] = 0;
	for (int j = i; j < nt; j++) {
		if (!is_ident(tok[j]))
			die(line, "bad C type word '%s'", tok[j]);
		snprintf(buf + strlen(buf), sizeof buf - strlen(buf), "%s%s", j > i ? " " : "", tok[j]);
	}
	s->ctype = xstrdup(buf);
}

static void parse_field(int line, struct st *s, char **tok, int nt)
{
	if (nt < 4 || nt > 6)
		die(line, "expected: FIELD OFFSET SIZE SIGN [COUNT] [EXPR]");
	if (!is_ident(tok[0]))
		die(line, "bad field name '%s'", tok[0]);
	for (unsigned i = 0; i < s->nf; i++)
		if (!strcmp(s->f[i].name, tok[0]))
			die(line, "duplicate field '%s.%s'", s->name, tok[0]);
	s->f = xrealloc(s->f, (s->nf + 1) * sizeof *s->f);
	struct fld *f = &s->f[s->nf++];
	memset(f, 0, sizeof *f);
	f->line = line;
	f->name = xstrdup(tok[0]);
	number(line, "offset", tok[1], &f->off, NULL);
	number(line, "field size", tok[2], &f->size, NULL);
	char *slash = strchr(tok[3], '/');
	if (slash) {
		*slash = 0;
		f->hsign = sign_char(line, slash + 1);
	}
	f->sign = sign_char(line, tok[3]);
	if (!slash)
		f->hsign = f->sign;
	if ((f->sign == '-') != (f->hsign == '-'))
		die(line, "field '%s': '-' cannot be overridden by s/u", f->name);
	f->count = f->hcount = 1;
	int i = 4;
	if (i < nt && isdigit((unsigned char)tok[i][0])) {
		number(line, "count", tok[i++], &f->count, &f->hcount);
		f->array = 1;
	}
	if (i < nt) {
		if (!is_expr(tok[i]))
			die(line, "bad member expression '%s'", tok[i]);
		f->expr = xstrdup(tok[i++]);
	}
	if (i < nt)
		die(line, "junk after field: '%s'", tok[i]);
	if (f->size == 0)
		die(line, "field '%s' has size 0", f->name);
	if (f->sign != '-' && f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
		die(line, "scalar field '%s' must be 1, 2, 4 or 8 bytes, not %lu", f->name, f->size);
	if (f->off + f->size * f->count > s->size)
		die(line, "field '%s' (offset %lu, %lu bytes) runs past the end of '%s' (%lu)",
		    f->name, f->off, f->size * f->count, s->name, s->size);
	if (f->size > 0xffff)
		die(line, "field '%s' size too large", f->name);
}

static void parse(FILE *in)
{
	char line[4096];
	int ln = 0;
	struct st *cur = NULL;
	while (fgets(line, sizeof line, in)) {
		ln++;
		size_t l = strlen(line);
		if (l == sizeof line - 1 && line[l - 1] != '\n')
			die(ln, "line too long");
		char *h = strchr(line, '#');
		if (h) *h = 0;
		char *tok[MAXTOK];
		int nt = 0;
		for (char *p = strtok(line, " \t\r\n"); p; p = strtok(NULL, " \t\r\n")) {
			if (nt == MAXTOK)
				die(ln, "too many words");
			tok[nt++] = p;
		}
		if (!nt)
			continue;
		if (!strcmp(tok[0], "struct")) {
			if (cur)
				die(ln, "struct '%s' (line %d) not closed with 'end'", cur->name, cur->line);
			parse_struct(ln, tok, nt);
			cur = &sts[nst - 1];
		} else if (!strcmp(tok[0], "end")) {
			if (!cur)
				die(ln, "'end' outside a struct");
			if (nt != 1)
				die(ln, "junk after 'end'");
			cur = NULL;
		} else {
			if (!cur)
				die(ln, "field line outside a struct: '%s'", tok[0]);
			parse_field(ln, cur, tok, nt);
		}
	}
	if (ferror(in))
		die(ln, "read error");
	if (cur)
		die(ln, "struct '%s' (line %d) not closed with 'end'", cur->name, cur->line);
	if (!nst)
		die(ln, "no structs");
}

static FILE *out_open(const char *dir, const char *name, char *path, size_t n)
{
	snprintf(path, n, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) { perror(path); exit(1); }
	return f;
}

static void out_close(FILE *f, const char *path)
{
	if (ferror(f) | fclose(f)) {
		perror(path);
		remove(path);
		exit(1);
	}
}

static void write_table(const char *dir, const char *table)
{
	char path[4096];
	FILE *o = out_open(dir, "layouts.c", path, sizeof path);
	fprintf(o, "/* Generated by mklayout from %s -- do not edit. */\n#include \"abi.h\"\n\n", deffile);
	for (unsigned i = 0; i < nst; i++) {
		struct st *s = &sts[i];
		fprintf(o, "static const struct lfield f_%s[] = {\n", s->name);
		for (unsigned j = 0; j < s->nf; j++) {
			struct fld *f = &s->f[j];
			fprintf(o, "\t{ \"%s\", %lu, %lu, %d, 0, %lu },\n", f->name, f->off, f->size,
				f->sign == 's', f->count);
		}
		if (!s->nf)
			fprintf(o, "\t{ 0 }\n");
		fprintf(o, "};\n");
	}
	fprintf(o, "\nstatic const struct layout l_all[] = {\n");
	for (unsigned i = 0; i < nst; i++)
		fprintf(o, "\t{ \"%s\", %lu, f_%s, %u },\n", sts[i].name, sts[i].size, sts[i].name, sts[i].nf);
	fprintf(o, "};\n\nconst struct layouts ck_layouts_%s = { l_all, %u };\n", table, nst);
	out_close(o, path);
}

/* The probe for one struct: compares every header value with the table. */
static void write_probe_struct(FILE *o, const struct st *s)
{
	fprintf(o, "\n/* %s (%s:%d) */\nstatic void p_%s(void)\n{\n", s->name, deffile, s->line, s->name);
	fprintf(o, "\ttypedef %s T;\n\tunsigned bad = ck_bad;\n", s->ctype);
	fprintf(o, "\tck_num(\"%s\", \"\", \"size\", %lu, sizeof(T));\n", s->name, s->hsize);
	for (unsigned j = 0; j < s->nf; j++) {
		const struct fld *f = &s->f[j];
		const char *e = f->expr ? f->expr : f->name;
		char m[600], el[640];
		if (!strcmp(e, "*"))
			snprintf(m, sizeof m, "(*(T *)0)");
		else
			snprintf(m, sizeof m, "(((T *)0)->%s)", e);
		/* An array is checked element-wise: element size and count. */
		int arr = f->array;
		snprintf(el, sizeof el, arr ? "%s[0]" : "%s", m);
		if (strcmp(e, "*"))
			fprintf(o, "\tck_num(\"%s\", \"%s\", \"offset\", %lu, __builtin_offsetof(T, %s));\n",
				s->name, f->name, f->off, e);
		else
			fprintf(o, "\tck_num(\"%s\", \"%s\", \"offset\", %lu, 0);\n", s->name, f->name, f->off);
		fprintf(o, "\tck_num(\"%s\", \"%s\", \"size\", %lu, sizeof %s);\n", s->name, f->name, f->size, el);
		fprintf(o, "\tck_num(\"%s\", \"%s\", \"count\", %lu, sizeof %s / sizeof %s);\n",
			s->name, f->name, f->hcount, m, el);
		if (f->hsign != '-')
			fprintf(o, "\tck_sign(\"%s\", \"%s\", %d, (__typeof__(%s))-1L < (__typeof__(%s))0);\n",
				s->name, f->name, f->hsign == 's', el, el);
	}
	fprintf(o, "\tck_struct_done(bad == ck_bad);\n}\n");
}

static void write_probe(const char *dir)
{
	char path[4096];
	/* Parts: one per distinct include list, in order of first use. */
	int nparts = 0;
	for (unsigned i = 0; i < nst; i++) {
		if (!sts[i].incs)
			continue;
		sts[i].part = 0;
		for (unsigned k = 0; k < i; k++)
			if (sts[k].incs && !strcmp(sts[k].incs, sts[i].incs)) {
				sts[i].part = sts[k].part;
				break;
			}
		if (!sts[i].part)
			sts[i].part = ++nparts;
	}
	FILE *o = out_open(dir, "layoutprobe.c", path, sizeof path);
	fprintf(o, "#define CK_NPARTS %d\n", nparts + 1);
	fprintf(o, "/* Generated by mklayout from %s -- do not edit.\n"
		" * Build each part with -DCK_PART=0..CK_NPARTS-1, link, run: ./probe ABI [-v] */\n\n", deffile);
	/* Shared by all parts: no libc header, so nothing clashes. */
	fprintf(o, "int printf(const char *, ...);\nint strcmp(const char *, const char *);\n"
		"extern const char *ck_abi;\nextern int ck_verbose;\nextern unsigned ck_ok, ck_bad, ck_skip;\n"
		"void ck_num(const char *s, const char *f, const char *what, unsigned long want, unsigned long got);\n"
		"void ck_sign(const char *s, const char *f, int want, int got);\n"
		"void ck_struct_done(int ok);\n");
	for (int p = 1; p <= nparts; p++) {
		unsigned first = 0;
		while (sts[first].part != p)
			first++;
		fprintf(o, "\n#if CK_PART == %d\n%s", p, sts[first].incs);
		for (unsigned i = first; i < nst; i++)
			if (sts[i].part == p)
				write_probe_struct(o, &sts[i]);
		fprintf(o, "void ck_part%d(void)\n{\n", p);
		for (unsigned i = first; i < nst; i++)
			if (sts[i].part == p)
				fprintf(o, "\tp_%s();\n", sts[i].name);
		fprintf(o, "}\n#endif\n");
	}
	fprintf(o, "\n#if CK_PART == 0\n");
	for (int p = 1; p <= nparts; p++)
		fprintf(o, "void ck_part%d(void);\n", p);
	fprintf(o,
		"const char *ck_abi = \"?\";\nint ck_verbose;\nunsigned ck_ok, ck_bad, ck_skip, ck_sok, ck_sbad;\n\n"
		"void ck_struct_done(int ok)\n{\n\tif (ok) ck_sok++; else ck_sbad++;\n}\n\n"
		"void ck_num(const char *s, const char *f, const char *what, unsigned long want, unsigned long got)\n{\n"
		"\tif (ck_verbose)\n\t\tprintf(\"%%s%%s%%s %%s %%lu\\n\", s, *f ? \".\" : \"\", f, what, got);\n"
		"\tif (want == got) { ck_ok++; return; }\n\tck_bad++;\n"
		"\tprintf(\"%%s: %%s%%s%%s: table says %%s %%lu, compiler says %%lu\\n\", ck_abi, s, *f ? \".\" : \"\", f, what, want, got);\n}\n\n"
		"void ck_sign(const char *s, const char *f, int want, int got)\n{\n"
		"\tconst char *w = want ? \"signed\" : \"unsigned\", *g = got ? \"signed\" : \"unsigned\";\n"
		"\tif (ck_verbose)\n\t\tprintf(\"%%s.%%s sign %%s\\n\", s, f, g);\n"
		"\tif (want == got) { ck_ok++; return; }\n\tck_bad++;\n"
		"\tprintf(\"%%s: %%s.%%s: table says %%s, compiler says %%s\\n\", ck_abi, s, f, w, g);\n}\n\n"
		"int main(int argc, char **argv)\n{\n"
		"\tif (argc > 1) ck_abi = argv[1];\n"
		"\tif (argc > 2 && !strcmp(argv[2], \"-v\")) ck_verbose = 1;\n");
	for (unsigned i = 0; i < nst; i++)
		if (sts[i].reason)
			fprintf(o, "\tprintf(\"%%s: %s: skipped: %%s\\n\", ck_abi, \"%s\");\n\tck_skip++;\n",
				sts[i].name, sts[i].reason);
	for (int p = 1; p <= nparts; p++)
		fprintf(o, "\tck_part%d();\n", p);
	fprintf(o, "\tprintf(\"layoutprobe %%s: %%u structs ok, %%u mismatched, %%u skipped (%%u of %%u checks ok)\\n\",\n"
		"\t       ck_abi, ck_sok, ck_sbad, ck_skip, ck_ok, ck_ok + ck_bad);\n"
		"\treturn ck_bad != 0;\n}\n#endif\n");
	out_close(o, path);
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: mklayout DEF TABLENAME OUTDIR\n");
		return 2;
	}
	deffile = argv[1];
	if (!is_ident(argv[2])) {
		fprintf(stderr, "mklayout: bad table name '%s'\n", argv[2]);
		return 2;
	}
	FILE *in = fopen(deffile, "r");
	if (!in) { perror(deffile); return 1; }
	parse(in);
	fclose(in);
	write_table(argv[3], argv[2]);
	write_probe(argv[3]);
	return 0;
}
