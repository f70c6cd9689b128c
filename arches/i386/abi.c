/* i386: the ABI descriptor(s).  See kit/abi.h for the contract. */
#include <elf.h>
#include <unicorn/unicorn.h>
#include "abi.h"

extern const struct systable ck_systable_i386;
extern const struct layouts ck_layouts_i386;

const struct abi ck_abi_i386 = {
	.name = "i386",
	.emul = "linux-i386",
	.arch = "i386",
	.brand = { .machine = EM_386, .elfclass = ELFCLASS32, .data = ELFDATA2LSB, .elfv = 0,
		   .interp = { "/lib/ld-linux.so.2", 0 } },
	.qemu = "qemu-i386-static",
	.triplet = "i686-linux-gnu",
	.sys = &ck_systable_i386,
	.layouts = &ck_layouts_i386,
	.uc_arch = UC_ARCH_X86, .uc_mode = UC_MODE_32, .uc_cpu_model = -1,
	.ptr_size = 4,
	.big_endian = 0,
};
