/* The threaded guest tests/gdb/gdb.sh debugs (built -g like prog.c): two
 * workers start, wait until both exist, then each calls at_stop with its
 * number while main waits in pthread_join.  At the first stop there are
 * three threads; gdb.sh finds the values it expects here by the markers. */
#include <pthread.h>
#include <stdio.h>

#define NWORKERS 2		/* GDB-NWORKERS */

static int started;
volatile int stopped_sum;

void at_stop(int id)
{
	stopped_sum += id;	/* GDB-AT-STOP */
}

static void *worker(void *arg)
{
	int id = (int)(long)arg;
	__atomic_add_fetch(&started, 1, __ATOMIC_SEQ_CST);
	while (__atomic_load_n(&started, __ATOMIC_SEQ_CST) < NWORKERS)
		;	/* both workers exist before either stops */
	at_stop(id);
	return NULL;
}

int main(void)
{
	pthread_t th[NWORKERS];
	for (long i = 0; i < NWORKERS; i++)
		pthread_create(&th[i], NULL, worker, (void *)(i + 1));
	for (int i = 0; i < NWORKERS; i++)
		pthread_join(th[i], NULL);
	printf("sum %d\n", stopped_sum);
	return 3;
}
