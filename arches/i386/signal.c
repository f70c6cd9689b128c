/*
 * i386 signal frames, as arch/x86/kernel/signal_32.c (ia32_setup_frame,
 * ia32_setup_rt_frame) builds them (arch/x86/include/asm/sigframe.h):
 *
 *   struct sigframe_ia32 {		without SA_SIGINFO
 *	u32 pretcode; int sig;
 *	struct sigcontext_32 sc;	"mcontext" in layouts.def
 *	struct _fpstate_32 fpstate_unused;	"fpstate" (size only)
 *	unsigned int extramask[1];	signals 33..64 of the old mask
 *	char retcode[8];		popl %eax; movl $119,%eax; int $0x80
 *   };
 *   struct rt_sigframe_ia32 {		with SA_SIGINFO
 *	u32 pretcode; int sig; u32 pinfo; u32 puc;
 *	struct siginfo info; struct ucontext uc;
 *	char retcode[8];		movl $173,%eax; int $0x80
 *   };
 *
 * and the FP state below the frame: the 112-byte FSAVE header of
 * struct _fpstate_32 followed by the FXSAVE image, 64-byte aligned (the
 * kit offers no XSAVE).  pretcode is sa_restorer under SA_RESTORER, else
 * the sigcode page's __kernel_(rt_)sigreturn stand-in.  The stack is
 * aligned so that (esp + 4) % 16 == 0 at handler entry.
 */
#include <errno.h>
#include <string.h>
#include <unicorn/unicorn.h>
#include "task.h"
#include "ksig.h"
#include "layout.h"
#include "sigcode_i386.h"

const struct sigcode i386_sigcode = { sigcode_i386, sizeof sigcode_i386 };

#define FSAVE_HDR 112		/* sizeof(struct fregs_state) */
#define FIX_EFLAGS 0x50dd5u	/* AC OF DF TF SF ZF AF PF CF RF */
#define EFL_TF 0x100u
#define EFL_DF 0x400u
#define EFL_RF 0x10000u

static const struct { const char *f; int r; } gregs[] = {
	{ "edi", UC_X86_REG_EDI }, { "esi", UC_X86_REG_ESI }, { "ebp", UC_X86_REG_EBP },
	{ "esp", UC_X86_REG_ESP }, { "ebx", UC_X86_REG_EBX }, { "edx", UC_X86_REG_EDX },
	{ "ecx", UC_X86_REG_ECX }, { "eax", UC_X86_REG_EAX }, { "eip", UC_X86_REG_EIP },
};
static const struct { const char *f; int r; } segs[] = {
	{ "gs", UC_X86_REG_GS }, { "fs", UC_X86_REG_FS }, { "es", UC_X86_REG_ES },
	{ "ds", UC_X86_REG_DS },
};

static uint64_t reg(struct task *t, int r)
{
	uint64_t v = 0;
	uc_reg_read(t->uc, r, &v);
	return v & 0xffffffffu;
}

static void setreg(struct task *t, int r, uint64_t v)
{
	uc_reg_write(t->uc, r, &v);
}

/* The x87 tag word from FXSAVE's abridged one (twd_fxsr_to_i387 in
 * arch/x86/kernel/fpu/regset.c): 0 valid, 1 zero, 2 special, 3 empty, per
 * physical register; st(i) is physical register (top + i) & 7. */
static uint32_t full_tag(const uint8_t *fx)
{
	unsigned top = (fx[2] | fx[3] << 8) >> 11 & 7, abridged = fx[4];
	uint32_t tw = 0;
	for (unsigned i = 0; i < 8; i++) {
		unsigned tag = 3;
		if (abridged >> i & 1) {
			const uint8_t *st = fx + 32 + 16 * ((i - top) & 7);
			unsigned exp = (st[8] | st[9] << 8) & 0x7fff;
			uint64_t mant;
			memcpy(&mant, st, 8);
			if (exp == 0x7fff)
				tag = 2;
			else if (exp == 0)
				tag = mant ? 2 : 1;
			else
				tag = (mant >> 63) ? 0 : 2;
		}
		tw |= tag << (2 * i);
	}
	return tw | 0xffff0000u;
}

/* Save the FPU: FXSAVE image at fx, FSAVE header (convert_from_fxsr) just
 * below it at fp.  Returns 0 or -EFAULT. */
