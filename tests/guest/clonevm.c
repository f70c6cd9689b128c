/* The kit refuses CLONE_VM (threads are not modelled yet): clone and clone3
 * with CLONE_VM fail with ENOSYS, so glibc's clone3 -> clone fallback runs
 * (glibc 2.36 pthread_create passes that ENOSYS on); nothing is left behind.  Kit-only: a
 * real kernel or qemu-user runs the thread (tests/ltp/procmodel.sh). */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/sched.h>
#include <sys/syscall.h>
#include <sys/wait.h>

static void *thread(void *arg) { return arg; }

int main(void)
{
	static char stack[65536];
	struct clone_args ca;
	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_THREAD;
	ca.stack = (unsigned long)stack;
	ca.stack_size = sizeof stack;
	errno = 0;
	long r = syscall(SYS_clone3, &ca, sizeof ca);
	printf("clone3(CLONE_VM|...) = %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "");
	errno = 0;
	r = syscall(SYS_clone, CLONE_VM | SIGCHLD, stack + sizeof stack, NULL, NULL, NULL);
	printf("clone(CLONE_VM|SIGCHLD) = %ld %s\n", r, r < 0 ? strerrorname_np(errno) : "");
	pthread_t th;
	int e = pthread_create(&th, NULL, thread, NULL);
	printf("pthread_create = %s\n", e ? strerrorname_np(e) : "0");
	errno = 0;
	r = waitpid(-1, NULL, __WALL | WNOHANG);
	printf("children left: %s\n", r < 0 && errno == ECHILD ? "none" : "some");
	return 0;
}
