/*
 * gdb's interrupt (^C, `interrupt`): while the guest runs, gdb sends one
 * byte, 0x03, outside any packet (gdb manual, "Interrupts").  Nobody reads
 * the connection then, so a host thread of the stub's own watches it
 * while the guest runs and only then: the socket belongs to the serving
 * guest thread the rest of the time (g->running, under g->mu).
 *
 * On a ^C it sets g->intr and asks every guest thread to stop
 * (thread_interrupt): an engine running guest code leaves at its next
 * block, exactly (kit/thread.h: with a debugger every engine has the block
 * hook), and one asleep in a blocking host call is kicked out of it, so
 * the call will be restarted.  The first thread at a safe point reports
 * SIGINT (gdb_before_run).  A kick that came just before its thread went
 * to sleep is lost, so while the stop has not come the watcher kicks
 * again every WAIT_MS.
 */
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include "gdbpriv.h"
#include "thread.h"

#define WAIT_MS 50

static void *watch(void *arg)
{
	struct gdbstub *g = arg;
	pthread_mutex_lock(&g->mu);
	for (;;) {
		while (!g->running && !g->quit)
			pthread_cond_wait(&g->cv, &g->mu);
		if (g->quit)
			break;
		if (__atomic_load_n(&g->intr, __ATOMIC_SEQ_CST))
			thread_interrupt();	/* not stopped yet: again */
		pthread_mutex_unlock(&g->mu);
		struct pollfd p = { .fd = g->fd, .events = POLLIN };
		int n = poll(&p, 1, WAIT_MS);
		pthread_mutex_lock(&g->mu);
		if (n <= 0 || !g->running)
			continue;
		unsigned char c;
		ssize_t r = recv(g->fd, &c, 1, MSG_PEEK | MSG_DONTWAIT);
		if (r == 1 && c == 0x03) {
			recv(g->fd, &c, 1, MSG_DONTWAIT);
			__atomic_store_n(&g->intr, 1, __ATOMIC_SEQ_CST);
			thread_interrupt();
		} else {
			/* gdb gone (the guest runs on; the next stop finds
			 * out) or bytes that are the serving thread's:
			 * look again later, without spinning. */
			struct timespec ts;
			clock_gettime(CLOCK_REALTIME, &ts);
			ts.tv_nsec += WAIT_MS * 1000000L;
			if (ts.tv_nsec >= 1000000000L) {
				ts.tv_sec++;
				ts.tv_nsec -= 1000000000L;
			}
			if (g->running && !g->quit)
				pthread_cond_timedwait(&g->cv, &g->mu, &ts);
		}
	}
	pthread_mutex_unlock(&g->mu);
	return NULL;
}

int gdbi_start(struct gdbstub *g)
{
	pthread_mutex_init(&g->mu, NULL);
	pthread_cond_init(&g->cv, NULL);
	/* Host signals are the guest threads' (kit/sighost.c): the watcher
	 * starts with all of them blocked. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int e = pthread_create(&g->watcher, NULL, watch, g);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (e)
		return -1;
	g->watching = 1;
	return 0;
}

void gdbi_stop(struct gdbstub *g)
{
	if (!g->watching)
		return;
	pthread_mutex_lock(&g->mu);
	g->quit = 1;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	pthread_join(g->watcher, NULL);
	g->watching = 0;
}

void gdbi_running(struct gdbstub *g, int on)
{
	if (!g->watching)
		return;
	pthread_mutex_lock(&g->mu);
	g->running = on;
	pthread_cond_broadcast(&g->cv);
	pthread_mutex_unlock(&g->mu);
	if (on) {
		/* A ^C that came with the packet that resumed the guest. */
		for (size_t i = g->rpos; i < g->rlen; i++)
			if (g->rbuf[i] == 0x03) {
				__atomic_store_n(&g->intr, 1, __ATOMIC_SEQ_CST);
				g->rbuf[i] = '+';	/* (dropped as an ack would be) */
			}
	}
}
