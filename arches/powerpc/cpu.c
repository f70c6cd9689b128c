/*
 * PowerPC registers and the Linux `sc` convention, shared by the 32-bit and
 * the two 64-bit ABIs (register width follows abi->ptr_size), plus the
 * 32-bit ABI's CPU setup.  Facts used here were measured on Unicorn 2.1.1;
 * arches/powerpc64/NOTES.md says how.
 */
#include <elf.h>
#include <signal.h>
#include <string.h>
#include <unicorn/unicorn.h>
#include "task.h"
#include "arches/powerpc/ppc.h"

/* Unicorn's PPC registers are target_ulong wide: 4 bytes in the 32-bit
 * engine, 8 in the 64-bit one; CR is always a uint32_t image. */
uint64_t ppc_reg(struct task *t, int reg)
{
	if (t->abi->ptr_size == 4) {
		uint32_t v = 0;
		uc_reg_read(t->uc, reg, &v);
		return v;
	}
	uint64_t v = 0;
	uc_reg_read(t->uc, reg, &v);
	return v;
}

void ppc_setreg(struct task *t, int reg, uint64_t v)
{
	if (t->abi->ptr_size == 4) {
		uint32_t w = (uint32_t)v;
		uc_reg_write(t->uc, reg, &w);
	} else
		uc_reg_write(t->uc, reg, &v);
}

uint64_t ppc_msr(struct task *t)
{
	return ppc_reg(t, UC_PPC_REG_MSR);
}

/* Writing MSR goes through QEMU's store_msr, which recomputes the
 * translation flags (endianness, privilege); it cannot change MSR[HV] and
 * keeps whatever HV the CPU already has. */
int ppc_set_msr(struct task *t, uint64_t msr)
{
	ppc_setreg(t, UC_PPC_REG_MSR, msr);
	return ppc_msr(t) == msr ? 0 : -1;
}

/* `sc`: r0 = number, r3..r8 = arguments (Linux arch/powerpc
 * kernel/syscall.c); on the 32-bit ABI the reads are already zero-extended. */
uint64_t ppc_fetch_args(struct task *t, uint64_t *slots)
{
	for (int i = 0; i < 6; i++)
		slots[i] = ppc_reg(t, UC_PPC_REG_3 + i);
	return ppc_reg(t, UC_PPC_REG_0);
}

/* Linux returns errors as a positive errno in r3 with CR0[SO] set, and
 * success with SO clear (the ppc syscall ABI; glibc's INTERNAL_SYSCALL
 * checks SO, never the sign of r3). */
void ppc_set_retval(struct task *t, long ret)
{
	/* Only the CR0 field, and r3 with it in one batch: the whole CR is
	 * assembled from and spread over eight fields by the engine, and
	 * every engine call costs ~60-100 host instructions (callgrind:
	 * ~300 -> ~150 of a getppid's ~1,000). */
	uint32_t cr0 = 0, r32;
	uint64_t r64 = ret < 0 && ret >= -4095 ? (uint64_t)-ret : (uint64_t)ret;
	uc_reg_read(t->uc, UC_PPC_REG_CR0, &cr0);
	if (ret < 0 && ret >= -4095)
		cr0 |= PPC_CR0_SO >> 28;
	else
		cr0 &= ~(PPC_CR0_SO >> 28);
	r32 = (uint32_t)r64;
	int ids[2] = { UC_PPC_REG_3, UC_PPC_REG_CR0 };
	void *vals[2] = { t->abi->ptr_size == 4 ? (void *)&r32 : (void *)&r64, &cr0 };
	uc_reg_write_batch(t->uc, ids, vals, 2);
}

uint64_t ppc_get_pc(struct task *t) { return ppc_reg(t, UC_PPC_REG_PC); }
void ppc_set_pc(struct task *t, uint64_t pc) { ppc_setreg(t, UC_PPC_REG_PC, pc); }
uint64_t ppc_get_sp(struct task *t) { return ppc_reg(t, UC_PPC_REG_1); }

