/* powerpc (32-bit): the registers as gdb numbers them: gdb's
 * rs6000/power-core.xml and power-fpu.xml.  The core list is shared with
 * powerpc64 (arches/ppcgdb.h); the FPU feature is the same on both and
 * lives here. */
#include <unicorn/unicorn.h>
#include "abi.h"
#include "arches/ppcgdb.h"

#define F(i) { "f" #i, 32 + i, 64, "ieee_double", 0, UC_PPC_REG_FPR##i }

static const struct gdbreg core[] = { PPC_GDB_CORE(32) };

const struct gdbreg ck_ppc_gdb_fpu[] = {
	F(0), F(1), F(2), F(3), F(4), F(5), F(6), F(7),
	F(8), F(9), F(10), F(11), F(12), F(13), F(14), F(15),
	F(16), F(17), F(18), F(19), F(20), F(21), F(22), F(23),
	F(24), F(25), F(26), F(27), F(28), F(29), F(30), F(31),
	{ "fpscr", 70, 32, "int", "float", UC_PPC_REG_FPSCR },
	{ 0 }
};

static const struct gdbfeature features[] = PPC_GDB_FEATURES(core);

const struct gdbtarget ck_gdb_powerpc = { "powerpc:common", features };
