/*
 * A new engine's CPU state from another engine's (kit/thread.c: a new
 * thread or a vfork child starts from its parent's registers in the
 * syscall trap).
 */
#include <stdlib.h>
#include <unicorn/unicorn.h>
#include "thread.h"

/* The bytes of a saved context that belong to the engine rather than to
 * the CPU state: pointers to the engine's own allocations (powerpc's
 * CPUPPCState holds one, its TLB array).  Found per ABI by comparing two
 * fresh engines; copying them to another engine would make two engines
 * share (and both free) one allocation. */
static struct ctxmask {
	const struct abi *abi;
	unsigned char *own;	/* 1: keep the child's byte */
	size_t n;
} masks[8];

static const unsigned char *engine_bytes(const struct abi *a, const unsigned char *fresh, size_t n)
{
	for (unsigned i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		struct ctxmask *m = &masks[i];
		if (m->abi == a)
			return m->n == n ? m->own : NULL;
		if (m->abi)
			continue;
		uc_engine *e;
		uc_context *ctx;
		if (uc_open(a->uc_arch, a->uc_mode, &e))
			return NULL;
		uc_ctl_set_tcg_buffer_size(e, 4u << 20);	/* never runs code: a small buffer to free */
		if (a->uc_cpu_model >= 0)
			uc_ctl_set_cpu_model(e, a->uc_cpu_model);
		unsigned char *own = calloc(1, n);
		if (own && uc_context_size(e) == n && !uc_context_alloc(e, &ctx)) {
			/* A differing byte is part of a pointer whose other bytes
			 * may happen to agree: keep the 4-aligned 8 bytes around it. */
			if (!uc_context_save(e, ctx))
				for (size_t j = 0; j < n; j++)
					if (((unsigned char *)ctx)[j] != fresh[j]) {
						size_t lo = (j & ~(size_t)3) >= 4 ? (j & ~(size_t)3) - 4 : 0;
						for (size_t k = lo; k < n && k < (j & ~(size_t)3) + 8; k++)
							own[k] = 1;
					}
			uc_context_free(ctx);
		}
		uc_close(e);
		m->abi = a;
		m->own = own;
		m->n = n;
		return own;
	}
	return NULL;
}

/* The parent's CPU state into the child's fresh engine, as a raw copy:
 * registers, and also what a register write cannot set (ppc64 MSR[HV],
 * x86 CPL 3 segment caches), but not the engine's own pointers. */
int cpu_copy(struct task *c, struct task *p)
{
	size_t n = uc_context_size(p->uc);
	uc_context *pc = NULL, *cc = NULL;
	int rc = -1;
	if (uc_context_size(c->uc) != n || uc_context_alloc(p->uc, &pc) || uc_context_alloc(c->uc, &cc))
		goto out;
	if (uc_context_save(p->uc, pc) || uc_context_save(c->uc, cc))
		goto out;
	const unsigned char *own = engine_bytes(c->abi, (unsigned char *)cc, n);
	if (!own)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (own[i])
			((unsigned char *)pc)[i] = ((unsigned char *)cc)[i];
	rc = uc_context_restore(c->uc, pc) ? -1 : 0;
out:
	if (pc)
		uc_context_free(pc);
	if (cc)
		uc_context_free(cc);
	return rc;
}
