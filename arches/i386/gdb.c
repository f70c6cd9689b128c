/* i386: the registers as gdb numbers them: gdb's i386/32bit-core.xml,
 * 32bit-sse.xml and 32bit-linux.xml (i386_validate_tdesc_p and
 * i386_linux_init_abi check the names).  The runs shared with amd64 and
 * the types: arches/x86gdb.h, arches/amd64/gdb.c. */
#include <unicorn/unicorn.h>
#include "abi.h"
#include "arches/x86gdb.h"

#define GPR(n, num, ty, id) { n, num, 32, ty, 0, UC_X86_REG_##id }

static const struct gdbreg core[] = {
	GPR("eax", 0, "int32", EAX), GPR("ecx", 1, "int32", ECX),
	GPR("edx", 2, "int32", EDX), GPR("ebx", 3, "int32", EBX),
	GPR("esp", 4, "data_ptr", ESP), GPR("ebp", 5, "data_ptr", EBP),
	GPR("esi", 6, "int32", ESI), GPR("edi", 7, "int32", EDI),
	GPR("eip", 8, "code_ptr", EIP),
	{ "eflags", 9, 32, "i386_eflags", 0, UC_X86_REG_EFLAGS },
	X86_GDB_SEG_X87(10),
	{ 0 }
};

static const struct gdbreg sse[] = {
	X86_GDB_XMM_LO(32), X86_GDB_MXCSR(40),
	{ 0 }
};

static const struct gdbreg linux_regs[] = {
	{ "orig_eax", 41, 32, "int", 0, 0 },
	{ 0 }
};

static const struct gdbfeature features[] = {
	{ "org.gnu.gdb.i386.core", ck_x86_gdb_core_types, core },
	{ "org.gnu.gdb.i386.sse", ck_x86_gdb_sse_types, sse },
	{ "org.gnu.gdb.i386.linux", 0, linux_regs },
	{ 0 }
};

const struct gdbtarget ck_gdb_i386 = { "i386", features };
