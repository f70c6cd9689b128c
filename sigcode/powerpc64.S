/*
 * powerpc64 sigcode (ELFv1 and ELFv2; assembled once per byte order),
 * after the vDSO's __kernel_start_sigtramp_rt64 / __kernel_sigtramp_rt64
 * (arch/powerpc/kernel/vdso/sigtramp64.S): delivery enters here with CTR
 * = the handler's entry; bctrl calls it (so LR, the handler's return
 * address, is sigtramp_rt64), then r1 is moved up past the dummy caller
 * frame (__SIGNAL_FRAMESIZE, 128) to the ucontext and rt_sigreturn runs.
 * ck_vsave/ck_vrestore are kit helpers: store/load v0..v31 and VSCR at r3
 * (Linux's v_regs image, 33 quadwords) and VRSAVE in the word after them;
 * they clobber r4, r5.  ck_getxer/ck_setxer store/load XER at r3 (a gregs
 * slot): Unicorn's XER register access leaves out SO, OV and CA, which
 * QEMU keeps apart; mfxer/mtxer see them.  They clobber r4.
 */
#include <asm/unistd.h>
	.text
	.globl start_sigtramp_rt64, sigtramp_rt64, ck_getxer, ck_getxer_end, ck_setxer, ck_setxer_end, ck_vsave, ck_vsave_end, ck_vrestore, ck_vrestore_end
start_sigtramp_rt64:
	bctrl
sigtramp_rt64:
	addi	1, 1, 128
	li	0, __NR_rt_sigreturn
	sc
	.balign	32
#define V(op, n) li 4, 16*n; op n, 3, 4
ck_vsave:
	V(stvx,0); V(stvx,1); V(stvx,2); V(stvx,3); V(stvx,4); V(stvx,5); V(stvx,6); V(stvx,7)
	V(stvx,8); V(stvx,9); V(stvx,10); V(stvx,11); V(stvx,12); V(stvx,13); V(stvx,14); V(stvx,15)
	V(stvx,16); V(stvx,17); V(stvx,18); V(stvx,19); V(stvx,20); V(stvx,21); V(stvx,22); V(stvx,23)
	V(stvx,24); V(stvx,25); V(stvx,26); V(stvx,27); V(stvx,28); V(stvx,29); V(stvx,30); V(stvx,31)
	mfvscr	0
	li	4, 512
	stvx	0, 3, 4
	lvx	0, 0, 3
	mfspr	5, 256
	stw	5, 528(3)
ck_vsave_end:
	.balign	16
ck_vrestore:
	li	4, 512
	lvx	0, 3, 4
	mtvscr	0
	lwz	5, 528(3)
	mtspr	256, 5
	V(lvx,0); V(lvx,1); V(lvx,2); V(lvx,3); V(lvx,4); V(lvx,5); V(lvx,6); V(lvx,7)
	V(lvx,8); V(lvx,9); V(lvx,10); V(lvx,11); V(lvx,12); V(lvx,13); V(lvx,14); V(lvx,15)
	V(lvx,16); V(lvx,17); V(lvx,18); V(lvx,19); V(lvx,20); V(lvx,21); V(lvx,22); V(lvx,23)
	V(lvx,24); V(lvx,25); V(lvx,26); V(lvx,27); V(lvx,28); V(lvx,29); V(lvx,30); V(lvx,31)
ck_vrestore_end:
	.balign	16
ck_getxer:
	mfxer	4
	std	4, 0(3)
ck_getxer_end:
	.balign	16
ck_setxer:
	ld	4, 0(3)
	mtxer	4
ck_setxer_end:
