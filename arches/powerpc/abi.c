/* powerpc: the ABI descriptor(s).  See kit/abi.h for the contract. */
#include <elf.h>
#include <unicorn/unicorn.h>
#include "abi.h"
#include "arches/powerpc/hwcap.h"
#include "arches/powerpc/sockopt.h"

extern const struct gdbtarget ck_gdb_powerpc;
extern const struct systable ck_systable_powerpc;
extern const struct flagmap ck_ppc_open_flags[];
extern const struct layouts ck_layouts_powerpc;
extern const struct scan ck_scan_ppc_be;

extern const struct flagmap ck_ppc_open_flags[], ck_ppc_ioctls[], ck_ppc_mlockall_flags[];
extern const struct valmap ck_ppc_iflag[], ck_ppc_oflag[], ck_ppc_cflag[], ck_ppc_lflag[];
extern const uint8_t ck_ppc_termios_cc[19];

int ppc32_cpu_init(struct task *t);
int ppc32_setregs(struct task *t, const struct exec_image *img, uint64_t sp);
int ppc32_auxv(struct task *t, uint64_t (*pairs)[2], int max);
uint64_t ppc_fetch_args(struct task *t, uint64_t *slots);
void ppc_set_retval(struct task *t, long ret);
uint64_t ppc_get_pc(struct task *t);
void ppc_set_pc(struct task *t, uint64_t pc);
uint64_t ppc_get_sp(struct task *t);
int ppc_intr_signal(struct task *t, uint32_t intno, int *code, uint64_t *addr);
extern const struct sigcode ppc32_sigcode;
int ppc32_sendsig(struct task *t, const struct sigframe_req *r);
int ppc32_sigreturn(struct task *t, int rt);
void ppc_mem_fault_pc(struct task *t, uint64_t addr);
void ppc_syscall_restart(struct task *t, uint64_t nr, uint64_t arg0);
int ppc_clone_child(struct task *c, struct task *parent, uint64_t sp, int settls, uint64_t tls);

/* Unicorn's exported TCG helper for its ppc target (kit/ucquirk.c). */
extern char check_exit_request_ppc[] __attribute__((weak));

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
	.open_flags = ck_ppc_open_flags,
	.ioctl_cmds = ck_ppc_ioctls,
	.mlockall_flags = ck_ppc_mlockall_flags,
	.termios_flags = { ck_ppc_iflag, ck_ppc_oflag,
			   ck_ppc_cflag, ck_ppc_lflag },
	.termios_cc = ck_ppc_termios_cc, .termios_ncc = 19,
	.uc_arch = UC_ARCH_PPC, .uc_mode = UC_MODE_PPC32 | UC_MODE_BIG_ENDIAN, .uc_cpu_model = -1,
	.uc_exit_check = check_exit_request_ppc,
	.ptr_size = 4,
	.big_endian = 1,
	/* Unicorn's default 32-bit CPU, a 7457A (G4); see arches/powerpc64/NOTES.md */
	.platform = "ppc7450",
	.hwcap = CK_PPC32_HWCAP,
	.hwcap2 = CK_PPC32_HWCAP2,
	.sockopts = ck_ppc_sockopts,
	/* A 32-bit kernel's TASK_SIZE (CONFIG_TASK_SIZE default 0xc0000000);
	 * mmaps go top-down from 128 MiB below, like mmap_base()'s minimum gap. */
	.stack_top = 0xc0000000ULL,
	.mmap_base = 0xb8000000ULL,
	.auxv_extra = ppc32_auxv,
	.cpu_init = ppc32_cpu_init,
	.setregs = ppc32_setregs,
	.fetch_syscall_args = ppc_fetch_args,
	.syscall_regs = { UC_PPC_REG_0, UC_PPC_REG_3, UC_PPC_REG_4, UC_PPC_REG_5,
			  UC_PPC_REG_6, UC_PPC_REG_7, UC_PPC_REG_8 },	/* r0; r3..r8 */
	.set_syscall_retval = ppc_set_retval,
	.get_pc = ppc_get_pc,
	.set_pc = ppc_set_pc,
	.get_sp = ppc_get_sp,
	.intr_signal = ppc_intr_signal,
	.syscall_intno = 8,	/* `sc`: QEMU's POWERPC_EXCP_SYSCALL, PC past the sc */
	.scan = &ck_scan_ppc_be,
	.sigcode = &ppc32_sigcode,
	.sendsig = ppc32_sendsig,
	.mem_fault_pc = ppc_mem_fault_pc,
	.sigreturn = ppc32_sigreturn,
	.syscall_restart = ppc_syscall_restart,
	.clone_child = ppc_clone_child,
	.gdb = &ck_gdb_powerpc,
};
