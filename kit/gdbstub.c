/*
 * The gdb remote stub: `compatkit run --gdb PORT FILE` stops the guest at
 * its first instruction and serves gdb's remote protocol (gdb manual,
 * "Remote Protocol") on 127.0.0.1:PORT.
 *
 * This file is the run loop's side: the stops shown to gdb (breakpoints,
 * steps, watchpoints: kit/gdbhook.c; gdb's ^C: kit/gdbintr.c; signals)
 * and the session's life.  A signal about to act on the guest is shown to
 * gdb first (gdb_signal, from kit/signal.c); gdb's answer decides which
 * signal, if any, is delivered.
 *
 * Threads: every guest thread's task points at the one stub, and whichever
 * thread stops reports, with its TID, and serves gdb while holding the
 * engine lock -- so the others are stopped too (waiting for the lock, or
 * asleep in a host call they come back from into the lock): all-stop.
 */
#include <errno.h>
#include <inttypes.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <linux/futex.h>
#include "gdbpriv.h"
#include "gdbstub.h"
#include "ksig.h"
#include "run.h"
#include "thread.h"
#include "vm.h"

/* ---- the session ---- */

/* Threads gdb did not resume wait on this word (never freed, unlike the
 * stub) until gdb resumes the guest again or the session ends. */
static uint32_t resume_seq;

void gdbs_resumed(void)
{
	__atomic_add_fetch(&resume_seq, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, &resume_seq, FUTEX_WAKE_PRIVATE, INT_MAX, NULL, NULL, 0);
}

/* t's engine record, t held (gdb resumed other threads only: a step over
 * a breakpoint it took out for the while) until gdb resumes it.  NULL:
 * run without the debugger (it went meanwhile, or no room). */
static struct gdbeng *hold(struct task *t)
{
	struct gdbeng *e;
	while (t->gdb && (e = gdbh_eng(t->gdb, t)) && e->mode == RUN_HOLD && !e->pending &&
	       !__atomic_load_n(&t->gdb->intr, __ATOMIC_SEQ_CST)) {
		uint32_t seq = __atomic_load_n(&resume_seq, __ATOMIC_SEQ_CST);
		thread_block_begin();	/* the others run meanwhile */
		syscall(SYS_futex, &resume_seq, FUTEX_WAIT_PRIVATE, seq, NULL, NULL, 0);
		thread_block_end();
	}
	return t->gdb ? gdbh_eng(t->gdb, t) : NULL;
}

/* The stub's connection and memory (what both ways of ending it free). */
static void free_stub(struct gdbstub *g)
{
	if (g->fd >= 0)
		close(g->fd);
	free(g->bp);
	free(g->wp);
	free(g->last);
	free(g->regs);
	free(g->xml);
	free(g->auxv);
	free(g);
}


void gdbs_drop(struct gdbstub *g)
{
	gdbi_stop(g);
	gdbs_resumed();	/* held threads go on without the debugger */
	/* Every engine idles: this thread holds the engine lock. */
	while (g->neng)
		gdbh_forget(g->eng[0], 1);
	struct task *o;
	for (unsigned i = 0; (o = thread_at(i)); i++)
		if (o->gdb == g)
			o->gdb = NULL;
	struct task *t = g->t;
	t->gdb = NULL;
	free_stub(g);
}

void gdb_forget(struct task *t)
{
	struct gdbstub *g = t->gdb;
	if (!g)
		return;
	/* A fork child: only t is left (kit/thread.c closed the other
	 * engines), the watcher thread is not here, and its lock may be
	 * held: only t's hooks and the memory go. */
	while (g->neng)
		gdbh_forget(g->eng[0], g->eng[0]->t == t);
	g->watching = 0;
	free_stub(g);
	t->gdb = NULL;
}

void gdb_thread_exit(struct task *t)
{
	struct gdbstub *g = t->gdb;
	for (unsigned i = 0; i < g->neng; i++)
		if (g->eng[i]->t == t) {
			gdbh_forget(g->eng[i], 0);	/* its engine closes */
			break;
		}
	if (g->self == t)	/* (the task is freed: kit/thread.c) */
		g->self = g->t;
	if (g->cur == t)
		g->cur = NULL;
	if (g->cont == t)
		g->cont = NULL;
}

/* The auxv on the initial stack, at exec: argc, argv[], NULL, envp[],
 * NULL, then (key, value) pairs to AT_NULL (kit/stack.c).  Kept in the
 * guest's format, words of its size and byte order, as gdb reads it. */
static void save_auxv(struct gdbstub *g)
{
	struct task *t = g->t;
	unsigned ps = t->abi->ptr_size;
	uint64_t at = t->abi->get_sp(t), w;
	uint8_t b[8];
#define WORD() (copyin(t, at, b, ps) ? (uint64_t)-1 : (at += ps, abi_load(t->abi, b, ps)))
	uint64_t argc = WORD();
	if (argc > 1 << 20)
		return;
	at += argc * ps;
	if (WORD() != 0)
		return;
	for (unsigned n = 0; (w = WORD()) != 0; n++)
		if (w == (uint64_t)-1 || n > 1 << 20)
			return;
	uint64_t start = at;
	for (unsigned n = 0; (w = WORD()) != 0; n++) {	/* AT_NULL ends it */
		if (w == (uint64_t)-1 || n > 256)
			return;
		at += ps;
	}
	at += ps;
#undef WORD
	g->auxvlen = (size_t)(at - start);
	if ((g->auxv = malloc(g->auxvlen)) && copyin(t, start, g->auxv, g->auxvlen)) {
		free(g->auxv);
		g->auxv = NULL;
	}
}

