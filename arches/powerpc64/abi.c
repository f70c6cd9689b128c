/* powerpc64: the ABI descriptor(s).  See kit/abi.h for the contract. */
#include <elf.h>
#include <unicorn/unicorn.h>
#include "abi.h"

extern const struct systable ck_systable_powerpc64;
extern const struct layouts ck_layouts_powerpc64;

const struct abi ck_abi_powerpc64 = {
	.name = "powerpc64",
	.emul = "linux-powerpc64 (ELFv1)",
	.arch = "powerpc64",
	.brand = { .machine = EM_PPC64, .elfclass = ELFCLASS64, .data = ELFDATA2MSB, .elfv = 1,
		   .interp = { "/lib64/ld64.so.1", 0 } },
	.qemu = "qemu-ppc64-static",
	.triplet = "powerpc64-linux-gnu",
	.sys = &ck_systable_powerpc64,
	.layouts = &ck_layouts_powerpc64,
	.uc_arch = UC_ARCH_PPC, .uc_mode = UC_MODE_PPC64 | UC_MODE_BIG_ENDIAN, .uc_cpu_model = -1,
	.ptr_size = 8,
	.big_endian = 1,
};

const struct abi ck_abi_powerpc64le = {
	.name = "powerpc64le",
	.emul = "linux-powerpc64 (ELFv2)",
	.arch = "powerpc64",
	.brand = { .machine = EM_PPC64, .elfclass = ELFCLASS64, .data = ELFDATA2LSB, .elfv = 2,
		   .interp = { "/lib64/ld64.so.2", 0 } },
	.qemu = "qemu-ppc64le-static",
	.triplet = "powerpc64le-linux-gnu",
	.sys = &ck_systable_powerpc64,
	.layouts = &ck_layouts_powerpc64,
	.uc_arch = UC_ARCH_PPC, .uc_mode = UC_MODE_PPC64 | UC_MODE_BIG_ENDIAN, .uc_cpu_model = -1,
	.ptr_size = 8,
	.big_endian = 0,
};
