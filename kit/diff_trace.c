/* compatkit diff: read the kit's --trace and qemu-user's -strace into one
 * normalised form, so that two runs of the same binary can be aligned.
 *
 * kit (kit/trace.c):   "  123 name(a, b) = 5"   "= -1 ENOENT (msg)"
 * qemu 7.2 (-strace):  "123 name(a,b) = 5"      "= -1 errno=2 (msg)"
 *                      "123 Unknown syscall 334" (its table lacks the name)
 * qemu prints the call before running it and " = ret" after, so a guest
 * write to stderr splits its line; a line starting " = " completes the
 * pending call.  What cannot be equal between two runs is not compared:
 * addresses, pids, times (see call_args_differ / call_ret_differ). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "diff.h"
#include "sysent.h"

static char *dupn(const char *s, size_t n)
{
	char *d = malloc(n + 1);
	memcpy(d, s, n);
	d[n] = 0;
	while (n && isspace((unsigned char)d[n - 1]))
		d[--n] = 0;
	char *p = d;
	while (isspace((unsigned char)*p))
		p++;
	if (p != d)
		memmove(d, p, strlen(p) + 1);
	return d;
}

/* Split "a, b, {c, d}, "e,f"" at top-level commas. */
static void split_args(struct call *c, const char *s, size_t n)
{
	int depth = 0, q = 0;
	size_t start = 0;
	for (size_t i = 0; i <= n; i++) {
		char ch = i < n ? s[i] : ',';
		if (q) {
			if (ch == '\\' && i + 1 < n)
				i++;
			else if (ch == '"')
				q = 0;
			continue;
		}
		if (ch == '"')
			q = 1;
		else if (ch == '{' || ch == '[' || ch == '(')
			depth++;
		else if (ch == '}' || ch == ']' || ch == ')')
			depth--;
		else if (ch == ',' && depth <= 0 && c->nargs < DIFF_MAXARGS) {
			if (i > start || i < n)
				c->args[c->nargs++] = dupn(s + start, i - start);
			start = i + 1;
		}
	}
	if (c->nargs == 1 && !c->args[0][0]) {
		free(c->args[0]);
		c->nargs = 0;
	}
}

/* The matching ')' of the '(' at s[0], skipping quoted strings. */
static const char *close_paren(const char *s)
{
	int depth = 0, q = 0;
	for (const char *p = s; *p; p++) {
		if (q) {
			if (*p == '\\' && p[1])
				p++;
			else if (*p == '"')
				q = 0;
		} else if (*p == '"')
			q = 1;
		else if (*p == '(')
			depth++;
		else if (*p == ')' && --depth == 0)
			return p;
	}
	return NULL;
}

/* " = 5", " = -1 ENOENT (msg)", " = -1 errno=2 (msg)", " = 0x1000 ({...})" */
static void parse_ret(struct call *c, const char *s)
{
	while (*s == ' ')
		s++;
	if (*s != '=')
		return;
	s++;
	while (*s == ' ')
		s++;
	c->has_ret = 1;
	char *end;
	c->ret = strtoll(s, &end, 0);
	if (c->ret == -1 && *end == ' ') {
		const char *e = end + 1;
		if (!strncmp(e, "errno=", 6)) {
			int n = atoi(e + 6);
			const char *name = strerrorname_np(n);
			snprintf(c->err, sizeof c->err, "%s", name ? name : "E?");
		} else {
			size_t k = strcspn(e, " \n");
			snprintf(c->err, sizeof c->err, "%.*s", (int)k, e);
		}
	}
}

static void add(struct calls *v, struct call *c)
{
	if (v->n == v->cap) {
		v->cap = v->cap ? v->cap * 2 : 256;
		v->c = realloc(v->c, (size_t)v->cap * sizeof *v->c);
	}
	v->c[v->n++] = *c;
}

/* Where "PID name(" starts in line, or NULL. */
static const char *find_call(const char *line, long *pid, const char **name, size_t *nlen)
{
	for (const char *p = line; *p; p++) {
		if (!isdigit((unsigned char)*p) || (p > line && isdigit((unsigned char)p[-1])))
			continue;
		char *e;
		long v = strtol(p, &e, 10);
		if (*e != ' ')
			continue;
		const char *n = e + 1, *q = n;
		if (!isalpha((unsigned char)*q) && *q != '_')
			continue;
		while (isalnum((unsigned char)*q) || *q == '_')
			q++;
		if (*q == '(' || !strncmp(n, "Unknown syscall ", 16)) {
			*pid = v;
			*name = n;
			*nlen = (size_t)(q - n);
			return q;
		}
	}
	return NULL;
}

