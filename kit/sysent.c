/* Lookups in a generated syscall table; see kit/sysent.h. */
#include "sysent.h"

const struct sysent *sysent_lookup(const struct systable *st, uint64_t nr)
{
	if (!st || !st->ent || nr < st->base || nr - st->base >= st->n)
		return NULL;
	const struct sysent *e = &st->ent[nr - st->base];
	return e->name ? e : NULL;
}

/* OBSOL entries are counted in total too: a guest can still call them, and
 * the answer (ENOSYS) is the same as Linux's. */
struct syscount sysent_count(const struct systable *st)
{
	struct syscount c = { 0, 0, 0 };
	for (unsigned i = 0; st && i < st->n; i++) {
		const struct sysent *e = &st->ent[i];
		if (!e->name)
			continue;
		c.total++;
		if (e->type == SY_STD || e->type == SY_NOARGS)
			c.implemented++;
		if (e->type == SY_OBSOL)
			c.obsolete++;
	}
	return c;
}
