/* amd64: the registers as gdb numbers them.  The features and numbering
 * are gdb's own i386/64bit-core.xml, 64bit-sse.xml, 64bit-linux.xml and
 * 64bit-segments.xml (gdb checks the names: amd64_init_abi,
 * amd64_linux_init_abi); the types are written here in the same terms. */
#include <unicorn/unicorn.h>
#include "abi.h"
#include "arches/x86gdb.h"

/* Type definitions shared with arches/i386/gdb.c (arches/x86gdb.h). */
const char ck_x86_gdb_core_types[] =
	"<flags id=\"i386_eflags\" size=\"4\">"
	"<field name=\"CF\" start=\"0\" end=\"0\"/><field name=\"\" start=\"1\" end=\"1\"/>"
	"<field name=\"PF\" start=\"2\" end=\"2\"/><field name=\"AF\" start=\"4\" end=\"4\"/>"
	"<field name=\"ZF\" start=\"6\" end=\"6\"/><field name=\"SF\" start=\"7\" end=\"7\"/>"
	"<field name=\"TF\" start=\"8\" end=\"8\"/><field name=\"IF\" start=\"9\" end=\"9\"/>"
	"<field name=\"DF\" start=\"10\" end=\"10\"/><field name=\"OF\" start=\"11\" end=\"11\"/>"
	"<field name=\"NT\" start=\"14\" end=\"14\"/><field name=\"RF\" start=\"16\" end=\"16\"/>"
	"<field name=\"VM\" start=\"17\" end=\"17\"/><field name=\"AC\" start=\"18\" end=\"18\"/>"
	"<field name=\"VIF\" start=\"19\" end=\"19\"/><field name=\"VIP\" start=\"20\" end=\"20\"/>"
	"<field name=\"ID\" start=\"21\" end=\"21\"/></flags>\n";
const char ck_x86_gdb_sse_types[] =
	"<vector id=\"v4f\" type=\"ieee_single\" count=\"4\"/>"
	"<vector id=\"v2d\" type=\"ieee_double\" count=\"2\"/>"
	"<vector id=\"v16i8\" type=\"int8\" count=\"16\"/>"
	"<vector id=\"v8i16\" type=\"int16\" count=\"8\"/>"
	"<vector id=\"v4i32\" type=\"int32\" count=\"4\"/>"
	"<vector id=\"v2i64\" type=\"int64\" count=\"2\"/>"
	"<union id=\"vec128\"><field name=\"v4_float\" type=\"v4f\"/>"
	"<field name=\"v2_double\" type=\"v2d\"/><field name=\"v16_int8\" type=\"v16i8\"/>"
	"<field name=\"v8_int16\" type=\"v8i16\"/><field name=\"v4_int32\" type=\"v4i32\"/>"
	"<field name=\"v2_int64\" type=\"v2i64\"/><field name=\"uint128\" type=\"uint128\"/></union>"
	"<flags id=\"i386_mxcsr\" size=\"4\">"
	"<field name=\"IE\" start=\"0\" end=\"0\"/><field name=\"DE\" start=\"1\" end=\"1\"/>"
	"<field name=\"ZE\" start=\"2\" end=\"2\"/><field name=\"OE\" start=\"3\" end=\"3\"/>"
	"<field name=\"UE\" start=\"4\" end=\"4\"/><field name=\"PE\" start=\"5\" end=\"5\"/>"
	"<field name=\"DAZ\" start=\"6\" end=\"6\"/><field name=\"IM\" start=\"7\" end=\"7\"/>"
	"<field name=\"DM\" start=\"8\" end=\"8\"/><field name=\"ZM\" start=\"9\" end=\"9\"/>"
	"<field name=\"OM\" start=\"10\" end=\"10\"/><field name=\"UM\" start=\"11\" end=\"11\"/>"
	"<field name=\"PM\" start=\"12\" end=\"12\"/><field name=\"FZ\" start=\"15\" end=\"15\"/></flags>\n";

#define GPR(n, num, ty, id) { n, num, 64, ty, 0, UC_X86_REG_##id }

static const struct gdbreg core[] = {
	GPR("rax", 0, "int64", RAX), GPR("rbx", 1, "int64", RBX),
	GPR("rcx", 2, "int64", RCX), GPR("rdx", 3, "int64", RDX),
	GPR("rsi", 4, "int64", RSI), GPR("rdi", 5, "int64", RDI),
	GPR("rbp", 6, "data_ptr", RBP), GPR("rsp", 7, "data_ptr", RSP),
	GPR("r8", 8, "int64", R8), GPR("r9", 9, "int64", R9),
	GPR("r10", 10, "int64", R10), GPR("r11", 11, "int64", R11),
	GPR("r12", 12, "int64", R12), GPR("r13", 13, "int64", R13),
	GPR("r14", 14, "int64", R14), GPR("r15", 15, "int64", R15),
	GPR("rip", 16, "code_ptr", RIP),
	{ "eflags", 17, 32, "i386_eflags", 0, UC_X86_REG_EFLAGS },
	X86_GDB_SEG_X87(18),
	{ 0 }
};

static const struct gdbreg sse[] = {
	X86_GDB_XMM_LO(40), X86_GDB_XMM_HI(40), X86_GDB_MXCSR(56),
	{ 0 }
};

/* orig_rax: the engine keeps no such register; gdb only needs it present. */
static const struct gdbreg linux_regs[] = {
	{ "orig_rax", 57, 64, "int", 0, 0 },
	{ 0 }
};

static const struct gdbreg segments[] = {
	{ "fs_base", 58, 64, "int", 0, UC_X86_REG_FS_BASE },
	{ "gs_base", 59, 64, "int", 0, UC_X86_REG_GS_BASE },
	{ 0 }
};

static const struct gdbfeature features[] = {
	{ "org.gnu.gdb.i386.core", ck_x86_gdb_core_types, core },
	{ "org.gnu.gdb.i386.sse", ck_x86_gdb_sse_types, sse },
	{ "org.gnu.gdb.i386.linux", 0, linux_regs },
	{ "org.gnu.gdb.i386.segments", 0, segments },
	{ 0 }
};

const struct gdbtarget ck_gdb_amd64 = { "i386:x86-64", features };
