/* Shared by the linux_sys_* implementations (kit/sys/<family>.c). */
#ifndef CK_SYS_H
#define CK_SYS_H
#include <errno.h>
#include <stdint.h>
#include <sys/uio.h>
#include "task.h"
#include "vm.h"
#include "sys/blocking.h"	/* the engine lock around host calls that sleep */

#define SYS(name) long linux_sys_##name(struct task *t, const uint64_t *a)
/* A host call's result as a Linux syscall result (host errno == Linux's). */
#define HOST(x) ({ long r_ = (long)(x); r_ < 0 ? -(long)errno : r_; })

/* Guest value helpers for 32-bit ABIs: arguments arrive zero-extended. */
static inline int a_int(uint64_t v) { return (int)(int32_t)v; }
static inline long a_long(const struct task *t, uint64_t v)
{
	return t->abi->ptr_size == 4 ? (long)(int32_t)v : (long)v;
}
static inline uint64_t a_ptr(const struct task *t, uint64_t v)
{
	return t->abi->ptr_size == 4 ? (uint32_t)v : v;
}

/* Host iovecs for the guest range [addr, addr+len): the mapped, accessible
 * prefix of it, split at region boundaries.  Returns the count of iovecs,
 * 0 for len 0, or -EFAULT if not even the first byte is accessible. */
int guest_iov(struct task *t, uint64_t addr, uint64_t len, int prot,
	      struct iovec *iov, int max);
/* The guest's iovec array (struct iovec of the ABI) as host iovecs. */
int guest_iovec_array(struct task *t, uint64_t uiov, uint64_t cnt, int prot,
		      struct iovec *iov, int max);
/* Translate open(2) flags between guest and host. */
int open_flags_to_host(const struct abi *a, uint64_t f);
uint64_t open_flags_to_guest(const struct abi *a, int f);
/* Copy a path from the guest, with /proc/self/exe mapped to the image. */
long get_path(struct task *t, uint64_t gaddr, char *buf, size_t len);
#endif
