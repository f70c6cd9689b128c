/* AT_HWCAP must describe the CPU the guest really runs on.  On x86 it is
 * CPUID.1:EDX (arch/x86/include/asm/elf.h), which the guest can ask the CPU
 * for directly; on other arches tests/ppc.mk executes the advertised
 * instructions instead. */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>

/* The raw auxv value: glibc's getauxval(AT_HWCAP) on x86 returns glibc's
 * own HWCAP_X86_* bits instead, so walk the auxv after envp ourselves. */
static __attribute__((unused)) unsigned long raw_hwcap(char **envp)
{
	while (*envp)
		envp++;
	for (uintptr_t *a = (uintptr_t *)(envp + 1); a[0] != AT_NULL; a += 2)
		if (a[0] == AT_HWCAP)
			return a[1];
	return 0;
}

int main(int argc, char **argv, char **envp)
{
	(void)argc;
	(void)argv;
#if defined(__i386__) || defined(__x86_64__)
	unsigned a = 1, b, c = 0, d;
	__asm__ volatile("cpuid" : "+a"(a), "=b"(b), "+c"(c), "=d"(d));
	unsigned long hw = raw_hwcap(envp);
	printf("AT_HWCAP equals CPUID.1:EDX: %s\n", hw == d ? "yes" : "no");
	if (hw != d)
		printf("  AT_HWCAP 0x%lx, EDX 0x%x\n", hw, d);
	return hw != d;
#else
	(void)envp;
	printf("AT_HWCAP equals CPUID.1:EDX: not an x86 guest\n");
	return 0;
#endif
}
