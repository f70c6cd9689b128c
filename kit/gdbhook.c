/*
 * The gdb stub's hooks: breakpoints, watchpoints and single steps, on
 * every guest thread's engine (kit/thread.c gives each its own).
 *
 * Breakpoints never patch guest code: each is a UC_HOOK_CODE hook over
 * just its address.  A single step is a hook over the whole space that
 * exists only while a step is in progress.  Watchpoints are one memory
 * hook (reads and writes) over the whole space, present only while gdb
 * has a watchpoint: with it, every guest access leaves the engine's fast
 * path (about 6 times slower), which only a debugging session should pay.
 * A hit is recorded by the memory hook (called before the access) and
 * shown after the instruction completed, as Linux and QEMU report a data
 * breakpoint: the whole-space code hook is present with the memory hook
 * and stops the engine before the next instruction.
 *
 * gdb's packets only change the stub's lists (and counters); each engine
 * catches up in its own host thread before it runs (gdbh_sync), so no
 * hook is ever added to an engine another thread is running.  Unicorn 2.1
 * does not retranslate code when hooks change, so the stub drops the
 * cached translations a new hook must see: of one address for a
 * breakpoint, of the executable mappings for the whole-space hooks.
 * Never with uc_ctl_flush_tb: that zeroes the whole translation buffer.
 */
#include <stdlib.h>
#include <string.h>
#include "gdbpriv.h"
#include "vm.h"

/* ---- the lists ---- */

int gdbh_bp_at(struct gdbstub *g, uint64_t addr)
{
	for (unsigned i = 0; i < g->nbp; i++)
		if (g->bp[i] == addr)
			return 1;
	return 0;
}

/* Room for one more element of size sz in *v (n used, *cap allocated). */
static int grow(void **v, unsigned n, unsigned *cap, size_t sz)
{
	if (n < *cap)
		return 0;
	unsigned c = *cap ? 2 * *cap : 16;
	void *nv = realloc(*v, c * sz);
	if (!nv)
		return -1;
	*v = nv;
	*cap = c;
	return 0;
}

int gdbh_bp_add(struct gdbstub *g, uint64_t addr)
{
	if (gdbh_bp_at(g, addr))
		return 0;
	if (grow((void **)&g->bp, g->nbp, &g->capbp, sizeof *g->bp))
		return -1;
	g->bp[g->nbp++] = addr;
	g->gen++;
	return 0;
}

void gdbh_bp_del(struct gdbstub *g, uint64_t addr)
{
	for (unsigned i = 0; i < g->nbp; i++)
		if (g->bp[i] == addr) {
			g->bp[i] = g->bp[--g->nbp];
			g->gen++;
			return;
		}
}

int gdbh_wp_add(struct gdbstub *g, int type, uint64_t addr, uint64_t len)
{
	if (!len || addr + len < addr)
		return -1;
	if (grow((void **)&g->wp, g->nwp, &g->capwp, sizeof *g->wp))
		return -1;
	g->wp[g->nwp++] = (struct gdbwp){ addr, len, type };
	g->gen++;
	return 0;
}

void gdbh_wp_del(struct gdbstub *g, int type, uint64_t addr, uint64_t len)
{
	for (unsigned i = 0; i < g->nwp; i++)
		if (g->wp[i].addr == addr && g->wp[i].len == len && g->wp[i].type == type) {
			g->wp[i] = g->wp[--g->nwp];
			g->gen++;
			return;
		}
}

/* ---- the hooks ---- */

static void on_bp(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct gdbeng *e = user;
	if (!e->armed || e->coded || !gdbh_bp_at(e->g, addr))	/* a step stops by itself */
		return;
	e->hit = HIT_BP;
	uc_emu_stop(uc);
}

static void on_code(uc_engine *uc, uint64_t addr, uint32_t size, void *user)
{
	struct gdbeng *e = user;
	if (!e->armed)
		return;
	if (e->whit) {	/* the instruction that touched a watchpoint is done */
		e->hit = HIT_WATCH;
		uc_emu_stop(uc);
		return;
	}
	if (e->mode == RUN_STEP || e->over) {
		if (e->step_n++ == 0)	/* the instruction being stepped */
			return;
		e->hit = HIT_STEP;	/* the next one: stop before it */
		uc_emu_stop(uc);
		return;
	}
	if (gdbh_bp_at(e->g, addr)) {	/* on_bp stands aside while this hook exists */
		e->hit = HIT_BP;
		uc_emu_stop(uc);
	}
}

static void on_mem(uc_engine *uc, uc_mem_type type, uint64_t addr, int size, int64_t value, void *user)
{
	struct gdbeng *e = user;
	struct gdbstub *g = e->g;
	if (!e->armed || e->whit || size <= 0)
		return;
	int wr = type == UC_MEM_WRITE;
	for (unsigned i = 0; i < g->nwp; i++) {
		const struct gdbwp *w = &g->wp[i];
		if (addr >= w->addr + w->len || addr + (uint64_t)size <= w->addr)
			continue;
		if ((wr && w->type == 3) || (!wr && w->type == 2))
			continue;
		e->whit = 1;
		e->waddr = w->addr;
		e->wtype = w->type;
		return;
	}
}

