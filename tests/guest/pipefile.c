/*
 * Basic file-descriptor traffic: a pipe round trip, then a file in the
 * directory argv[1] (or the cwd) written, read back, seeked and fstat'ed.
 * Only sizes and contents are printed, never paths, so the output is the
 * same wherever it runs.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int fail(const char *what)
{
	printf("FAILED %s: errno %d\n", what, errno);
	return 1;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : ".";
	static const char msg[] = "through the pipe";
	static const char text[] = "0123456789abcdefghij\n";
	char buf[128], path[4096];
	int p[2], fd;
	ssize_t n;
	struct stat st;
	off_t off;

	if (pipe(p) < 0)
		return fail("pipe");
	if (write(p[1], msg, sizeof msg - 1) != (ssize_t)(sizeof msg - 1))
		return fail("write pipe");
	close(p[1]);
	n = read(p[0], buf, sizeof buf - 1);
	if (n < 0)
		return fail("read pipe");
	buf[n] = 0;
	printf("pipe: read %zd bytes: %s\n", n, buf);
	n = read(p[0], buf, sizeof buf);
	printf("pipe: read after close of writer: %zd\n", n);
	close(p[0]);

	snprintf(path, sizeof path, "%s/pipefile.tmp", dir);
	fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0644);
	if (fd < 0)
		return fail("open");
	for (int i = 0; i < 3; i++)
		if (write(fd, text, sizeof text - 1) != (ssize_t)(sizeof text - 1))
			return fail("write file");
	off = lseek(fd, 0, SEEK_CUR);
	printf("file: offset after writes %lld\n", (long long)off);
	off = lseek(fd, 10, SEEK_SET);
	printf("file: lseek(10, SEEK_SET) = %lld\n", (long long)off);
	n = read(fd, buf, 15);
	if (n < 0)
		return fail("read file");
	buf[n] = 0;
	printf("file: read %zd bytes at 10: %.*s|\n", n, (int)strcspn(buf, "\n"), buf);
	off = lseek(fd, -5, SEEK_END);
	printf("file: lseek(-5, SEEK_END) = %lld\n", (long long)off);
	if (fstat(fd, &st) < 0)
		return fail("fstat");
	printf("file: fstat size %lld, regular %s, mode %03o\n", (long long)st.st_size,
	       S_ISREG(st.st_mode) ? "yes" : "no", (unsigned)(st.st_mode & 0777));
	close(fd);
	if (unlink(path) < 0)
		return fail("unlink");
	if (open(path, O_RDONLY) >= 0 || errno != ENOENT)
		return fail("open after unlink");
	printf("file: gone after unlink (ENOENT)\n");
	fprintf(stderr, "pipefile: done\n");
	return 0;
}