static int save_fpu(struct task *t, uint64_t fp, uint64_t fx)
{
	const struct layout *l = layout_get(t->abi, "fpstate");
	uint8_t img[512], h[FSAVE_HDR];
	memset(img, 0, sizeof img);
	if (copyout(t, img, fx, sizeof img) ||
	    sig_run_helper(t, SIGCODE_i386_ck_fxsave, SIGCODE_i386_ck_fxsave_end, UC_X86_REG_EAX, fx) ||
	    copyin(t, fx, img, sizeof img))
		return -EFAULT;
	memset(h, 0, sizeof h);
	uint32_t cwd = img[0] | img[1] << 8, swd = img[2] | img[3] << 8, fop = img[6] | (img[7] & 7) << 8;
	layout_put(t->abi, l, h, "cw", cwd | 0xffff0000u);
	layout_put(t->abi, l, h, "sw", swd | 0xffff0000u);
	layout_put(t->abi, l, h, "tag", full_tag(img));
	layout_put(t->abi, l, h, "ipoff", abi_load(t->abi, img + 8, 4));
	layout_put(t->abi, l, h, "cssel", abi_load(t->abi, img + 12, 2) | fop << 16);
	layout_put(t->abi, l, h, "dataoff", abi_load(t->abi, img + 16, 4));
	layout_put(t->abi, l, h, "datasel", abi_load(t->abi, img + 20, 2) | 0xffff0000u);
	const struct lfield *st = layout_field(l, "_st");
	for (unsigned i = 0; i < 8; i++)
		memcpy(h + st->off + 10 * i, img + 32 + 16 * i, 10);
	layout_put(t->abi, l, h, "status", swd);
	layout_put(t->abi, l, h, "magic", 0);	/* X86_FXSR_MAGIC */
	return copyout(t, h, fp, sizeof h) ? -EFAULT : 0;
}

static void fault_regs(const struct ksiginfo *si, uint64_t *trapno, uint64_t *err, uint64_t *cr2)
{
	*trapno = *err = *cr2 = 0;
	if (si->code <= 0 || si->code >= K_SI_KERNEL)
		return;
	switch (si->signo) {
	case 11: *trapno = 14; *err = 4 | (si->code == 2); *cr2 = si->addr; break;
	case 4: *trapno = 6; break;
	case 5: *trapno = 3; break;
	case 7: *trapno = 17; break;
	}
}

static void put_sigcontext(struct task *t, uint8_t *m, const struct sigframe_req *r, uint64_t fp)
{
	const struct abi *ab = t->abi;
	const struct layout *mc = layout_get(ab, "mcontext");
	for (unsigned i = 0; i < sizeof segs / sizeof segs[0]; i++)
		layout_put(ab, mc, m, segs[i].f, reg(t, segs[i].r));
	for (unsigned i = 0; i < sizeof gregs / sizeof gregs[0]; i++)
		layout_put(ab, mc, m, gregs[i].f, reg(t, gregs[i].r));
	uint64_t trapno, err, cr2;
	fault_regs(r->info, &trapno, &err, &cr2);
	layout_put(ab, mc, m, "trapno", trapno);
	layout_put(ab, mc, m, "err", err);
	layout_put(ab, mc, m, "cs", reg(t, UC_X86_REG_CS));
	/* IF is always set in user mode; the engine runs with it clear */
	layout_put(ab, mc, m, "eflags", reg(t, UC_X86_REG_EFLAGS) | 0x200);
	layout_put(ab, mc, m, "esp_at_signal", reg(t, UC_X86_REG_ESP));
	layout_put(ab, mc, m, "ss", reg(t, UC_X86_REG_SS));
	layout_put(ab, mc, m, "fpstate", fp);
	layout_put(ab, mc, m, "oldmask", r->oldmask & 0xffffffffu);
	layout_put(ab, mc, m, "cr2", cr2);
}

int i386_sendsig(struct task *t, const struct sigframe_req *r)
{
	const struct abi *ab = t->abi;
	const struct layout *uc = layout_get(ab, "ucontext"), *mc = layout_get(ab, "mcontext");
	const struct layout *si = layout_get(ab, "siginfo"), *fpl = layout_get(ab, "fpstate");
	int rt = (r->act->flags & K_SA_SIGINFO) != 0;
	uint64_t size = rt ? 16 + si->size + uc->size + 8 : 8 + mc->size + fpl->size + 4 + 8;

	uint64_t sp = sig_frame_sp(t, reg(t, UC_X86_REG_ESP), r->act);
	uint64_t fx = (sp - 512) & ~63ULL, fp = fx - FSAVE_HDR;
	uint64_t frame = ((fp - size + 4) & ~15ULL) - 4;
	if (save_fpu(t, fp, fx))
		return -EFAULT;

	uint8_t b[1024];
	memset(b, 0, sizeof b);
	uint64_t ret = (r->act->flags & K_SA_RESTORER) ? r->act->restorer
		       : t->sigcode + (rt ? SIGCODE_i386_rt_sigtramp : SIGCODE_i386_sigtramp);
	abi_store(ab, b, 4, ret);
	abi_store(ab, b + 4, 4, (uint64_t)r->sig);
	uint64_t infoaddr = 0, ucaddr = 0;
	if (rt) {
		uint64_t sioff = 16, ucoff = 16 + si->size;
		static const uint8_t code[8] = { 0xb8, 173, 0, 0, 0, 0xcd, 0x80, 0 };
		infoaddr = frame + sioff;
		ucaddr = frame + ucoff;
		abi_store(ab, b + 8, 4, infoaddr);
		abi_store(ab, b + 12, 4, ucaddr);
		sig_put_siginfo(t, b + sioff, r->info);
		uint8_t *u = b + ucoff;
		sig_put_stack(t, u + layout_field(uc, "uc_stack")->off, reg(t, UC_X86_REG_ESP));
		put_sigcontext(t, u + layout_field(uc, "uc_mcontext")->off, r, fp);
		sig_put_set(t, u + layout_field(uc, "uc_sigmask")->off, r->oldmask);
		memcpy(b + ucoff + uc->size, code, 8);
	} else {
		static const uint8_t code[8] = { 0x58, 0xb8, 119, 0, 0, 0, 0xcd, 0x80 };
		put_sigcontext(t, b + 8, r, fp);
		abi_store(ab, b + 8 + mc->size + fpl->size, 4, r->oldmask >> 32);
		memcpy(b + 8 + mc->size + fpl->size + 4, code, 8);
	}
	if (copyout(t, b, frame, size))
		return -EFAULT;

	/* eax = sig, edx = &info, ecx = &uc (regparm(3) handlers see all
	 * three); 0 for the non-rt frame. */
	setreg(t, UC_X86_REG_EAX, (uint64_t)r->sig);
	setreg(t, UC_X86_REG_EDX, infoaddr);
	setreg(t, UC_X86_REG_ECX, ucaddr);
	setreg(t, UC_X86_REG_ESP, frame);
	setreg(t, UC_X86_REG_EIP, r->act->handler);
	setreg(t, UC_X86_REG_EFLAGS, reg(t, UC_X86_REG_EFLAGS) & ~(uint64_t)(EFL_DF | EFL_RF | EFL_TF));
	return 0;
}

