/* The exec switch: which emulation runs an image, if any (binfmt's job). */
#ifndef CK_EXECSW_H
#define CK_EXECSW_H
#include <stddef.h>
#include "abi.h"

/* The ABI that runs the image open on fd, or NULL when no emulation claims
 * it (the host should run it, as binfmt would); why says which and why. */
const struct abi *exec_switch(int fd, char *why, size_t len);
#endif
