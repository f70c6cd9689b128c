/*
 * The initial stack, laid out as Linux's create_elf_tables() does
 * (fs/binfmt_elf.c): strings at the top (execfn, envp, argv), then the
 * platform string and 16 random bytes, then a 16-byte aligned block of
 * argc, argv[], NULL, envp[], NULL and the auxv pairs ending with AT_NULL.
 */
#include <elf.h>
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/random.h>
#include "exec.h"
#include "vm.h"

#define STACK_SIZE (8ULL << 20)	/* RLIMIT_STACK default */

struct sbuild {
	struct task *t;
	uint64_t sp;
	int err;
};

static uint64_t push_bytes(struct sbuild *b, const void *p, size_t n)
{
	b->sp -= n;
	if (copyout(b->t, p, b->sp, n))
		b->err = -EFAULT;
	return b->sp;
}

static size_t count(char *const v[])
{
	size_t n = 0;
	while (v && v[n])
		n++;
	return n;
}

int64_t exec_stack(struct task *t, const struct exec_image *img, char *const argv[],
		   char *const envp[], const char *execfn)
{
	const struct abi *a = t->abi;
	unsigned ps = a->ptr_size;
	uint64_t top = a->stack_top;
	int64_t m = vm_map(t->vm, top - STACK_SIZE, STACK_SIZE,
			   VM_R | VM_W | (img->exec_stack ? VM_X : 0), VMF_FIXED | VMF_STACK, -1, 0);
	if (m < 0)
		return m;

	struct sbuild b = { .t = t, .sp = top - ps };
	size_t argc = count(argv), envc = count(envp);
	uint64_t uargv[argc + 1], uenvp[envc + 1];

	uint64_t u_execfn = push_bytes(&b, execfn, strlen(execfn) + 1);
	for (size_t i = envc; i-- > 0;)
		uenvp[i] = push_bytes(&b, envp[i], strlen(envp[i]) + 1);
	for (size_t i = argc; i-- > 0;)
		uargv[i] = push_bytes(&b, argv[i], strlen(argv[i]) + 1);
	uargv[argc] = uenvp[envc] = 0;

	uint64_t u_platform = 0;
	b.sp &= ~(uint64_t)(ps - 1);
	if (a->platform)
		u_platform = push_bytes(&b, a->platform, strlen(a->platform) + 1);
	uint8_t rnd[16];
	if (getrandom(rnd, sizeof rnd, 0) != sizeof rnd)
		return -EIO;
	b.sp &= ~15ULL;
	uint64_t u_random = push_bytes(&b, rnd, sizeof rnd);

	uint64_t aux[48][2];
	int na = a->auxv_extra ? a->auxv_extra(t, aux, 16) : 0;
#define AUX(k, v) do { aux[na][0] = (k); aux[na][1] = (v); na++; } while (0)
	AUX(AT_HWCAP, t->hwcap);
	AUX(AT_PAGESZ, VM_PAGE);
	AUX(AT_CLKTCK, sysconf(_SC_CLK_TCK));
	AUX(AT_PHDR, img->phdr);
	AUX(AT_PHENT, img->phent);
	AUX(AT_PHNUM, img->phnum);
	AUX(AT_BASE, img->base);
	AUX(AT_FLAGS, 0);
	AUX(AT_ENTRY, img->prog_entry);
	AUX(AT_UID, getuid());
	AUX(AT_EUID, geteuid());
	AUX(AT_GID, getgid());
	AUX(AT_EGID, getegid());
	AUX(AT_SECURE, 0);
	AUX(AT_RANDOM, u_random);
	AUX(AT_HWCAP2, t->hwcap2);
	AUX(AT_EXECFN, u_execfn);
	if (u_platform)
		AUX(AT_PLATFORM, u_platform);
	AUX(AT_NULL, 0);
#undef AUX

	/* argc + argv + NULL + envp + NULL + auxv, with sp 16-byte aligned */
	size_t words = 1 + (argc + 1) + (envc + 1) + 2 * (size_t)na;
	b.sp = (b.sp - words * ps) & ~15ULL;
	uint64_t sp = b.sp;
	uint8_t *blk = guest_ptr(t, sp, words * ps, VM_W);
	if (!blk || b.err)
		return -EFAULT;
	size_t w = 0;
	abi_store(a, blk + ps * w++, ps, argc);
	for (size_t i = 0; i <= argc; i++)
		abi_store(a, blk + ps * w++, ps, uargv[i]);
	for (size_t i = 0; i <= envc; i++)
		abi_store(a, blk + ps * w++, ps, uenvp[i]);
	for (int i = 0; i < na; i++) {
		abi_store(a, blk + ps * w++, ps, aux[i][0]);
		abi_store(a, blk + ps * w++, ps, aux[i][1]);
	}
	return (int64_t)sp;
}
