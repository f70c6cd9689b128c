/* The gdb stub's view of the CPU: registers in gdb's numbering (the ABI's
 * struct gdbtarget, data in arches/<arch>/gdb.c), the target description
 * XML built from it (gdb manual, "Target Descriptions"), and gdb's signal
 * numbers. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "gdbpriv.h"

static int by_regnum(const void *a, const void *b)
{
	const struct gdbreg *x = *(const struct gdbreg *const *)a, *y = *(const struct gdbreg *const *)b;
	return (int)x->regnum - (int)y->regnum;
}

int gdbr_init(struct gdbstub *g)
{
	const struct gdbtarget *tg = g->t->abi->gdb;
	unsigned n = 0;
	for (const struct gdbfeature *f = tg->features; f->name; f++)
		for (const struct gdbreg *r = f->regs; r->name; r++)
			n++;
	g->regs = calloc(n, sizeof *g->regs);
	size_t cap = 4096;
	char *x = malloc(cap);
	if (!g->regs || !x) {
		free(x);
		return -1;
	}
	size_t len = 0;
#define PUT(...) do { \
		int w_ = snprintf(x + len, cap - len, __VA_ARGS__); \
		while (w_ >= 0 && len + (size_t)w_ >= cap) { \
			char *nx_ = realloc(x, cap *= 2); \
			if (!nx_) { free(x); return -1; } \
			x = nx_; \
			w_ = snprintf(x + len, cap - len, __VA_ARGS__); \
		} \
		len += (size_t)w_; \
	} while (0)
	PUT("<?xml version=\"1.0\"?>\n<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n"
	    "<target version=\"1.0\">\n<architecture>%s</architecture>\n"
	    "<osabi>GNU/Linux</osabi>\n", tg->arch);
	n = 0;
	for (const struct gdbfeature *f = tg->features; f->name; f++) {
		PUT("<feature name=\"%s\">\n%s", f->name, f->types ? f->types : "");
		for (const struct gdbreg *r = f->regs; r->name; r++) {
			PUT("<reg name=\"%s\" bitsize=\"%u\" type=\"%s\" regnum=\"%u\"", r->name,
			    r->bits, r->type, r->regnum);
			if (r->group)
				PUT(" group=\"%s\"", r->group);
			PUT("/>\n");
			g->regs[n++] = r;
		}
		PUT("</feature>\n");
	}
	PUT("</target>\n");
#undef PUT
	qsort(g->regs, n, sizeof *g->regs, by_regnum);
	g->nregs = n;
	g->xml = x;
	g->xmllen = len;
	return 0;
}

const struct gdbreg *gdbr_find(struct gdbstub *g, unsigned regnum)
{
	for (unsigned i = 0; i < g->nregs; i++)
		if (g->regs[i]->regnum == regnum)
			return g->regs[i];
	return NULL;
}

/* The engine reads and writes registers in host order (the host is
 * little-endian x86_64): a value of up to 8 bytes through a uint64_t, a
 * wider one (x87 80-bit, XMM) as its bytes, least significant first.  gdb
 * wants the guest's order. */
/* The thread gdb reads registers from (Hg), by default the one that
 * stopped. */
static struct task *regs_of(struct gdbstub *g)
{
	return g->cur ? g->cur : g->self ? g->self : g->t;
}

int gdbr_get(struct gdbstub *g, const struct gdbreg *r, uint8_t *out)
{
	struct task *t = regs_of(g);
	unsigned n = r->bits / 8;
	uint8_t buf[64] = { 0 };
	if (r->uc)
		uc_reg_read(t->uc, r->uc, buf);
	int be = t->abi->big_endian;
	for (unsigned i = 0; i < n; i++)
		out[i] = buf[be ? n - 1 - i : i];
	return (int)n;
}

int gdbr_set(struct gdbstub *g, const struct gdbreg *r, const uint8_t *in)
{
	struct task *t = regs_of(g);
	unsigned n = r->bits / 8;
	if (!r->uc || r->readonly)
		return (int)n;
	uint8_t buf[64] = { 0 };
	if (n > 8)	/* keep what the engine has beyond the bytes gdb sends */
		uc_reg_read(t->uc, r->uc, buf);
	int be = t->abi->big_endian;
	for (unsigned i = 0; i < n; i++)
		buf[be ? n - 1 - i : i] = in[i];
	return uc_reg_write(t->uc, r->uc, buf) == UC_ERR_OK ? (int)n : -1;
}

/* gdb's signal numbers (include/gdb/signals.def, part of the remote
 * protocol) for the Linux ones; Linux's numbers are the host's here
 * (kit/ksig.h), so the host's names say which is which. */
static const struct { int sig, gsig; } sigmap[] = {
	{ SIGHUP, 1 }, { SIGINT, 2 }, { SIGQUIT, 3 }, { SIGILL, 4 }, { SIGTRAP, 5 },
	{ SIGABRT, 6 }, { SIGFPE, 8 }, { SIGKILL, 9 }, { SIGBUS, 10 }, { SIGSEGV, 11 },
	{ SIGSYS, 12 }, { SIGPIPE, 13 }, { SIGALRM, 14 }, { SIGTERM, 15 }, { SIGURG, 16 },
	{ SIGSTOP, 17 }, { SIGTSTP, 18 }, { SIGCONT, 19 }, { SIGCHLD, 20 }, { SIGTTIN, 21 },
	{ SIGTTOU, 22 }, { SIGIO, 23 }, { SIGXCPU, 24 }, { SIGXFSZ, 25 }, { SIGVTALRM, 26 },
	{ SIGPROF, 27 }, { SIGWINCH, 28 }, { SIGUSR1, 30 }, { SIGUSR2, 31 }, { SIGPWR, 32 },
};
#define GDB_SIG_REALTIME_32 77	/* SIG32 */
#define GDB_SIG_REALTIME_33 45	/* SIG33 .. SIG63: 45 .. 75 */
#define GDB_SIG_REALTIME_64 78	/* SIG64 */
#define GDB_SIG_UNKNOWN 143

int gdb_sig_to_gdb(int sig)
{
	for (size_t i = 0; i < sizeof sigmap / sizeof sigmap[0]; i++)
		if (sigmap[i].sig == sig)
			return sigmap[i].gsig;
	if (sig == 32)
		return GDB_SIG_REALTIME_32;
	if (sig >= 33 && sig <= 63)
		return GDB_SIG_REALTIME_33 + sig - 33;
	if (sig == 64)
		return GDB_SIG_REALTIME_64;
	return GDB_SIG_UNKNOWN;
}

int gdb_sig_from_gdb(int gsig)
{
	for (size_t i = 0; i < sizeof sigmap / sizeof sigmap[0]; i++)
		if (sigmap[i].gsig == gsig)
			return sigmap[i].sig;
	if (gsig == GDB_SIG_REALTIME_32)
		return 32;
	if (gsig >= GDB_SIG_REALTIME_33 && gsig <= GDB_SIG_REALTIME_33 + 30)
		return gsig - GDB_SIG_REALTIME_33 + 33;
	if (gsig == GDB_SIG_REALTIME_64)
		return 64;
	return 0;
}
