/*
 * open(2) flag bits whose PowerPC value differs from the host's (x86_64).
 * PowerPC's asm/fcntl.h (/usr/powerpc*-linux-gnu/include/asm/fcntl.h) moves
 * four bits; every other bit is asm-generic/fcntl.h's, as on x86.  Shared by
 * the 32- and 64-bit descriptors.  Checked against both headers by
 * tests/unit/test_openflags.c.
 */
#include "abi.h"

const struct flagmap ck_ppc_open_flags[] = {
	{ 040000, 0200000 },	/* O_DIRECTORY (x86: 0200000) */
	{ 0100000, 0400000 },	/* O_NOFOLLOW  (x86: 0400000) */
	{ 0200000, 0100000 },	/* O_LARGEFILE (x86: 0100000) */
	{ 0400000, 040000 },	/* O_DIRECT    (x86: 040000) */
	{ 0, 0 },
};
