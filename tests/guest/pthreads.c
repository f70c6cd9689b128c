/* Guest threads (kit/thread.c): create/join with TLS, mutex and condvar
 * contention, thread-directed and process-directed signals with
 * per-thread masks, a thread exiting while others run, per-thread
 * sigaltstack, and fork from a threaded process (from its main thread and
 * from another).  Deterministic output, compared with qemu-user
 * (tests/compare.cases). */
#define _GNU_SOURCE
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

#define NT 4
static __thread int tls_id = -1;

/* 1: create/join, TLS and return values */
static void *ident(void *arg)
{
	tls_id = (int)(long)arg;
	sched_yield();
	return (void *)(long)(tls_id * 100 + (syscall(SYS_gettid) != getpid()));
}

static void test_create(void)
{
	pthread_t th[NT];
	for (long i = 0; i < NT; i++)
		pthread_create(&th[i], NULL, ident, (void *)(i + 1));
	long sum = 0;
	for (int i = 0; i < NT; i++) {
		void *r;
		pthread_join(th[i], &r);
		sum += (long)r;
	}
	printf("create/join: sum %ld, main tls %d\n", sum, tls_id);
}

/* 2: a mutex-protected counter and a condvar-driven queue */
static pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static long counter, queue, consumed;
static int done;

static void *adder(void *arg)
{
	for (int i = 0; i < 20000; i++) {
		pthread_mutex_lock(&mu);
		counter++;
		pthread_mutex_unlock(&mu);
	}
	return NULL;
}

static void *consumer(void *arg)
{
	long got = 0;
	pthread_mutex_lock(&mu);
	for (;;) {
		while (!queue && !done)
			pthread_cond_wait(&cv, &mu);
		if (!queue && done)
			break;
		queue--;
		got++;
	}
	consumed += got;
	pthread_mutex_unlock(&mu);
	return NULL;
}

static void test_contention(void)
{
	pthread_t th[NT];
	for (int i = 0; i < NT; i++)
		pthread_create(&th[i], NULL, adder, NULL);
	for (int i = 0; i < NT; i++)
		pthread_join(th[i], NULL);
	printf("mutex: counter %ld\n", counter);
	for (int i = 0; i < NT; i++)
		pthread_create(&th[i], NULL, consumer, NULL);
	for (int i = 0; i < 3000; i++) {
		pthread_mutex_lock(&mu);
		queue++;
		pthread_cond_signal(&cv);
		pthread_mutex_unlock(&mu);
	}
	pthread_mutex_lock(&mu);
	done = 1;
	pthread_cond_broadcast(&cv);
	pthread_mutex_unlock(&mu);
	for (int i = 0; i < NT; i++)
		pthread_join(th[i], NULL);
	printf("condvar: consumed %ld left %ld\n", consumed, queue);
}

/* 3: signals to threads */
static volatile int hit_id, hit_count, on_alt;
static char altstack[65536];
static void on_usr(int sig, siginfo_t *si, void *uc)
{
	char here;
	hit_id = tls_id;
	hit_count++;
	on_alt = &here >= altstack && &here < altstack + sizeof altstack;
}

static pthread_barrier_t bar;
static volatile int stop_waiter;
static void *waiter(void *arg)
{
	tls_id = (int)(long)arg;
	if (tls_id == 2) {	/* an alternate stack for this thread only */
		stack_t ss = { .ss_sp = altstack, .ss_size = sizeof altstack };
		sigaltstack(&ss, NULL);
	}
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	if (tls_id == 2)	/* only thread 2 takes SIGUSR2 (main's mask is inherited) */
		pthread_sigmask(SIG_UNBLOCK, &m, NULL);
	pthread_barrier_wait(&bar);
	while (!stop_waiter)
		usleep(1000);
	return NULL;
}

static void wait_hit(int n)
{
	for (int i = 0; i < 5000 && hit_count < n; i++)
		usleep(1000);
}

static void test_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr;
	sa.sa_flags = SA_SIGINFO | SA_ONSTACK;
	sigaction(SIGUSR1, &sa, NULL);
	sigaction(SIGUSR2, &sa, NULL);
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, SIGUSR2);
	pthread_sigmask(SIG_BLOCK, &m, NULL);	/* main blocks SIGUSR2 too */
	pthread_barrier_init(&bar, NULL, 4);
	pthread_t th[3];
	for (long i = 0; i < 3; i++)
		pthread_create(&th[i], NULL, waiter, (void *)(i + 1));
	pthread_barrier_wait(&bar);
	pthread_kill(th[2], SIGUSR1);	/* thread-directed */
	wait_hit(1);
	printf("pthread_kill: handler in thread %d (count %d, altstack %d)\n", hit_id, hit_count, on_alt);
	kill(getpid(), SIGUSR2);	/* process-directed: only thread 2 takes it */
	wait_hit(2);
	printf("kill: handler in thread %d (count %d, altstack %d)\n", hit_id, hit_count, on_alt);
	stop_waiter = 1;
	for (int i = 0; i < 3; i++)
		pthread_join(th[i], NULL);
	pthread_sigmask(SIG_UNBLOCK, &m, NULL);
}

/* 4: a thread ends while others keep running; a detached one too */
static volatile long spins;
static void *spinner(void *arg)
{
	while (!stop_waiter)
		spins++;
	return NULL;
}
static void *quitter(void *arg)
{
	pthread_exit((void *)7);
}

static void test_exit(void)
{
	stop_waiter = 0;
	pthread_t s, q;
	pthread_create(&s, NULL, spinner, NULL);
	while (!spins)	/* the spinner runs before the other thread starts */
		sched_yield();
	void *r;
	pthread_create(&q, NULL, quitter, NULL);
	pthread_join(q, &r);
	printf("pthread_exit while another spins: %ld\n", (long)r);
	stop_waiter = 1;
	pthread_join(s, NULL);
	printf("spinner stopped: %s\n", spins > 0 ? "it ran" : "never ran");	/* (always: see above) */
}

/* 5: fork from a threaded process: only the caller exists in the child */
static void *sleeper(void *arg)
{
	while (!stop_waiter)
		usleep(1000);
	return NULL;
}

static void test_fork(void)
{
	stop_waiter = 0;
	pthread_t s;
	pthread_create(&s, NULL, sleeper, NULL);
	fflush(stdout);
	pid_t p = fork();
	if (p == 0) {
		pthread_t c;
		pthread_create(&c, NULL, ident, (void *)5);	/* threads work in the child */
		void *r;
		pthread_join(c, &r);
		printf("child: thread returned %ld\n", (long)r);
		fflush(stdout);
		_exit(3);
	}
	int st;
	waitpid(p, &st, 0);
	printf("parent: child exited %d\n", WEXITSTATUS(st));
	stop_waiter = 1;
	pthread_join(s, NULL);
}

/* 6: fork from a thread that is not the main one; the child's status is
 * what its exit says (the child's only thread is that one) */
static void *forker(void *arg)
{
	pid_t p = fork();
	if (p == 0)
		exit(4);
	int st;
	waitpid(p, &st, 0);
	printf("fork from a thread: child exited %d\n", WEXITSTATUS(st));
	return NULL;
}

static void test_fork_thread(void)
{
	pthread_t f;
	fflush(stdout);
	pthread_create(&f, NULL, forker, NULL);
	pthread_join(f, NULL);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	test_create();
	test_contention();
	test_signals();
	test_exit();
	test_fork();
	test_fork_thread();
	return 0;
}
