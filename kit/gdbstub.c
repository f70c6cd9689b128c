/*
 * The gdb remote stub: `compatkit run --gdb PORT FILE` stops the guest at
 * its first instruction and serves gdb's remote protocol (gdb manual,
 * "Remote Protocol") on 127.0.0.1:PORT.
 *
 * Breakpoints never patch guest code: each is a UC_HOOK_CODE hook over
 * just its address, and a single step is a hook over the whole space that
 * exists only while a step is in progress -- so a guest without a debugger,
 * or running freely between breakpoints, pays nothing.  Unicorn 2.1 does
 * not retranslate code when hooks change, so the stub drops the cached
 * translations that a new hook must see: of one address for a breakpoint,
 * of the executable mappings for a step.  Never with uc_ctl_flush_tb: that
 * zeroes the whole 1 GiB translation buffer (tcg_region_reset_all), which
 * costs seconds and a GiB of memory the first time.  A signal about to act on the
 * guest is shown to gdb first (gdb_signal, from kit/signal.c); gdb's
 * answer decides which signal, if any, is delivered.
 */
#include <errno.h>
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "gdbpriv.h"
#include "gdbstub.h"
#include "ksig.h"
#include "vm.h"

/* ---- breakpoints and stepping ---- */

static void on_bp(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct gdbstub *g = user;
	if (!g->armed || g->stepping)	/* a step stops by itself */
		return;
	g->hit = HIT_BP;
	uc_emu_stop(uc);
}

static void on_step(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct gdbstub *g = user;
	if (!g->armed || g->step_n++ == 0)	/* the instruction being stepped */
		return;
	g->hit = HIT_STEP;	/* the next one: stop before it */
	uc_emu_stop(uc);
}

static struct gdbbp *bp_find(struct gdbstub *g, uint64_t addr)
{
	for (unsigned i = 0; i < g->nbp; i++)
		if (g->bp[i].addr == addr)
			return &g->bp[i];
	return NULL;
}

static int bp_add(struct gdbstub *g, uint64_t addr)
{
	if (bp_find(g, addr))
		return 0;
	if (g->nbp == g->capbp) {
		unsigned cap = g->capbp ? 2 * g->capbp : 16;
		struct gdbbp *n = realloc(g->bp, cap * sizeof *n);
		if (!n)
			return -1;
		g->bp = n;
		g->capbp = cap;
	}
	uc_hook h;
	if (uc_hook_add(g->t->uc, &h, UC_HOOK_CODE, on_bp, g, addr, addr) != UC_ERR_OK)
		return -1;
	uc_ctl_remove_cache(g->t->uc, addr, addr + 1);
	g->bp[g->nbp++] = (struct gdbbp){ addr, h };
	return 0;
}

static void bp_del(struct gdbstub *g, uint64_t addr)
{
	struct gdbbp *b = bp_find(g, addr);
	if (!b)
		return;
	uc_hook_del(g->t->uc, b->h);
	uc_ctl_remove_cache(g->t->uc, addr, addr + 1);
	*b = g->bp[--g->nbp];
}

/* Translations of every executable mapping (cheap: page by page). */
static void drop_code(struct task *t)
{
	for (unsigned i = 0; i < t->vm->n; i++)
		if (t->vm->r[i].prot & VM_X)
			uc_ctl_remove_cache(t->uc, t->vm->r[i].start, t->vm->r[i].end);
}

static void step_hook(struct gdbstub *g, int on)
{
	if (on == g->stepping)
		return;
	if (on) {
		if (uc_hook_add(g->t->uc, &g->steph, UC_HOOK_CODE, on_step, g, 1, 0) != UC_ERR_OK)
			return;
	} else
		uc_hook_del(g->t->uc, g->steph);
	drop_code(g->t);	/* every block must (no longer) call it */
	g->stepping = on;
}

/* ---- guest memory: any mapped byte, whatever the guest's protection, as
 * ptrace allows; writes need a writable host mapping ---- */

static size_t mem_rw(struct gdbstub *g, uint64_t addr, uint8_t *buf, size_t n, int write)
{
	size_t done = 0;
	while (done < n && addr + done >= addr) {
		struct region *r = vm_find(g->t->vm, addr + done);
		if (!r || !(r->hostprot & (write ? PROT_WRITE : PROT_READ)))
			break;
		uint64_t at = addr + done;
		size_t piece = r->end - at < n - done ? (size_t)(r->end - at) : n - done;
		if (write)
			memcpy(r->host + (at - r->start), buf + done, piece);
		else
			memcpy(buf + done, r->host + (at - r->start), piece);
		done += piece;
	}
	if (write && done)	/* code may have changed */
		uc_ctl_remove_cache(g->t->uc, addr, addr + done);
	return done;
}

/* ---- the session ---- */

