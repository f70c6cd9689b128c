/*
 * The process's initial state as the loader built it: argc, argv, the CK_*
 * part of the environment, and the aux vector (walked from the stack, after
 * envp's NULL, so every key present is seen, in the order the loader wrote
 * them).  Addresses vary between runs and loaders, so they print as <addr>;
 * everything else prints as a value to compare with the reference.
 * Environment entries and aux keys are printed sorted: their order is not
 * part of the ABI programs rely on, and loaders differ (qemu-user reverses
 * the environment and orders auxv unlike Linux's create_elf_tables).  The
 * one order that matters, ppc's two AT_IGNOREPPC entries first (for old
 * glibc), is printed as its own line.
 * Keys come from the libc's <elf.h>; see the ELF gABI and the Linux
 * create_elf_tables() for what each means.
 */
#include <elf.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <stdlib.h>

/* CPU: entries that describe the CPU model, not the ABI.  The kit's engine
 * and qemu emulate different CPU models (AT_HWCAP differs), and qemu 7.2
 * leaves out entries Linux gives (AT_HWCAP2 on x86, AT_PLATFORM on ppc;
 * the kit follows Linux).  They are printed only with CK_SHOW_CPU=1; their
 * honesty is checked by tests that execute the advertised instructions. */
enum how { NUM, ADDR, STR, CPU };

static const struct { unsigned long key; const char *name; enum how how; } keys[] = {
	{ AT_NULL, "AT_NULL", NUM },		/* never printed: ends the walk */
	{ AT_IGNORE, "AT_IGNORE", NUM },
	{ AT_EXECFD, "AT_EXECFD", NUM },
	{ AT_PHDR, "AT_PHDR", ADDR },
	{ AT_PHENT, "AT_PHENT", NUM },
	{ AT_PHNUM, "AT_PHNUM", NUM },
	{ AT_PAGESZ, "AT_PAGESZ", NUM },
	{ AT_BASE, "AT_BASE", ADDR },
	{ AT_FLAGS, "AT_FLAGS", NUM },
	{ AT_ENTRY, "AT_ENTRY", ADDR },
	{ AT_NOTELF, "AT_NOTELF", NUM },
	{ AT_UID, "AT_UID", NUM },
	{ AT_EUID, "AT_EUID", NUM },
	{ AT_GID, "AT_GID", NUM },
	{ AT_EGID, "AT_EGID", NUM },
	{ AT_PLATFORM, "AT_PLATFORM", CPU },
	{ AT_HWCAP, "AT_HWCAP", CPU },
	{ AT_CLKTCK, "AT_CLKTCK", NUM },
	{ AT_FPUCW, "AT_FPUCW", NUM },
	{ AT_DCACHEBSIZE, "AT_DCACHEBSIZE", NUM },
	{ AT_ICACHEBSIZE, "AT_ICACHEBSIZE", NUM },
	{ AT_UCACHEBSIZE, "AT_UCACHEBSIZE", NUM },
	{ AT_IGNOREPPC, "AT_IGNOREPPC", NUM },
	{ AT_SECURE, "AT_SECURE", NUM },
	{ AT_BASE_PLATFORM, "AT_BASE_PLATFORM", CPU },
	{ AT_RANDOM, "AT_RANDOM", ADDR },
#ifdef AT_HWCAP2
	{ AT_HWCAP2, "AT_HWCAP2", CPU },
#endif
	{ AT_EXECFN, "AT_EXECFN", ADDR },
	{ AT_SYSINFO, "AT_SYSINFO", ADDR },
	{ AT_SYSINFO_EHDR, "AT_SYSINFO_EHDR", ADDR },
	{ AT_L1I_CACHESHAPE, "AT_L1I_CACHESHAPE", NUM },
	{ AT_L1D_CACHESHAPE, "AT_L1D_CACHESHAPE", NUM },
	{ AT_L2_CACHESHAPE, "AT_L2_CACHESHAPE", NUM },
	{ AT_L3_CACHESHAPE, "AT_L3_CACHESHAPE", NUM },
#ifdef AT_L1I_CACHESIZE
	{ AT_L1I_CACHESIZE, "AT_L1I_CACHESIZE", NUM },
	{ AT_L1I_CACHEGEOMETRY, "AT_L1I_CACHEGEOMETRY", NUM },
	{ AT_L1D_CACHESIZE, "AT_L1D_CACHESIZE", NUM },
	{ AT_L1D_CACHEGEOMETRY, "AT_L1D_CACHEGEOMETRY", NUM },
	{ AT_L2_CACHESIZE, "AT_L2_CACHESIZE", NUM },
	{ AT_L2_CACHEGEOMETRY, "AT_L2_CACHEGEOMETRY", NUM },
	{ AT_L3_CACHESIZE, "AT_L3_CACHESIZE", NUM },
	{ AT_L3_CACHEGEOMETRY, "AT_L3_CACHEGEOMETRY", NUM },
#endif
#ifdef AT_MINSIGSTKSZ
	{ AT_MINSIGSTKSZ, "AT_MINSIGSTKSZ", NUM },
#endif
};

