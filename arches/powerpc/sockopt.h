/* powerpc's asm/socket.h (the same file for ppc32 and ppc64) defines six
 * SOL_SOCKET options before including asm-generic/socket.h, so these take
 * different numbers from every other ABI here (and from the x86_64 host).
 * {guest, host}; tests/events/consts checks both columns against each
 * cross toolchain's headers. */
#ifndef CK_PPC_SOCKOPT_H
#define CK_PPC_SOCKOPT_H
#include "abi.h"

static const struct flagmap ck_ppc_sockopts[] = {
	{ 16, 18 },	/* SO_RCVLOWAT */
	{ 17, 19 },	/* SO_SNDLOWAT */
	{ 18, 20 },	/* SO_RCVTIMEO_OLD */
	{ 19, 21 },	/* SO_SNDTIMEO_OLD */
	{ 20, 16 },	/* SO_PASSCRED */
	{ 21, 17 },	/* SO_PEERCRED */
	{ 0, 0 },
};
#endif
