/* powerpc (32-bit) select(2), number 82: the kernel's ppc_select takes an
 * old-style argument block (struct sel_arg_struct) when the first argument
 * looks like a pointer (>= 4096), else the five select arguments
 * (arch/powerpc/kernel/syscalls.c). */
#include <stdint.h>
#include "task.h"

long linux_sys_select(struct task *t, const uint64_t *a);
long linux_sys_old_select(struct task *t, const uint64_t *a);

long linux_sys_ppc_select(struct task *t, const uint64_t *a)
{
	if ((uint32_t)a[0] >= 4096)
		return linux_sys_old_select(t, a);
	return linux_sys_select(t, a);
}