/* Auxv entries are pairs of native words (Elf32_auxv_t / Elf64_auxv_t). */
struct auxent { uintptr_t key, val; };

static int show_cpu;

static int is_cpu_key(uintptr_t key)
{
	for (size_t i = 1; i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].key == key)
			return keys[i].how == CPU;
	return 0;
}

static void print_aux(const struct auxent *a)
{
	for (size_t i = 1; i < sizeof keys / sizeof keys[0]; i++) {
		if (keys[i].key != a->key)
			continue;
		if (keys[i].how == CPU && !show_cpu)
			return;
		if (keys[i].how == CPU && (a->key == AT_PLATFORM || a->key == AT_BASE_PLATFORM))
			printf("  %s = <addr> \"%s\"\n", keys[i].name, a->val ? (const char *)a->val : "");
		else if (keys[i].how == NUM || keys[i].how == CPU)
			printf("  %s = %lu (0x%lx)\n", keys[i].name,
			       (unsigned long)a->val, (unsigned long)a->val);
		else if (keys[i].how == STR && a->val)
			printf("  %s = <addr> \"%s\"\n", keys[i].name, (const char *)a->val);
		else
			printf("  %s = %s\n", keys[i].name, a->val ? "<addr>" : "0");
		return;
	}
	/* A key this libc has no name for: its value may be an address. */
	printf("  AT_#%lu = <value not shown>\n", (unsigned long)a->key);
}

#define MAXSORT 256

/* Insertion sort of pointers, by a comparison; the lists here are short. */
static void sort(const void **v, int n, int (*before)(const void *, const void *))
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && before(v[j], v[j - 1]); j--) {
			const void *t = v[j];
			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

static int str_before(const void *a, const void *b)
{
	return strcmp(a, b) < 0;
}

static int aux_before(const void *a, const void *b)
{
	return ((const struct auxent *)a)->key < ((const struct auxent *)b)->key;
}

int main(int argc, char **argv, char **envp)
{
	char **e = envp;
	const struct auxent *a, *auxv;
	const unsigned char *rnd = NULL;
	const void *v[MAXSORT];
	int nent = 0, n = 0;

	show_cpu = getenv("CK_SHOW_CPU") != NULL;
	printf("argc = %d\n", argc);
	for (int i = 0; i < argc; i++)
		printf("argv[%d] = \"%s\"\n", i, argv[i]);
	printf("argv[argc] = %s\n", argv[argc] ? "non-NULL" : "NULL");

	/* envp is the loader's array (main's third argument, not environ,
	 * which setenv could move), so auxv starts right after its NULL. */
	for (; *e; e++)
		if (!strncmp(*e, "CK_", 3) && n < MAXSORT)
			v[n++] = *e;
	sort(v, n, str_before);
	for (int i = 0; i < n; i++)
		printf("env: %s\n", (const char *)v[i]);

	auxv = (const struct auxent *)(e + 1);
	n = 0;
	for (a = auxv; a->key != AT_NULL; a++) {
		if (n < MAXSORT)
			v[n++] = a;
		if (a->key == AT_RANDOM)
			rnd = (const unsigned char *)a->val;
		if (show_cpu || !is_cpu_key(a->key))
			nent++;
	}
	sort(v, n, aux_before);
	printf("auxv (sorted by key):\n");
	for (int i = 0; i < n; i++)
		print_aux(v[i]);
	printf("auxv entries: %d (plus AT_NULL%s)\n", nent, show_cpu ? "" : "; CPU-model entries not shown");
	if (nent >= 2 && auxv[0].key == AT_IGNOREPPC && auxv[1].key == AT_IGNOREPPC)
		printf("auxv starts with two AT_IGNOREPPC\n");

	if (rnd) {
		int nz = 0;
		for (int i = 0; i < 16; i++)
			nz |= rnd[i];
		printf("AT_RANDOM bytes: %s\n", nz ? "not all zero" : "ALL ZERO");
	} else {
		printf("AT_RANDOM bytes: no AT_RANDOM\n");
	}

	/* Linux puts argc at the initial stack pointer, one native word below
	 * argv[0], and rounds that address down to 16 (STACK_ROUND in
	 * fs/binfmt_elf.c).  glibc passes the loader's argv through to main
	 * unchanged, so this is the entry sp without any asm. */
	uintptr_t sp = (uintptr_t)argv - sizeof(uintptr_t);
	printf("stack aligned: %s\n", sp % 16 == 0 ? "yes" : "no");
	printf("argc word matches: %s\n", *(const uintptr_t *)sp == (uintptr_t)argc ? "yes" : "no");
	return 0;
}
