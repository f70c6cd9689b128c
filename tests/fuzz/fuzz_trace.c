/* libFuzzer target: the --trace decoder (kit/trace.c) on arbitrary syscall
 * numbers, argument values and return values, on a real task whose small
 * address space has two readable pages (filled from the input, so strings
 * may or may not end) followed by a PROT_NONE page.  Also every argument
 * kind into output buffers of every small size.  `make fuzz-trace`.
 *
 * Input: abi (1 byte), nr (2), ret (8), six args (8 each), then the bytes of
 * the readable pages.  An argument whose top nibble is 0xA becomes a
 * pointer into the pages (low 13 bits), so strings are hit often. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "run.h"
#include "trace.h"
#include "vm.h"

extern FILE *trace_out;
#define PAGES 0x10000ULL

static uint64_t get(const uint8_t *p, int n)
{
	uint64_t v = 0;
	for (int i = 0; i < n; i++)
		v |= (uint64_t)p[i] << (8 * i);
	return v;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct task tasks[16];
	static int nabi;
	char err[256];
	if (!trace_out && !(trace_out = fopen("/dev/null", "w")))
		abort();
	if (!nabi)
		while (ck_abis[nabi])
			nabi++;
	if (size < 59)
		return 0;
	int ai = data[0] % nabi;
	struct task *t = &tasks[ai];
	if (!t->uc) {
		if (task_init(t, ck_abis[ai], err, sizeof err) ||
		    vm_map(t->vm, PAGES, 2 * VM_PAGE, VM_R | VM_W, VMF_FIXED, -1, 0) < 0 ||
		    vm_map(t->vm, PAGES + 2 * VM_PAGE, VM_PAGE, 0, VMF_FIXED, -1, 0) < 0)
			abort();
	}
	uint64_t nr = get(data + 1, 2);
	long ret = (long)get(data + 3, 8);
	uint64_t args[6];
	for (int i = 0; i < 6; i++) {
		args[i] = get(data + 11 + 8 * i, 8);
		if (args[i] >> 60 == 0xA)
			args[i] = PAGES + (args[i] & 0x1fff);
	}
	uint8_t *mem = vm_host(t->vm, PAGES, 2 * VM_PAGE, VM_R);
	size_t n = size - 59 < 2 * VM_PAGE ? size - 59 : 2 * VM_PAGE;
	memset(mem, 'x', 2 * VM_PAGE);	/* no NUL unless the input has one */
	memcpy(mem, data + 59, n);

	const struct systable *tb = t->abi->sys;
	const struct sysent *se = NULL;
	if (nr >= tb->base && nr - tb->base < tb->n && tb->ent[nr - tb->base].name)
		se = &tb->ent[nr - tb->base];
	trace_syscall(t, nr, se, args, ret);

	/* Every kind, into a buffer of exactly len bytes (ASan sees overruns). */
	size_t len = 1 + (ret & 0xff) % 160;
	char *buf = malloc(len);
	for (int k = SA_INT; k <= SA_FLAGS; k++) {
		struct sysarg a = { .type = "x", .name = "x", .kind = (uint8_t)k, .nslots = 1 };
		trace_format_arg(t, &a, args[k % 6], buf, len);
	}
	free(buf);
	return 0;
}
