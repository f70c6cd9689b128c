/*
 * posix_fadvise's system calls.  Where the 64-bit offset and length sit in
 * the registers is each ABI's own (the prototype lines of
 * arches/<arch>/syscalls.master say it, and the dispatcher combines the
 * pairs): i386 passes them as unaligned low/high halves, ppc32 as even
 * register pairs high word first, the 64-bit ABIs as plain registers.
 * The handlers see logical arguments only.
 *
 * Advice values are Linux's generic ones (linux/fadvise.h; only s390x
 * renumbers DONTNEED/NOREUSE), the host's too, so they pass unchanged and
 * the host kernel refuses unknown ones with EINVAL, a pipe with ESPIPE and
 * a negative length with EINVAL (mm/fadvise.c generic_fadvise).
 */
#include <unistd.h>
#include <sys/syscall.h>
#include "sys/sys.h"

/* fadvise64_64(fd, loff_t offset, loff_t len, int advice) */
SYS(fadvise64_64)
{
	int fd = a_int(a[0]);
	CHECK_FD(fd);
	/* The raw host call: glibc's posix_fadvise returns the error number
	 * instead of setting errno. */
	return HOST(syscall(SYS_fadvise64, fd, (long long)a[1], (long long)a[2], a_int(a[3])));
}

/* fadvise64(fd, loff_t offset, size_t len, int advice): on a 32-bit ABI
 * len is a 32-bit size_t, zero-extended to loff_t (ia32_fadvise64 and
 * sys_ppc32_fadvise64 pass it on as such), so 0xffffffff is 4 GiB, not -1. */
SYS(fadvise64)
{
	uint64_t b[4] = { a[0], a[1], a_ptr(t, a[2]), a[3] };
	return linux_sys_fadvise64_64(t, b);
}

/* The same call with advice second, so that the two 64-bit pairs fall on
 * aligned register pairs (ppc32's fadvise64_64, like sync_file_range2):
 * fadvise64_64_2(fd, int advice, loff_t offset, loff_t len). */
SYS(fadvise64_64_2)
{
	uint64_t b[4] = { a[0], a[2], a[3], a[1] };
	return linux_sys_fadvise64_64(t, b);
}
