/*
 * The syscall dispatcher: fetch the arguments the arch's way, look the
 * number up in the generated table, combine 64-bit register pairs, call the
 * handler, and set the result the arch's way.
 */
#include <errno.h>
#include <stdio.h>
#include "run.h"
#include "ksig.h"
#include "trace.h"

/* Logical arguments from raw register slots, following the generated
 * argument layout (a 64-bit value may take two slots on a 32-bit ABI). */
static void combine(const struct systable *tb, const struct sysent *se,
		    const uint64_t *slot, uint64_t *args)
{
	for (unsigned i = 0; i < se->nargs && i < 6; i++) {
		const struct sysarg *a = &se->args[i];
		if (a->slot >= 6)
			args[i] = 0;
		else if (a->nslots == 2 && a->slot + 1 < 6) {
			uint64_t first = slot[a->slot] & 0xffffffffu, second = slot[a->slot + 1] & 0xffffffffu;
			args[i] = tb->pair_hi_first ? (first << 32 | second) : (second << 32 | first);
		} else
			args[i] = slot[a->slot];
	}
}

/* Register slots a call reads: up to the last slot of its last argument;
 * all six when the table has no argument layout for it. */
static unsigned slots_used(const struct sysent *se)
{
	if (!se || !se->call || (!se->args && se->nargs))
		return 6;
	unsigned n = 0;
	for (unsigned i = 0; i < se->nargs && i < 6; i++) {
		unsigned end = se->args[i].slot + se->args[i].nslots;
		if (end > n)
			n = end;
	}
	return n < 6 ? n : 6;
}

/* Read count registers (ptr_size wide) in one engine call.  Each register
 * read costs ~60 host instructions in Unicorn 2.1 (callgrind), about a
 * quarter of the kit's own cost of a getppid, so only the needed ones are
 * read. */
static void read_regs(struct task *t, const int *ids, uint64_t *v, unsigned count)
{
	void *p[7];
	for (unsigned i = 0; i < count; i++) {
		v[i] = 0;
		p[i] = &v[i];
	}
	if (count)
		uc_reg_read_batch(t->uc, (int *)ids, p, (int)count);
	if (t->abi->ptr_size == 4)
		for (unsigned i = 0; i < count; i++)
			v[i] &= 0xffffffffu;
}

static const struct sysent *lookup(const struct systable *tb, uint64_t nr)
{
	if (nr >= tb->base && nr - tb->base < tb->n && tb->ent[nr - tb->base].name)
		return &tb->ent[nr - tb->base];
	return NULL;
}

void syscall_trap(struct task *t)
{
	const struct abi *abi = t->abi;
	const struct systable *tb = abi->sys;
	uint64_t slot[6] = { 0 }, args[6] = { 0 };
	uint64_t nr;
	const struct sysent *se;
	if (abi->syscall_regs[0]) {
		read_regs(t, abi->syscall_regs, &nr, 1);
		se = lookup(tb, nr);
		read_regs(t, abi->syscall_regs + 1, slot, t->trace ? 6 : slots_used(se));
	} else {
		nr = abi->fetch_syscall_args(t, slot);
		se = lookup(tb, nr);
	}

	long ret;
	if (se && se->call) {
		if (se->args)
			combine(tb, se, slot, args);
		else
			for (int i = 0; i < 6; i++)
				args[i] = slot[i];
		ret = se->call(t, args);
	} else {
		ret = -ENOSYS;
		for (int i = 0; i < 6; i++)
			args[i] = slot[i];
	}
	if (!t->exiting)	/* EINTR -> restart codes; stop for delivery */
		ret = sig_syscall_exit(t, nr, se ? se->name : NULL, slot, ret);
	if (t->trace)
		trace_syscall(t, nr, se, se && se->call ? args : slot, ret);
	if (t->exiting) {
		uc_emu_stop(t->uc);
		return;
	}
	abi->set_syscall_retval(t, ret);
}
