/* fork(2) and mappings: MAP_SHARED memory (anonymous and file) stays shared
 * between parent and child in both directions; MAP_PRIVATE does not. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include "tst.h"

static int fd = -1;

static void setup(void)
{
	char page[4096];
	memset(page, 0, sizeof page);
	fd = open("fork02.map", O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0 || write(fd, page, sizeof page) != (ssize_t)sizeof page)
		tst_brk(TBROK | TERRNO, "cannot make the mapped file");
}

static void cleanup(void)
{
	if (fd >= 0)
		close(fd);
	unlink("fork02.map");
}

/* Child writes 11, waits for the parent's 22 (pipe handshake), exits 0 if
 * it saw it. */
static void check(const char *what, int flags, int file, int shared)
{
	volatile int *p = mmap(NULL, 4096, PROT_READ | PROT_WRITE, flags, file ? fd : -1, 0);
	if (p == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap %s", what);
	*p = 1;
	int go[2], done[2];
	if (pipe(go) < 0 || pipe(done) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
	pid_t pid = fork();
	if (pid == 0) {
		char c;
		*p = 11;
		write(done[1], "x", 1);
		if (read(go[0], &c, 1) != 1)
			_exit(2);
		_exit(*p == (shared ? 22 : 11) ? 0 : 1);
	}
	char c;
	if (read(done[0], &c, 1) != 1)
		tst_brk(TBROK | TERRNO, "read");
	int child_seen = *p == (shared ? 11 : 1);
	*p = 22;
	write(go[1], "x", 1);
	int st;
	waitpid(pid, &st, 0);
	int parent_seen = WIFEXITED(st) && WEXITSTATUS(st) == 0;
	if (child_seen && parent_seen)
		tst_res(TPASS, "%s: %s", what, shared ? "stores are seen both ways" : "stores stay private");
	else
		tst_res(TFAIL, "%s: parent %s the child's store, child %s the parent's", what,
			child_seen ? "saw as expected" : "got wrong", parent_seen ? "as expected" : "wrong");
	munmap((void *)p, 4096);
	close(go[0]); close(go[1]); close(done[0]); close(done[1]);
}

static void run(unsigned int n)
{
	switch (n) {
	case 0: check("MAP_SHARED|MAP_ANONYMOUS", MAP_SHARED | MAP_ANONYMOUS, 0, 1); break;
	case 1: check("MAP_SHARED file", MAP_SHARED, 1, 1); break;
	case 2: check("MAP_PRIVATE|MAP_ANONYMOUS", MAP_PRIVATE | MAP_ANONYMOUS, 0, 0); break;
	case 3: check("MAP_PRIVATE file", MAP_PRIVATE, 1, 0); break;
	case 4: {
		/* the file itself carries the child's store of a shared map */
		int v = 0;
		check("MAP_SHARED file (again)", MAP_SHARED, 1, 1);
		if (pread(fd, &v, sizeof v, 0) == (ssize_t)sizeof v && v == 22)
			tst_res(TPASS, "the shared file mapping wrote through to the file");
		else
			tst_res(TFAIL, "file holds %d, expected 22", v);
		break;
	}
	}
}

struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = 5,
	.needs_tmpdir = 1,
	.forks_child = 1,
};
