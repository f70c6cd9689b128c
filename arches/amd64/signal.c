/*
 * amd64 signal frames, as arch/x86/kernel/signal.c (x64_setup_rt_frame)
 * builds them:
 *
 *   struct rt_sigframe {		(arch/x86/include/asm/sigframe.h)
 *	char *pretcode;			sa_restorer: SA_RESTORER is required
 *	struct ucontext uc;		"ucontext" in layouts.def
 *	struct siginfo info;		"siginfo"
 *   };					then, 64-byte aligned, the FP state
 *
 * get_sigframe: skip the 128-byte red zone, switch to the altstack for
 * SA_ONSTACK, put the FXSAVE image (512 bytes, "fpstate") below, then the
 * frame, aligned so that (rsp + 8) % 16 == 0 at handler entry.  The kit
 * does not offer XSAVE, so the image is plain FXSAVE64 with sw_reserved
 * zero (no FP_XSTATE_MAGIC1) and uc_flags has no UC_FP_XSTATE.
 */
#include <errno.h>
#include <string.h>
#include <unicorn/unicorn.h>
#include "task.h"
#include "ksig.h"
#include "layout.h"
#include "sigcode_amd64.h"

const struct sigcode amd64_sigcode = { sigcode_amd64, sizeof sigcode_amd64 };

#define UC_SIGCONTEXT_SS 0x2	/* asm/ucontext.h */
#define UC_STRICT_RESTORE_SS 0x4
#define USER_CS 0x33		/* asm/segment.h __USER_CS */
#define USER_DS 0x2b
/* FIX_EFLAGS in arch/x86/kernel/signal.c: the flags sigreturn may change:
 * AC OF DF TF SF ZF AF PF CF RF. */
#define FIX_EFLAGS 0x50dd5u
#define EFL_TF 0x100u
#define EFL_DF 0x400u
#define EFL_RF 0x10000u

static const struct { const char *f; int r; } gregs[] = {
	{ "r8", UC_X86_REG_R8 }, { "r9", UC_X86_REG_R9 }, { "r10", UC_X86_REG_R10 },
	{ "r11", UC_X86_REG_R11 }, { "r12", UC_X86_REG_R12 }, { "r13", UC_X86_REG_R13 },
	{ "r14", UC_X86_REG_R14 }, { "r15", UC_X86_REG_R15 }, { "rdi", UC_X86_REG_RDI },
	{ "rsi", UC_X86_REG_RSI }, { "rbp", UC_X86_REG_RBP }, { "rbx", UC_X86_REG_RBX },
	{ "rdx", UC_X86_REG_RDX }, { "rax", UC_X86_REG_RAX }, { "rcx", UC_X86_REG_RCX },
	{ "rsp", UC_X86_REG_RSP }, { "rip", UC_X86_REG_RIP },
};

static uint64_t reg(struct task *t, int r)
{
	uint64_t v = 0;
	uc_reg_read(t->uc, r, &v);
	return v;
}

static void setreg(struct task *t, int r, uint64_t v)
{
	uc_reg_write(t->uc, r, &v);
}

/* trapno/err/cr2 of a fault, as the #PF/#UD/... handlers leave them. */
static void fault_regs(const struct ksiginfo *si, uint64_t *trapno, uint64_t *err, uint64_t *cr2)
{
	*trapno = *err = *cr2 = 0;
	if (si->code <= 0 || si->code >= K_SI_KERNEL)
		return;
	switch (si->signo) {
	case 11: *trapno = 14; *err = 4 | (si->code == 2); *cr2 = si->addr; break;	/* #PF, user */
	case 4: *trapno = 6; break;	/* #UD */
	case 5: *trapno = 3; break;	/* int3 */
	case 7: *trapno = 17; break;	/* #AC */
	}
}

