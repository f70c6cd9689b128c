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
	/* Linux runs user code with CR4.OSFXSR and OSXMMEXCPT set
	 * (arch/x86/kernel/fpu/init.c fpu__init_cpu_generic).  Without
	 * OSFXSR the engine's fxsave/fxrstor skip the XMM registers, and
	 * ld.so's lazy-binding trampoline (_dl_runtime_resolve_fxsave) would
	 * lose the caller's floating-point arguments. */
	uint64_t cr4 = 0;
	uc_reg_read(t->uc, UC_X86_REG_CR4, &cr4);
	cr4 |= (1u << 9) | (1u << 10);	/* X86_CR4_OSFXSR | X86_CR4_OSXMMEXCPT */
	uc_reg_write(t->uc, UC_X86_REG_CR4, &cr4);
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

/*
 * mem_fault_pc: after a data access fault Unicorn leaves EIP/RIP at the
 * start of the translation block, with the registers as they were before
 * the faulting instruction.  Decode forward from there (capstone) to the
 * first instruction with a memory operand, or an implicit stack access,
 * whose address computed from those registers covers addr.
 */
#include <capstone/capstone.h>
#include <string.h>

static int uc_gpr(struct task *t, const char *name, uint64_t *v)
{
	static const struct { const char *n; int r; } map[] = {
		{ "rax", UC_X86_REG_RAX }, { "rbx", UC_X86_REG_RBX }, { "rcx", UC_X86_REG_RCX },
		{ "rdx", UC_X86_REG_RDX }, { "rsi", UC_X86_REG_RSI }, { "rdi", UC_X86_REG_RDI },
		{ "rbp", UC_X86_REG_RBP }, { "rsp", UC_X86_REG_RSP }, { "r8", UC_X86_REG_R8 },
		{ "r9", UC_X86_REG_R9 }, { "r10", UC_X86_REG_R10 }, { "r11", UC_X86_REG_R11 },
		{ "r12", UC_X86_REG_R12 }, { "r13", UC_X86_REG_R13 }, { "r14", UC_X86_REG_R14 },
		{ "r15", UC_X86_REG_R15 }, { "eax", UC_X86_REG_EAX }, { "ebx", UC_X86_REG_EBX },
		{ "ecx", UC_X86_REG_ECX }, { "edx", UC_X86_REG_EDX }, { "esi", UC_X86_REG_ESI },
		{ "edi", UC_X86_REG_EDI }, { "ebp", UC_X86_REG_EBP }, { "esp", UC_X86_REG_ESP },
	};
	for (unsigned i = 0; i < sizeof map / sizeof map[0]; i++)
		if (!strcmp(map[i].n, name)) {
			*v = 0;
			uc_reg_read(t->uc, map[i].r, v);
			if (name[0] == 'e')
				*v &= 0xffffffffu;
			return 1;
		}
	return 0;
}

void x86_mem_fault_pc(struct task *t, uint64_t addr)
{
	int is64 = t->abi->ptr_size == 8;
	csh h;
	if (cs_open(CS_ARCH_X86, is64 ? CS_MODE_64 : CS_MODE_32, &h) != CS_ERR_OK)
		return;
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);
	uint64_t pc = t->abi->get_pc(t), sp = t->abi->get_sp(t);
	uint8_t code[512];
	size_t n = 0;
	while (n < sizeof code && copyin(t, pc + n, code + n, 1) == 0)
		n++;
	cs_insn *ins;
	size_t cnt = cs_disasm(h, code, n, pc, 64, &ins);
	for (size_t i = 0; i < cnt; i++) {
		const cs_x86 *x = &ins[i].detail->x86;
		int hit = 0;
		for (int k = 0; k < x->op_count && !hit; k++) {
			const cs_x86_op *op = &x->operands[k];
			if (op->type != X86_OP_MEM || ins[i].id == X86_INS_LEA || ins[i].id == X86_INS_NOP)
				continue;
			uint64_t ea = (uint64_t)op->mem.disp, v;
			if (op->mem.base == X86_REG_RIP || op->mem.base == X86_REG_EIP)
				ea += ins[i].address + ins[i].size;
			else if (op->mem.base != X86_REG_INVALID && uc_gpr(t, cs_reg_name(h, op->mem.base), &v))
				ea += v;
			if (op->mem.index != X86_REG_INVALID && uc_gpr(t, cs_reg_name(h, op->mem.index), &v))
				ea += v * (uint64_t)op->mem.scale;
			if (op->mem.segment == X86_REG_FS || op->mem.segment == X86_REG_GS) {
				uc_reg_read(t->uc, op->mem.segment == X86_REG_FS ? UC_X86_REG_FS_BASE
						: UC_X86_REG_GS_BASE, &v);
				ea += is64 ? v : 0;
			}
			if (!is64)
				ea &= 0xffffffffu;
			hit = addr >= ea && addr < ea + (op->size ? op->size : 16);
		}
		/* push/call write below the stack pointer, pop/ret read at it */
		if (!hit && addr + 64 > sp && addr < sp + 64 &&
		    (ins[i].id == X86_INS_PUSH || ins[i].id == X86_INS_CALL || ins[i].id == X86_INS_POP ||
		     ins[i].id == X86_INS_RET))
			hit = 1;
		if (hit) {
			t->abi->set_pc(t, ins[i].address);
			break;
		}
	}
	if (cnt)
		cs_free(ins, cnt);
	cs_close(&h);
}
