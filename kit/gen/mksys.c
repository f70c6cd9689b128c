/*
 * mksys: turn an arches/<dir>/syscalls.master into C.
 *
 *   mksys MASTER TABLENAME OUTDIR
 *
 * writes OUTDIR/sysent.c (const struct systable ck_systable_TABLENAME, see
 * kit/abi.h) and OUTDIR/sysnum.h (LINUX_TABLENAME_SYS_<name> constants).
 *
 * The grammar follows NetBSD's syscalls.master:
 *
 *   ; comment                       (a ';' outside { } starts a comment)
 *   %bits 32|64                     word size of a register slot
 *   %pairs aligned|unaligned        32-bit only: a 64-bit argument starts at
 *                                   an even slot (ppc32 r3/r5/r7) or anywhere
 *   %endian big|little              32-bit only: high or low word first
 *   N STD    { proto; }             implemented by linux_sys_<name>
 *   N NOARGS { proto; } handler     implemented by linux_sys_<handler>
 *   N UNIMPL { proto; }             not implemented, prototype for tracing
 *   N UNIMPL name                   not implemented, prototype unknown
 *   N OBSOL  name                   ENOSYS on Linux too (sys_ni_syscall)
 *
 * A line ending in '\' continues on the next.  Every error is reported as
 * "file:line: message"; nothing is written unless the whole file parses.
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAXNR	4096	/* sanity bound on a syscall number */
#define MAXARGS	6	/* Linux passes at most six register slots */
#define MAXERR	20

/* Argument kinds, spelled as in kit/abi.h (enum sysarg_kind). */
static const char *const kindname[] = {
	"SA_INT", "SA_UINT", "SA_LONG", "SA_ULONG", "SA_U64",
	"SA_PTR", "SA_STR", "SA_FD", "SA_FLAGS",
};
enum { K_INT, K_UINT, K_LONG, K_ULONG, K_U64, K_PTR, K_STR, K_FD, K_FLAGS,
       K_OPAQUE /* only behind a pointer (or void as a return type) */ };

/* Scalar type names the prototypes may use, with the kind each prints as.
 * The Linux types are those of the kernel's SYSCALL_DEFINE signatures and
 * the man pages; K_U64 ones take two slots on a %bits 32 table. */
static const struct { const char *name; int kind; } types[] = {
	{ "int", K_INT }, { "signed int", K_INT }, { "signed", K_INT },
	{ "pid_t", K_INT }, { "clockid_t", K_INT }, { "timer_t", K_INT },
	{ "key_serial_t", K_INT }, { "mqd_t", K_INT }, { "key_t", K_INT },
	{ "rwf_t", K_INT }, { "__s32", K_INT }, { "s32", K_INT }, { "int32_t", K_INT },
	{ "unsigned int", K_UINT }, { "unsigned", K_UINT }, { "mode_t", K_UINT },
	{ "umode_t", K_UINT }, { "uid_t", K_UINT }, { "gid_t", K_UINT },
	{ "old_uid_t", K_UINT }, { "old_gid_t", K_UINT }, { "qid_t", K_UINT },
	{ "u32", K_UINT }, { "__u32", K_UINT }, { "uint32_t", K_UINT },
	{ "unsigned short", K_UINT },
	{ "long", K_LONG }, { "signed long", K_LONG }, { "ssize_t", K_LONG },
	{ "off_t", K_LONG }, { "time_t", K_LONG }, { "clock_t", K_LONG },
	{ "__kernel_off_t", K_LONG }, { "__kernel_old_time_t", K_LONG },
	{ "unsigned long", K_ULONG }, { "size_t", K_ULONG },
	{ "old_sigset_t", K_ULONG }, { "aio_context_t", K_ULONG },
	{ "loff_t", K_U64 }, { "u64", K_U64 }, { "__u64", K_U64 },
	{ "uint64_t", K_U64 }, { "long long", K_U64 }, { "unsigned long long", K_U64 },
	{ "off64_t", K_U64 }, { "s64", K_U64 }, { "__s64", K_U64 }, { "int64_t", K_U64 },
	{ "__sighandler_t", K_PTR }, { "cap_user_header_t", K_PTR },
	{ "cap_user_data_t", K_PTR }, { "caddr_t", K_PTR },
	{ "void", K_OPAQUE }, { "char", K_OPAQUE }, { "unsigned char", K_OPAQUE },
	{ "fd_set", K_OPAQUE }, { "sigset_t", K_OPAQUE }, { "siginfo_t", K_OPAQUE },
	{ "stack_t", K_OPAQUE },
};

