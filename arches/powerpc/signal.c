/*
 * PowerPC signal frames.  The register image (gregs in PT_* order, the 33
 * FP slots, the VMX area) is shared by the 32-bit mcontext and the 64-bit
 * sigcontext (layouts.def names gregs/fpregs for both); this file also
 * builds the 32-bit frames, as arch/powerpc/kernel/signal_32.c does
 * (native 32-bit kernel, no transactional memory):
 *
 *   struct sigframe    { struct sigcontext sctx; struct mcontext mctx;
 *			  int abigap[56]; };		without SA_SIGINFO
 *   struct rt_sigframe { struct siginfo info; struct ucontext uc;
 *			  int abigap[56]; };		with SA_SIGINFO
 *
 * placed 16-aligned below r1 (or the altstack), with a dummy caller frame
 * of __SIGNAL_FRAMESIZE (64) below it whose back chain is the old r1
 * (+16 more for the rt frame).  LR = the sigcode trampoline.  Vector
 * registers are moved with the sigcode helpers ck_vsave/ck_vrestore since
 * Unicorn does not expose them; VSX halves are not saved (MSR_VSX is
 * cleared in the frame, which tells sigreturn not to restore them).
 */
#include <errno.h>
#include <string.h>
#include <unicorn/unicorn.h>
#include "task.h"
#include "ksig.h"
#include "layout.h"
#include "arches/powerpc/ppc.h"
#include "sigcode_powerpc.h"

const struct sigcode ppc32_sigcode = { sigcode_powerpc, sizeof sigcode_powerpc };

#define SIGNAL_FRAMESIZE32 64
#define ABIGAP32 (56 * 4)
#define PT_MSR 33
#define PPC_MSR_VSX_BIT (1ULL << 23)

/* pt_regs order (asm/ptrace.h): r0-r31, nip, msr, orig_gpr3, ctr, link,
 * xer, ccr, mq/softe, trap, dar, dsisr, result. */
void ppc_save_gregs(struct task *t, uint8_t *m, const struct ksiginfo *si)
{
	const struct abi *ab = t->abi;
	const struct layout *mc = layout_get(ab, "mcontext");
	const struct lfield *g = layout_field(mc, "gregs"), *f = layout_field(mc, "fpregs");
	for (int i = 0; i < 32; i++)
		lf_put_elem(ab, m, g, i, ppc_reg(t, UC_PPC_REG_0 + i));
	uint32_t cr = 0, xer = 0, fpscr = 0;
	uc_reg_read(t->uc, UC_PPC_REG_CR, &cr);
	uc_reg_read(t->uc, UC_PPC_REG_XER, &xer);
	uc_reg_read(t->uc, UC_PPC_REG_FPSCR, &fpscr);
	int fault = si->code > 0 && si->code < K_SI_KERNEL &&
		    (si->signo == 11 || si->signo == 7 || si->signo == 4 || si->signo == 5);
	uint64_t trap = !fault ? 0xc00 : si->signo == 11 ? 0x300 : si->signo == 7 ? 0x600 : 0x700;
	lf_put_elem(ab, m, g, 32, ppc_get_pc(t));
	lf_put_elem(ab, m, g, PT_MSR, (ppc_msr(t) | PPC_MSR_VEC) & ~PPC_MSR_VSX_BIT);
	lf_put_elem(ab, m, g, 34, ppc_reg(t, UC_PPC_REG_3));
	lf_put_elem(ab, m, g, 35, ppc_reg(t, UC_PPC_REG_CTR));
	lf_put_elem(ab, m, g, 36, ppc_reg(t, UC_PPC_REG_LR));
	lf_put_elem(ab, m, g, 37, xer);
	lf_put_elem(ab, m, g, 38, cr);
	lf_put_elem(ab, m, g, 39, ab->ptr_size == 8);	/* ppc64: softe = 1 */
	lf_put_elem(ab, m, g, 40, trap);
	lf_put_elem(ab, m, g, 41, fault && si->signo != 4 && si->signo != 5 ? si->addr : 0);
	for (int i = 0; i < 32; i++) {
		uint64_t v = 0;
		uc_reg_read(t->uc, UC_PPC_REG_FPR0 + i, &v);
		lf_put_elem(ab, m, f, i, v);
	}
	lf_put_elem(ab, m, f, 32, fpscr);
}

/* restore_user_regs/restore_sigcontext: everything but the MSR (only its
 * LE bit would come back, and the kit's byte order never changes). */
