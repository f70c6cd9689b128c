/* amd64: registers, syscall convention and TLS (arch_prctl). */
#include <asm/prctl.h>
#include <errno.h>
#include <signal.h>
#include <unicorn/unicorn.h>
#include "task.h"
#include "vm.h"
#include "arches/x86common.h"

/* x86_64 syscall ABI: number in rax; args rdi, rsi, rdx, r10, r8, r9
 * (arch/x86/entry/entry_64.S). */
static const int argregs[6] = { UC_X86_REG_RDI, UC_X86_REG_RSI, UC_X86_REG_RDX,
				UC_X86_REG_R10, UC_X86_REG_R8, UC_X86_REG_R9 };

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

uint64_t amd64_fetch_args(struct task *t, uint64_t *slots)
{
	for (int i = 0; i < 6; i++)
		slots[i] = reg(t, argregs[i]);
	return reg(t, UC_X86_REG_RAX);
}

/* The CPU's SYSCALL puts the return address in rcx and rflags in r11 (and
 * Linux returns them so); Unicorn's hook does not.  Here RIP is still the
 * syscall instruction (2 bytes): Unicorn adds 2 after the hook.  Done with
 * the result, so that the dispatcher's register fast path (which skips
 * fetch_syscall_args) gets it too; batched, since every syscall pays it. */
void amd64_set_retval(struct task *t, long ret)
{
	int rd[2] = { UC_X86_REG_RIP, UC_X86_REG_EFLAGS };
	uint64_t rip = 0, fl = 0;
	void *rp[2] = { &rip, &fl };
	uc_reg_read_batch(t->uc, rd, rp, 2);
	int wr[3] = { UC_X86_REG_RAX, UC_X86_REG_RCX, UC_X86_REG_R11 };
	uint64_t v[3] = { (uint64_t)ret, rip + 2, fl | 0x200 };
	void *wp[3] = { &v[0], &v[1], &v[2] };
	uc_reg_write_batch(t->uc, wr, wp, 3);
}

uint64_t amd64_get_pc(struct task *t) { return reg(t, UC_X86_REG_RIP); }
void amd64_set_pc(struct task *t, uint64_t pc) { setreg(t, UC_X86_REG_RIP, pc); }
uint64_t amd64_get_sp(struct task *t) { return reg(t, UC_X86_REG_RSP); }

int amd64_cpu_init(struct task *t)
{
	return x86_probe_hwcap(t);
}

/* Linux's start_thread: rip = entry, rsp = sp, everything else zero
 * (rdx = 0 means no function for atexit). */
int amd64_setregs(struct task *t, const struct exec_image *img, uint64_t sp)
{
	static const int zero[] = { UC_X86_REG_RAX, UC_X86_REG_RBX, UC_X86_REG_RCX, UC_X86_REG_RDX,
				    UC_X86_REG_RSI, UC_X86_REG_RDI, UC_X86_REG_RBP, UC_X86_REG_R8,
				    UC_X86_REG_R9, UC_X86_REG_R10, UC_X86_REG_R11, UC_X86_REG_R12,
				    UC_X86_REG_R13, UC_X86_REG_R14, UC_X86_REG_R15 };
	for (unsigned i = 0; i < sizeof zero / sizeof zero[0]; i++)
		setreg(t, zero[i], 0);
	setreg(t, UC_X86_REG_RSP, sp);
	setreg(t, UC_X86_REG_RIP, img->entry);
	return 0;
}

/* arch_prctl(code, addr): the FS/GS bases (asm/prctl.h). */
long linux_sys_arch_prctl(struct task *t, const uint64_t *a)
{
	uint64_t v;
	switch (a[0]) {
	case ARCH_SET_FS:
		setreg(t, UC_X86_REG_FS_BASE, a[1]);
		return 0;
	case ARCH_SET_GS:
		setreg(t, UC_X86_REG_GS_BASE, a[1]);
		return 0;
	case ARCH_GET_FS:
	case ARCH_GET_GS:
		v = reg(t, a[0] == ARCH_GET_FS ? UC_X86_REG_FS_BASE : UC_X86_REG_GS_BASE);
		return copyout(t, &v, a[1], sizeof v) ? -EFAULT : 0;
	default:
		return -EINVAL;
	}
}

/* A new thread (kit/thread.c; Linux's copy_thread): rax = 0, execution
 * after the `syscall` (the trap left RIP on it; fetch_args put the return
 * address in rcx), rsp = the new stack, CLONE_SETTLS = the FS base. */
int amd64_clone_child(struct task *c, struct task *parent, uint64_t sp, int settls, uint64_t tls)
{
	/* The copied context has RIP on the parent's `syscall` (2 bytes); the
	 * child resumes after it, with rcx/r11 as the instruction leaves them. */
	uint64_t rip = reg(c, UC_X86_REG_RIP) + 2;
	setreg(c, UC_X86_REG_RAX, 0);
	setreg(c, UC_X86_REG_RIP, rip);
	setreg(c, UC_X86_REG_RCX, rip);
	setreg(c, UC_X86_REG_R11, reg(c, UC_X86_REG_EFLAGS) | 0x200);
	if (sp)
		setreg(c, UC_X86_REG_RSP, sp);
	if (settls)
		setreg(c, UC_X86_REG_FS_BASE, tls);
	return 0;
}
