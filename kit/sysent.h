/* Lookups in a generated syscall table (kit/abi.h: struct systable). */
#ifndef CK_SYSENT_H
#define CK_SYSENT_H

#include "abi.h"

/* The entry for syscall number nr, or NULL if nr is out of range or a hole
 * in the numbering (the arch's headers define no syscall there). */
const struct sysent *sysent_lookup(const struct systable *st, uint64_t nr);

/* Entries with a name, and those of them implemented (STD/NOARGS). */
struct syscount {
	unsigned total, implemented, obsolete;
};
struct syscount sysent_count(const struct systable *st);

#endif
