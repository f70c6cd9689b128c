/*
 * Static scan data for the PowerPC ABIs (compatkit predict): `sc` and
 * `scv 0` by their bytes (glibc 2.36 picks scv when AT_HWCAP2 has SCV),
 * the number in r0 (Linux's system_call_common), and a capstone decoder.
 * Capstone 4 has no register-access data for PowerPC, so the decoder uses
 * the operand rule of the ISA's mnemonics: the first register operand is
 * the target, except for stores, compares, traps, cache ops and moves to
 * special registers, which only read it.
 */
#include <capstone/capstone.h>
#include <stdio.h>
#include <string.h>
#include "abi.h"

static int starts(const char *s, const char *p)
{
	return !strncmp(s, p, strlen(p));
}

static int ends(const char *s, const char *p)
{
	size_t n = strlen(s), m = strlen(p);
	return n >= m && !strcmp(s + n - m, p);
}

static void branch(const char *mn, const cs_ppc *p, struct scan_insn *o)
{
	char m[32];
	snprintf(m, sizeof m, "%s", mn);
	size_t n = strlen(m);
	while (n && (m[n - 1] == '+' || m[n - 1] == '-'))	/* prediction hints */
		m[--n] = 0;
	int target = p->op_count && p->operands[p->op_count - 1].type == PPC_OP_IMM;
	if (target) {
		o->has_target = 1;
		o->target = (uint64_t)p->operands[p->op_count - 1].imm;
	}
	if (!strcmp(m, "b") || !strcmp(m, "ba") || !strcmp(m, "bctr"))
		o->kind = SK_JUMP;
	else if (!strcmp(m, "blr"))
		o->kind = SK_RET;
	else if (!strcmp(m, "bl") || !strcmp(m, "bla") || ends(m, "ctrl") || ends(m, "lrl") ||
		 (target && ends(m, "l")) || ends(m, "la"))
		o->kind = SK_CALL;
	else
		o->kind = SK_CJUMP;	/* beq, bdnz, beqlr, bnectr, ... */
}

static void ppc_decode(size_t h, const void *vi, struct scan_insn *o)
{
	const cs_insn *in = vi;
	const cs_ppc *p = &in->detail->ppc;
	const char *mn = in->mnemonic;
	(void)h;
	if (mn[0] == 'b' && !starts(mn, "bpermd") && !starts(mn, "brinc")) {
		branch(mn, p, o);
		return;
	}
	if (!p->op_count || p->operands[0].type != PPC_OP_REG)
		return;
	static const char *const reads[] = { "st", "cmp", "mt", "tw", "td", "dcb", "icb", "tlb", 0 };
	for (int i = 0; reads[i]; i++)
		if (starts(mn, reads[i]))
			return;
	o->w[o->nw++] = (uint16_t)p->operands[0].reg;
	/* Loads and arithmetic with update also write the base register. */
	if (p->op_count == 2 && p->operands[1].type == PPC_OP_MEM && ends(mn, "u"))
		o->w[o->nw++] = (uint16_t)p->operands[1].mem.base;
	if (in->id == PPC_INS_LI && p->op_count == 2 && p->operands[1].type == PPC_OP_IMM) {
		o->def = SD_CONST;
		o->imm = p->operands[1].imm;
	} else if (in->id == PPC_INS_LIS && p->op_count == 2 && p->operands[1].type == PPC_OP_IMM) {
		o->def = SD_CONST;
		o->imm = (int64_t)(int16_t)p->operands[1].imm * 65536;
	} else if (in->id == PPC_INS_MR && p->op_count == 2 && p->operands[1].type == PPC_OP_REG) {
		o->def = SD_COPY;
		o->src = (uint16_t)p->operands[1].reg;
	}
}


const struct scan ck_scan_ppc_be = {
	.cs_arch = CS_ARCH_PPC, .cs_mode = CS_MODE_32 | CS_MODE_BIG_ENDIAN, .insn_align = 4,
	.trap = { { 4, { 0x44, 0x00, 0x00, 0x02 } }, { 4, { 0x44, 0x00, 0x00, 0x01 } } },
	.nr_reg = PPC_REG_R0,
	.decode = ppc_decode,
};
const struct scan ck_scan_ppc64_be = {
	.cs_arch = CS_ARCH_PPC, .cs_mode = CS_MODE_64 | CS_MODE_BIG_ENDIAN, .insn_align = 4,
	.trap = { { 4, { 0x44, 0x00, 0x00, 0x02 } }, { 4, { 0x44, 0x00, 0x00, 0x01 } } },
	.nr_reg = PPC_REG_R0,
	.decode = ppc_decode,
};
const struct scan ck_scan_ppc64_le = {
	.cs_arch = CS_ARCH_PPC, .cs_mode = CS_MODE_64 | CS_MODE_LITTLE_ENDIAN, .insn_align = 4,
	.trap = { { 4, { 0x02, 0x00, 0x00, 0x44 } }, { 4, { 0x01, 0x00, 0x00, 0x44 } } },
	.nr_reg = PPC_REG_R0,
	.decode = ppc_decode,
};
