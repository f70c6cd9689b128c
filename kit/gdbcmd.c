/* The gdb stub's packets: registers, memory, breakpoints, queries and the
 * resume actions (gdb manual, "Packets", "General Query Packets").  The
 * run-loop side is kit/gdbstub.c. */
#include <inttypes.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "gdbpriv.h"
#include "ksig.h"
#include "thread.h"
#include "vm.h"

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
		if (write) {
			memcpy(r->host + (at - r->start), buf + done, piece);
			if (r->prot & VM_X)
				g->cgen++;	/* code changed: every engine drops its translations */
		}
		else
			memcpy(buf + done, r->host + (at - r->start), piece);
		done += piece;
	}
	return done;
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

/* Z/z TYPE,ADDR,KIND: 0 and 1 software and hardware breakpoints (the
 * same here), 2 3 4 write, read and access watchpoints (KIND: bytes). */
static void breakpoint(struct gdbstub *g, const char *p)
{
	char op = *p++, type = *p++;
	if (type < '0' || type > '4' || *p++ != ',' || gdbw_hex(*p) < 0) {
		gdbw_puts(g, "");
		return;
	}
	uint64_t addr = hexnum(&p);
	uint64_t len = *p == ',' ? (p++, hexnum(&p)) : 0;
	int r = 0;
	if (type <= '1') {
		if (op == 'Z')
			r = gdbh_bp_add(g, addr);
		else
			gdbh_bp_del(g, addr);
	} else if (op == 'Z')
		r = gdbh_wp_add(g, type - '0', addr, len);
	else
		gdbh_wp_del(g, type - '0', addr, len);
	gdbw_puts(g, r ? "E01" : "OK");
}

/* A thread id of a packet: -1 all, 0 any, else a TID.  The thread, NULL
 * for all or any (*ok 1), or NULL for one that is not there (*ok 0). */
static struct task *thread_arg(struct gdbstub *g, const char *p, int *ok)
{
	*ok = 1;
	if (p[0] == '-' && p[1] == '1')
		return NULL;
	uint64_t tid = hexnum(&p);
	if (!tid)
		return NULL;
	struct task *t = tid == (uint64_t)g->self->tid ? g->self : thread_find((int)tid);
	*ok = t != NULL;
	return t;
}

/* Hg TID: registers from that thread; Hc TID: c and s act on it. */
static void set_thread(struct gdbstub *g, const char *p)
{
	char op = *p++;
	int ok;
	struct task *t = thread_arg(g, p, &ok);
	if (!ok || (op != 'g' && op != 'c')) {
		gdbw_puts(g, "E01");
		return;
	}
	if (op == 'g')
		g->cur = t ? t : g->self;
	else
		g->cont = t;
	gdbw_puts(g, "OK");
}

static void thread_list(struct gdbstub *g)
{
	char out[GDB_MAXENG * 9 + 2];
	size_t len = 0;
	struct task *o;
	out[len++] = 'm';
	for (unsigned i = 0; (o = thread_at(i)) && len + 10 < sizeof out; i++)
		len += (size_t)snprintf(out + len, sizeof out - len, "%s%x", i ? "," : "", (unsigned)o->tid);
	if (len == 1)	/* before the first thread entered the run loop */
		len += (size_t)snprintf(out + len, sizeof out - len, "%x", (unsigned)g->self->tid);
	gdbw_put(g, out, len);
}

