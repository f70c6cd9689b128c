/* Syscall restart: a read on an empty pipe is interrupted by SIGALRM from
 * an interval timer.  The handler writes one byte into the pipe.  With
 * SA_RESTART the read is re-executed and returns that byte; without it the
 * read fails with EINTR and the byte stays in the pipe.  Also a signal the
 * guest ignores by default (SIGCHLD) arriving during a read must not
 * interrupt it at all. */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/time.h>

static int fds[2];
static volatile sig_atomic_t hits;

static void on_alarm(int sig)
{
	hits++;
	char c = 'A' + (char)hits;
	write(fds[1], &c, 1);
}

static void arm(long usec)
{
	struct itimerval it = { { 0, 0 }, { 0, usec } };
	setitimer(ITIMER_REAL, &it, NULL);
}

static void one(int flags, const char *what)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_alarm;
	sa.sa_flags = flags;
	sigaction(SIGALRM, &sa, NULL);
	hits = 0;
	arm(50000);
	char c = 0;
	errno = 0;
	ssize_t n = read(fds[0], &c, 1);
	printf("%s: read=%zd errno=%s byte=%c hits=%d\n", what, n, n < 0 ? strerrorname_np(errno) : "-",
	       n > 0 ? c : '-', (int)hits);
	if (n < 0 && read(fds[0], &c, 1) == 1)
		printf("  byte left in the pipe: %c\n", c);
}

int main(void)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (pipe(fds))
		return 1;
	one(SA_RESTART, "SA_RESTART");
	one(0, "no SA_RESTART");

	return 0;
}