static void drop(struct gdbstub *g)
{
	struct task *t = g->t;
	for (unsigned i = 0; i < g->nbp; i++)
		uc_hook_del(t->uc, g->bp[i].h);
	if (g->nbp || g->stepping) {
		if (g->stepping)
			uc_hook_del(t->uc, g->steph);
		drop_code(t);
	}
	if (g->fd >= 0)
		close(g->fd);
	free(g->bp);
	free(g->last);
	free(g->regs);
	free(g->xml);
	free(g);
	t->gdb = NULL;
}

void gdb_forget(struct task *t)
{
	if (t->gdb)
		drop(t->gdb);
}

static unsigned tid(void)
{
	return (unsigned)getpid();
}

static uint64_t hexnum(const char **p)
{
	uint64_t v = 0;
	int d;
	while ((d = gdbw_hex(**p)) >= 0) {
		v = v << 4 | (unsigned)d;
		(*p)++;
	}
	return v;
}

static void reply_regs(struct gdbstub *g)
{
	static char out[GDB_PKT];
	size_t len = 0;
	for (unsigned i = 0; i < g->nregs; i++) {
		uint8_t b[64];
		int n = gdbr_get(g, g->regs[i], b);
		if (len + 2 * (size_t)n + 1 > sizeof out)
			break;
		gdbw_tohex(out + len, b, (size_t)n);
		len += 2 * (size_t)n;
	}
	gdbw_put(g, out, len);
}

static void write_regs(struct gdbstub *g, const char *hex)
{
	static uint8_t b[GDB_PKT / 2];
	long n = gdbw_unhex(hex, b, sizeof b), off = 0;
	for (unsigned i = 0; i < g->nregs && n >= 0; i++) {
		long sz = g->regs[i]->bits / 8;
		if (off + sz > n)
			break;
		gdbr_set(g, g->regs[i], b + off);
		off += sz;
	}
	gdbw_puts(g, n < 0 ? "E01" : "OK");
}

static void reg_one(struct gdbstub *g, const char *p, int write)
{
	const struct gdbreg *r = gdbr_find(g, (unsigned)hexnum(&p));
	uint8_t b[64];
	char out[130];
	if (!r) {
		gdbw_puts(g, "E01");
	} else if (write) {
		long n = *p == '=' ? gdbw_unhex(p + 1, b, sizeof b) : -1;
		gdbw_puts(g, n == r->bits / 8 && gdbr_set(g, r, b) >= 0 ? "OK" : "E01");
	} else {
		gdbw_tohex(out, b, (size_t)gdbr_get(g, r, b));
		gdbw_puts(g, out);
	}
}

/* m addr,len / M addr,len:hex / X addr,len:binary (n: packet length) */
static void memory(struct gdbstub *g, const char *p, int n)
{
	static uint8_t b[GDB_PKT / 2];
	static char out[GDB_PKT + 1];
	char op = *p++;
	uint64_t addr = hexnum(&p);
	uint64_t len = *p == ',' ? (p++, hexnum(&p)) : 0;
	if (op == 'm') {
		if (len > sizeof b)
			len = sizeof b;
		size_t got = mem_rw(g, addr, b, (size_t)len, 0);
		if (!got && len) {
			gdbw_puts(g, "E14");	/* EFAULT */
			return;
		}
		gdbw_tohex(out, b, got);
		gdbw_puts(g, out);
		return;
	}
	if (*p++ != ':' || len > sizeof b) {
		gdbw_puts(g, "E01");
		return;
	}
	if (op == 'M') {
		if (gdbw_unhex(p, b, sizeof b) != (long)len) {
			gdbw_puts(g, "E01");
			return;
		}
	} else {
		if ((uint64_t)(g->in + n - p) != len) {
			gdbw_puts(g, "E01");
			return;
		}
		memcpy(b, p, (size_t)len);
	}
	gdbw_puts(g, mem_rw(g, addr, b, (size_t)len, 1) == len ? "OK" : "E14");
}

static void breakpoint(struct gdbstub *g, const char *p)
{
	char op = *p++, type = *p++;
	if ((type != '0' && type != '1') || *p++ != ',') {	/* sw or hw: the same here */
		gdbw_puts(g, "");
		return;
	}
	uint64_t addr = hexnum(&p);
	if (op == 'Z')
		gdbw_puts(g, bp_add(g, addr) ? "E01" : "OK");
	else {
		bp_del(g, addr);
		gdbw_puts(g, "OK");
	}
}