int amd64_sendsig(struct task *t, const struct sigframe_req *r)
{
	const struct abi *ab = t->abi;
	if (!(r->act->flags & K_SA_RESTORER))
		return -EFAULT;		/* Linux: "no restorer" is a bad frame */
	const struct layout *uc = layout_get(ab, "ucontext"), *mc = layout_get(ab, "mcontext");
	const struct layout *si = layout_get(ab, "siginfo"), *fp = layout_get(ab, "fpstate");
	uint64_t ucoff = 8, sioff = 8 + uc->size, size = sioff + si->size;
	uint64_t mcoff = ucoff + layout_field(uc, "uc_mcontext")->off;

	uint64_t rsp = reg(t, UC_X86_REG_RSP);
	uint64_t sp = sig_frame_sp(t, rsp - 128, r->act);
	uint64_t fx = (sp - fp->size) & ~63ULL;
	uint64_t frame = ((fx - size) & ~15ULL) - 8;

	uint8_t b[1024], zero[512];
	memset(b, 0, sizeof b);
	memset(zero, 0, sizeof zero);
	if (copyout(t, zero, fx, fp->size) ||
	    sig_run_helper(t, SIGCODE_amd64_ck_fxsave, SIGCODE_amd64_ck_fxsave_end, UC_X86_REG_RAX, fx))
		return -EFAULT;

	abi_store(ab, b, 8, r->act->restorer);
	uint8_t *u = b + ucoff, *m = b + mcoff;
	layout_put(ab, uc, u, "uc_flags", UC_SIGCONTEXT_SS | UC_STRICT_RESTORE_SS);
	sig_put_stack(t, u + layout_field(uc, "uc_stack")->off, rsp);
	sig_put_set(t, u + layout_field(uc, "uc_sigmask")->off, r->oldmask);
	for (unsigned i = 0; i < sizeof gregs / sizeof gregs[0]; i++)
		layout_put(ab, mc, m, gregs[i].f, reg(t, gregs[i].r));
	/* IF is always set in user mode; the engine runs with it clear */
	layout_put(ab, mc, m, "eflags", reg(t, UC_X86_REG_EFLAGS) | 0x200);
	layout_put(ab, mc, m, "cs", USER_CS);
	layout_put(ab, mc, m, "ss", USER_DS);
	uint64_t trapno, err, cr2;
	fault_regs(r->info, &trapno, &err, &cr2);
	layout_put(ab, mc, m, "trapno", trapno);
	layout_put(ab, mc, m, "err", err);
	layout_put(ab, mc, m, "cr2", cr2);
	layout_put(ab, mc, m, "oldmask", r->oldmask & 0xffffffffffffffffULL);
	layout_put(ab, mc, m, "fpstate", fx);
	sig_put_siginfo(t, b + sioff, r->info);
	if (copyout(t, b, frame, size))
		return -EFAULT;

	/* Enter the handler: rdi = sig, rsi = &info, rdx = &uc, rax = 0
	 * (no vector registers used for varargs). */
	setreg(t, UC_X86_REG_RDI, (uint64_t)r->sig);
	setreg(t, UC_X86_REG_RSI, frame + sioff);
	setreg(t, UC_X86_REG_RDX, frame + ucoff);
	setreg(t, UC_X86_REG_RAX, 0);
	setreg(t, UC_X86_REG_RSP, frame);
	setreg(t, UC_X86_REG_RIP, r->act->handler);
	setreg(t, UC_X86_REG_EFLAGS, reg(t, UC_X86_REG_EFLAGS) & ~(uint64_t)(EFL_DF | EFL_RF | EFL_TF));
	return 0;
}

/* rt_sigreturn: the frame is at rsp - 8 (the handler's ret popped pretcode). */
int amd64_sigreturn(struct task *t, int rt)
{
	const struct abi *ab = t->abi;
	if (!rt)
		return -EFAULT;
	const struct layout *uc = layout_get(ab, "ucontext"), *mc = layout_get(ab, "mcontext");
	uint64_t ucaddr = reg(t, UC_X86_REG_RSP) - 8 + 8;
	uint8_t u[1024];
	if (copyin(t, ucaddr, u, uc->size))
		return -EFAULT;
	const uint8_t *m = u + layout_field(uc, "uc_mcontext")->off;
	uint64_t v;
	sig_setmask(t, sig_get_set(t, u + layout_field(uc, "uc_sigmask")->off));
	for (unsigned i = 0; i < sizeof gregs / sizeof gregs[0]; i++) {
		layout_get_field(ab, mc, m, gregs[i].f, &v);
		setreg(t, gregs[i].r, v);
	}
	layout_get_field(ab, mc, m, "eflags", &v);
	setreg(t, UC_X86_REG_EFLAGS, (reg(t, UC_X86_REG_EFLAGS) & ~(uint64_t)FIX_EFLAGS) | (v & FIX_EFLAGS));
	layout_get_field(ab, mc, m, "fpstate", &v);
	if (v && ((v & 15) ||
		  sig_run_helper(t, SIGCODE_amd64_ck_fxrstor, SIGCODE_amd64_ck_fxrstor_end, UC_X86_REG_RAX, v)))
		return -EFAULT;
	sig_restore_stack(t, u + layout_field(uc, "uc_stack")->off, reg(t, UC_X86_REG_RSP));
	return 0;
}

/* syscall is 2 bytes (0f 05); the number was in rax, the arguments are
 * untouched. */
void amd64_syscall_restart(struct task *t, uint64_t nr, uint64_t arg0)
{
	setreg(t, UC_X86_REG_RAX, nr);
	setreg(t, UC_X86_REG_RIP, reg(t, UC_X86_REG_RIP) - 2);
}
