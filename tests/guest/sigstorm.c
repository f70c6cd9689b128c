/* Asynchronous stops must not replay guest code.  A child process keeps
 * sending SIGUSR1, which this process blocks, while it repeats a
 * computation full of loads and stores (short memmoves and a hash).  Each
 * signal still reaches the kit and stops the engine; the computation must
 * give the result it gave before the storm, every time.  Unicorn used to
 * leave a block after a load or store and restart it from its first
 * instruction (kit/ucquirk.c): results then differed, or the guest
 * crashed on a pointer loaded twice.  Prints the number of mismatches. */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

static unsigned char src[1 << 16], dst[1024];

static unsigned long long mix(void)
{
	unsigned long long h = 14695981039346656037ull;	/* FNV-1a */
	for (int round = 0; round < 40; round++)
		for (size_t i = 0; i + 37 < sizeof src; i += 29) {
			memmove(dst + i % 900, src + i, 37);
			h = (h ^ dst[i % 900 + round % 37]) * 1099511628211ull;
		}
	return h;
}

int main(void)
{
	for (size_t i = 0; i < sizeof src; i++)
		src[i] = (unsigned char)(i * 7 + 3);
	sigset_t usr1;
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	unsigned long long quiet = mix();
	pid_t me = getpid(), storm = fork();
	if (storm < 0)
		return 2;
	if (storm == 0) {
		for (int i = 0; i < 200000 && kill(me, SIGUSR1) == 0; i++)
			;
		_exit(0);
	}
	int rounds = 0, mismatches = 0, st;
	do {
		rounds++;
		if (mix() != quiet)
			mismatches++;
	} while (waitpid(storm, &st, WNOHANG) == 0);
	printf("computed during the storm: %s; mismatches: %d\n", rounds > 0 ? "yes" : "no", mismatches);
	return mismatches != 0;
}
