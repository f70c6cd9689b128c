/* i386: the registers as gdb numbers them: gdb's i386/32bit-core.xml,
 * 32bit-sse.xml and 32bit-linux.xml (i386_validate_tdesc_p and
 * i386_linux_init_abi check the names).  Types: arches/amd64/gdb.c. */
#include <unicorn/unicorn.h>
#include "abi.h"

extern const char ck_x86_gdb_core_types[], ck_x86_gdb_sse_types[];

#define GPR(n, num, ty, id) { n, num, 32, ty, 0, UC_X86_REG_##id }
#define SEG(n, num, id) { n, num, 32, "int32", 0, UC_X86_REG_##id, 1 }
#define ST(i) { "st" #i, 16 + i, 80, "i387_ext", 0, UC_X86_REG_ST##i }
#define FPC(n, num, id) { n, num, 32, "int", "float", id }
#define XMM(i) { "xmm" #i, 32 + i, 128, "vec128", 0, UC_X86_REG_XMM##i }

static const struct gdbreg core[] = {
	GPR("eax", 0, "int32", EAX), GPR("ecx", 1, "int32", ECX),
	GPR("edx", 2, "int32", EDX), GPR("ebx", 3, "int32", EBX),
	GPR("esp", 4, "data_ptr", ESP), GPR("ebp", 5, "data_ptr", EBP),
	GPR("esi", 6, "int32", ESI), GPR("edi", 7, "int32", EDI),
	GPR("eip", 8, "code_ptr", EIP),
	{ "eflags", 9, 32, "i386_eflags", 0, UC_X86_REG_EFLAGS },
	SEG("cs", 10, CS), SEG("ss", 11, SS), SEG("ds", 12, DS),
	SEG("es", 13, ES), SEG("fs", 14, FS), SEG("gs", 15, GS),
	ST(0), ST(1), ST(2), ST(3), ST(4), ST(5), ST(6), ST(7),
	FPC("fctrl", 24, UC_X86_REG_FPCW), FPC("fstat", 25, UC_X86_REG_FPSW),
	FPC("ftag", 26, UC_X86_REG_FPTAG), FPC("fiseg", 27, UC_X86_REG_FCS),
	FPC("fioff", 28, UC_X86_REG_FIP), FPC("foseg", 29, UC_X86_REG_FDS),
	FPC("fooff", 30, UC_X86_REG_FDP), FPC("fop", 31, UC_X86_REG_FOP),
	{ 0 }
};

static const struct gdbreg sse[] = {
	XMM(0), XMM(1), XMM(2), XMM(3), XMM(4), XMM(5), XMM(6), XMM(7),
	{ "mxcsr", 40, 32, "i386_mxcsr", "vector", UC_X86_REG_MXCSR },
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
