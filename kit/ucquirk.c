/*
 * Asynchronous stops that are safe.
 *
 * The kit stops a running engine from outside the guest's flow: a host
 * signal's handler, another guest thread's kick, gdb's ^C (uc_emu_stop).
 * Unicorn 2.x looks at that stop request at the start of every translation
 * block, and also after every guest load and store, where its TCG emits
 * check_exit_request (so that uc_emu_stop called in a memory hook takes
 * effect at once).  Leaving a block in the middle that way goes through the
 * same exit as a block that has not started: without a code hook, Unicorn
 * sets the PC back to the block's first instruction, while the
 * instructions before the access have already changed registers and
 * memory.  On resumption they run a second time: a guest memmove that
 * had loaded its source pointer into the register it reads through then
 * reads through the loaded data.  tests/guest/sigstorm.c shows it (a
 * computation repeated while another process keeps sending a blocked
 * signal got other results, or crashed, on amd64, i386 and powerpc).
 *
 * Unicorn skips those mid-block checks while a flag of its engine struct
 * is set (no_exit_request in uc_priv.h, a workaround for ARM IT blocks
 * that no other target touches).  The API has no call for it, so the kit
 * finds the flag the way Unicorn's own code does: check_exit_request_<target>
 * (an exported function of the library, named by the ABI descriptor)
 * begins by loading tcg_ctx->uc and testing one byte of it.  The offset is
 * read from those instructions; if they are not the expected x86-64 shape
 * (another Unicorn build), nothing is touched and async stops keep the
 * old behaviour.  Under a debugger the checks stay: a stop asked by a code
 * hook (a breakpoint, a step) must take effect before the instruction.
 */
#include <stdint.h>
#include <string.h>
#include "run.h"

/* The byte offset of the flag in Unicorn's engine struct, or -1. */
static long flag_offset(const unsigned char *p)
{
	if (!p)
		return -1;
	if (!memcmp(p, "\xf3\x0f\x1e\xfa", 4))	/* endbr64 */
		p += 4;
	/* mov disp(%rdi),%rax: tcg_ctx->uc */
	if (p[0] == 0x48 && p[1] == 0x8b && p[2] == 0x87)
		p += 7;
	else if (p[0] == 0x48 && p[1] == 0x8b && p[2] == 0x47)
		p += 4;
	else
		return -1;
	/* cmpb $0,disp(%rax), then je: the flag */
	long off;
	if (p[0] == 0x80 && p[1] == 0xb8 && p[6] == 0x00) {
		int32_t d;
		memcpy(&d, p + 2, 4);
		off = d;
		p += 7;
	} else if (p[0] == 0x80 && p[1] == 0x78 && p[3] == 0x00) {
		off = (int8_t)p[2];
		p += 4;
	} else
		return -1;
	if (!(p[0] == 0x74 || (p[0] == 0x0f && p[1] == 0x84)))
		return -1;
	return off > 0 && off < (1L << 16) ? off : -1;
}

static int exact_stops;

void engine_exact_stops(struct task *t)
{
	exact_stops = 1;
	if (t->uc)
		engine_mid_block_exits(t->uc, t->abi, 1);
}

int engine_safe_stops(uc_engine *uc, const struct abi *a)
{
	return exact_stops ? 0 : engine_mid_block_exits(uc, a, 0);
}

int engine_mid_block_exits(uc_engine *uc, const struct abi *a, int on)
{
	long off = flag_offset(a->uc_exit_check);
	if (off < 0)
		return -1;
	volatile unsigned char *flag = (volatile unsigned char *)uc + off;
	if (*flag > 1)	/* not a bool: not the field we think it is */
		return -1;
	*flag = on ? 0 : 1;
	return 0;
}
