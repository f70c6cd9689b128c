/* amd64: the ABI descriptor(s).  See kit/abi.h for the contract. */
#include <elf.h>
#include <unicorn/unicorn.h>
#include "abi.h"

extern const struct systable ck_systable_amd64;
extern const struct layouts ck_layouts_amd64;

const struct abi ck_abi_amd64 = {
	.name = "amd64",
	.emul = "linux-amd64",
	.arch = "amd64",
	.brand = { .machine = EM_X86_64, .elfclass = ELFCLASS64, .data = ELFDATA2LSB, .elfv = 0,
		   .interp = { "/lib64/ld-linux-x86-64.so.2", 0 } },
	.qemu = "qemu-x86_64-static",
	.triplet = "x86_64-linux-gnu",
	.sys = &ck_systable_amd64,
	.layouts = &ck_layouts_amd64,
	.uc_arch = UC_ARCH_X86, .uc_mode = UC_MODE_64, .uc_cpu_model = -1,
	.ptr_size = 8,
	.big_endian = 0,
};
