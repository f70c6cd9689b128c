/* CPU faults as signals.  Modes (argv[1]):
 *   edit      SIGSEGV on a load from 0x1000 and SIGILL on an illegal
 *             instruction, each caught with SA_SIGINFO; the handler checks
 *             si_addr/si_code and the saved PC, then edits uc_mcontext: PC
 *             to a resume label and the result register to 42.
 *   overflow  unbounded recursion; SIGSEGV caught on a sigaltstack.
 *   nostack   the same without an altstack: no room for a frame, so the
 *             guest dies by SIGSEGV.
 *   blocked   a fault while SIGSEGV is blocked kills.
 */
#define _GNU_SOURCE
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

extern char segv_insn[], segv_resume[], ill_insn[], ill_resume[];

/* r = *(int *)0x1000 at segv_insn; then an illegal instruction at ill_insn.
 * Both results come back in the ABI's first result register. */
#if defined(__x86_64__)
__attribute__((noinline, noclone)) static long do_segv(void)
{
	long v;
	__asm__ volatile("mov $0x1000, %%rcx\n\t xor %%eax, %%eax\n"
			 ".globl segv_insn\nsegv_insn: movl (%%rcx), %%eax\n"
			 ".globl segv_resume\nsegv_resume:\n" : "=a"(v) : : "rcx", "memory");
	return v;
}
__attribute__((noinline, noclone)) static long do_ill(void)
{
	long v;
	__asm__ volatile("xor %%eax, %%eax\n.globl ill_insn\nill_insn: ud2\n"
			 ".globl ill_resume\nill_resume:\n" : "=a"(v) : : "memory");
	return v;
}
#define PC(uc) ((uc)->uc_mcontext.gregs[REG_RIP])
#define RES(uc) ((uc)->uc_mcontext.gregs[REG_RAX])
#elif defined(__i386__)
__attribute__((noinline, noclone)) static long do_segv(void)
{
	long v;
	__asm__ volatile("mov $0x1000, %%ecx\n\t xor %%eax, %%eax\n"
			 ".globl segv_insn\nsegv_insn: movl (%%ecx), %%eax\n"
			 ".globl segv_resume\nsegv_resume:\n" : "=a"(v) : : "ecx", "memory");
	return v;
}
__attribute__((noinline, noclone)) static long do_ill(void)
{
	long v;
	__asm__ volatile("xor %%eax, %%eax\n.globl ill_insn\nill_insn: ud2\n"
			 ".globl ill_resume\nill_resume:\n" : "=a"(v) : : "memory");
	return v;
}
#define PC(uc) ((uc)->uc_mcontext.gregs[REG_EIP])
#define RES(uc) ((uc)->uc_mcontext.gregs[REG_EAX])
#elif defined(__powerpc__)
__attribute__((noinline, noclone)) static long do_segv(void)
{
	register long v __asm__("r3");
	__asm__ volatile("li 9, 0x1000\n\t li 3, 0\n"
			 ".globl segv_insn\nsegv_insn: lwz 3, 0(9)\n"
			 ".globl segv_resume\nsegv_resume:\n" : "=r"(v) : : "r9", "memory");
	return v;
}
__attribute__((noinline, noclone)) static long do_ill(void)
{
	register long v __asm__("r3");
	__asm__ volatile("li 3, 0\n.globl ill_insn\nill_insn: .long 0\n"
			 ".globl ill_resume\nill_resume:\n" : "=r"(v) : : "memory");
	return v;
}
#ifdef __powerpc64__
#define PC(uc) ((uc)->uc_mcontext.gp_regs[32])
#define RES(uc) ((uc)->uc_mcontext.gp_regs[3])
#else
#define PC(uc) ((uc)->uc_mcontext.uc_regs->gregs[32])
#define RES(uc) ((uc)->uc_mcontext.uc_regs->gregs[3])
#endif
#endif

static void on_fault(int sig, siginfo_t *si, void *ctx)
{
	ucontext_t *uc = ctx;
	char *at = sig == SIGSEGV ? segv_insn : ill_insn;
	printf("%s: si_code=%d si_addr %s pc at insn=%d\n", sig == SIGSEGV ? "SIGSEGV" : "SIGILL",
	       si->si_code, sig == SIGSEGV ? (si->si_addr == (void *)0x1000 ? "= 0x1000" : "wrong")
	       : (si->si_addr == (void *)at ? "= insn" : "wrong"), PC(uc) == (unsigned long)at);
	PC(uc) = (unsigned long)(sig == SIGSEGV ? segv_resume : ill_resume);
	RES(uc) = 42;
}

static char *altbase;
static void on_overflow(int sig, siginfo_t *si, void *ctx)
{
	char here;
	static const char msg[] = "caught stack overflow on the altstack\n", bad[] = "not on the altstack\n";
	int on = &here >= altbase && &here < altbase + 65536;
	write(1, on ? msg : bad, on ? sizeof msg - 1 : sizeof bad - 1);
	stack_t ss;
	sigaltstack(NULL, &ss);
	if (ss.ss_flags & SS_ONSTACK)
		write(1, "ss_flags has SS_ONSTACK\n", 24);
	_exit(0);
}

static int depth(int n)
{
	volatile char pad[4096];
	pad[0] = (char)n;
	return n > 1000000000 ? pad[0] : depth(n + 1) + pad[0];
}

static void set(int sig, void (*h)(int, siginfo_t *, void *), int flags)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = h;
	sa.sa_flags = SA_SIGINFO | flags;
	sigaction(sig, &sa, NULL);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	const char *mode = argc > 1 ? argv[1] : "edit";
	if (!strcmp(mode, "edit")) {
		set(SIGSEGV, on_fault, 0);
		set(SIGILL, on_fault, 0);
		printf("load resumed with %ld\n", do_segv());
		printf("illegal resumed with %ld\n", do_ill());
		return 0;
	}
	if (!strcmp(mode, "overflow") || !strcmp(mode, "nostack")) {
		if (!strcmp(mode, "overflow")) {
			altbase = malloc(65536);
			stack_t ss = { .ss_sp = altbase, .ss_size = 65536, .ss_flags = 0 };
			sigaltstack(&ss, NULL);
		}
		set(SIGSEGV, on_overflow, SA_ONSTACK);
		return depth(0) & 1;
	}
	if (!strcmp(mode, "blocked")) {
		set(SIGSEGV, on_fault, 0);
		sigset_t m;
		sigemptyset(&m);
		sigaddset(&m, SIGSEGV);
		sigprocmask(SIG_BLOCK, &m, NULL);
		printf("load resumed with %ld\n", do_segv());
		return 0;
	}
	return 2;
}
