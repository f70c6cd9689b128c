/*
 * i386 sigcode: the kit's stand-in for the vDSO's __kernel_sigreturn and
 * __kernel_rt_sigreturn (arch/x86/entry/vdso/vdso32/sigreturn.S), used as
 * the handler's return address when the guest gives no SA_RESTORER.
 * Assembled by the cross toolchain; sigcode/sigcode.mk embeds the bytes.
 * The labels after ck_private are kit helpers, never guest-visible ABI:
 * one FXSAVE/FXRSTOR each, run by the kit to move the FPU/SSE state in and
 * out of a signal frame (address in %eax).
 */
#include <asm/unistd.h>
	.text
	.globl sigtramp, rt_sigtramp, ck_fxsave, ck_fxrstor
sigtramp:			/* the non-rt frame: drop the signal number */
	popl	%eax
	movl	$__NR_sigreturn, %eax
	int	$0x80
	.balign	32
rt_sigtramp:
	movl	$__NR_rt_sigreturn, %eax
	int	$0x80
	.balign	32
ck_fxsave:
	fxsave	(%eax)
ck_fxsave_end:
	.balign	16
ck_fxrstor:
	fxrstor	(%eax)
ck_fxrstor_end:
	.globl ck_fxsave_end, ck_fxrstor_end
