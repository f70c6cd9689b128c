/*
 * membarrier: guest threads are host threads of the kit process (one
 * engine each, kit/thread.c), so the host's barrier over the kit's
 * threads is the guest's.  The command numbers are generic uapi
 * (linux/membarrier.h, the same on every arch), passed unchanged.
 *
 * Offered: the commands the host offers among GLOBAL, GLOBAL_EXPEDITED,
 * PRIVATE_EXPEDITED and their REGISTER_ forms.  Not offered (EINVAL, and
 * left out of MEMBARRIER_CMD_QUERY, as on a kernel without them):
 * the SYNC_CORE pair -- a host core serialization does not make another
 * thread's engine drop code it translated before -- and the RSEQ pair,
 * since rseq(2) is not implemented; GET_REGISTRATIONS (Linux 6.3) is newer
 * than the cross toolchains' headers.
 */
#include <linux/membarrier.h>
#include "sys/sys.h"

#define MB_OFFERED (MEMBARRIER_CMD_GLOBAL | MEMBARRIER_CMD_GLOBAL_EXPEDITED |	\
		    MEMBARRIER_CMD_REGISTER_GLOBAL_EXPEDITED |			\
		    MEMBARRIER_CMD_PRIVATE_EXPEDITED |				\
		    MEMBARRIER_CMD_REGISTER_PRIVATE_EXPEDITED)

/* membarrier(int cmd, unsigned int flags, int cpu_id) */
SYS(membarrier)
{
	int cmd = a_int(a[0]);
	unsigned flags = (uint32_t)a[1];
	/* Linux checks flags first: only PRIVATE_EXPEDITED_RSEQ takes any */
	if (flags)
		return -EINVAL;
	if (cmd == MEMBARRIER_CMD_QUERY) {
		long q = HOST(syscall(SYS_membarrier, MEMBARRIER_CMD_QUERY, 0, 0));
		return q < 0 ? q : (q & MB_OFFERED);
	}
	if (cmd <= 0 || (cmd & (cmd - 1)) || !(cmd & MB_OFFERED))
		return -EINVAL;
	/* GLOBAL waits for an RCU grace period: syscall() of SYS_membarrier
	 * runs without the engine lock (sys/blocking.h) */
	return HOST(syscall(SYS_membarrier, cmd, 0, a_int(a[2])));
}
