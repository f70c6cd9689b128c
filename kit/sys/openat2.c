/* openat2(dirfd, path, how, size): struct open_how (linux/openat2.h) is
 * three u64s -- flags, mode, resolve -- the same on every ABI; its flags
 * are the ABI's open(2) flags and are translated like openat's, the
 * RESOLVE_* bits pass to the host's openat2 unchanged.  The size is the
 * caller's idea of the struct (copy_struct_from_user): under version 0's
 * 24 bytes EINVAL, over a page E2BIG, and a longer struct only with a zero
 * tail (else E2BIG).  The host then judges flags, mode and resolve bits
 * before it reads the path, and so the kit does not read a bad path first:
 * it hands the host NULL for one, which gives EFAULT in the host's order.
 * A guest absolute path goes through the sysroot as openat's does, except
 * under RESOLVE_BENEATH or RESOLVE_IN_ROOT, where "/" means dirfd's tree. */
#include <limits.h>
#include <string.h>
#include <linux/openat2.h>
#include <sys/syscall.h>
#include "sys.h"

#define HOW_SIZE_VER0 24	/* OPEN_HOW_SIZE_VER0 */
#define HOW_SIZE_MAX 4096	/* PAGE_SIZE: larger sizes are E2BIG unread */

SYS(openat2)
{
	int dfd = a_int(a[0]);
	uint64_t upath = a_ptr(t, a[1]), uhow = a_ptr(t, a[2]), size = a_ptr(t, a[3]);
	if (size < HOW_SIZE_VER0)
		return -EINVAL;
	if (size > HOW_SIZE_MAX)
		return -E2BIG;
	uint8_t raw[HOW_SIZE_MAX];
	if (copyin(t, uhow, raw, size))
		return -EFAULT;
	for (uint64_t i = HOW_SIZE_VER0; i < size; i++)
		if (raw[i])	/* a newer struct's fields this kernel does not know */
			return -E2BIG;
	struct open_how how;
	how.flags = abi_load(t->abi, raw, 8);
	how.mode = abi_load(t->abi, raw + 8, 8);
	how.resolve = abi_load(t->abi, raw + 16, 8);
	/* the low word is open(2)'s flags; bits above stay for the host's EINVAL */
	how.flags = (how.flags & ~0xffffffffULL) | (uint32_t)open_flags_to_host(t->abi, (uint32_t)how.flags);
	CHECK_DIRFD(dfd);
	char p[PATH_MAX];
	long n = how.resolve & (RESOLVE_BENEATH | RESOLVE_IN_ROOT) ? copyinstr(t, upath, p, sizeof p)
								  : get_path(t, upath, p, sizeof p);
	if (n < 0 && n != -EFAULT)
		return n;
	/* a FIFO's open waits for its peer: the engine lock is dropped */
	return guest_newfd(HOST(BLOCKING(syscall(SYS_openat2, dfd, n < 0 ? NULL : p, &how, sizeof how))));
}