static void xfer_features(struct gdbstub *g, const char *p)
{
	static char out[GDB_PKT];
	const char *annex = "target.xml:";
	if (strncmp(p, annex, strlen(annex))) {
		gdbw_puts(g, "E00");
		return;
	}
	p += strlen(annex);
	uint64_t off = hexnum(&p);
	uint64_t len = *p == ',' ? (p++, hexnum(&p)) : 0;
	if (len > sizeof out - 2)
		len = sizeof out - 2;
	if (off >= g->xmllen) {
		gdbw_puts(g, "l");
		return;
	}
	size_t n = g->xmllen - off < len ? g->xmllen - (size_t)off : (size_t)len;
	out[0] = off + n < g->xmllen ? 'm' : 'l';
	memcpy(out + 1, g->xml + off, n);
	gdbw_put(g, out, n + 1);
}

static void pass_signals(struct gdbstub *g, const char *p)
{
	memset(g->pass, 0, sizeof g->pass);
	while (*p) {
		uint64_t s = hexnum(&p);
		if (s < GDB_NSIG)
			g->pass[s] = 1;
		if (*p && *p++ != ';')
			break;
	}
	gdbw_puts(g, "OK");
}

static void query(struct gdbstub *g, const char *p)
{
	char out[128];
	if (!strncmp(p, "qSupported", 10)) {
		snprintf(out, sizeof out, "PacketSize=%x;qXfer:features:read+;QStartNoAckMode+;"
			 "swbreak+;QPassSignals+", GDB_PKT);
		gdbw_puts(g, out);
	} else if (!strncmp(p, "qXfer:features:read:", 20)) {
		xfer_features(g, p + 20);
	} else if (!strcmp(p, "qAttached")) {
		gdbw_puts(g, "0");	/* the kit started the process: kill it on quit */
	} else if (!strcmp(p, "qC")) {
		snprintf(out, sizeof out, "QC%x", tid());
		gdbw_puts(g, out);
	} else if (!strcmp(p, "qfThreadInfo")) {
		snprintf(out, sizeof out, "m%x", tid());
		gdbw_puts(g, out);
	} else if (!strcmp(p, "qsThreadInfo")) {
		gdbw_puts(g, "l");
	} else if (!strncmp(p, "qSymbol", 7)) {
		gdbw_puts(g, "OK");
	} else if (!strcmp(p, "QStartNoAckMode")) {
		gdbw_puts(g, "OK");
		g->noack = 1;
	} else if (!strncmp(p, "QPassSignals:", 13)) {
		pass_signals(g, p + 13);
	} else {
		gdbw_puts(g, "");
	}
}

/* The resume actions: c / C sig / s / S sig, with an optional address
 * (c, s) or ";addr" (C, S).  Returns the Linux signal to resume with. */
static int resume(struct gdbstub *g, const char *p)
{
	char op = *p++;
	int sig = 0;
	if (op == 'C' || op == 'S') {
		sig = gdb_sig_from_gdb((int)hexnum(&p));
		if (*p == ';')
			p++;
	}
	if (*p && *p != ':') {	/* an address: resume there */
		uint64_t pc = hexnum(&p);
		g->t->abi->set_pc(g->t, pc);
	}
	g->mode = (op == 's' || op == 'S') ? RUN_STEP : RUN_CONT;
	return sig;
}

/* Serve gdb until it resumes the guest.  Returns the Linux signal it
 * resumes with (0: none), or -1 if the debugger is gone (detached or lost:
 * the guest runs on alone). */
static int serve(struct gdbstub *g)
{
	for (;;) {
		int n = gdbw_get(g);
		if (n < 0) {
			fprintf(stderr, "compatkit: gdb: connection closed; the guest runs on\n");
			drop(g);
			return -1;
		}
		char *p = g->in;
		switch (p[0]) {
		case '?': gdbw_puts(g, g->stop); break;
		case 'g': reply_regs(g); break;
		case 'G': write_regs(g, p + 1); break;
		case 'p': reg_one(g, p + 1, 0); break;
		case 'P': reg_one(g, p + 1, 1); break;
		case 'm': case 'M': case 'X': memory(g, p, n); break;
		case 'Z': case 'z': breakpoint(g, p); break;
		case 'H': case 'T': gdbw_puts(g, "OK"); break;
		case 'q': case 'Q': query(g, p); break;
		case 'c': case 'C': case 's': case 'S':
			return resume(g, p);
		case 'D':
			gdbw_puts(g, "OK");
			drop(g);
			return -1;
		case 'k': {
			struct task *t = g->t;
			drop(g);
			sig_die(t, SIGKILL);
		}
		case 'v':
			if (!strcmp(p, "vCont?")) {
				gdbw_puts(g, "vCont;c;C;s;S");
			} else if (!strncmp(p, "vCont;", 6)) {
				/* one thread: the first action is the one for it */
				return resume(g, p + 6);
			} else if (!strncmp(p, "vKill", 5)) {
				struct task *t = g->t;
				gdbw_puts(g, "OK");
				drop(g);
				sig_die(t, SIGKILL);
			} else
				gdbw_puts(g, "");
			break;
		default:
			gdbw_puts(g, "");
		}
	}
}