enum { T_STD, T_NOARGS, T_UNIMPL, T_OBSOL };
static const char *const tname[] = { "STD", "NOARGS", "UNIMPL", "OBSOL" };
static const char *const tenum[] = { "SY_STD", "SY_NOARGS", "SY_UNIMPL", "SY_OBSOL" };

struct arg {
	char type[128], name[64];
	int kind, slot, nslots;
};
struct ent {
	int line, type, hasproto, nargs;
	char name[64], handler[64], ret[128];
	struct arg a[MAXARGS];
};

static const char *file;
static int line, nerr;
static struct ent *tab[MAXNR];
static int bits, pairs = -1, endian = -1;	/* -1: not given */

static int err(const char *fmt, ...)
{
	va_list ap;
	if (nerr >= MAXERR)
		return -1;
	fprintf(stderr, "%s:%d: ", file, line);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (++nerr == MAXERR)	/* parse() stops at the end of this line */
		fprintf(stderr, "%s: too many errors\n", file);
	return -1;
}

static int isident(const char *s)
{
	if (!*s || !(isalpha((unsigned char)*s) || *s == '_'))
		return 0;
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && *s != '_')
			return 0;
	return 1;
}

/* ---- prototype parsing ---- */

#define MAXTOK 64
static char tok[MAXTOK][64];
static int ntok;

/* Split a prototype into identifiers and the punctuation * , ( ) ; */
static int lex(const char *s)
{
	ntok = 0;
	while (*s) {
		if (isspace((unsigned char)*s)) { s++; continue; }
		if (ntok == MAXTOK)
			return err("prototype too long");
		if (strchr("*,();", *s)) {
			tok[ntok][0] = *s++; tok[ntok++][1] = 0;
		} else if (isalpha((unsigned char)*s) || *s == '_') {
			int n = 0;
			while (isalnum((unsigned char)*s) || *s == '_')
				if (n < 63) tok[ntok][n++] = *s++; else s++;
			tok[ntok++][n] = 0;
		} else
			return err("unexpected character '%c' in prototype", *s);
	}
	return 0;
}

/* Parse the type in tokens [b, e) into a printable string and its kind.
 * what names the thing for messages ("return type", "argument 2"). */
static int parse_type(int b, int e, char *out, size_t outsz, int *kind, int is_ret, const char *what)
{
	char base[128] = "", tag[80] = "";
	int stars = 0, is_const = 0, tagged = 0;
	out[0] = 0;
	for (int i = b; i < e; i++) {
		const char *t = tok[i];
		size_t l = strlen(out);
		if (!strcmp(t, "*")) {
			snprintf(out + l, outsz - l, "%s", l && out[l - 1] == '*' ? "*" : " *");
			stars++;
			continue;
		}
		if (!isident(t))
			return err("unexpected '%s' in %s", t, what);
		snprintf(out + l, outsz - l, "%s%s", !l || out[l - 1] == '*' ? "" : " ", t);
		if (!strcmp(t, "const") || !strcmp(t, "volatile")) {
			if (!stars && !strcmp(t, "const"))
				is_const = 1;
			continue;
		}
		if (stars)
			return err("%s: type name '%s' after '*'", what, t);
		if (tagged == 1) {
			tagged = 2;	/* the struct/union tag */
			snprintf(tag + strlen(tag), sizeof tag - strlen(tag), " %s", t);
			continue;
		}
		if (!strcmp(t, "struct") || !strcmp(t, "union")) {
			if (base[0])
				return err("%s: '%s' after a type name", what, t);
			tagged = 1;
			snprintf(tag, sizeof tag, "%s", t);
			continue;
		}
		if (tagged)
			return err("%s: '%s' after struct tag", what, t);
		size_t bl = strlen(base);
		snprintf(base + bl, sizeof base - bl, "%s%s", bl ? " " : "", t);
	}
	if (tagged == 1 || (!tagged && !base[0]))
		return err("%s has no type", what);
	int k = K_OPAQUE;
	if (!tagged) {
		size_t i;
		for (i = 0; i < sizeof types / sizeof types[0]; i++)
			if (!strcmp(types[i].name, base))
				break;
		if (i == sizeof types / sizeof types[0])
			return err("unknown C type '%s' in %s", base, what);
		k = types[i].kind;
	}
	if (stars) {
		/* const char * is a NUL-terminated string the tracer can print */
		k = (stars == 1 && is_const && !strcmp(base, "char")) ? K_STR : K_PTR;
	} else if (k == K_OPAQUE && !(is_ret && !strcmp(base, "void")))
		return err("%s: '%s' cannot be passed by value", what, tagged ? tag : base);
	*kind = k;
	return 0;
}

