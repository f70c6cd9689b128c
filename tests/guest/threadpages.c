/* Threads leave no memory behind: after many threads were created and
 * joined, a fresh anonymous mapping lands where it did before.  (The kit
 * once kept each i386 thread's GDT page mapped after the thread exited,
 * one page lower per thread: kit/thread.c, task->thread_page.)  glibc
 * keeps the stacks of joined threads for reuse, so they do not move it. */
#include <pthread.h>
#include <stdio.h>
#include <sys/mman.h>

static void *thread(void *arg) { return arg; }

static void threads(int n)
{
	for (int i = 0; i < n; i++) {
		pthread_t th;
		if (pthread_create(&th, NULL, thread, NULL) || pthread_join(th, NULL)) {
			printf("pthread_create/join failed\n");
			return;
		}
	}
}

/* Where the next page-sized mapping goes. */
static unsigned long next_map(void)
{
	void *p = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		return 0;
	munmap(p, 4096);
	return (unsigned long)p;
}

int main(void)
{
	threads(4);	/* the stack cache fills */
	unsigned long before = next_map();
	threads(200);
	unsigned long after = next_map();
	/* A page or so either way is the allocator's business (qemu-user
	 * moves it by one now and then); a page per thread is a leak. */
	long moved = ((long)before - (long)after) / 4096;
	printf("200 threads later, the next mapping moved down by 100 pages or more: %s\n",
	       moved >= 100 ? "yes" : "no");
	if (moved >= 100)
		printf("(by %ld pages)\n", moved);
	return 0;
}