/* The instruction word at addr in guest byte order, or 0 if unreadable. */
static uint32_t insn_at(struct task *t, uint64_t addr)
{
	uint8_t b[4];
	if (copyin(t, addr, b, 4))
		return 0;
	return (uint32_t)abi_load(t->abi, b, 4);
}

/* tw, twi, td, tdi (Power ISA Book I, 3.3.11 "Fixed-Point Trap"). */
static int is_trap(uint32_t insn)
{
	unsigned op = insn >> 26, xo = (insn >> 1) & 0x3ff;
	return op == 2 || op == 3 || (op == 31 && (xo == 4 || xo == 68));
}

/* Effective address of a D-, DS- or X-form storage access, for the
 * alignment interrupt's fault address (Linux reports DAR, which Unicorn
 * does not expose).  Returns 0 if the form is not one of those. */
static int storage_ea(struct task *t, uint32_t insn, uint64_t *ea)
{
	unsigned op = insn >> 26, ra = (insn >> 16) & 31, rb = (insn >> 11) & 31;
	uint64_t base = ra ? ppc_reg(t, UC_PPC_REG_0 + ra) : 0;
	if (op == 31)
		*ea = base + ppc_reg(t, UC_PPC_REG_0 + rb);
	else if (op >= 32 && op <= 55)
		*ea = base + (uint64_t)(int64_t)(int16_t)(insn & 0xffff);
	else if (op == 58 || op == 62)
		*ea = base + (uint64_t)(int64_t)(int16_t)(insn & 0xfffc);
	else
		return 0;
	if (t->abi->ptr_size == 4)
		*ea &= 0xffffffffu;
	return 1;
}

/* X-form (primary opcode 31) extended opcodes that access storage (Power
 * ISA Book I 3.3, 4.6, 5.6, 6.7, 7.6): the other XOs of 31 are arithmetic. */
static int x_is_storage(unsigned xo)
{
	static const unsigned short m[] = {
		20, 21, 23, 52, 53, 55, 84, 87, 116, 119, 149, 150, 151, 181, 183, 214, 215, 247,
		279, 311, 341, 343, 373, 375, 407, 439, 532, 534, 535, 567, 599, 631, 660, 662,
		663, 694, 695, 726, 727, 759, 790, 918, 983, 1014, 7, 39, 71, 103, 135, 167, 199,
		231, 359, 487, 588, 716, 780, 844, 908, 972, 268, 396,
	};
	for (unsigned i = 0; i < sizeof m / sizeof m[0]; i++)
		if (m[i] == xo)
			return 1;
	return 0;
}

/* mem_fault_pc: Unicorn reports a data access fault with PC at the start of
 * the translation block and the registers as they were before the faulting
 * instruction.  Walk forward from there to the first storage access whose
 * effective address, computed from those registers, covers addr. */
void ppc_mem_fault_pc(struct task *t, uint64_t addr)
{
	uint64_t pc = ppc_get_pc(t);
	for (int i = 0; i < 256; i++, pc += 4) {
		uint32_t insn = insn_at(t, pc);
		unsigned op = insn >> 26;
		uint64_t ea;
		if (!insn || (op == 31 && !x_is_storage((insn >> 1) & 0x3ff)) ||
		    (op != 31 && !(op >= 32 && op <= 62 && op != 59 && op != 60)))
			continue;
		if (storage_ea(t, insn, &ea) && addr >= (ea & ~15ULL) && addr < ea + 32) {
			ppc_set_pc(t, pc);
			return;
		}
	}
}

/*
 * Unicorn reports program, illegal-instruction and alignment interrupts
 * with PC already past the faulting instruction (measured: tw at X gives
 * PC = X+4).  Linux's SRR0 for them is the instruction itself, and so are
 * si_addr and the signal frame's NIP, so move PC back.  Codes are Linux's
 * (asm-generic/siginfo.h); the mapping follows arch/powerpc/kernel/traps.c.
 */
