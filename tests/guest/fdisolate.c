/*
 * fdisolate: a guest that tries to reach descriptors it does not own and
 * then keeps working.  Under the kit the descriptors above the guest's
 * RLIMIT_NOFILE are the kit's own (--trace output among them); on Linux
 * they simply are not open.  Either way every such attempt must fail with
 * EBADF (EINVAL for F_DUPFD at the limit), the guest's own fds must keep
 * working, and the output is the same, so it is compared with qemu.
 *
 * Steps: close_range(3, ~0U) (a loop of close() if it is not implemented),
 * dup2 onto every fd up to the limit + 64, read/write/fstat/lseek/mmap/
 * close on the fds above the limit, fcntl(F_DUPFD) at the limit, close(2);
 * then open, write and read back a file.  Prints one line per step.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#define ABOVE 64	/* fds past the limit that are probed */

static int bad;

static void step(const char *what, int ok)
{
	printf("fdisolate: %-44s %s\n", what, ok ? "ok" : "FAILED");
	bad += !ok;
}

int main(int argc, char **argv)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
		return perror("getrlimit"), 2;
	/* Linux allows up to 1M descriptors; stay far below the usual maximum. */
	int lim = rl.rlim_cur > 1 << 20 ? 1 << 20 : (int)rl.rlim_cur;
	setvbuf(stdout, NULL, _IOLBF, 0);

	/* 1. close everything but 0-2 */
	int how = 0;
#ifdef SYS_close_range
	if (syscall(SYS_close_range, 3, ~0U, 0) == 0)
		how = 1;
#endif
	if (!how)
		for (int fd = 3; fd < lim + ABOVE; fd++)
			close(fd);
	step("close everything from fd 3 up", 1);

	/* 2. dup2 onto every fd: below the limit it works, above it EBADF */
	int below_ok = 1, above_ebadf = 1;
	for (int fd = 3; fd < lim + ABOVE; fd++) {
		int r = dup2(1, fd);
		if (fd < lim && r != fd)
			below_ok = 0;
		if (fd >= lim && (r != -1 || errno != EBADF))
			above_ebadf = 0;
	}
	step("dup2 onto every fd below the limit", below_ok);
	step("dup2 onto fds above the limit: EBADF", above_ebadf);
	for (int fd = 3; fd < lim; fd++)
		close(fd);

	/* 3. the fds above the limit are not the guest's */
	int ebadf = 1;
	char c;
	struct stat st;
	for (int fd = lim; fd < lim + ABOVE; fd++) {
		errno = 0;
		ebadf &= read(fd, &c, 1) == -1 && errno == EBADF;
		ebadf &= write(fd, "x", 1) == -1 && errno == EBADF;
		ebadf &= fstat(fd, &st) == -1 && errno == EBADF;
		ebadf &= lseek(fd, 0, SEEK_SET) == -1 && errno == EBADF;
		ebadf &= mmap(NULL, 4096, PROT_READ, MAP_SHARED, fd, 0) == MAP_FAILED && errno == EBADF;
		ebadf &= fcntl(fd, F_GETFD) == -1 && errno == EBADF;
		ebadf &= close(fd) == -1 && errno == EBADF;
	}
	step("read/write/fstat/lseek/mmap/fcntl/close above", ebadf);
	step("fcntl(F_DUPFD) at the limit: EINVAL",
	     fcntl(1, F_DUPFD, lim) == -1 && errno == EINVAL);

	/* 4. stderr goes; the guest's own descriptors keep working */
	close(2);
	const char *dir = argc > 1 ? argv[1] : ".";
	char path[4096];
	snprintf(path, sizeof path, "%s/fdisolate.tmp", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
	char buf[16] = "";
	int works = fd >= 0 && write(fd, "still here", 10) == 10 && lseek(fd, 0, SEEK_SET) == 0 &&
		    read(fd, buf, sizeof buf) == 10 && !memcmp(buf, "still here", 10);
	step("open/write/read a file afterwards", works);
	if (fd >= 0) {
		close(fd);
		unlink(path);
	}
	printf("fdisolate: %s\n", bad ? "FAILED" : "done");
	return bad ? 1 : 0;
}
