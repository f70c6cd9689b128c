/* --trace: an strace-like line per syscall, decoded from the table's
 * prototypes, after an `EMUL linux-<abi>` record as ktrace prints. */
#ifndef CK_TRACE_H
#define CK_TRACE_H
#include <stdio.h>
#include "task.h"

void trace_emul(struct task *t);
void trace_syscall(struct task *t, uint64_t nr, const struct sysent *se,
		   const uint64_t *args, long ret);
/* Format one argument into buf (also used by the fuzz target). */
void trace_format_arg(struct task *t, const struct sysarg *a, uint64_t v, char *buf, size_t len);
#endif
