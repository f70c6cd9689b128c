/* Signals from another process: prints "ready", then waits in pause()
 * for SIGUSR1 and reports its si_code and si_pid (tests/sighost.sh sends
 * it from a shell and checks the pid).  With "term", waits with SIGTERM at
 * its default action (the sender expects death by SIGTERM). */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static volatile sig_atomic_t code = 99, pid, got;

static void on_usr1(int sig, siginfo_t *si, void *uc)
{
	code = si->si_code;
	pid = si->si_pid;
	got = 1;
}

int main(int argc, char **argv)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_usr1;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	printf("ready\n");
	fflush(stdout);
	while (!got)
		pause();
	printf("got SIGUSR1 si_code=%d si_pid=%d\n", (int)code, (int)pid);
	return 0;
}
