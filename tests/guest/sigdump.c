/* Frame dump: a SA_SIGINFO handler prints its ucontext at the fields
 * Linux defines -- uc_flags, uc_link, uc_stack, uc_sigmask and the saved
 * registers of uc_mcontext -- plus the frame geometry (where siginfo and
 * ucontext sit relative to the interrupted stack pointer).  Addresses are
 * masked: a value is printed as stack+N / text / data / buf+N when it
 * points there, so kit and qemu runs compare although their address spaces
 * differ.  The signal interrupts a deterministic point: the return from
 * the tgkill syscall inside raise(). */
#define _GNU_SOURCE
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

extern char __executable_start[], etext[], end[];
static char altbuf[65536];
static uintptr_t sp0;

static void val(const char *name, uintptr_t v)
{
	char *p = (char *)v;
	if (v && v == (uintptr_t)getpid())
		printf("  %s = pid\n", name);
	else if (v && v >= sp0 - 0x10000 && v < sp0 + 1024)
		printf("  %s = stack%+ld\n", name, (long)(v - sp0));
	else if (v && v >= sp0 && v < sp0 + 0x10000)	/* argv/envp/auxv: layouts differ */
		printf("  %s = initial stack\n", name);
	else if (p >= altbuf && p < altbuf + sizeof altbuf)
		printf("  %s = buf+%ld\n", name, (long)(p - altbuf));
	else if (p >= __executable_start && p < etext)
		printf("  %s = text\n", name);
	else if (p >= etext && p < end)
		printf("  %s = data\n", name);
	else if (p >= end && p < (char *)sbrk(0))
		printf("  %s = heap\n", name);
	else
		printf("  %s = %#lx\n", name, (unsigned long)v);
}

#if defined(__x86_64__)
static const char *const gname[] = { "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "rdi",
	"rsi", "rbp", "rbx", "rdx", "rax", "rcx", "rsp", "rip", "eflags", "csgsfs", "err", "trapno",
	"oldmask", "cr2" };
#define NG 23
#define GREG(uc, i) ((uintptr_t)(uc)->uc_mcontext.gregs[i])
#define SP(uc) GREG(uc, REG_RSP)
#elif defined(__i386__)
static const char *const gname[] = { "gs", "fs", "es", "ds", "edi", "esi", "ebp", "esp", "ebx",
	"edx", "ecx", "eax", "trapno", "err", "eip", "cs", "efl", "uesp", "ss" };
#define NG 19
#define GREG(uc, i) ((uintptr_t)(uc)->uc_mcontext.gregs[i])
#define SP(uc) GREG(uc, REG_ESP)
#elif defined(__powerpc64__)
#define NG 39	/* r0-r31, nip, msr, orig_r3, ctr, lr, xer, ccr */
#define GREG(uc, i) ((uintptr_t)(uc)->uc_mcontext.gp_regs[i])
#define SP(uc) GREG(uc, 1)
#elif defined(__powerpc__)
#define NG 39
#define GREG(uc, i) ((uintptr_t)(uc)->uc_mcontext.uc_regs->gregs[i])
#define SP(uc) GREG(uc, 1)
#endif

static void handler(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	sp0 = SP(uc);
	char here;
	printf("sig=%d si_signo=%d si_code=%d si_pid_ok=%d\n", sig, si->si_signo, si->si_code,
	       si->si_pid == getpid());
	/* UC_FP_XSTATE (x86, bit 0) says whether the CPU offers XSAVE: masked */
	printf("uc_flags=%#lx uc_link=%p\n", (unsigned long)uc->uc_flags & ~1UL, (void *)uc->uc_link);
	val("uc_stack.ss_sp", (uintptr_t)uc->uc_stack.ss_sp);
	printf("  uc_stack.ss_flags=%d ss_size=%zu\n", uc->uc_stack.ss_flags, uc->uc_stack.ss_size);
	printf("uc_sigmask SIGUSR1=%d SIGUSR2=%d SIGTERM=%d\n", sigismember(&uc->uc_sigmask, SIGUSR1),
	       sigismember(&uc->uc_sigmask, SIGUSR2), sigismember(&uc->uc_sigmask, SIGTERM));
	/* Where the frame sits below sp depends on the FP state size (XSAVE
	 * area of the CPU): only the distance inside the frame is printed. */
	printf("ucontext - siginfo = %ld\n", (long)((char *)uc - (char *)si));
	printf("handler runs below the interrupted sp: %d\n", (uintptr_t)&here < sp0);
	for (int i = 0; i < NG; i++) {
		char n[16];
#if defined(__powerpc__)
		static const char *const ppc[] = { "nip", "msr", "orig_r3", "ctr", "lr", "xer", "ccr" };
		if (i < 32)
			snprintf(n, sizeof n, "r%d", i);
		else
			snprintf(n, sizeof n, "%s", ppc[i - 32]);
		if (i == 33 || i == 34)	/* MSR: engine vs kernel bits; orig_r3 */
			continue;
		if (i == 2 || i == 13)	/* TOC / thread pointer: in data/TLS */
			continue;
		if (i == 38)	/* CR: earlier comparisons, some of addresses */
			continue;
#else
		snprintf(n, sizeof n, "%s", gname[i]);
#endif
#ifdef __i386__
		/* %gs: the TLS selector is GDT entry 12 under an x86-64 kernel
		 * (0x63) and 6 under a 32-bit one (0x33); trapno: qemu-i386
		 * 7.2 reports -1 where Linux has the last trap number (0). */
		if (i == REG_GS || i == REG_TRAPNO)
			continue;
#endif
#ifdef __powerpc64__
		if (i == 12)	/* a CR image from before the syscall: engines differ */
			continue;
#endif
		val(n, GREG(uc, i));
	}
	/* an edit the interrupted code must see: checked after return */
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	stack_t ss = { .ss_sp = altbuf, .ss_size = sizeof altbuf, .ss_flags = 0 };
	sigaltstack(&ss, NULL);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = handler;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGTERM);
	sigprocmask(SIG_BLOCK, &m, NULL);
	raise(SIGUSR1);
	printf("back in main\n");
	return 0;
}