/* qXfer:OBJECT:read:ANNEX:off,len of one object (data, size). */
static void xfer(struct gdbstub *g, const char *p, const char *annex, const char *data, size_t size)
{
	static char out[GDB_PKT];
	if (strncmp(p, annex, strlen(annex)) || !data) {
		gdbw_puts(g, "E00");
		return;
	}
	p += strlen(annex);
	uint64_t off = hexnum(&p);
	uint64_t len = *p == ',' ? (p++, hexnum(&p)) : 0;
	if (len > sizeof out - 2)
		len = sizeof out - 2;
	if (off >= size) {
		gdbw_puts(g, "l");
		return;
	}
	size_t n = size - off < len ? size - (size_t)off : (size_t)len;
	out[0] = off + n < size ? 'm' : 'l';
	memcpy(out + 1, data + off, n);
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
			 "swbreak+;QPassSignals+%s", GDB_PKT, g->auxv ? ";qXfer:auxv:read+" : "");
		gdbw_puts(g, out);
	} else if (!strncmp(p, "qXfer:features:read:", 20)) {
		xfer(g, p + 20, "target.xml:", g->xml, g->xmllen);
	} else if (!strncmp(p, "qXfer:auxv:read:", 16)) {
		xfer(g, p + 16, ":", (const char *)g->auxv, g->auxvlen);
	} else if (!strcmp(p, "qAttached")) {
		gdbw_puts(g, "0");	/* the kit started the process: kill it on quit */
	} else if (!strcmp(p, "qC")) {
		snprintf(out, sizeof out, "QC%x", (unsigned)g->self->tid);
		gdbw_puts(g, out);
	} else if (!strcmp(p, "qfThreadInfo")) {
		thread_list(g);
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

/* How thread t resumes: the mode and signal of action a ("c", "C sig",
 * "s", "S sig", or "h": held); the signal, Linux numbering. */
static int action(struct gdbstub *g, struct task *t, const char *a)
{
	struct gdbeng *e = gdbh_eng(g, t);
	if (e)
		e->mode = (a[0] == 's' || a[0] == 'S') ? RUN_STEP : a[0] == 'h' ? RUN_HOLD : RUN_CONT;
	if (a[0] == 'C' || a[0] == 'S') {
		a++;
		return gdb_sig_from_gdb((int)hexnum(&a));
	}
	return 0;
}

/* gdb resumed the guest: every thread catches up at its next safe point
 * (those not serving leave their engine at the next block, exactly, to
 * get there), and the watcher looks out for ^C.  Returns sig. */
static int resumed(struct gdbstub *g, int sig)
{
	g->rgen++;
	struct task *o;
	for (unsigned i = 0; (o = thread_at(i)); i++)
		if (o != g->self && o->block_hooked)
			__atomic_store_n(&o->stop_asked, 1, __ATOMIC_RELAXED);
	gdbi_running(g, 1);
	gdbs_resumed();
	return sig;
}

/* c / C sig / s / S sig, with an optional address (c, s) or ";addr"
 * (C, S): the thread of Hc (or the one that stopped) acts so, the others
 * continue.  Returns the Linux signal to resume with. */
static int resume(struct gdbstub *g, const char *p)
{
	struct task *o, *t = g->cont ? g->cont : g->self;
	int step = *p == 's' || *p == 'S';
	for (unsigned i = 0; (o = thread_at(i)); i++)	/* Hc TID; s: that one alone */
		action(g, o, step && g->cont ? "h" : "c");
	int sig = action(g, t, p);
	p++;
	if (*p && *p != ';')
		hexnum(&p);	/* the signal */
	if (*p == ';')
		p++;
	if (*p) {	/* an address: resume there */
		uint64_t pc = hexnum(&p);
		t->abi->set_pc(t, pc);
	}
	return resumed(g, t == g->self ? sig : 0);
}

/* vCont;ACTION[:TID];...: a thread's action is the first that names it
 * or names none; a thread without one stays stopped (gdb steps one thread
 * over a breakpoint it took out for the while so).  Returns the Linux
 * signal for the serving thread. */
static int vcont(struct gdbstub *g, const char *p)
{
	int sig = 0;
	struct task *o;
	/* (before the run loop's first thread_enter the list is empty) */
	for (unsigned i = 0; (o = thread_at(i)) || (!i && (o = g->self)); i++) {
		const char *chosen = "h";	/* no action: it stays stopped */
		for (const char *a = p; a && *a == ';'; a = strchr(a + 1, ';')) {
			const char *act = a + 1, *next = strchr(act, ';'), *colon = strchr(act, ':');
			int ok = 1;
			struct task *who = colon && (!next || colon < next) ? thread_arg(g, colon + 1, &ok) : NULL;
			if (ok && (!who || who == o)) {
				chosen = act;
				break;
			}
		}
		int s = action(g, o, chosen);
		if (o == g->self)
			sig = s;
		if (!thread_at(i))
			break;
	}
	return resumed(g, sig);
}

/* Serve gdb until it resumes the guest.  Returns the Linux signal it
 * resumes with (0: none), or -1 if the debugger is gone (detached or lost:
 * the guest runs on alone). */
int gdbc_serve(struct gdbstub *g)
{
	for (;;) {
		int n = gdbw_get(g);
		if (n < 0) {
			fprintf(stderr, "compatkit: gdb: connection closed; the guest runs on\n");
			gdbs_drop(g);
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
		case 'H': set_thread(g, p + 1); break;
		case 'T': {
			int ok;
			thread_arg(g, p + 1, &ok);
			gdbw_puts(g, ok ? "OK" : "E01");
			break;
		}
		case 'q': case 'Q': query(g, p); break;
		case 'c': case 'C': case 's': case 'S':
			return resume(g, p);
		case 'D':
			gdbw_puts(g, "OK");
			gdbs_drop(g);
			return -1;
		case 'k': {
			struct task *t = g->self;
			gdbs_drop(g);
			sig_die(t, SIGKILL);
		}
		case 'v':
			if (!strcmp(p, "vCont?")) {
				gdbw_puts(g, "vCont;c;C;s;S");
			} else if (!strncmp(p, "vCont;", 6) && strchr("cCsS", p[6]) && p[6]) {
				return vcont(g, p + 5);
			} else if (!strncmp(p, "vKill", 5)) {
				struct task *t = g->self;
				gdbw_puts(g, "OK");
				gdbs_drop(g);
				sig_die(t, SIGKILL);
			} else
				gdbw_puts(g, "");
			break;
		default:
			gdbw_puts(g, "");
		}
	}
}
