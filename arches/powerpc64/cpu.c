/*
 * powerpc64 (ELFv1 big-endian) and powerpc64le (ELFv2): CPU setup and the
 * start state.  Registers, `sc` and signals are shared with the 32-bit ABI
 * (arches/powerpc/cpu.c).  How each fact was measured: NOTES.md here.
 */
#include <string.h>
#include <unicorn/unicorn.h>
#include "task.h"
#include "arches/powerpc/ppc.h"

/*
 * Unicorn's 64-bit engine is a POWER10 (PVR 0x00800100) with address
 * translation off.  With MSR[HV] clear, real-mode fetches go through the
 * (unset) LPCR/RMA and every fetch raises an instruction storage
 * interrupt, so the CPU must be in hypervisor state.  uc_reg_write(MSR)
 * cannot set HV (QEMU's store_msr keeps the current HV), but a saved
 * context is a raw copy of the CPU state: find the MSR in it by value and
 * restore it with HV set.  The blob is not 8-byte aligned, so scan bytes;
 * a distinctive value makes the match unique.
 */
static int force_hv(struct task *t, uint64_t msr)
{
	if (ppc_set_msr(t, msr))
		return -1;
	uc_context *ctx;
	if (uc_context_alloc(t->uc, &ctx) != UC_ERR_OK)
		return -1;
	int rc = -1;
	if (uc_context_save(t->uc, ctx) == UC_ERR_OK) {
		unsigned char *p = (unsigned char *)ctx;
		size_t size = uc_context_size(t->uc), at = 0;
		int hits = 0;
		for (size_t i = 0; i + 8 <= size; i++) {
			uint64_t v;
			memcpy(&v, p + i, 8);
			if (v == msr) {
				at = i;
				hits++;
			}
		}
		if (hits == 1) {
			uint64_t v = msr | PPC_MSR_HV;
			memcpy(p + at, &v, 8);
			if (uc_context_restore(t->uc, ctx) == UC_ERR_OK)
				rc = 0;
		}
	}
	uc_context_free(ctx);
	return rc;
}

/*
 * MSR: SF (64-bit), HV (see above), FP, VEC, VSX (Linux enables them lazily,
 * so a program always finds them on; glibc's ifuncs use VSX) and, for
 * ELFv2, LE: the engine is opened big-endian and MSR[LE] switches both
 * instruction fetch and data to little-endian.  ME only makes the value
 * distinctive for the context scan.  MSR[PR] stays 0: setting it forces
 * IR/DR on (ISA 3.0 rule in QEMU) and then every fetch faults.
 * The final store recomputes QEMU's cached flags; HV survives it.
 */
int ppc64_cpu_init(struct task *t)
{
	uint64_t msr = PPC_MSR_SF | PPC_MSR_VEC | PPC_MSR_VSX | PPC_MSR_FP | PPC_MSR_ME;
	if (force_hv(t, msr))
		return -1;
	msr |= PPC_MSR_HV;
	if (!t->abi->big_endian)
		msr |= PPC_MSR_LE;
	return ppc_set_msr(t, msr);
}

/*
 * Linux's start_thread for a 64-bit task: all GPRs zero except r1 = sp;
 * ELFv1: e_entry is a function descriptor {entry, TOC, env}, so PC = its
 * first doubleword and r2 = its second; ELFv2: PC = e_entry and r12 =
 * e_entry too (the global entry point computes r2 from r12).  glibc's
 * _start only reads r1 (and r12 on ELFv2); qemu-user's state agrees.
 */
int ppc64_setregs(struct task *t, const struct exec_image *img, uint64_t sp)
{
	ppc_clear_gprs(t);
	ppc_setreg(t, UC_PPC_REG_1, sp);
	if (t->abi->brand.elfv == 1) {
		uint8_t d[16];
		if (copyin(t, img->entry, d, sizeof d))
			return -1;
		/* An interpreter's descriptor is not relocated yet: Linux's
		 * start_thread adds the load address ELF_PLAT_INIT saved
		 * (arch/powerpc/kernel/process.c); 0 for a static program. */
		ppc_setreg(t, UC_PPC_REG_2, abi_load(t->abi, d + 8, 8) + img->base);
		ppc_set_pc(t, abi_load(t->abi, d, 8) + img->base);
	} else {
		ppc_setreg(t, UC_PPC_REG_12, img->entry);
		ppc_set_pc(t, img->entry);
	}
	return 0;
}

/* POWER L1 caches have 128-byte blocks; the engine's dcbz clears 128. */
int ppc64_auxv(struct task *t, uint64_t (*pairs)[2], int max)
{
	return ppc_auxv_cache(pairs, max, 128, 128);
}