static int endswith(const char *s, const char *suf)
{
	size_t a = strlen(s), b = strlen(suf);
	return a >= b && !strcmp(s + a - b, suf);
}

/* "RET NAME ( void | TYPE NAME, ... ) [;]" */
static int parse_proto(const char *text, struct ent *e)
{
	if (lex(text))
		return -1;
	int open = -1;
	for (int i = 0; i < ntok; i++)
		if (!strcmp(tok[i], "(")) { open = i; break; }
	if (open < 2 || !isident(tok[open - 1]))
		return err("prototype does not parse: expected 'type name(args)'");
	int end = ntok;
	if (!strcmp(tok[end - 1], ";"))
		end--;
	if (end <= open + 1 || strcmp(tok[end - 1], ")"))
		return err("prototype does not parse: missing ')'");
	for (int i = open + 1; i < end - 1; i++)
		if (!strcmp(tok[i], "(") || !strcmp(tok[i], ")") || !strcmp(tok[i], ";"))
			return err("prototype does not parse: unexpected '%s' in the argument list", tok[i]);
	snprintf(e->name, sizeof e->name, "%s", tok[open - 1]);
	int k;
	if (parse_type(0, open - 1, e->ret, sizeof e->ret, &k, 1, "return type"))
		return -1;

	int b = open + 1, close = end - 1;
	e->nargs = 0;
	if (close == b)
		return err("prototype does not parse: empty argument list (write 'void')");
	if (close == b + 1 && !strcmp(tok[b], "void"))
		return 0;
	int slot = 0;
	for (int i = b; i <= close; i++) {
		if (i < close && strcmp(tok[i], ","))
			continue;
		char what[32];
		snprintf(what, sizeof what, "argument %d", e->nargs + 1);
		if (i - b < 2 || !isident(tok[i - 1]) || !strcmp(tok[i - 1], "const"))
			return err("prototype does not parse: %s needs a type and a name", what);
		if (e->nargs == MAXARGS)
			return err("too many arguments for %s (more than %d)", e->name, MAXARGS);
		struct arg *a = &e->a[e->nargs++];
		snprintf(a->name, sizeof a->name, "%s", tok[i - 1]);
		if (parse_type(b, i - 1, a->type, sizeof a->type, &a->kind, 0, what))
			return -1;
		for (int j = 0; j < e->nargs - 1; j++)
			if (!strcmp(e->a[j].name, a->name))
				return err("argument name '%s' used twice", a->name);
		/* Names carry the rest: descriptors and flag words print better
		 * as such (fd, dirfd, epfd, fd_in ...; flags, oflag, shmflg ...). */
		int integer = a->kind <= K_ULONG;
		if (integer && (endswith(a->name, "fd") || !strncmp(a->name, "fd_", 3)))
			a->kind = K_FD;
		else if (integer && (endswith(a->name, "flags") || endswith(a->name, "flag") ||
				     endswith(a->name, "flg")))
			a->kind = K_FLAGS;
		a->nslots = 1;
		if (a->kind == K_U64 && bits == 32) {
			a->nslots = 2;
			if (pairs == 1 && (slot & 1))
				slot++;	/* the pair skips an odd register */
		}
		a->slot = slot;
		slot += a->nslots;
		if (slot > MAXARGS)
			return err("arguments of %s need %d register slots, more than %d", e->name, slot, MAXARGS);
		b = i + 1;
	}
	return 0;
}

/* ---- line parsing ---- */

/* %name value: each directive picks one of two values (the first sets 1,
 * except %bits which stores the number). */
static const struct { const char *key, *v1, *v0; int *var; } dirs[] = {
	{ "bits", "32", "64", &bits },
	{ "pairs", "aligned", "unaligned", &pairs },
	{ "endian", "big", "little", &endian },
};

static int directive(char *s)
{
	char key[32], val[32], extra[2];
	char *semi = strchr(s, ';');
	if (semi)
		*semi = 0;	/* trailing comment */
	if (sscanf(s, "%%%31s %31s %1s", key, val, extra) != 2)
		return err("bad directive: expected '%%name value'");
	for (int i = 0; i < MAXNR; i++)
		if (tab[i])
			return err("directive %%%s after the first entry", key);
	for (size_t i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
		if (strcmp(key, dirs[i].key))
			continue;
		int one = !strcmp(val, dirs[i].v1);
		if (!one && strcmp(val, dirs[i].v0))
			return err("bad directive: %%%s must be %s or %s, not '%s'",
				   key, dirs[i].v1, dirs[i].v0, val);
		*dirs[i].var = dirs[i].var == &bits ? atoi(val) : one;
		return 0;
	}
	return err("bad directive: unknown directive '%%%s'", key);
}

