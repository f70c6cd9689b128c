/* segvhandler: a SIGSEGV handler that itself faults.  The second SIGSEGV
 * arrives while SIGSEGV is blocked (in the handler), so Linux forces the
 * default action: the process dies by SIGSEGV after the handler started.
 * Without sigaction (not yet in the kit) it says SKIP and exits 77. */
#include <unistd.h>
#include "catchsig.h"

static volatile int *volatile nowhere;

static void handler(int sig)
{
	write(1, "segvhandler: in the handler, faulting again\n", 44);
	*nowhere = 2;	/* SIGSEGV while SIGSEGV is blocked */
	write(1, "segvhandler: survived the second fault\n", 39);
	_exit(3);
}

int main(void)
{
	catch_or_skip(SIGSEGV, handler);
	printf("segvhandler: faulting\n");
	fflush(stdout);
	*nowhere = 1;
	printf("segvhandler: the first fault did not happen\n");
	return 4;
}
