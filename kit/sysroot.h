/* The guest's view of absolute paths: a sysroot directory holding the
 * target's ld.so and libraries, looked in first, as qemu-user's -L does. */
#ifndef CK_SYSROOT_H
#define CK_SYSROOT_H
#include <stddef.h>
#include "abi.h"

/* Choose the sysroot: opt (--sysroot), else $COMPATKIT_SYSROOT, else
 * /usr/<triplet> if that directory exists, else none.  "" or "/" mean none.
 * Returns the chosen directory or NULL. */
const char *sysroot_choose(const struct abi *a, const char *opt);
/* Set (or clear with NULL) the sysroot directly. */
void sysroot_set(const char *dir);
const char *sysroot_get(void);
/* The sysroot the user chose (--sysroot or $COMPATKIT_SYSROOT; "/" for
 * none), or NULL when it was the ABI's default: a guest's execve carries a
 * chosen one to the new image, as a chroot would be kept. */
const char *sysroot_chosen(void);
/* The host path for the guest path `path`: sysroot+path when path is
 * absolute and that exists, else path itself -- but the loader's
 * /etc/ld.so.cache and /etc/ld.so.preload are always sysroot+path (the
 * host's describe host libraries).  The result is `path` or buf. */
const char *sysroot_path(const char *path, char *buf, size_t len);
/* The same, in place: rewrite the guest path in buf (of size len) to its
 * host path.  Returns the new length. */
size_t sysroot_rewrite(char *buf, size_t len);
#endif
