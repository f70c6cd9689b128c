/* powerpc (32-bit): the registers as gdb numbers them: gdb's
 * rs6000/power-core.xml and power-fpu.xml (rs6000_gdbarch_init checks the
 * names; r0's size tells it the word size).  The same layout with 64-bit
 * GPRs, PC, MSR, LR and CTR is power64-core.xml: arches/powerpc64/gdb.c. */
#include <unicorn/unicorn.h>
#include "abi.h"

#define R(i) { "r" #i, i, 32, "uint32", 0, UC_PPC_REG_##i }
#define F(i) { "f" #i, 32 + i, 64, "ieee_double", 0, UC_PPC_REG_FPR##i }

static const struct gdbreg core[] = {
	R(0), R(1), R(2), R(3), R(4), R(5), R(6), R(7),
	R(8), R(9), R(10), R(11), R(12), R(13), R(14), R(15),
	R(16), R(17), R(18), R(19), R(20), R(21), R(22), R(23),
	R(24), R(25), R(26), R(27), R(28), R(29), R(30), R(31),
	{ "pc", 64, 32, "code_ptr", 0, UC_PPC_REG_PC },
	{ "msr", 65, 32, "uint32", 0, UC_PPC_REG_MSR },
	{ "cr", 66, 32, "uint32", 0, UC_PPC_REG_CR },
	{ "lr", 67, 32, "code_ptr", 0, UC_PPC_REG_LR },
	{ "ctr", 68, 32, "uint32", 0, UC_PPC_REG_CTR },
	{ "xer", 69, 32, "uint32", 0, UC_PPC_REG_XER },
	{ 0 }
};

/* Shared with powerpc64: the FPU feature is the same on both. */
const struct gdbreg ck_ppc_gdb_fpu[] = {
	F(0), F(1), F(2), F(3), F(4), F(5), F(6), F(7),
	F(8), F(9), F(10), F(11), F(12), F(13), F(14), F(15),
	F(16), F(17), F(18), F(19), F(20), F(21), F(22), F(23),
	F(24), F(25), F(26), F(27), F(28), F(29), F(30), F(31),
	{ "fpscr", 70, 32, "int", "float", UC_PPC_REG_FPSCR },
	{ 0 }
};

static const struct gdbfeature features[] = {
	{ "org.gnu.gdb.power.core", 0, core },
	{ "org.gnu.gdb.power.fpu", 0, ck_ppc_gdb_fpu },
	{ 0 }
};

const struct gdbtarget ck_gdb_powerpc = { "powerpc:common", features };