void ppc_load_gregs(struct task *t, const uint8_t *m)
{
	const struct abi *ab = t->abi;
	const struct layout *mc = layout_get(ab, "mcontext");
	const struct lfield *g = layout_field(mc, "gregs"), *f = layout_field(mc, "fpregs");
	for (int i = 0; i < 32; i++)
		ppc_setreg(t, UC_PPC_REG_0 + i, lf_get_elem(ab, m, g, i));
	ppc_set_pc(t, lf_get_elem(ab, m, g, 32));
	ppc_setreg(t, UC_PPC_REG_CTR, lf_get_elem(ab, m, g, 35));
	ppc_setreg(t, UC_PPC_REG_LR, lf_get_elem(ab, m, g, 36));
	uint32_t xer = (uint32_t)lf_get_elem(ab, m, g, 37), cr = (uint32_t)lf_get_elem(ab, m, g, 38);
	uc_reg_write(t->uc, UC_PPC_REG_XER, &xer);
	uc_reg_write(t->uc, UC_PPC_REG_CR, &cr);
	for (int i = 0; i < 32; i++) {
		uint64_t v = lf_get_elem(ab, m, f, i);
		uc_reg_write(t->uc, UC_PPC_REG_FPR0 + i, &v);
	}
	uint32_t fpscr = (uint32_t)lf_get_elem(ab, m, f, 32);
	uc_reg_write(t->uc, UC_PPC_REG_FPSCR, &fpscr);
}

/* Run a sigcode helper with r3 = vaddr (VMX area: 16-aligned), keeping
 * r4/r5. */
int ppc_vmx(struct task *t, uint64_t off, uint64_t end, uint64_t vaddr)
{
	if (vaddr & 3)
		return -EFAULT;
	uint64_t r4 = ppc_reg(t, UC_PPC_REG_4), r5 = ppc_reg(t, UC_PPC_REG_5);
	int rc = sig_run_helper(t, off, end, UC_PPC_REG_3, vaddr);
	ppc_setreg(t, UC_PPC_REG_4, r4);
	ppc_setreg(t, UC_PPC_REG_5, r5);
	return rc;
}

/* XER into / out of the gregs slot at the guest address slot. */
int ppc_xer(struct task *t, uint64_t off, uint64_t end, uint64_t slot)
{
	return ppc_vmx(t, off, end, slot);
}

/* Restart: back over the 4-byte `sc`, r3 as on entry (orig_gpr3). */
void ppc_syscall_restart(struct task *t, uint64_t nr, uint64_t arg0)
{
	ppc_setreg(t, UC_PPC_REG_0, nr);
	ppc_setreg(t, UC_PPC_REG_3, arg0);
	ppc_set_pc(t, ppc_get_pc(t) - 4);
}

int ppc32_sendsig(struct task *t, const struct sigframe_req *r)
{
	const struct abi *ab = t->abi;
	const struct layout *uc = layout_get(ab, "ucontext"), *mc = layout_get(ab, "mcontext");
	const struct layout *si = layout_get(ab, "siginfo"), *sc = layout_get(ab, "sigcontext");
	int rt = (r->act->flags & K_SA_SIGINFO) != 0;
	uint64_t r1 = ppc_reg(t, UC_PPC_REG_1);
	/* rt: info, uc (its mcontext 16-aligned inside); else sctx, mctx */
	uint64_t mcoff = rt ? si->size + layout_field(uc, "uc_mcontext")->off : (sc->size + 15) & ~15u;
	uint64_t size = rt ? si->size + uc->size + ABIGAP32 : mcoff + mc->size + ABIGAP32;
	uint64_t frame = (sig_frame_sp(t, r1, r->act) - size) & ~15ULL;
	uint64_t mcaddr = frame + mcoff;
	uint8_t b[2048];
	memset(b, 0, sizeof b);
	ppc_save_gregs(t, b + mcoff, r->info);
	if (rt) {
		sig_put_siginfo(t, b, r->info);
		uint8_t *u = b + si->size;
		sig_put_stack(t, u + layout_field(uc, "uc_stack")->off, r1);
		layout_put(ab, uc, u, "uc_regs", mcaddr);
		sig_put_set(t, u + layout_field(uc, "uc_sigmask")->off, r->oldmask);
	} else {
		layout_put(ab, sc, b, "handler", r->act->handler);
		layout_put(ab, sc, b, "oldmask", r->oldmask & 0xffffffffu);
		lf_put_elem(ab, b, layout_field(sc, "_unused"), 3, r->oldmask >> 32);
		layout_put(ab, sc, b, "regs", mcaddr);
		layout_put(ab, sc, b, "signal", (uint64_t)r->sig);
	}
	uint64_t newsp = frame - SIGNAL_FRAMESIZE32 - (rt ? 16 : 0);
	uint8_t chain[4];
	abi_store(ab, chain, 4, r1);
	if (copyout(t, b, frame, size) || copyout(t, chain, newsp, 4) ||
	    ppc_vmx(t, SIGCODE_powerpc_ck_vsave, SIGCODE_powerpc_ck_vsave_end,
		    mcaddr + layout_field(mc, "mc_vregs")->off) ||
	    ppc_xer(t, SIGCODE_powerpc_ck_getxer, SIGCODE_powerpc_ck_getxer_end,
		    mcaddr + layout_field(mc, "xer")->off))
		return -EFAULT;

	ppc_setreg(t, UC_PPC_REG_1, newsp);
	ppc_setreg(t, UC_PPC_REG_3, (uint64_t)r->sig);
	if (rt) {
		ppc_setreg(t, UC_PPC_REG_4, frame);
		ppc_setreg(t, UC_PPC_REG_5, frame + si->size);
		ppc_setreg(t, UC_PPC_REG_6, frame);
	} else
		ppc_setreg(t, UC_PPC_REG_4, frame);
	ppc_setreg(t, UC_PPC_REG_LR, t->sigcode + (rt ? SIGCODE_powerpc_sigtramp_rt32 : SIGCODE_powerpc_sigtramp32));
	ppc_set_pc(t, r->act->handler);
	uint32_t fpscr = 0;	/* "turn off all fp exceptions" */
	uc_reg_write(t->uc, UC_PPC_REG_FPSCR, &fpscr);
	return 0;
}