/* Translations of every executable mapping (cheap: page by page). */
static void drop_code(struct task *t)
{
	for (unsigned i = 0; i < t->vm->n; i++)
		if (t->vm->r[i].prot & VM_X)
			uc_ctl_remove_cache(t->uc, t->vm->r[i].start, t->vm->r[i].end);
}

/* ---- the engines ---- */

struct gdbeng *gdbh_eng(struct gdbstub *g, struct task *t)
{
	for (unsigned i = 0; i < g->neng; i++)
		if (g->eng[i]->t == t)
			return g->eng[i];
	if (g->neng == GDB_MAXENG)
		return NULL;
	struct gdbeng *e = calloc(1, sizeof *e);
	if (!e)
		return NULL;
	e->g = g;
	e->t = t;
	e->rgen = g->rgen;	/* a thread gdb has not resumed yet: as if it had */
	e->cgen = g->cgen;
	e->gen = g->gen - 1;	/* its hooks: all to be made */
	g->eng[g->neng++] = e;
	return e;
}

static int bp_hooked(struct gdbeng *e, uint64_t addr)
{
	for (unsigned i = 0; i < e->nbp; i++)
		if (e->bp[i].addr == addr)
			return 1;
	return 0;
}

void gdbh_sync(struct gdbeng *e)
{
	struct gdbstub *g = e->g;
	struct task *t = e->t;
	int drop = 0;
	if (e->gen != g->gen) {
		for (unsigned i = 0; i < e->nbp;) {
			if (gdbh_bp_at(g, e->bp[i].addr)) {
				i++;
				continue;
			}
			uc_hook_del(t->uc, e->bp[i].h);
			uc_ctl_remove_cache(t->uc, e->bp[i].addr, e->bp[i].addr + 1);
			e->bp[i] = e->bp[--e->nbp];
		}
		for (unsigned i = 0; i < g->nbp; i++) {
			uint64_t a = g->bp[i];
			uc_hook h;
			if (bp_hooked(e, a) || grow((void **)&e->bp, e->nbp, &e->capbp, sizeof *e->bp) ||
			    uc_hook_add(t->uc, &h, UC_HOOK_CODE, on_bp, e, a, a) != UC_ERR_OK)
				continue;
			uc_ctl_remove_cache(t->uc, a, a + 1);
			e->bp[e->nbp++] = (struct gdbhk){ a, h };
		}
		int want = g->nwp > 0;
		if (want != e->watching) {
			if (!want)
				uc_hook_del(t->uc, e->memh);
			if (!want || uc_hook_add(t->uc, &e->memh, UC_HOOK_MEM_READ | UC_HOOK_MEM_WRITE,
						 on_mem, e, 1, 0) == UC_ERR_OK) {
				e->watching = want;
				drop = 1;	/* every access must (no longer) call it */
			}
		}
		e->gen = g->gen;
	}
	if (e->rgen != g->rgen) {
		/* gdb resumed: continuing from a breakpoint steps off it
		 * first, or its hook would stop the guest again at once. */
		e->rgen = g->rgen;
		e->step_n = 0;
		e->over = e->mode == RUN_CONT && gdbh_bp_at(g, t->abi->get_pc(t));
	}
	int code = e->mode == RUN_STEP || e->over || e->watching;
	if (code != e->coded) {
		if (!code)
			uc_hook_del(t->uc, e->codeh);
		if (!code || uc_hook_add(t->uc, &e->codeh, UC_HOOK_CODE, on_code, e, 1, 0) == UC_ERR_OK) {
			e->coded = code;
			drop = 1;	/* every block must (no longer) call it */
		}
	}
	if (e->cgen != g->cgen) {	/* gdb wrote memory: maybe code */
		e->cgen = g->cgen;
		drop = 1;
	}
	if (drop)
		drop_code(t);
}

void gdbh_forget(struct gdbeng *e, int hooks)
{
	struct gdbstub *g = e->g;
	if (hooks && e->t->uc) {
		uc_engine *uc = e->t->uc;
		for (unsigned i = 0; i < e->nbp; i++)
			uc_hook_del(uc, e->bp[i].h);
		if (e->watching)
			uc_hook_del(uc, e->memh);
		if (e->coded)
			uc_hook_del(uc, e->codeh);
		if (e->nbp || e->watching || e->coded)
			drop_code(e->t);
	}
	for (unsigned i = 0; i < g->neng; i++)
		if (g->eng[i] == e) {
			g->eng[i] = g->eng[--g->neng];
			break;
		}
	free(e->bp);
	free(e);
}
