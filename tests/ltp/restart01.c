/* restart_syscall(2) called by a program, with no interrupted call for
 * it to resume: the task's restart block is the kernel's default
 * (do_no_restart_syscall in kernel/signal.c), which answers EINTR.  The
 * dispatcher must leave that EINTR alone: were it treated as an
 * interrupted call, the kit would run the call again for ever. */
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/syscall.h>
#include "tst.h"

static void run(void)
{
	TST_EXP_FAIL(syscall(SYS_restart_syscall), EINTR);
	TST_EXP_FAIL(syscall(SYS_restart_syscall), EINTR);
}

struct tst_test test = {
	.test_all = run,
};
