/* Guest <-> host translation of numbers Linux defines per arch: ioctl
 * command numbers, termios flag fields and c_cc indices.  The tables are
 * data in the arch's descriptor (kit/abi.h); tests/flags/ checks them
 * against every cross toolchain's headers. */
#ifndef CK_XLATE_H
#define CK_XLATE_H
#include <stdint.h>
#include "abi.h"

enum { TF_IFLAG, TF_OFLAG, TF_CFLAG, TF_LFLAG };

uint32_t valmap_to_host(const struct valmap *m, uint32_t g);
uint32_t valmap_to_guest(const struct valmap *m, uint32_t h);
/* The host command for a guest ioctl number (itself if not in the map,
 * IOCTL_NONE if the number means nothing on the guest's arch). */
#define IOCTL_NONE 0xffffffffu
uint32_t ioctl_cmd_to_host(const struct abi *a, uint32_t cmd);
uint32_t ioctl_cmd_to_guest(const struct abi *a, uint32_t cmd);
/* A flag word through a {guest, host} map (e.g. .mlockall_flags): mapped
 * bits change, other bits pass unchanged; -1 if the word has a bit that
 * the map gives only the other side (ppc's MCL_CURRENT is 0x2000, so a
 * ppc guest's 0x1 is no flag at all).  NULL map: the word itself. */
int64_t flagmap_to_host(const struct flagmap *m, uint32_t g);
int64_t flagmap_to_guest(const struct flagmap *m, uint32_t h);
/* Host c_cc index of a guest index, or -1. */
int termios_cc_to_host(const struct abi *a, unsigned gi);
/* fcntl64's struct flock64 commands on 32-bit ABIs (asm-generic/fcntl.h,
 * used by every ABI here; checked by tests/flags/). */
#define CK_F_GETLK64	12
#define CK_F_SETLK64	13
#define CK_F_SETLKW64	14
#endif
