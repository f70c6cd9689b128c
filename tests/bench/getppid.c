/* getppid [N]: N getppid() calls, the cheapest round trip through the
 * syscall path (trap, dispatch, host call, return).  Default 1M. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/syscall.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], 0, 0) : 1000000;
	long first = syscall(SYS_getppid), bad = 0;
	for (long i = 0; i < n; i++)
		bad += syscall(SYS_getppid) != first;
	printf("getppid x %ld: %ld changed\n", n, bad);
	return bad != 0;
}
