/*
 * powerpc64 signal frames (ELFv1 and ELFv2), as handle_rt_signal64 in
 * arch/powerpc/kernel/signal_64.c builds them (no transactional memory):
 *
 *   struct rt_sigframe {
 *	struct ucontext uc;		first: rt_sigreturn finds it at r1
 *	unsigned long _unused[2];
 *	unsigned int tramp[6];
 *	struct siginfo *pinfo; void *puc;
 *	struct siginfo info;
 *	char abigap[USER_REDZONE_SIZE];	512: the red zone stays intact
 *   };					16-aligned below r1 / the altstack
 *
 * with a dummy caller frame of __SIGNAL_FRAMESIZE (128) below, its back
 * chain the old r1.  Delivery enters the sigcode trampoline with CTR = the
 * handler's entry, which `bctrl`s it (so the handler's LR is the
 * trampoline's rt_sigreturn part).  ELFv2: r12 = CTR = handler;
 * ELFv1: sa_handler is a function descriptor {entry, TOC, env}: CTR =
 * entry, r2 = TOC.  r3 = sig; r4 = &info, r5 = &uc, r6 = frame with
 * SA_SIGINFO, else r4 = &uc.uc_mcontext.  The sigcontext's v_regs points
 * at the 16-aligned VMX area inside vmx_reserve.
 */
#include <errno.h>
#include <string.h>
#include <unicorn/unicorn.h>
#include "task.h"
#include "ksig.h"
#include "layout.h"
#include "arches/powerpc/ppc.h"
#include "sigcode_powerpc64.h"
#include "sigcode_powerpc64le.h"

const struct sigcode ppc64_sigcode = { sigcode_powerpc64, sizeof sigcode_powerpc64 };
const struct sigcode ppc64le_sigcode = { sigcode_powerpc64le, sizeof sigcode_powerpc64le };

#define SIGNAL_FRAMESIZE64 128
#define USER_REDZONE 512
#define PT_MSR 33

void ppc_save_gregs(struct task *t, uint8_t *m, const struct ksiginfo *si);
void ppc_load_gregs(struct task *t, const uint8_t *m);
int ppc_vmx(struct task *t, uint64_t off, uint64_t end, uint64_t vaddr);
int ppc_xer(struct task *t, uint64_t off, uint64_t end, uint64_t slot);

/* The two byte orders are assembled separately but lay out alike. */
static uint64_t sym(struct task *t, int which)
{
	static const uint64_t be[] = { SIGCODE_powerpc64_start_sigtramp_rt64, SIGCODE_powerpc64_ck_vsave,
				       SIGCODE_powerpc64_ck_vsave_end, SIGCODE_powerpc64_ck_vrestore,
				       SIGCODE_powerpc64_ck_vrestore_end, SIGCODE_powerpc64_ck_getxer,
				       SIGCODE_powerpc64_ck_getxer_end, SIGCODE_powerpc64_ck_setxer,
				       SIGCODE_powerpc64_ck_setxer_end };
	static const uint64_t le[] = { SIGCODE_powerpc64le_start_sigtramp_rt64, SIGCODE_powerpc64le_ck_vsave,
				       SIGCODE_powerpc64le_ck_vsave_end, SIGCODE_powerpc64le_ck_vrestore,
				       SIGCODE_powerpc64le_ck_vrestore_end, SIGCODE_powerpc64le_ck_getxer,
				       SIGCODE_powerpc64le_ck_getxer_end, SIGCODE_powerpc64le_ck_setxer,
				       SIGCODE_powerpc64le_ck_setxer_end };
	return t->abi->big_endian ? be[which] : le[which];
}
enum { TRAMP, VSAVE, VSAVE_END, VRESTORE, VRESTORE_END, GETXER, GETXER_END, SETXER, SETXER_END };

static uint64_t vregs_addr(uint64_t mcaddr, const struct layout *mc)
{
	return (mcaddr + layout_field(mc, "vmx_reserve")->off + 15) & ~15ULL;
}

