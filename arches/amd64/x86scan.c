/*
 * Static scan data for the x86 ABIs (compatkit predict): the syscall
 * instructions by their bytes, the number register (eax/rax, Linux's
 * entry_64.S and entry_32.S), and a capstone decoder that folds
 * sub-registers into the full register so that `mov eax, 60` counts as a
 * write of rax.  Shared by amd64 and i386 (through arches/x86common.h).
 */
#include <capstone/capstone.h>
#include "abi.h"

/* Full register of a general-purpose sub-register; a write of only the
 * low 8 or 16 bits leaves the rest, so those are not a "definition". */
struct fold { uint16_t sub, full; uint8_t whole; };
static const struct fold folds[] = {
#define F64(n) { X86_REG_R##n##X, X86_REG_R##n##X, 1 }, { X86_REG_E##n##X, X86_REG_R##n##X, 1 }, \
	{ X86_REG_##n##X, X86_REG_R##n##X, 0 }, { X86_REG_##n##L, X86_REG_R##n##X, 0 }, \
	{ X86_REG_##n##H, X86_REG_R##n##X, 0 }
	F64(A), F64(B), F64(C), F64(D),
#undef F64
#define FP(n) { X86_REG_R##n, X86_REG_R##n, 1 }, { X86_REG_E##n, X86_REG_R##n, 1 }, \
	{ X86_REG_##n, X86_REG_R##n, 0 }, { X86_REG_##n##L, X86_REG_R##n, 0 }
	FP(SI), FP(DI), FP(BP), FP(SP),
#undef FP
#define FR(n) { X86_REG_R##n, X86_REG_R##n, 1 }, { X86_REG_R##n##D, X86_REG_R##n, 1 }, \
	{ X86_REG_R##n##W, X86_REG_R##n, 0 }, { X86_REG_R##n##B, X86_REG_R##n, 0 }
	FR(8), FR(9), FR(10), FR(11), FR(12), FR(13), FR(14), FR(15),
#undef FR
};

static uint16_t fold(uint16_t r, int *whole)
{
	for (unsigned i = 0; i < sizeof folds / sizeof folds[0]; i++)
		if (folds[i].sub == r) {
			if (whole)
				*whole = folds[i].whole;
			return folds[i].full;
		}
	if (whole)
		*whole = 1;
	return r;
}

static void x86_decode(size_t h, const void *vi, struct scan_insn *o)
{
	const cs_insn *in = vi;
	const cs_x86 *x = &in->detail->x86;
	if (cs_insn_group(h, in, CS_GRP_RET) || in->id == X86_INS_HLT || in->id == X86_INS_UD2)
		o->kind = SK_RET;	/* no fall-through either way */
	else if (cs_insn_group(h, in, CS_GRP_CALL))
		o->kind = SK_CALL;
	else if (cs_insn_group(h, in, CS_GRP_JUMP))
		o->kind = in->id == X86_INS_JMP ? SK_JUMP : SK_CJUMP;
	if (o->kind != SK_OTHER && x->op_count == 1 && x->operands[0].type == X86_OP_IMM) {
		o->has_target = 1;
		o->target = (uint64_t)x->operands[0].imm;
	}
	cs_regs rr, ww;
	uint8_t nr = 0, nw = 0;
	if (cs_regs_access(h, in, rr, &nr, ww, &nw) != CS_ERR_OK)
		nw = 0;
	for (unsigned i = 0; i < nw && o->nw < 6; i++) {
		if (ww[i] == X86_REG_RSP || ww[i] == X86_REG_ESP || ww[i] == X86_REG_EFLAGS ||
		    ww[i] == X86_REG_RIP || ww[i] == X86_REG_EIP)
			continue;
		o->w[o->nw++] = fold(ww[i], NULL);
	}
	if (o->nw != 1 || x->op_count != 2 || x->operands[0].type != X86_OP_REG)
		return;
	int whole;
	fold(x->operands[0].reg, &whole);
	if (!whole)
		return;
	if (in->id == X86_INS_MOV && x->operands[1].type == X86_OP_IMM) {
		o->def = SD_CONST;
		o->imm = x->operands[1].imm;
	} else if (in->id == X86_INS_MOV && x->operands[1].type == X86_OP_REG) {
		int w2;
		o->src = fold(x->operands[1].reg, &w2);
		o->def = w2 ? SD_COPY : SD_UNKNOWN;
	} else if (in->id == X86_INS_XOR && x->operands[1].type == X86_OP_REG &&
		   x->operands[0].reg == x->operands[1].reg) {
		o->def = SD_CONST;	/* xor eax, eax: the zeroing idiom */
		o->imm = 0;
	}
}

const struct scan ck_scan_amd64 = {
	.cs_arch = CS_ARCH_X86, .cs_mode = CS_MODE_64, .insn_align = 1,
	.trap = { { 2, { 0x0f, 0x05 } } },	/* syscall */
	.nr_reg = X86_REG_RAX,
	.decode = x86_decode,
};

const struct scan ck_scan_i386 = {
	.cs_arch = CS_ARCH_X86, .cs_mode = CS_MODE_32, .insn_align = 1,
	.trap = {
		{ 2, { 0xcd, 0x80 } },	/* int $0x80 */
		/* call *%gs:0x10: glibc's i386 syscalls go through the vDSO's
		 * __kernel_vsyscall, whose address it keeps in the TCB
		 * (sysdeps/unix/sysv/linux/i386/sysdep.h, tcbhead_t.sysinfo). */
		{ 7, { 0x65, 0xff, 0x15, 0x10, 0x00, 0x00, 0x00 } },
	},
	.nr_reg = X86_REG_RAX,	/* eax, folded */
	.decode = x86_decode,
};
