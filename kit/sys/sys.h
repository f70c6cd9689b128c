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

/* The kit's own descriptors live at and above ck_kit_fd_min (kit/cmd_run.c
 * keeps them there and lowers the guest's RLIMIT_NOFILE below them).  Every
 * handler that takes an fd checks it with CHECK_FD (dirfds: CHECK_DIRFD,
 * which lets AT_FDCWD through), and every handler that makes one passes
 * the result through guest_newfd. */
extern int ck_kit_fd_min;
static inline int guest_fd_ok(long fd) { return fd >= 0 && fd < ck_kit_fd_min; }
#define CHECK_FD(fd) do { if (!guest_fd_ok(fd)) return -EBADF; } while (0)
#define CHECK_DIRFD(fd) do { if ((fd) != -100 /* AT_FDCWD */ && !guest_fd_ok(fd)) return -EBADF; } while (0)
/* A new host fd (or -errno) for the guest: one that landed in the kit's
 * range (the guest raised its limit) is closed again: -EMFILE. */
long guest_newfd(long r);

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

/* An optional in/out file offset in guest memory, w bytes wide (the ABI's
 * off_t, or 8 for loff_t), as sendfile, copy_file_range and splice take
 * it (kit/sys/fileio.c).  -EFAULT if it cannot be read or written. */
long guest_get_off(struct task *t, uint64_t addr, unsigned w, off_t *off);
long guest_put_off(struct task *t, uint64_t addr, unsigned w, off_t off);
/* The guest's struct sigevent at addr (timer_create, mq_notify) as a host
 * one: value, signo, notify and SIGEV_THREAD_ID's thread id, the rest
 * zero (kit/sys/ptimer.c).  -EFAULT, or -ENOSYS without the layout. */
struct sigevent;
long guest_get_sigevent(struct task *t, uint64_t addr, struct sigevent *hs);
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
