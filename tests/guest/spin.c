/* spin: an endless loop without a syscall.  tests/faults/check.sh signals
 * the kit from outside (SIGALRM, as `timeout -s ALRM` does; SIGTERM): it
 * must die by that signal promptly, as Linux kills the process, even though
 * the guest never enters the kit. */
#include <stdio.h>

int main(void)
{
	volatile unsigned long n = 0;
	printf("spin: spinning\n");
	fflush(stdout);
	for (;;)
		n++;
}
