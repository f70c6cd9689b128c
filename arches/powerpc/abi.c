/* powerpc: the ABI descriptor(s).  See kit/abi.h for the contract. */
#include <elf.h>
#include <unicorn/unicorn.h>
#include "abi.h"

extern const struct systable ck_systable_powerpc;
extern const struct layouts ck_layouts_powerpc;

const struct abi ck_abi_powerpc = {
	.name = "powerpc",
	.emul = "linux-powerpc",
	.arch = "powerpc",
	.brand = { .machine = EM_PPC, .elfclass = ELFCLASS32, .data = ELFDATA2MSB, .elfv = 0,
		   .interp = { "/lib/ld.so.1", 0 } },
	.qemu = "qemu-ppc-static",
	.triplet = "powerpc-linux-gnu",
	.sys = &ck_systable_powerpc,
	.layouts = &ck_layouts_powerpc,
	.uc_arch = UC_ARCH_PPC, .uc_mode = UC_MODE_PPC32 | UC_MODE_BIG_ENDIAN, .uc_cpu_model = -1,
	.ptr_size = 4,
	.big_endian = 1,
};
