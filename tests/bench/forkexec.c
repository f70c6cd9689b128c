/*
 * forkexec N CHILD: N times fork(), execve(CHILD) in the child, wait in the
 * parent.  If the runtime lacks fork or execve (ENOSYS) it prints
 * "skipped: fork/execve not implemented" and exits 77, which the driver
 * reports as a skip rather than a failure.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <sys/wait.h>

#define SKIP_STATUS 77

int main(int argc, char **argv)
{
	if (argc < 3)
		return fprintf(stderr, "usage: forkexec N CHILD\n"), 2;
	long n = strtol(argv[1], 0, 0), ok = 0;
	for (long i = 0; i < n; i++) {
		pid_t p = fork();
		if (p < 0) {
			if (errno == ENOSYS)
				goto skip;
			return perror("fork"), 1;
		}
		if (p == 0) {
			char *cargv[] = { argv[2], NULL }, *cenv[] = { NULL };
			execve(argv[2], cargv, cenv);
			_exit(errno == ENOSYS ? SKIP_STATUS : 127);
		}
		int st;
		if (waitpid(p, &st, 0) != p) {
			if (errno == ENOSYS)
				goto skip;
			return perror("waitpid"), 1;
		}
		if (WIFEXITED(st) && WEXITSTATUS(st) == SKIP_STATUS)
			goto skip;
		ok += WIFEXITED(st) && WEXITSTATUS(st) == 0;
	}
	printf("fork+execve+wait x %ld: %ld ok\n", n, ok);
	return ok != n;
skip:
	printf("skipped: fork/execve not implemented\n");
	return SKIP_STATUS;
}
