/* The guest tests/gdb/gdb.sh debugs: built with -g (its own rule in
 * tests/gdb/gdb.mk), static, for every ABI.  Keep the line numbers of the
 * marked lines in step with gdb.sh's expectations: it finds them by the
 * markers, not by number. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

volatile int counter, caught;
volatile long spin;
volatile int stop_loop;

int add(int a, int b)
{
	return a + b;
}

void handler(int sig)
{
	caught = sig;
}

int main(int argc, char **argv)
{
	int value = 41;			/* GDB-FIRST */
	value = add(value, 1);		/* GDB-SECOND */
	counter = value;
	printf("value %d\n", value);
	if (argc > 1 && argv[1][0] == 'h') {
		signal(SIGUSR2, handler);
		raise(SIGUSR2);
		printf("caught %d\n", caught);
	}
	if (argc > 1 && (argv[1][0] == 'l' || argv[1][0] == 'z')) {
		printf("running\n");	/* gdb.sh interrupts after this line */
		fflush(stdout);
	}
	if (argc > 1 && argv[1][0] == 'l')
		while (!stop_loop)	/* until gdb interrupts and sets it */
			spin++;
	if (argc > 1 && argv[1][0] == 'z')
		sleep(60);	/* asleep in a host call when gdb interrupts */
	if (argc > 1 && argv[1][0] == 's')
		raise(SIGUSR1);		/* default action: the guest dies */
	if (argc > 1 && argv[1][0] == 'f')
		*(volatile int *)(long)counter = 1;	/* SIGSEGV */
	return 7;
}
