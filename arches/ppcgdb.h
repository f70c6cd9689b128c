/* The PowerPC core registers as gdb numbers them: rs6000/power-core.xml
 * (32-bit) and power64-core.xml are the same list, with the general
 * registers, PC, MSR, LR and CTR one word wide (rs6000_gdbarch_init
 * checks the names; r0's size tells it the word size); CR and XER are 32
 * bits on both.  Included by arches/powerpc/gdb.c (W 32) and
 * arches/powerpc64/gdb.c (W 64); the FPU feature is ck_ppc_gdb_fpu. */
#ifndef CK_ARCHES_PPCGDB_H
#define CK_ARCHES_PPCGDB_H

#include <unicorn/unicorn.h>
#include "abi.h"

extern const struct gdbreg ck_ppc_gdb_fpu[];

#define PPC_R(W, i) { "r" #i, i, W, "uint" #W, 0, UC_PPC_REG_##i }

/* The whole core feature of a W-bit CPU (W: 32 or 64, a literal). */
#define PPC_GDB_CORE(W) \
	PPC_R(W, 0), PPC_R(W, 1), PPC_R(W, 2), PPC_R(W, 3), PPC_R(W, 4), PPC_R(W, 5), \
	PPC_R(W, 6), PPC_R(W, 7), PPC_R(W, 8), PPC_R(W, 9), PPC_R(W, 10), PPC_R(W, 11), \
	PPC_R(W, 12), PPC_R(W, 13), PPC_R(W, 14), PPC_R(W, 15), PPC_R(W, 16), PPC_R(W, 17), \
	PPC_R(W, 18), PPC_R(W, 19), PPC_R(W, 20), PPC_R(W, 21), PPC_R(W, 22), PPC_R(W, 23), \
	PPC_R(W, 24), PPC_R(W, 25), PPC_R(W, 26), PPC_R(W, 27), PPC_R(W, 28), PPC_R(W, 29), \
	PPC_R(W, 30), PPC_R(W, 31), \
	{ "pc", 64, W, "code_ptr", 0, UC_PPC_REG_PC }, \
	{ "msr", 65, W, "uint" #W, 0, UC_PPC_REG_MSR }, \
	{ "cr", 66, 32, "uint32", 0, UC_PPC_REG_CR }, \
	{ "lr", 67, W, "code_ptr", 0, UC_PPC_REG_LR }, \
	{ "ctr", 68, W, "uint" #W, 0, UC_PPC_REG_CTR }, \
	{ "xer", 69, 32, "uint32", 0, UC_PPC_REG_XER }, \
	{ 0 }

/* The features of both: core and FPU. */
#define PPC_GDB_FEATURES(core) { \
	{ "org.gnu.gdb.power.core", 0, core }, \
	{ "org.gnu.gdb.power.fpu", 0, ck_ppc_gdb_fpu }, \
	{ 0 } }

#endif
