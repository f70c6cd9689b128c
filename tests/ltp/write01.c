/* write(2): basic write to a file, bad fd, bad buffer. */
#include <fcntl.h>
#include <unistd.h>
#include "tst.h"

static int fd = -1;

static void setup(void)
{
	fd = open("write01.tmp", O_CREAT | O_RDWR | O_TRUNC, 0644);
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "open");
}

static void cleanup(void)
{
	if (fd >= 0)
		close(fd);
	unlink("write01.tmp");
}

/* an address no ABI maps (below mmap_min_addr), hidden from the compiler */
static void *volatile bad_ptr = (void *)16;

static void run(unsigned int n)
{
	switch (n) {
	case 0:
		TST_EXP_PASS(write(fd, "hello", 5));
		if (TST_RET != 5)
			tst_res(TFAIL, "wrote %ld bytes, expected 5", TST_RET);
		break;
	case 1:
		TST_EXP_FAIL(write(-1, "x", 1), EBADF);
		break;
	case 2:
		TST_EXP_FAIL(write(fd, bad_ptr, 1), EFAULT);
		break;
	}
}

struct tst_test test = {
	.setup = setup,
	.cleanup = cleanup,
	.test = run,
	.tcnt = 3,
	.needs_tmpdir = 1,
};