int ppc_intr_signal(struct task *t, uint32_t intno, int *code, uint64_t *addr)
{
	uint64_t pc = ppc_get_pc(t), at = pc - 4;
	uint32_t insn;
	switch (intno) {
	case PPC_EXCP_PROGRAM:
		ppc_set_pc(t, at);
		*addr = at;
		if (is_trap(insn_at(t, at))) {
			*code = 1;		/* TRAP_BRKPT */
			return SIGTRAP;
		}
		*code = 1;			/* ILL_ILLOPC */
		return SIGILL;
	case PPC_EXCP_HV_EMU:
		ppc_set_pc(t, at);
		*addr = at;
		*code = 1;			/* ILL_ILLOPC */
		return SIGILL;
	case PPC_EXCP_ALIGN:
		ppc_set_pc(t, at);
		insn = insn_at(t, at);
		if (!storage_ea(t, insn, addr))
			*addr = at;
		*code = 1;			/* BUS_ADRALN */
		return SIGBUS;
	case PPC_EXCP_DSI:
	case PPC_EXCP_ISI:
		/* Not seen with MSR[HV] set: Unicorn reports bad accesses
		 * through UC_HOOK_MEM_INVALID instead. */
		*addr = pc;
		*code = 1;			/* SEGV_MAPERR */
		return SIGSEGV;
	default:
		*addr = pc;
		*code = 1;			/* ILL_ILLOPC */
		return SIGILL;
	}
}

/* Linux's ARCH_DLINFO (arch/powerpc/include/asm/elf.h): two AT_IGNOREPPC
 * entries first (old glibc scanned for them to find the aux vector), then
 * the L1 cache block sizes glibc uses for dcbz in memset. */
int ppc_auxv_cache(uint64_t (*pairs)[2], int max, uint64_t dcache, uint64_t icache)
{
	const uint64_t v[5][2] = {
		{ AT_IGNOREPPC, AT_IGNOREPPC }, { AT_IGNOREPPC, AT_IGNOREPPC },
		{ AT_DCACHEBSIZE, dcache }, { AT_ICACHEBSIZE, icache }, { AT_UCACHEBSIZE, 0 },
	};
	int n = max < 5 ? max : 5;
	memcpy(pairs, v, n * sizeof v[0]);
	return n;
}

/* Linux's start_thread (arch/powerpc/kernel/process.c) zeroes every GPR
 * but r1, and CTR, LR, XER and CR; the caller then sets the ABI's few. */
void ppc_clear_gprs(struct task *t)
{
	for (int r = 0; r < 32; r++)
		ppc_setreg(t, UC_PPC_REG_0 + r, 0);
	ppc_setreg(t, UC_PPC_REG_CTR, 0);
	ppc_setreg(t, UC_PPC_REG_LR, 0);
	uint32_t z = 0;
	uc_reg_write(t->uc, UC_PPC_REG_XER, &z);
	uc_reg_write(t->uc, UC_PPC_REG_CR, &z);
}

/* ---- the 32-bit ABI ---- */

/* The default 32-bit engine CPU is a 7457A v1.2 (PVR 0x80030102, a G4 with
 * AltiVec): no hypervisor state to fake.  Unicorn starts with MSR = IP
 * only; give user code FP and AltiVec (Linux enables them lazily on first
 * use, so to a program they are always on).  MSR[PR] stays 0: see NOTES. */
int ppc32_cpu_init(struct task *t)
{
	return ppc_set_msr(t, PPC_MSR_FP | PPC_MSR_VEC);
}

/* 32-bit start state: PC = e_entry, r1 = sp, r2 = 0, everything else 0. */
int ppc32_setregs(struct task *t, const struct exec_image *img, uint64_t sp)
{
	ppc_clear_gprs(t);
	ppc_setreg(t, UC_PPC_REG_1, sp);
	ppc_set_pc(t, img->entry);
	return 0;
}

/* 7457A L1 caches: 32-byte blocks; the engine's dcbz clears 32 bytes. */
int ppc32_auxv(struct task *t, uint64_t (*pairs)[2], int max)
{
	return ppc_auxv_cache(pairs, max, 32, 32);
}
