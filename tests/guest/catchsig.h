/* Shared by guest programs that install a plain signal handler: the
 * handler, no flags, an empty mask.  A kit without sigaction makes the
 * program say SKIP and exit 77 (the compare harness's skip status). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void catch_or_skip(int sig, void (*handler)(int))
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	if (sigaction(sig, &sa, NULL) < 0) {
		printf("SKIP: sigaction: %s\n", strerror(errno));
		exit(77);
	}
}
