/* --trace output.  Formatting happens only when tracing is on. */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include "trace.h"

FILE *trace_out;

static FILE *out(void)
{
	return trace_out ? trace_out : stderr;
}

void trace_emul(struct task *t)
{
	fprintf(out(), "%5d EMUL %s\n", (int)getpid(), t->abi->emul);
}

static void quote(const char *s, size_t n, int more, char *buf, size_t len)
{
	size_t o = 0;
	if (len < 8)
		return;
	buf[o++] = '"';
	for (size_t i = 0; i < n && o + 6 < len; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			o += (size_t)snprintf(buf + o, len - o, "\\%c", c);
		else if (c == '\n')
			o += (size_t)snprintf(buf + o, len - o, "\\n");
		else if (c < 32 || c > 126)
			o += (size_t)snprintf(buf + o, len - o, "\\%o", c);
		else
			buf[o++] = (char)c;
	}
	snprintf(buf + o, len - o, "\"%s", more ? "..." : "");
}

void trace_format_arg(struct task *t, const struct sysarg *a, uint64_t v, char *buf, size_t len)
{
	unsigned bits = t->abi->ptr_size * 8;
	uint64_t mask = bits == 64 ? ~0ULL : (1ULL << bits) - 1;
	switch (a->kind) {
	case SA_INT:
	case SA_FD:
		snprintf(buf, len, "%d", (int)v);
		if (a->kind == SA_FD && (int)v == -100)
			snprintf(buf, len, "AT_FDCWD");
		break;
	case SA_UINT:
		snprintf(buf, len, "%u", (unsigned)v);
		break;
	case SA_LONG:
		snprintf(buf, len, "%lld", bits == 64 ? (long long)v : (long long)(int32_t)v);
		break;
	case SA_ULONG:
		snprintf(buf, len, "%llu", (unsigned long long)(v & mask));
		break;
	case SA_U64:
		snprintf(buf, len, "%llu", (unsigned long long)v);
		break;
	case SA_FLAGS:
		snprintf(buf, len, "%#llx", (unsigned long long)(v & mask));
		break;
	case SA_STR: {
		char s[65];
		long n = v ? copyinstr(t, v & mask, s, sizeof s) : -EFAULT;
		if (n >= 0)
			quote(s, (size_t)n, 0, buf, len);
		else if (n == -ENAMETOOLONG)
			quote(s, sizeof s - 1, 1, buf, len);
		else
			snprintf(buf, len, "%#llx", (unsigned long long)(v & mask));
		break;
	}
	default:
		if ((v & mask) == 0)
			snprintf(buf, len, "NULL");
		else
			snprintf(buf, len, "%#llx", (unsigned long long)(v & mask));
	}
}

void trace_syscall(struct task *t, uint64_t nr, const struct sysent *se,
		   const uint64_t *args, long ret)
{
	static unsigned char warned[1024];
	FILE *f = out();
	char b[160];
	if (!se) {
		fprintf(f, "%5d syscall_%llu(%#llx, %#llx, %#llx) = -1 ENOSYS (unknown syscall number)\n",
			(int)gettid(), (unsigned long long)nr, (unsigned long long)args[0],
			(unsigned long long)args[1], (unsigned long long)args[2]);
		return;
	}
	fprintf(f, "%5d %s(", (int)gettid(), se->name);
	for (unsigned i = 0; i < se->nargs && i < 6; i++) {
		if (se->args)
			trace_format_arg(t, &se->args[i], args[i], b, sizeof b);
		else
			snprintf(b, sizeof b, "%#llx", (unsigned long long)args[i]);
		fprintf(f, "%s%s", i ? ", " : "", b);
	}
	if (ret < 0 && ret > -4096) {
		const char *name = strerrorname_np((int)-ret);
		fprintf(f, ") = -1 %s (%s)\n", name ? name : "E?", strerror((int)-ret));
	} else if (se->rettype && strchr(se->rettype, '*'))
		fprintf(f, ") = %#lx\n", (unsigned long)ret);
	else
		fprintf(f, ") = %ld\n", ret);
	if (!se->call && nr < sizeof warned * 8 && !(warned[nr / 8] & (1 << (nr % 8)))) {
		warned[nr / 8] |= (unsigned char)(1 << (nr % 8));
		fprintf(f, "compatkit: %s (%llu) is not implemented: ENOSYS\n", se->name,
			(unsigned long long)nr);
	}
}