/* Report a stop (gdb signal number gsig) and serve until gdb resumes. */
static int report(struct gdbstub *g, int gsig, int swbreak)
{
	snprintf(g->stop, sizeof g->stop, "T%02xthread:%x;%s", gsig, tid(), swbreak ? "swbreak:;" : "");
	if (gdbw_puts(g, g->stop)) {
		drop(g);
		return -1;
	}
	int sig = serve(g);
	if (sig >= 0)
		g->resumed = 1;
	return sig;
}

/* A stop that was no signal: a signal gdb resumes with is sent to the guest. */
static void report_trap(struct gdbstub *g, int swbreak)
{
	struct task *t = g->t;
	int sig = report(g, 5 /* SIGTRAP */, swbreak);
	if (sig > 0) {
		struct ksiginfo si = { .signo = sig, .code = K_SI_USER };
		sig_post(t, &si);
	}
}

int gdb_attach(struct task *t, int port, char *err, size_t errlen)
{
	if (!t->abi->gdb) {
		snprintf(err, errlen, "--gdb: no register map for %s", t->abi->name);
		return -1;
	}
	struct gdbstub *g = calloc(1, sizeof *g);
	if (!g || (g->t = t, gdbr_init(g))) {
		free(g);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	g->fd = -1;
	int lport, lfd = gdbw_listen(port, &lport, err, errlen);
	if (lfd < 0) {
		t->gdb = g;
		drop(g);
		return -1;
	}
	fprintf(stderr, "compatkit: gdb: waiting for a debugger on 127.0.0.1:%d\n", lport);
	fflush(stderr);
	g->fd = gdbw_accept(lfd, err, errlen);
	close(lfd);
	t->gdb = g;
	if (g->fd < 0) {
		drop(g);
		return -1;
	}
	/* Stopped before the first instruction, as after exec under ptrace. */
	snprintf(g->stop, sizeof g->stop, "S05");
	int sig = serve(g);
	if (sig >= 0)
		g->resumed = 1;
	if (sig > 0) {
		struct ksiginfo si = { .signo = sig, .code = K_SI_USER };
		sig_post(t, &si);
	}
	return 0;
}

int gdb_before_run(struct task *t)
{
	struct gdbstub *g = t->gdb;
	if (g->pending) {
		/* Shown now, after the safe point (a sigreturn the last
		 * instruction asked for is done); then once more around the
		 * loop, to deliver a signal gdb resumed with. */
		int swbreak = g->pending == HIT_BP;
		g->pending = HIT_NONE;
		report_trap(g, swbreak);
		return 1;
	}
	g->hit = HIT_NONE;
	if (g->resumed) {
		/* Continuing from a breakpoint: step off it first, or its
		 * hook would stop the guest again at once. */
		g->resumed = 0;
		g->step_n = 0;
		g->over = g->mode == RUN_CONT && bp_find(g, t->abi->get_pc(t));
	}
	step_hook(g, g->mode == RUN_STEP || g->over);
	g->armed = 1;
	return 0;
}

int gdb_after_run(struct task *t, uc_err e)
{
	struct gdbstub *g = t->gdb;
	int hit = g->hit;
	g->hit = HIT_NONE;
	g->armed = 0;
	if (e != UC_ERR_OK || t->stop == STOP_FAULT)
		return 0;	/* a fault: gdb sees its signal at delivery */
	if (g->stepping && (hit == HIT_STEP || g->step_n > 0)) {
		/* One instruction done (the engine may also have stopped
		 * after it for a syscall's sake). */
		if (!g->over) {
			g->pending = HIT_STEP;
			return 1;
		}
		g->over = 0;
		g->step_n = 0;
		if (bp_find(g, t->abi->get_pc(t)))
			g->pending = HIT_BP;
		return 1;
	}
	if (hit == HIT_BP) {
		g->pending = HIT_BP;
		return 1;
	}
	return 0;
}

int gdb_signal(struct task *t, int sig)
{
	struct gdbstub *g = t->gdb;
	int gsig = gdb_sig_to_gdb(sig);
	if (gsig < GDB_NSIG && g->pass[gsig])
		return sig;
	g->pending = HIT_NONE;	/* this stop is the one gdb sees */
	int r = report(g, gsig, 0);
	return r < 0 ? sig : r;	/* debugger gone: the signal acts as it would */
}

void gdb_exit(struct task *t, int code, int sig)
{
	struct gdbstub *g = t->gdb;
	char out[8];
	if (sig)
		snprintf(out, sizeof out, "X%02x", gdb_sig_to_gdb(sig) & 0xff);
	else
		snprintf(out, sizeof out, "W%02x", code & 0xff);
	gdbw_puts(g, out);
	drop(g);
}
