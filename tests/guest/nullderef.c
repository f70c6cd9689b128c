/* Die by SIGSEGV: load through a NULL pointer.  The line before it is
 * flushed so the kit and qemu can be compared on stdout as well. */
#include <stdio.h>

int main(void)
{
	volatile int *p = NULL;

	printf("about to load from NULL\n");
	fflush(stdout);
	printf("read %d\n", *p);	/* not reached */
	return 0;
}
