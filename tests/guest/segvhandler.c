/* segvhandler: a SIGSEGV handler that itself faults.  The second SIGSEGV
 * arrives while SIGSEGV is blocked (in the handler), so Linux forces the
 * default action: the process dies by SIGSEGV after the handler started.
 * Without sigaction (not yet in the kit) it says SKIP and exits 77. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	if (sigaction(SIGSEGV, &sa, NULL) < 0) {
		printf("SKIP: sigaction: %s\n", strerror(errno));
		return 77;
	}
	printf("segvhandler: faulting\n");
	fflush(stdout);
	*nowhere = 1;
	printf("segvhandler: the first fault did not happen\n");
	return 4;
}
