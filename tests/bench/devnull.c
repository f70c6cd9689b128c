/* devnull [N]: N one-byte write()s to /dev/null: a syscall that also reads
 * guest memory (copyin of the buffer).  Default 1M. */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	long n = argc > 1 ? strtol(argv[1], 0, 0) : 1000000, ok = 0;
	int fd = open("/dev/null", O_WRONLY);
	if (fd < 0)
		return perror("/dev/null"), 1;
	for (long i = 0; i < n; i++)
		ok += write(fd, "x", 1) == 1;
	printf("write /dev/null x %ld: %ld ok\n", n, ok);
	return ok != n;
}
