/*
 * amd64 sigcode.  Linux x86-64 has no vDSO signal trampoline: a handler
 * without SA_RESTORER cannot be delivered (glibc always sets one), so
 * rt_sigtramp is only here for completeness of the page.  ck_fxsave /
 * ck_fxrstor are kit helpers (64-bit FXSAVE format, address in %rax) that
 * move the FPU/SSE state in and out of a signal frame.
 */
#include <asm/unistd.h>
	.text
	.globl rt_sigtramp, ck_fxsave, ck_fxrstor, ck_fxsave_end, ck_fxrstor_end
rt_sigtramp:
	movq	$__NR_rt_sigreturn, %rax
	syscall
	.balign	32
ck_fxsave:
	fxsave64 (%rax)
ck_fxsave_end:
	.balign	16
ck_fxrstor:
	fxrstor64 (%rax)
ck_fxrstor_end:
