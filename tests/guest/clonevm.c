/* The kit runs threads (CLONE_THREAD, kit/thread.c) and vfork children
 * (CLONE_VM|CLONE_VFORK, kit/vfork.c) but refuses CLONE_VM without either
 * (a process sharing its parent's memory and running beside it): clone
 * with CLONE_VM|SIGCHLD fails with ENOSYS and nothing is left behind,
 * while pthread_create works.  Kit-only: a real kernel or qemu-user runs
 * the CLONE_VM child (tests/ltp/procmodel.sh). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void *thread(void *arg) { return arg; }

int main(void)
{
	static char stack[65536];
	errno = 0;
	long r = syscall(SYS_clone, CLONE_VM | SIGCHLD, stack + sizeof stack, NULL, NULL, NULL);
	printf("clone(CLONE_VM|SIGCHLD) = %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "");
	pthread_t th;
	void *ret = NULL;
	int e = pthread_create(&th, NULL, thread, (void *)42);
	if (!e)
		pthread_join(th, &ret);
	printf("pthread_create = %s, joined %ld\n", e ? strerrorname_np(e) : "0", (long)ret);
	errno = 0;
	r = waitpid(-1, NULL, __WALL | WNOHANG);
	printf("children left: %s\n", r < 0 && errno == ECHILD ? "none" : "some");
	return 0;
}
