/* Code shared by the x86 ABIs: CPU feature probe and exception mapping.
 * (Lives in arches/amd64; arches/i386 uses it through arches/x86common.h.) */
#include <signal.h>
#include <unicorn/unicorn.h>
#include "arches/x86common.h"
#include "vm.h"

/* AT_HWCAP on x86 is CPUID.1:EDX (arch/x86/include/asm/elf.h ELF_HWCAP).
 * Ask the engine's own CPU, so we advertise only what it really has. */
int x86_probe_hwcap(struct task *t)
{
	static const uint8_t cpuid[] = { 0x0f, 0xa2 };
	uint64_t page = vm_find_free(t->vm, VM_PAGE, t->vm->limit);
	if (!page || vm_map(t->vm, page, VM_PAGE, VM_R | VM_W | VM_X, VMF_FIXED, -1, 0) < 0)
		return -1;
	copyout(t, cpuid, page, sizeof cpuid);
	uint64_t one = 1, zero = 0, edx = 0;
	uc_reg_write(t->uc, UC_X86_REG_EAX, &one);
	uc_reg_write(t->uc, UC_X86_REG_ECX, &zero);
	/* Stop at the end address, not with an instruction count: a count
	 * makes Unicorn install a counting hook, and the next uc_emu_start
	 * without one removes it and flushes the whole translation cache,
	 * which clears (and so commits) its 1 GiB code buffer. */
	uc_err e = uc_emu_start(t->uc, page, page + sizeof cpuid, 0, 0);
	uc_reg_read(t->uc, UC_X86_REG_EDX, &edx);
	vm_unmap(t->vm, page, VM_PAGE);
	if (e != UC_ERR_OK)
		return -1;
	t->hwcap = (uint32_t)edx;
	return 0;
}

/* Exception vectors to signals, as arch/x86/kernel/traps.c does. */
int x86_intr_signal(struct task *t, uint32_t intno, int *code, uint64_t *addr)
{
	switch (intno) {
	case 0:	 *code = 1; return SIGFPE;	/* #DE: FPE_INTDIV */
	case 1:  *code = 2; return SIGTRAP;	/* #DB: TRAP_TRACE */
	case 3:  *code = 0x80; *addr = 0; return SIGTRAP;	/* int3: SI_KERNEL */
	case 4:  *code = 0x80; *addr = 0; return SIGSEGV;	/* #OF */
	case 5:  *code = 0x80; *addr = 0; return SIGSEGV;	/* #BR */
	case 6:  *code = 2; return SIGILL;	/* #UD: ILL_ILLOPN */
	case 13: *code = 0x80; *addr = 0; return SIGSEGV;	/* #GP: SI_KERNEL */
	case 14: *code = 1; return SIGSEGV;	/* #PF */
	case 16: *code = 0; return SIGFPE;	/* #MF */
	case 17: *code = 2; return SIGBUS;	/* #AC: BUS_ADRERR */
	case 19: *code = 0; return SIGFPE;	/* #XM */
	default: *code = 0x80; *addr = 0; return SIGSEGV;	/* int $n: #GP, SI_KERNEL */
	}
}
