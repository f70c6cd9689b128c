/* stackovf [handler]: endless recursion until the stack is exhausted.
 * Linux kills the process with SIGSEGV.  With "handler", a SIGSEGV handler
 * is installed first but no alternate stack: the kernel cannot build the
 * handler's frame on the exhausted stack and kills the process with SIGSEGV
 * just the same (the handler never runs).  Without sigaction (not yet in
 * the kit) it says SKIP and exits 77. */
#include <unistd.h>
#include "catchsig.h"

static void handler(int sig)
{
	write(1, "stackovf: handler ran\n", 22);
	_exit(3);
}

static int down(volatile char *prev, int depth)
{
	volatile char pad[256];
	if (prev == (volatile char *)1)	/* never: keeps GCC from calling it endless */
		return 0;
	pad[0] = (char)depth;
	pad[255] = prev ? prev[0] : 0;
	return down(pad, depth + 1) + pad[1];
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "handler"))
		catch_or_skip(SIGSEGV, handler);
	printf("stackovf: recursing\n");
	fflush(stdout);
	return down(NULL, 0);
}
