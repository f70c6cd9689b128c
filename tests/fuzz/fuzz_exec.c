/* libFuzzer target: the ELF loader (kit/exec.c) on arbitrary bytes, then
 * the initial stack and the entry registers, on a real task of the ABI the
 * header names.  Built by `make fuzz-exec` (tests/fuzz/fuzz.mk).  The input
 * reaches exec_load through a memfd, as a file would. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include "exec.h"
#include "run.h"
#include "vm.h"

/* The first ABI whose machine, class and byte order match the header; the
 * first ABI if none does (the loader must cope with any of them). */
static int pick_abi(const uint8_t *d, size_t n)
{
	int best = 0;
	if (n < 20)
		return 0;
	for (int i = 0; ck_abis[i]; i++) {
		const struct brand *b = &ck_abis[i]->brand;
		unsigned m = d[5] == 2 ? (unsigned)(d[18] << 8 | d[19]) : (unsigned)(d[19] << 8 | d[18]);
		if (b->elfclass == d[4] && b->data == d[5] && b->machine == m)
			return i;
	}
	return best;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct task tasks[16];
	static int fd = -1;
	char err[256] = "";
	if (fd < 0 && (fd = memfd_create("fuzz-exec", 0)) < 0)
		abort();
	int i = pick_abi(data, size);
	struct task *t = &tasks[i];
	if (!t->uc) {
		if (task_init(t, ck_abis[i], err, sizeof err))
			abort();
		/* Unicorn unmaps page by page: keep each input fast (the kit's own
		 * bound, vm.c's max_map, is tested by its unit tests). */
		t->vm->max_map = 256ULL << 20;
	}
	if (ftruncate(fd, 0) || pwrite(fd, data, size, 0) != (ssize_t)size)
		abort();
	struct exec_image img;
	int rc = exec_load(t, fd, "fuzz", &img, err, sizeof err);
	if (rc != 0 && (rc != -1 || !err[0]))
		abort();	/* a refusal always says why */
	if (rc == 0) {
		char *argv[] = { "fuzz", "arg", NULL }, *envp[] = { "A=b", NULL };
		int64_t sp = exec_stack(t, &img, argv, envp, "fuzz");
		if (sp >= 0)
			t->abi->setregs(t, &img, (uint64_t)sp);
	}
	/* Back to an empty address space for the next input. */
	vm_unmap(t->vm, 0, t->vm->limit);
	if (t->vm->n)
		abort();
	return 0;
}