/* restore_sigcontext: general registers, the flags sigreturn may change,
 * data segments (if they changed), the FPU from the FXSAVE image. */
static int get_sigcontext(struct task *t, const uint8_t *m)
{
	const struct abi *ab = t->abi;
	const struct layout *mc = layout_get(ab, "mcontext");
	uint64_t v;
	for (unsigned i = 0; i < sizeof gregs / sizeof gregs[0]; i++) {
		layout_get_field(ab, mc, m, gregs[i].f, &v);
		setreg(t, gregs[i].r, v);
	}
	for (unsigned i = 0; i < sizeof segs / sizeof segs[0]; i++) {
		layout_get_field(ab, mc, m, segs[i].f, &v);
		if ((v | 3) != (reg(t, segs[i].r) | 3))
			setreg(t, segs[i].r, v | 3);
	}
	layout_get_field(ab, mc, m, "eflags", &v);
	setreg(t, UC_X86_REG_EFLAGS, (reg(t, UC_X86_REG_EFLAGS) & ~(uint64_t)FIX_EFLAGS) | (v & FIX_EFLAGS));
	layout_get_field(ab, mc, m, "fpstate", &v);
	if (!v)
		return 0;
	/* magic 0: the FXSAVE image follows the FSAVE header */
	uint64_t fx = v + FSAVE_HDR;
	if (fx & 15)
		return -EFAULT;
	return sig_run_helper(t, SIGCODE_i386_ck_fxrstor, SIGCODE_i386_ck_fxrstor_end, UC_X86_REG_EAX, fx);
}

/* sigreturn: the handler's ret popped pretcode and the trampoline popped
 * sig, so the frame is at esp - 8; rt_sigreturn: at esp - 4. */
int i386_sigreturn(struct task *t, int rt)
{
	const struct abi *ab = t->abi;
	const struct layout *uc = layout_get(ab, "ucontext"), *mc = layout_get(ab, "mcontext");
	const struct layout *si = layout_get(ab, "siginfo"), *fpl = layout_get(ab, "fpstate");
	uint8_t b[1024];
	if (rt) {
		uint64_t ucaddr = reg(t, UC_X86_REG_ESP) - 4 + 16 + si->size;
		if (copyin(t, ucaddr, b, uc->size))
			return -EFAULT;
		sig_setmask(t, sig_get_set(t, b + layout_field(uc, "uc_sigmask")->off));
		if (get_sigcontext(t, b + layout_field(uc, "uc_mcontext")->off))
			return -EFAULT;
		sig_restore_stack(t, b + layout_field(uc, "uc_stack")->off, reg(t, UC_X86_REG_ESP));
		return 0;
	}
	uint64_t frame = reg(t, UC_X86_REG_ESP) - 8;
	if (copyin(t, frame, b, 8 + mc->size + fpl->size + 4))
		return -EFAULT;
	uint64_t lo, hi = abi_load(ab, b + 8 + mc->size + fpl->size, 4);
	layout_get_field(ab, mc, b + 8, "oldmask", &lo);
	sig_setmask(t, (lo & 0xffffffffu) | hi << 32);
	return get_sigcontext(t, b + 8);
}

/* int $0x80 is 2 bytes (cd 80); eax held the number. */
void i386_syscall_restart(struct task *t, uint64_t nr, uint64_t arg0)
{
	setreg(t, UC_X86_REG_EAX, nr);
	setreg(t, UC_X86_REG_EIP, reg(t, UC_X86_REG_EIP) - 2);
}
