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

int gdbs_bp_add(struct gdbstub *g, uint64_t addr)
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

void gdbs_bp_del(struct gdbstub *g, uint64_t addr)
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

/* ---- the session ---- */

void gdbs_drop(struct gdbstub *g)
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
	free(g->auxv);
	free(g);
	t->gdb = NULL;
}

void gdb_forget(struct task *t)
{
	if (t->gdb)
		gdbs_drop(t->gdb);
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

/* Report a stop (gdb signal number gsig) and serve until gdb resumes. */
static int report(struct gdbstub *g, int gsig, int swbreak)
{
	snprintf(g->stop, sizeof g->stop, "T%02xthread:%x;%s", gsig, gdbc_tid(), swbreak ? "swbreak:;" : "");
	if (gdbw_puts(g, g->stop)) {
		gdbs_drop(g);
		return -1;
	}
	int sig = gdbc_serve(g);
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
		gdbs_drop(g);
		return -1;
	}
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
	/* Stopped before the first instruction, as after exec under ptrace. */
	snprintf(g->stop, sizeof g->stop, "S05");
	int sig = gdbc_serve(g);
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
	gdbs_drop(g);
}
