/*
 * mlockall/munlockall on the guest's address space only.  The guest's
 * memory is host memory of the kit process, but so are the engine's
 * translation caches and the kit's reserves: a host mlockall would lock
 * all of those too (GBs, and as root nothing stops it).  So MCL_CURRENT
 * locks each guest region's host memory, and MCL_FUTURE makes the guest
 * address space (kit/vm.c) lock each new region, as mm->def_flags does
 * on Linux.
 *
 * The flag bits are the arch's (ppc: 0x2000/0x4000/0x8000, asm/mman.h;
 * the others asm-generic's 1/2/4), translated through the descriptor's
 * .mlockall_flags; validation is Linux's (mm/mlock.c): no bit outside
 * the three, not 0, not MCL_ONFAULT alone.
 */
#include <sys/mman.h>
#include "sys/sys.h"
#include "xlate.h"

SYS(mlockall)
{
	int64_t f = flagmap_to_host(t->abi->mlockall_flags, (uint32_t)a[0]);
	if (f <= 0 || (f & ~(int64_t)(MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT)) || f == MCL_ONFAULT)
		return -EINVAL;
	int lockf = (f & MCL_ONFAULT) ? MLOCK_ONFAULT : 0;
	if (f & MCL_CURRENT) {
		int e = vm_lock_all(t->vm, 1, lockf);
		if (e) {
			vm_lock_all(t->vm, 0, 0);
			/* Linux checks the limit first: EPERM without any
			 * allowance (can_do_mlock), ENOMEM over it */
			return e == -EPERM ? -EPERM : -ENOMEM;
		}
	}
	/* MCL_CURRENT alone ends an earlier MCL_FUTURE (apply_mlockall_flags
	 * clears VM_LOCKED from def_flags first) */
	t->vm->lock_future = (f & MCL_FUTURE) ? lockf + 1 : 0;
	return 0;
}

SYS(munlockall)
{
	t->vm->lock_future = 0;
	return vm_lock_all(t->vm, 0, 0);
}
