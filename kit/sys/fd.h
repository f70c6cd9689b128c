/* Guest descriptor checks shared by the file handlers: the kit's own
 * descriptors (>= ck_kit_fd_min) are never the guest's.  The checks
 * themselves live in sys.h (CHECK_FD, CHECK_DIRFD, guest_newfd). */
#ifndef CK_SYS_FD_H
#define CK_SYS_FD_H
#include <fcntl.h>
#include <stdint.h>
#include "sys.h"

#ifndef ATCWD
#define ATCWD ((uint64_t)(uint32_t)AT_FDCWD)
#endif
#endif