/* Report a stop of thread t (gdb signal number gsig, more: "watch:..;"
 * or the like) and serve until gdb resumes: the Linux signal it resumes
 * with, or -1 (gdb gone, the session dropped). */
static int report(struct gdbstub *g, struct task *t, int gsig, const char *more)
{
	gdbi_running(g, 0);
	g->self = g->cur = t;
	g->cont = NULL;
	snprintf(g->stop, sizeof g->stop, "T%02x%sthread:%x;", gsig, more, (unsigned)t->tid);
	if (gdbw_puts(g, g->stop)) {
		gdbs_drop(g);
		return -1;
	}
	return gdbc_serve(g);
}

/* A stop that was no signal of the guest's: a signal gdb resumes with is
 * sent to the guest. */
static void report_trap(struct gdbstub *g, struct task *t, int gsig, const char *more)
{
	int sig = report(g, t, gsig, more);
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
		gdbs_drop(g);
		return -1;
	}
	engine_exact_stops(t);	/* breakpoints stop before the instruction */
	fprintf(stderr, "compatkit: gdb: waiting for a debugger on 127.0.0.1:%d\n", lport);
	fflush(stderr);
	g->fd = gdbw_accept(lfd, err, errlen);
	close(lfd);
	t->gdb = g;
	if (g->fd < 0) {
		gdbs_drop(g);
		return -1;
	}
	save_auxv(g);
	if (gdbi_start(g)) {
		snprintf(err, errlen, "--gdb: cannot start the interrupt watcher thread");
		gdbs_drop(g);
		return -1;
	}
	/* Stopped before the first instruction, as after exec under ptrace.
	 * (thread_enter gives the task its TID later: the same.) */
	if (!t->tid)
		t->tid = (int)gettid();
	g->self = g->cur = t;
	snprintf(g->stop, sizeof g->stop, "T05thread:%x;", (unsigned)t->tid);
	int sig = gdbc_serve(g);
	if (sig > 0) {
		struct ksiginfo si = { .signo = sig, .code = K_SI_USER };
		sig_post(t, &si);
	}
	return 0;
}

int gdb_before_run(struct task *t)
{
	struct gdbeng *e = hold(t);
	if (!e)
		return 0;	/* no room, or the debugger went: no hooks */
	struct gdbstub *g = t->gdb;
	if (e->pending) {
		/* Shown now, after the safe point (a sigreturn the last
		 * instruction asked for is done); then once more around the
		 * loop, to deliver a signal gdb resumed with. */
		int p = e->pending;
		e->pending = HIT_NONE;
		char more[40] = "";
		if (p == HIT_BP)
			snprintf(more, sizeof more, "swbreak:;");
		else if (p == HIT_WATCH)
			snprintf(more, sizeof more, "%s:%" PRIx64 ";",
				 e->wtype == 2 ? "watch" : e->wtype == 3 ? "rwatch" : "awatch", e->waddr);
		report_trap(g, t, 5 /* SIGTRAP */, more);
		return 1;
	}
	if (__atomic_exchange_n(&g->intr, 0, __ATOMIC_SEQ_CST)) {
		report_trap(g, t, 2 /* SIGINT */, "");	/* gdb's ^C */
		return 1;
	}
	e->hit = HIT_NONE;
	e->whit = 0;
	gdbh_sync(e);
	e->armed = 1;
	return 0;
}

int gdb_after_run(struct task *t, uc_err err)
{
	struct gdbstub *g = t->gdb;
	struct gdbeng *e = gdbh_eng(g, t);
	if (!e)
		return 0;
	int hit = e->hit;
	e->hit = HIT_NONE;
	e->armed = 0;
	if (err != UC_ERR_OK || t->stop == STOP_FAULT)
		return 0;	/* a fault: gdb sees its signal at delivery */
	if (e->whit) {
		/* The watched access is done (the engine stopped before the
		 * next instruction, or for a syscall after this one). */
		e->whit = 0;
		e->over = 0;
		e->pending = HIT_WATCH;
		return 1;
	}
	if ((e->mode == RUN_STEP || e->over) && (hit == HIT_STEP || e->step_n > 0)) {
		/* One instruction done (the engine may also have stopped
		 * after it for a syscall's sake). */
		if (!e->over) {
			e->pending = HIT_STEP;
			return 1;
		}
		e->over = 0;
		e->step_n = 0;
		if (gdbh_bp_at(g, t->abi->get_pc(t)))
			e->pending = HIT_BP;
		return 1;
	}
	if (hit == HIT_BP) {
		e->pending = HIT_BP;
		return 1;
	}
	return 0;
}

int gdb_interrupted(struct task *t)
{
	return __atomic_load_n(&t->gdb->intr, __ATOMIC_SEQ_CST);
}

int gdb_signal(struct task *t, int sig)
{
	struct gdbstub *g = t->gdb;
	int gsig = gdb_sig_to_gdb(sig);
	if (gsig < GDB_NSIG && g->pass[gsig])
		return sig;
	struct gdbeng *e = gdbh_eng(g, t);
	if (e)
		e->pending = HIT_NONE;	/* this stop is the one gdb sees */
	int r = report(g, t, gsig, "");
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
	gdbi_running(g, 0);
	gdbw_puts(g, out);
	gdbs_drop(g);
}
