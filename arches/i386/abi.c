/* i386: the ABI descriptor(s).  See kit/abi.h for the contract. */
#include <elf.h>
#include <unicorn/unicorn.h>
#include "abi.h"
#include "arches/x86common.h"

extern const struct gdbtarget ck_gdb_i386;
extern const struct systable ck_systable_i386;
extern const struct layouts ck_layouts_i386;
extern const struct scan ck_scan_i386;

int i386_cpu_init(struct task *t);
int i386_setregs(struct task *t, const struct exec_image *img, uint64_t sp);
uint64_t i386_fetch_args(struct task *t, uint64_t *slots);
void i386_set_retval(struct task *t, long ret);
uint64_t i386_get_pc(struct task *t);
void i386_set_pc(struct task *t, uint64_t pc);
uint64_t i386_get_sp(struct task *t);
extern const struct sigcode i386_sigcode;
int i386_sendsig(struct task *t, const struct sigframe_req *r);
int i386_sigreturn(struct task *t, int rt);
void i386_syscall_restart(struct task *t, uint64_t nr, uint64_t arg0);
int i386_clone_child(struct task *c, struct task *parent, uint64_t sp, int settls, uint64_t tls);

/* Unicorn's exported TCG helper of its x86 target, the 64-bit one that
 * runs i386 too (kit/ucquirk.c). */
extern char check_exit_request_x86_64[] __attribute__((weak));

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
	.uc_exit_check = check_exit_request_x86_64,
	.ptr_size = 4,
	.big_endian = 0,
	.platform = "i686",
	.stack_top = 0xff000000ULL,
	.mmap_base = 0xf7000000ULL,
	.cpu_init = i386_cpu_init,
	.setregs = i386_setregs,
	.fetch_syscall_args = i386_fetch_args,
	.syscall_regs = { UC_X86_REG_EAX, UC_X86_REG_EBX, UC_X86_REG_ECX, UC_X86_REG_EDX,
			  UC_X86_REG_ESI, UC_X86_REG_EDI, UC_X86_REG_EBP },	/* entry_32.S */
	.set_syscall_retval = i386_set_retval,
	.get_pc = i386_get_pc,
	.set_pc = i386_set_pc,
	.get_sp = i386_get_sp,
	.intr_signal = x86_intr_signal,
	.mem_fault_pc = x86_mem_fault_pc,
	.syscall_intno = 0x80,
	.scan = &ck_scan_i386,
	.sigcode = &i386_sigcode,
	.sendsig = i386_sendsig,
	.sigreturn = i386_sigreturn,
	.syscall_restart = i386_syscall_restart,
	.clone_child = i386_clone_child,
	.gdb = &ck_gdb_i386,
};