static int entry(char *s)
{
	char *p = s, *q;
	long nr = strtol(p, &q, 10);
	if (q == p || !isspace((unsigned char)*q))
		return err("syntax error: expected 'number type ...'");
	if (nr < 0 || nr >= MAXNR)
		return err("syscall number %ld out of range (0..%d)", nr, MAXNR - 1);
	if (!bits)
		return err("missing %%bits directive before the first entry");
	if (bits == 32 && (pairs < 0 || endian < 0))
		return err("a %%bits 32 table needs %%pairs and %%endian before the first entry");
	p = q + strspn(q, " \t");
	char kw[16];
	size_t kl = strcspn(p, " \t");
	if (kl == 0)
		return err("syntax error: missing type keyword");
	if (kl >= sizeof kw)
		kl = sizeof kw - 1;	/* too long to be one: reported as unknown */
	memcpy(kw, p, kl);
	kw[kl] = 0;
	p += strcspn(p, " \t");
	p += strspn(p, " \t");
	int type = -1;
	for (int i = 0; i < 4; i++)
		if (!strcmp(kw, tname[i]))
			type = i;
	if (type < 0)
		return err("unknown type keyword '%s' (STD, NOARGS, UNIMPL or OBSOL)", kw);

	struct ent e = { .line = line, .type = type };
	char rest[256] = "";
	if (*p == '{') {
		char *close = strchr(p, '}');
		if (!close)
			return err("syntax error: '{' without '}'");
		*close = 0;
		if (parse_proto(p + 1, &e))
			return -1;
		e.hasproto = 1;
		p = close + 1;
	}
	/* what follows: a name (UNIMPL/OBSOL without prototype, NOARGS handler) */
	char *semi = strchr(p, ';');
	if (semi)
		*semi = 0;
	char extra[2];
	int nw = sscanf(p, "%255s %1s", rest, extra);
	if (nw == 2)
		return err("syntax error: unexpected text after '%s'", rest);
	if (nw == 1 && !isident(rest))
		return err("syntax error: '%s' is not a name", rest);
	if (!e.hasproto) {
		if (type == T_STD || type == T_NOARGS)
			return err("%s needs a prototype in { }", kw);
		if (nw != 1)
			return err("syntax error: %s needs a prototype or a name", kw);
		snprintf(e.name, sizeof e.name, "%s", rest);
	} else if (type == T_NOARGS) {
		if (nw != 1)
			return err("NOARGS needs the name of the implementing syscall after the prototype");
		snprintf(e.handler, sizeof e.handler, "%s", rest);
	} else if (nw == 1)
		return err("syntax error: unexpected '%s' after the prototype (only NOARGS names a handler)", rest); else if (type == T_STD) {
		snprintf(e.handler, sizeof e.handler, "%s", e.name);
	}

	if (tab[nr])
		return err("duplicate syscall number %ld (first at line %d)", nr, tab[nr]->line);
	for (int i = 0; i < MAXNR; i++)
		if (tab[i] && !strcmp(tab[i]->name, e.name))
			return err("duplicate name '%s' (also number %d at line %d)", e.name, i, tab[i]->line);
	tab[nr] = malloc(sizeof e);
	if (!tab[nr]) {
		perror("mksys");
		exit(1);
	}
	*tab[nr] = e;
	return 0;
}

static int parse(FILE *f)
{
	char buf[1024], ln[4096];
	int start = 0;
	ln[0] = 0;
	line = 0;
	while (fgets(buf, sizeof buf, f)) {
		line++;
		size_t l = strlen(buf);
		if (l == sizeof buf - 1 && buf[l - 1] != '\n')
			return err("line too long");
		while (l && (buf[l - 1] == '\n' || buf[l - 1] == '\r'))
			buf[--l] = 0;
		if (!ln[0])
			start = line;
		int cont = l && buf[l - 1] == '\\';
		if (cont)
			buf[--l] = 0;
		if (strlen(ln) + l + 2 >= sizeof ln)
			return err("continued line too long");
		strcat(ln, buf);
		strcat(ln, " ");
		if (cont)
			continue;
		int here = line;
		line = start;
		char *s = ln + strspn(ln, " \t");
		if (*s == '%')
			directive(s);
		else if (*s && *s != ';')
			entry(s);
		line = here;
		ln[0] = 0;
		if (nerr >= MAXERR)
			return -1;
	}
	if (ln[0]) {
		line = start;
		err("file ends in a continued line");
	}
	if (!bits) {
		line = 0;
		err("no %%bits directive (and no entries)");
	}
	return nerr ? -1 : 0;
}

