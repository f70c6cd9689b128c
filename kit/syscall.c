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

void syscall_trap(struct task *t)
{
	const struct abi *abi = t->abi;
	const struct systable *tb = abi->sys;
	uint64_t slot[6] = { 0 }, args[6] = { 0 };
	uint64_t nr = abi->fetch_syscall_args(t, slot);
	const struct sysent *se = NULL;
	if (nr >= tb->base && nr - tb->base < tb->n && tb->ent[nr - tb->base].name)
		se = &tb->ent[nr - tb->base];

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
