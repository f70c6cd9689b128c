/* powerpc64 (both ELFv1 BE and ELFv2 LE): gdb's rs6000/power64-core.xml
 * and power-fpu.xml, the lists of arches/ppcgdb.h at 64 bits.  The byte
 * order is not part of the description: gdb takes it from the binary, and
 * the stub sends registers in the guest's. */
#include <unicorn/unicorn.h>
#include "abi.h"
#include "arches/ppcgdb.h"

static const struct gdbreg core[] = { PPC_GDB_CORE(64) };

static const struct gdbfeature features[] = PPC_GDB_FEATURES(core);

const struct gdbtarget ck_gdb_powerpc64 = { "powerpc:common64", features };
