/* forkexec N: N cycles of fork, execve of this program ("child" mode,
 * which exits 7 at once) and waitpid, to show that the kit's fds and RSS
 * stay flat (tests/faults/hygiene.sh reads them from /proc between the two
 * handshakes on stdin, as sysfuzz does).  Without fork/execve/wait4 in the
 * kit it says SKIP with the reason and exits 77. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/wait.h>

extern char **environ;

static void handshake(void)
{
	char c;
	fflush(stdout);
	if (read(0, &c, 1) < 0)
		perror("forkexec: handshake");
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "child"))
		return 7;
	long n = argc > 1 ? atol(argv[1]) : 1000;
	printf("forkexec: ready\n");
	handshake();
	long ok = 0;
	for (long i = 0; i < n; i++) {
		pid_t p = fork();
		if (p < 0) {
			printf("SKIP: fork: %s\n", strerror(errno));
			return 77;
		}
		if (p == 0) {
			char *args[] = { argv[0], "child", NULL };
			execve("/proc/self/exe", args, environ);
			printf("SKIP: execve: %s\n", strerror(errno));
			fflush(stdout);
			_exit(77);
		}
		int st;
		if (waitpid(p, &st, 0) != p) {
			printf("SKIP: waitpid: %s\n", strerror(errno));
			return 77;
		}
		if (WIFEXITED(st) && WEXITSTATUS(st) == 77)
			return 77;	/* the child said why */
		if (WIFEXITED(st) && WEXITSTATUS(st) == 7)
			ok++;
	}
	printf("forkexec: done\n");
	handshake();
	printf("forkexec: cycles=%ld ok=%ld\n", n, ok);
	return ok == n ? 0 : 1;
}