int ppc64_sendsig(struct task *t, const struct sigframe_req *r)
{
	const struct abi *ab = t->abi;
	const struct layout *uc = layout_get(ab, "ucontext"), *mc = layout_get(ab, "mcontext");
	const struct layout *si = layout_get(ab, "siginfo");
	uint64_t unused = uc->size, pinfo = unused + 16 + 24, puc = pinfo + 8, info = puc + 8;
	uint64_t size = (info + si->size + USER_REDZONE + 15) & ~15ULL;
	uint64_t mcoff = layout_field(uc, "uc_mcontext")->off;

	uint64_t r1 = ppc_reg(t, UC_PPC_REG_1);
	uint64_t frame = (sig_frame_sp(t, r1, r->act) - size) & ~15ULL;
	uint64_t mcaddr = frame + mcoff, vaddr = vregs_addr(mcaddr, mc);

	/* ELFv1: the handler is a function descriptor in guest memory. */
	uint64_t entry = r->act->handler, toc = 0;
	if (ab->brand.elfv == 1) {
		uint8_t d[16];
		if (copyin(t, entry, d, sizeof d))
			return -EFAULT;
		entry = abi_load(ab, d, 8);
		toc = abi_load(ab, d + 8, 8);
	}

	uint8_t b[2560];
	memset(b, 0, sizeof b);
	sig_put_stack(t, b + layout_field(uc, "uc_stack")->off, r1);
	sig_put_set(t, b + layout_field(uc, "uc_sigmask")->off, r->oldmask);
	uint8_t *m = b + mcoff;
	ppc_save_gregs(t, m, r->info);
	layout_put(ab, mc, m, "signal", (uint64_t)r->sig);
	layout_put(ab, mc, m, "handler", r->act->handler);
	layout_put(ab, mc, m, "regs", mcaddr + layout_field(mc, "gp_regs")->off);
	layout_put(ab, mc, m, "v_regs", vaddr);
	abi_store(ab, b + pinfo, 8, frame + info);
	abi_store(ab, b + puc, 8, frame);
	sig_put_siginfo(t, b + info, r->info);

	uint64_t newsp = frame - SIGNAL_FRAMESIZE64;
	uint8_t chain[8];
	abi_store(ab, chain, 8, r1);
	if (copyout(t, b, frame, info + si->size) || copyout(t, chain, newsp, 8) ||
	    ppc_vmx(t, sym(t, VSAVE), sym(t, VSAVE_END), vaddr) ||
	    ppc_xer(t, sym(t, GETXER), sym(t, GETXER_END), mcaddr + layout_field(mc, "xer")->off))
		return -EFAULT;

	ppc_setreg(t, UC_PPC_REG_CTR, entry);
	if (ab->brand.elfv == 1)
		ppc_setreg(t, UC_PPC_REG_2, toc);
	else
		ppc_setreg(t, UC_PPC_REG_12, entry);
	ppc_setreg(t, UC_PPC_REG_1, newsp);
	ppc_setreg(t, UC_PPC_REG_3, (uint64_t)r->sig);
	if (r->act->flags & K_SA_SIGINFO) {
		ppc_setreg(t, UC_PPC_REG_4, frame + info);
		ppc_setreg(t, UC_PPC_REG_5, frame);
		ppc_setreg(t, UC_PPC_REG_6, frame);
	} else
		ppc_setreg(t, UC_PPC_REG_4, mcaddr);
	ppc_set_pc(t, t->sigcode + sym(t, TRAMP));
	uint32_t fpscr = 0;
	uc_reg_write(t->uc, UC_PPC_REG_FPSCR, &fpscr);
	return 0;
}

/* rt_sigreturn: the trampoline moved r1 back up to the ucontext. */
int ppc64_sigreturn(struct task *t, int rt)
{
	const struct abi *ab = t->abi;
	if (!rt)
		return -EFAULT;
	const struct layout *uc = layout_get(ab, "ucontext"), *mc = layout_get(ab, "mcontext");
	uint64_t ucaddr = ppc_reg(t, UC_PPC_REG_1);
	uint8_t b[2048];
	if (copyin(t, ucaddr, b, uc->size))
		return -EFAULT;
	sig_setmask(t, sig_get_set(t, b + layout_field(uc, "uc_sigmask")->off));
	const uint8_t *m = b + layout_field(uc, "uc_mcontext")->off;
	ppc_load_gregs(t, m);
	uint64_t mcaddr = ucaddr + layout_field(uc, "uc_mcontext")->off;
	if (ppc_xer(t, sym(t, SETXER), sym(t, SETXER_END), mcaddr + layout_field(mc, "xer")->off))
		return -EFAULT;
	uint64_t msr = lf_get_elem(ab, m, layout_field(mc, "gregs"), PT_MSR), vaddr = 0;
	layout_get_field(ab, mc, m, "v_regs", &vaddr);
	if (vaddr && (msr & PPC_MSR_VEC) &&
	    ppc_vmx(t, sym(t, VRESTORE), sym(t, VRESTORE_END), vaddr))
		return -EFAULT;
	sig_restore_stack(t, b + layout_field(uc, "uc_stack")->off, ppc_reg(t, UC_PPC_REG_1));
	return 0;
}
