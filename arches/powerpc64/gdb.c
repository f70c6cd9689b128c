/* powerpc64 (both ELFv1 BE and ELFv2 LE): gdb's rs6000/power64-core.xml
 * and power-fpu.xml.  The byte order is not part of the description: gdb
 * takes it from the binary, and the stub sends registers in the guest's. */
#include <unicorn/unicorn.h>
#include "abi.h"

extern const struct gdbreg ck_ppc_gdb_fpu[];

#define R(i) { "r" #i, i, 64, "uint64", 0, UC_PPC_REG_##i }

static const struct gdbreg core[] = {
	R(0), R(1), R(2), R(3), R(4), R(5), R(6), R(7),
	R(8), R(9), R(10), R(11), R(12), R(13), R(14), R(15),
	R(16), R(17), R(18), R(19), R(20), R(21), R(22), R(23),
	R(24), R(25), R(26), R(27), R(28), R(29), R(30), R(31),
	{ "pc", 64, 64, "code_ptr", 0, UC_PPC_REG_PC },
	{ "msr", 65, 64, "uint64", 0, UC_PPC_REG_MSR },
	{ "cr", 66, 32, "uint32", 0, UC_PPC_REG_CR },
	{ "lr", 67, 64, "code_ptr", 0, UC_PPC_REG_LR },
	{ "ctr", 68, 64, "uint64", 0, UC_PPC_REG_CTR },
	{ "xer", 69, 32, "uint32", 0, UC_PPC_REG_XER },
	{ 0 }
};

static const struct gdbfeature features[] = {
	{ "org.gnu.gdb.power.core", 0, core },
	{ "org.gnu.gdb.power.fpu", 0, ck_ppc_gdb_fpu },
	{ 0 }
};

const struct gdbtarget ck_gdb_powerpc64 = { "powerpc:common64", features };
