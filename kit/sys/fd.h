/* Guest descriptor checks shared by the file handlers: the kit's own
 * descriptors (>= ck_kit_fd_min) are never the guest's. */
#ifndef CK_SYS_FD_H
#define CK_SYS_FD_H
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>

extern int ck_kit_fd_min;
static inline int guest_fd_ok(long fd)
{
	return fd >= 0 && fd < ck_kit_fd_min;
}
#define CHECK_FD(fd) do { if (!guest_fd_ok(fd)) return -EBADF; } while (0)
/* A dirfd argument: AT_FDCWD (-100 on every ABI) or a guest descriptor. */
#define CHECK_DIRFD(fd) do { if ((fd) != AT_FDCWD) CHECK_FD(fd); } while (0)
#define ATCWD ((uint64_t)(uint32_t)AT_FDCWD)
#endif