/* ---- output ---- */

static FILE *create(const char *dir, const char *name, char *path, size_t sz)
{
	snprintf(path, sz, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f)
		perror(path);
	return f;
}

static int emit(const char *table, const char *dir)
{
	char path[4096];
	int n = 0;
	for (int i = 0; i < MAXNR; i++)
		if (tab[i])
			n = i + 1;

	FILE *f = create(dir, "sysent.c", path, sizeof path);
	if (!f)
		return -1;
	fprintf(f, "/* Generated by mksys from %s; do not edit. */\n#include \"abi.h\"\n\n", file);
	/* one declaration per handler, even if several NOARGS share it */
	for (int i = 0; i < n; i++) {
		if (!tab[i] || !tab[i]->handler[0])
			continue;
		int seen = 0;
		for (int j = 0; j < i && !seen; j++)
			seen = tab[j] && !strcmp(tab[j]->handler, tab[i]->handler);
		if (!seen)
			fprintf(f, "extern sy_call_t linux_sys_%s;\n", tab[i]->handler);
	}
	for (int i = 0; i < n; i++) {
		struct ent *e = tab[i];
		if (!e || !e->nargs)
			continue;
		fprintf(f, "static const struct sysarg a_%d[] = {\n", i);
		for (int j = 0; j < e->nargs; j++)
			fprintf(f, "\t{ \"%s\", \"%s\", %s, %d, %d },\n", e->a[j].type, e->a[j].name,
				kindname[e->a[j].kind], e->a[j].slot, e->a[j].nslots);
		fprintf(f, "};\n");
	}
	fprintf(f, "\nstatic const struct sysent ent[%d] = {\n", n ? n : 1);
	for (int i = 0; i < n; i++) {
		struct ent *e = tab[i];
		if (!e)
			continue;
		char call[80] = "0", ret[140] = "0", args[16] = "0";
		if (e->handler[0])
			snprintf(call, sizeof call, "linux_sys_%s", e->handler);
		if (e->hasproto)
			snprintf(ret, sizeof ret, "\"%s\"", e->ret);
		if (e->nargs)
			snprintf(args, sizeof args, "a_%d", i);
		fprintf(f, "\t[%d] = { \"%s\", %s, %s, %d, %s, %s },\t/* line %d */\n",
			i, e->name, call, tenum[e->type], e->nargs, ret, args, e->line);
	}
	fprintf(f, "};\n\nconst struct systable ck_systable_%s = {\n"
		"\t.name = \"%s\", .ent = ent, .base = 0, .n = %d,\n"
		"\t.bits = %d, .pair_aligned = %d, .pair_hi_first = %d,\n};\n",
		table, table, n, bits, pairs == 1, endian == 1);
	if (fclose(f))
		return perror(path), -1;

	f = create(dir, "sysnum.h", path, sizeof path);
	if (!f)
		return -1;
	fprintf(f, "/* Generated by mksys from %s; do not edit. */\n"
		"#ifndef LINUX_%s_SYSNUM_H\n#define LINUX_%s_SYSNUM_H\n", file, table, table);
	for (int i = 0; i < n; i++)
		if (tab[i])
			fprintf(f, "#define LINUX_%s_SYS_%s %d\t/* %s:%d */\n",
				table, tab[i]->name, i, file, tab[i]->line);
	fprintf(f, "#define LINUX_%s_SYS_MAXSYSCALL %d\n#endif\n", table, n);
	if (fclose(f))
		return perror(path), -1;
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: mksys MASTER TABLENAME OUTDIR\n");
		return 2;
	}
	file = argv[1];
	if (!isident(argv[2])) {
		fprintf(stderr, "mksys: table name '%s' is not a C identifier\n", argv[2]);
		return 2;
	}
	/* Start clean: the fuzz target (tests/fuzz/fuzz_mksys.c) calls this
	 * main many times in one process. */
	for (int i = 0; i < MAXNR; i++) {
		free(tab[i]);
		tab[i] = NULL;
	}
	nerr = bits = 0;
	pairs = endian = -1;
	FILE *f = fopen(file, "r");
	if (!f) {
		perror(file);
		return 1;
	}
	int rc = parse(f);
	fclose(f);
	if (rc)
		return 1;
	return emit(argv[2], argv[3]) ? 1 : 0;
}
