/* amd64: the ABI descriptor(s).  See kit/abi.h for the contract. */
#include <elf.h>
#include <unicorn/unicorn.h>
#include "abi.h"
#include "arches/x86common.h"

extern const struct gdbtarget ck_gdb_amd64;
extern const struct systable ck_systable_amd64;
extern const struct layouts ck_layouts_amd64;
extern const struct scan ck_scan_amd64;

int amd64_cpu_init(struct task *t);
int amd64_setregs(struct task *t, const struct exec_image *img, uint64_t sp);
uint64_t amd64_fetch_args(struct task *t, uint64_t *slots);
void amd64_set_retval(struct task *t, long ret);
uint64_t amd64_get_pc(struct task *t);
void amd64_set_pc(struct task *t, uint64_t pc);
uint64_t amd64_get_sp(struct task *t);
extern const struct sigcode amd64_sigcode;
int amd64_sendsig(struct task *t, const struct sigframe_req *r);
int amd64_sigreturn(struct task *t, int rt);
void amd64_syscall_restart(struct task *t, uint64_t nr, uint64_t arg0);
int amd64_clone_child(struct task *c, struct task *parent, uint64_t sp, int settls, uint64_t tls);

/* Unicorn's exported TCG helper for its x86_64 target (kit/ucquirk.c). */
extern char check_exit_request_x86_64[] __attribute__((weak));

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
	.uc_exit_check = check_exit_request_x86_64,
	.ptr_size = 8,
	.big_endian = 0,
	.platform = "x86_64",
	.stack_top = 0x7ffffffff000ULL,	/* Linux's x86_64 TASK_SIZE_MAX (47-bit) */
	.mmap_base = 0x7ffff7fff000ULL,
	.cpu_init = amd64_cpu_init,
	.setregs = amd64_setregs,
	.fetch_syscall_args = amd64_fetch_args,
	.syscall_regs = { UC_X86_REG_RAX, UC_X86_REG_RDI, UC_X86_REG_RSI, UC_X86_REG_RDX,
			  UC_X86_REG_R10, UC_X86_REG_R8, UC_X86_REG_R9 },	/* entry_64.S */
	.set_syscall_retval = amd64_set_retval,
	.get_pc = amd64_get_pc,
	.set_pc = amd64_set_pc,
	.get_sp = amd64_get_sp,
	.intr_signal = x86_intr_signal,
	.mem_fault_pc = x86_mem_fault_pc,
	.syscall_intno = -1,
	.sigcode = &amd64_sigcode,
	.sendsig = amd64_sendsig,
	.sigreturn = amd64_sigreturn,
	.syscall_restart = amd64_syscall_restart,
	.clone_child = amd64_clone_child,
	.syscall_insn = UC_X86_INS_SYSCALL,
	.scan = &ck_scan_amd64,
	.gdb = &ck_gdb_amd64,
};
