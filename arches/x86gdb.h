/* The x86 register runs gdb numbers alike on i386 and amd64 (gdb's
 * i386/32bit-core.xml and 64bit-core.xml differ in the general registers
 * only; 32bit-sse.xml and 64bit-sse.xml in how many XMM registers).
 * Included by arches/amd64/gdb.c and arches/i386/gdb.c: each lists its own
 * general registers and puts these runs after them at its own numbers.
 * The feature types are arches/amd64/gdb.c's ck_x86_gdb_*_types. */
#ifndef CK_ARCHES_X86GDB_H
#define CK_ARCHES_X86GDB_H

#include <unicorn/unicorn.h>
#include "abi.h"

extern const char ck_x86_gdb_core_types[], ck_x86_gdb_sse_types[];

#define X86_SEG(n, num, id) { n, num, 32, "int32", 0, UC_X86_REG_##id, 1 }
#define X86_ST(b, i) { "st" #i, (b) + i, 80, "i387_ext", 0, UC_X86_REG_ST##i }
#define X86_FPC(n, num, id) { n, num, 32, "int", "float", UC_X86_REG_##id }
#define X86_XMM(b, i) { "xmm" #i, (b) + i, 128, "vec128", 0, UC_X86_REG_XMM##i }

/* The end of the core feature: segment selectors from number b, then the
 * x87 stack and its control registers. */
#define X86_GDB_SEG_X87(b) \
	X86_SEG("cs", (b), CS), X86_SEG("ss", (b) + 1, SS), X86_SEG("ds", (b) + 2, DS), \
	X86_SEG("es", (b) + 3, ES), X86_SEG("fs", (b) + 4, FS), X86_SEG("gs", (b) + 5, GS), \
	X86_ST((b) + 6, 0), X86_ST((b) + 6, 1), X86_ST((b) + 6, 2), X86_ST((b) + 6, 3), \
	X86_ST((b) + 6, 4), X86_ST((b) + 6, 5), X86_ST((b) + 6, 6), X86_ST((b) + 6, 7), \
	X86_FPC("fctrl", (b) + 14, FPCW), X86_FPC("fstat", (b) + 15, FPSW), \
	X86_FPC("ftag", (b) + 16, FPTAG), X86_FPC("fiseg", (b) + 17, FCS), \
	X86_FPC("fioff", (b) + 18, FIP), X86_FPC("foseg", (b) + 19, FDS), \
	X86_FPC("fooff", (b) + 20, FDP), X86_FPC("fop", (b) + 21, FOP)

/* xmm0..7 from number b (both), xmm8..15 after them (amd64). */
#define X86_GDB_XMM_LO(b) \
	X86_XMM(b, 0), X86_XMM(b, 1), X86_XMM(b, 2), X86_XMM(b, 3), \
	X86_XMM(b, 4), X86_XMM(b, 5), X86_XMM(b, 6), X86_XMM(b, 7)
#define X86_GDB_XMM_HI(b) \
	X86_XMM(b, 8), X86_XMM(b, 9), X86_XMM(b, 10), X86_XMM(b, 11), \
	X86_XMM(b, 12), X86_XMM(b, 13), X86_XMM(b, 14), X86_XMM(b, 15)
#define X86_GDB_MXCSR(num) { "mxcsr", num, 32, "i386_mxcsr", "vector", UC_X86_REG_MXCSR }

#endif