/* The mcontext at mcaddr back into the registers. */
static int restore_mcontext(struct task *t, uint64_t mcaddr)
{
	const struct layout *mc = layout_get(t->abi, "mcontext");
	uint8_t m[1024];
	if (copyin(t, mcaddr, m, mc->size))
		return -EFAULT;
	ppc_load_gregs(t, m);
	if (ppc_xer(t, SIGCODE_powerpc_ck_setxer, SIGCODE_powerpc_ck_setxer_end,
		    mcaddr + layout_field(mc, "xer")->off))
		return -EFAULT;
	uint64_t msr = lf_get_elem(t->abi, m, layout_field(mc, "gregs"), PT_MSR);
	if (msr & PPC_MSR_VEC)
		return ppc_vmx(t, SIGCODE_powerpc_ck_vrestore, SIGCODE_powerpc_ck_vrestore_end,
			       mcaddr + layout_field(mc, "mc_vregs")->off);
	return 0;
}

/* sys_sigreturn: the sigcontext at r1 + 64; sys_rt_sigreturn: the frame at
 * r1 + 64 + 16, its ucontext after the siginfo; uc_regs says where the
 * mcontext is. */
int ppc32_sigreturn(struct task *t, int rt)
{
	const struct abi *ab = t->abi;
	const struct layout *uc = layout_get(ab, "ucontext"), *si = layout_get(ab, "siginfo");
	const struct layout *sc = layout_get(ab, "sigcontext");
	uint64_t r1 = ppc_reg(t, UC_PPC_REG_1);
	uint8_t b[256];
	uint64_t mcaddr, v;
	if (rt) {
		uint64_t ucaddr = r1 + SIGNAL_FRAMESIZE32 + 16 + si->size;
		if (copyin(t, ucaddr, b, layout_field(uc, "uc_mcontext")->off))
			return -EFAULT;
		sig_setmask(t, sig_get_set(t, b + layout_field(uc, "uc_sigmask")->off));
		layout_get_field(ab, uc, b, "uc_regs", &mcaddr);
		if (restore_mcontext(t, mcaddr))
			return -EFAULT;
		sig_restore_stack(t, b + layout_field(uc, "uc_stack")->off, ppc_reg(t, UC_PPC_REG_1));
		return 0;
	}
	if (copyin(t, r1 + SIGNAL_FRAMESIZE32, b, sc->size))
		return -EFAULT;
	layout_get_field(ab, sc, b, "oldmask", &v);
	sig_setmask(t, (v & 0xffffffffu) | lf_get_elem(ab, b, layout_field(sc, "_unused"), 3) << 32);
	layout_get_field(ab, sc, b, "regs", &mcaddr);
	return restore_mcontext(t, mcaddr);
}
