/*
 * Shared by the two PowerPC directories (arches/powerpc for the 32-bit ABI,
 * arches/powerpc64 for ELFv1 and ELFv2): register access sized by the ABI's
 * pointer width, the `sc` syscall convention and the interrupt-to-signal
 * mapping.  Facts and how they were measured: arches/powerpc64/NOTES.md.
 */
#ifndef CK_PPC_H
#define CK_PPC_H
#include <stdint.h>
#include "task.h"

/* MSR bits, numbered from the least significant bit as QEMU/Unicorn store
 * them (Power ISA 3.0 Book III, 4.2.1; Linux asm/reg.h MSR_*_LG). */
#define PPC_MSR_SF  (1ULL << 63)	/* 64-bit mode */
#define PPC_MSR_HV  (1ULL << 60)	/* hypervisor state */
#define PPC_MSR_VEC (1ULL << 25)	/* AltiVec/VMX available */
#define PPC_MSR_VSX (1ULL << 23)	/* VSX available */
#define PPC_MSR_PR  (1ULL << 14)	/* problem (user) state */
#define PPC_MSR_FP  (1ULL << 13)	/* floating point available */
#define PPC_MSR_ME  (1ULL << 12)	/* machine check enable */
#define PPC_MSR_LE  (1ULL << 0)		/* little-endian mode */

/* UC_HOOK_INTR numbers Unicorn 2.1.1 reports (QEMU's POWERPC_EXCP_*). */
#define PPC_EXCP_DSI     2
#define PPC_EXCP_ISI     3
#define PPC_EXCP_ALIGN   5
#define PPC_EXCP_PROGRAM 6	/* tw/twi/td/tdi traps, privileged, FP enabled */
#define PPC_EXCP_FPU     7
#define PPC_EXCP_SYSCALL 8	/* sc; PC already points past it */
#define PPC_EXCP_HV_EMU  96	/* illegal/unimplemented instruction */

/* CR0[SO] in the 32-bit CR image: CR0 is the top nibble, SO its last bit.
 * glibc tests it after `sc` with mfcr; andis. rX,rX,0x1000. */
#define PPC_CR0_SO 0x10000000u

uint64_t ppc_reg(struct task *t, int reg);
void ppc_setreg(struct task *t, int reg, uint64_t v);
uint64_t ppc_msr(struct task *t);
int ppc_set_msr(struct task *t, uint64_t msr);

uint64_t ppc_fetch_args(struct task *t, uint64_t *slots);
void ppc_set_retval(struct task *t, long ret);
uint64_t ppc_get_pc(struct task *t);
void ppc_set_pc(struct task *t, uint64_t pc);
uint64_t ppc_get_sp(struct task *t);
void ppc_mem_fault_pc(struct task *t, uint64_t addr);
int ppc_intr_signal(struct task *t, uint32_t intno, int *code, uint64_t *addr);
int ppc_auxv_cache(uint64_t (*pairs)[2], int max, uint64_t dcache, uint64_t icache);
void ppc_clear_gprs(struct task *t);

#endif
