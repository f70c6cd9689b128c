/* powerpc64: the ABI descriptor(s).  See kit/abi.h for the contract. */
#include <elf.h>
#include <unicorn/unicorn.h>
#include "abi.h"
#include "arches/powerpc/hwcap.h"
#include "arches/powerpc/sockopt.h"

extern const struct gdbtarget ck_gdb_powerpc64;
extern const struct systable ck_systable_powerpc64;
extern const struct flagmap ck_ppc_open_flags[];
extern const struct layouts ck_layouts_powerpc64;
extern const struct scan ck_scan_ppc64_be, ck_scan_ppc64_le;

extern const struct flagmap ck_ppc_open_flags[], ck_ppc_ioctls[], ck_ppc_mlockall_flags[];
extern const struct valmap ck_ppc_iflag[], ck_ppc_oflag[], ck_ppc_cflag[], ck_ppc_lflag[];
extern const uint8_t ck_ppc_termios_cc[19];

int ppc64_cpu_init(struct task *t);
int ppc64_setregs(struct task *t, const struct exec_image *img, uint64_t sp);
int ppc64_auxv(struct task *t, uint64_t (*pairs)[2], int max);
uint64_t ppc_fetch_args(struct task *t, uint64_t *slots);
void ppc_set_retval(struct task *t, long ret);
uint64_t ppc_get_pc(struct task *t);
void ppc_set_pc(struct task *t, uint64_t pc);
uint64_t ppc_get_sp(struct task *t);
int ppc_intr_signal(struct task *t, uint32_t intno, int *code, uint64_t *addr);
extern const struct sigcode ppc64_sigcode, ppc64le_sigcode;
int ppc64_sendsig(struct task *t, const struct sigframe_req *r);
int ppc64_sigreturn(struct task *t, int rt);
void ppc_mem_fault_pc(struct task *t, uint64_t addr);
void ppc_syscall_restart(struct task *t, uint64_t nr, uint64_t arg0);
int ppc_clone_child(struct task *c, struct task *parent, uint64_t sp, int settls, uint64_t tls);

/* Both ABIs run on Unicorn's only usable 64-bit CPU, the default POWER10
 * model (uc_ctl_set_cpu_model cannot select a 64-bit one in 2.1.1), and
 * advertise the ISA 3.0 subset it executes: NOTES.md. */
#define PPC64_COMMON \
	.platform = "power9", \
	.open_flags = ck_ppc_open_flags, \
	.ioctl_cmds = ck_ppc_ioctls, \
	.mlockall_flags = ck_ppc_mlockall_flags, \
	.termios_flags = { ck_ppc_iflag, ck_ppc_oflag, \
			   ck_ppc_cflag, ck_ppc_lflag }, \
	.termios_cc = ck_ppc_termios_cc, .termios_ncc = 19, \
	.hwcap = CK_PPC64_HWCAP, \
	.hwcap2 = CK_PPC64_HWCAP2, \
	.sockopts = ck_ppc_sockopts, \
	/* Linux's 64-bit STACK_TOP: DEFAULT_MAP_WINDOW_USER64, 128 TiB */ \
	.stack_top = 0x800000000000ULL, \
	.mmap_base = 0x7ffff8000000ULL, \
	.auxv_extra = ppc64_auxv, \
	.cpu_init = ppc64_cpu_init, \
	.setregs = ppc64_setregs, \
	.fetch_syscall_args = ppc_fetch_args, \
	.syscall_regs = { UC_PPC_REG_0, UC_PPC_REG_3, UC_PPC_REG_4, UC_PPC_REG_5, \
			  UC_PPC_REG_6, UC_PPC_REG_7, UC_PPC_REG_8 },	/* r0; r3..r8 */ \
	.set_syscall_retval = ppc_set_retval, \
	.get_pc = ppc_get_pc, \
	.set_pc = ppc_set_pc, \
	.get_sp = ppc_get_sp, \
	.intr_signal = ppc_intr_signal, \
	.minsigstksz = 8192,	/* asm/signal.h, __powerpc64__ */ \
	.sendsig = ppc64_sendsig, \
	.mem_fault_pc = ppc_mem_fault_pc, \
	.sigreturn = ppc64_sigreturn, \
	.syscall_restart = ppc_syscall_restart, \
	.clone_child = ppc_clone_child, \
	.syscall_intno = 8	/* `sc`: QEMU's POWERPC_EXCP_SYSCALL, PC past the sc */

/* Unicorn's exported TCG helper for its ppc64 target (kit/ucquirk.c). */
extern char check_exit_request_ppc64[] __attribute__((weak));

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
	.uc_exit_check = check_exit_request_ppc64,
	.ptr_size = 8,
	.big_endian = 1,
	.scan = &ck_scan_ppc64_be,
	.sigcode = &ppc64_sigcode,
	PPC64_COMMON,
	.gdb = &ck_gdb_powerpc64,
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
	.uc_exit_check = check_exit_request_ppc64,
	.ptr_size = 8,
	.big_endian = 0,	/* engine opened big-endian; cpu_init sets MSR[LE] */
	.scan = &ck_scan_ppc64_le,
	.sigcode = &ppc64le_sigcode,
	PPC64_COMMON,
	.gdb = &ck_gdb_powerpc64,
};