int calls_parse(FILE *f, int qemu_format, const struct abi *abi, struct calls *v)
{
	memset(v, 0, sizeof *v);
	char *line = NULL;
	size_t cap = 0;
	int pending = -1;	/* index of a qemu call still waiting for " = " */
	while (getline(&line, &cap, f) > 0) {
		line[strcspn(line, "\n")] = 0;
		if (pending >= 0 && !strncmp(line, " = ", 3)) {
			parse_ret(&v->c[pending], line);
			pending = -1;
			continue;
		}
		long pid;
		const char *name;
		size_t nlen;
		const char *q = find_call(line, &pid, &name, &nlen);
		if (!q)
			continue;
		struct call c = { .pid = pid, .raw = strdup(line + strspn(line, " ")) };
		if (!strncmp(name, "Unknown syscall ", 16)) {
			/* qemu's table lacks it: name it from ours; qemu answers ENOSYS */
			long nr = atol(name + 16);
			const struct sysent *se = sysent_lookup(abi->sys, (uint64_t)nr);
			if (se && se->name)
				snprintf(c.name, sizeof c.name, "%s", se->name);
			else
				snprintf(c.name, sizeof c.name, "syscall_%ld", nr);
			c.has_ret = 1;
			c.ret = -1;
			snprintf(c.err, sizeof c.err, "ENOSYS");
			add(v, &c);
			continue;
		}
		snprintf(c.name, sizeof c.name, "%.*s", (int)nlen, name);
		if (!strcmp(c.name, "EMUL"))
			continue;
		const char *cp = close_paren(q);
		if (!cp) {
			free(c.raw);
			continue;
		}
		split_args(&c, q + 1, (size_t)(cp - q - 1));
		if (strstr(cp, " = "))
			parse_ret(&c, strstr(cp, " = "));
		add(v, &c);
		if (qemu_format && !c.has_ret)
			pending = v->n - 1;
	}
	free(line);
	return 0;
}

void calls_free(struct calls *v)
{
	for (int i = 0; i < v->n; i++) {
		for (int k = 0; k < v->c[i].nargs; k++)
			free(v->c[i].args[k]);
		free(v->c[i].raw);
	}
	free(v->c);
}

/* An argument as a comparable value: 1 and *val for a number (NULL and
 * AT_FDCWD included), 2 and *str for a string, 0 when it is symbolic or
 * an address-sized number. */
static int arg_value(const char *a, long long *val, const char **str)
{
	if (a[0] == '"') {
		*str = a;
		return 2;
	}
	if (!strcmp(a, "NULL")) {
		*val = 0;
		return 1;
	}
	if (!strcmp(a, "AT_FDCWD")) {
		*val = -100;	/* linux/fcntl.h */
		return 1;
	}
	char *e;
	long long v = strtoll(a, &e, 0);
	if (e == a || *e)
		return 0;
	/* Values at or above 64 KiB are taken for addresses (they differ
	 * between runs: stack, heap, mmap); small ones are compared. */
	if (v >= 0x10000 || v < -4096)
		return 0;
	*val = v;
	return 1;
}

/* mkstemp/mkdtemp names end in six random letters or digits: two strings
 * that differ only inside such a run (ending a path component) are taken
 * as the same name. */
static int only_random_part(const char *a, const char *b)
{
	size_t la = strlen(a);
	if (la != strlen(b))
		return 0;
	for (size_t i = 0; i < la; i++) {
		if (a[i] == b[i])
			continue;
		size_t s = i, e = i;
		while (s > 0 && isalnum((unsigned char)a[s - 1]) && i - s < 6)
			s--;
		while (e < la && isalnum((unsigned char)a[e]) && isalnum((unsigned char)b[e]))
			e++;
		if (e - s != 6 || (a[e] != '/' && a[e] != '"') || !s || a[s - 1] != '.')
			return 0;
		if (strncmp(a + e, b + e, la - e) && !only_random_part(a + e, b + e))
			return 0;
		return 1;
	}
	return 1;
}

/* Strings compare on their common prefix: one side may truncate ("..."). */
static int strings_differ(const char *a, const char *b)
{
	if (only_random_part(a, b))
		return 0;
	size_t la = strlen(a), lb = strlen(b);
	int ta = la > 4 && !strcmp(a + la - 3, "..."), tb = lb > 4 && !strcmp(b + lb - 3, "...");
	if (ta)
		la -= 4;	/* drop the closing quote too */
	if (tb)
		lb -= 4;
	if (!ta && !tb)
		return strcmp(a, b) != 0;
	size_t n = la < lb ? la : lb;
	return strncmp(a, b, n) != 0;
}

int call_args_differ(const struct call *k, const struct call *q, char *why, size_t len)
{
	int n = k->nargs < q->nargs ? k->nargs : q->nargs;
	for (int i = 0; i < n; i++) {
		long long vk, vq;
		const char *sk, *sq;
		int tk = arg_value(k->args[i], &vk, &sk), tq = arg_value(q->args[i], &vq, &sq);
		if (tk != tq || !tk)
			continue;	/* one side symbolic: no common ground */
		if ((tk == 1 && vk != vq) || (tk == 2 && strings_differ(sk, sq))) {
			snprintf(why, len, "argument %d: kit %s, qemu %s", i + 1, k->args[i], q->args[i]);
			return 1;
		}
	}
	return 0;
}

int call_ret_differ(const struct call *k, const struct call *q, char *why, size_t len)
{
	if (!k->has_ret || !q->has_ret)
		return 0;
	if (k->err[0] || q->err[0]) {
		if (!strcmp(k->err, q->err))
			return 0;
		snprintf(why, len, "result: kit %s, qemu %s", k->err[0] ? k->err : "success",
			 q->err[0] ? q->err : "success");
		return 1;
	}
	/* pids and tids are the run's own; addresses and times differ */
	long long rk = k->ret == k->pid ? -1000000 : k->ret, rq = q->ret == q->pid ? -1000000 : q->ret;
	if (rk >= 0x10000 || rq >= 0x10000 || rk == rq)
		return 0;
	snprintf(why, len, "result: kit %lld, qemu %lld", k->ret, q->ret);
	return 1;
}
