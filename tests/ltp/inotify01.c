/* inotify_init1(2), inotify_add_watch(2), inotify_rm_watch(2): a created
 * file is reported with its name (the records are read in the caller's
 * byte order); IN_IGNORED after rm_watch; EBADF, EINVAL, EFAULT, ENOENT. */
#define _GNU_SOURCE
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/inotify.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;
static int fd = -1, wd = -1;

static void setup(void)
{
	if ((fd = inotify_init1(IN_NONBLOCK)) < 0)
		tst_brk(TBROK | TERRNO, "inotify_init1");
}

static void cleanup(void)
{
	close(fd);
	unlink("file");
}

static void run(unsigned int n)
{
	char buf[512] __attribute__((aligned(8)));
	struct inotify_event *e = (struct inotify_event *)buf;
	int f;
	ssize_t r;
	switch (n) {
	case 0:
		TST_EXP_PASS(wd = inotify_add_watch(fd, ".", IN_CREATE | IN_DELETE));
		TST_EXP_FAIL(read(fd, buf, sizeof buf), EAGAIN);
		break;
	case 1:
		if ((f = open("file", O_CREAT | O_WRONLY, 0600)) < 0)
			tst_brk(TBROK | TERRNO, "open");
		close(f);
		r = read(fd, buf, sizeof buf);
		if (r < (ssize_t)sizeof *e)
			tst_res(TFAIL | TERRNO, "read %ld", (long)r);
		else if (e->wd != wd || e->mask != IN_CREATE || e->len < 5 || strcmp(e->name, "file") ||
			 r != (ssize_t)(sizeof *e + e->len))
			tst_res(TFAIL, "event wd %d mask 0x%x len %u name %.16s", e->wd, e->mask, e->len, e->name);
		else
			tst_res(TPASS, "IN_CREATE for \"file\"");
		break;
	case 2:
		unlink("file");
		TST_EXP_PASS(inotify_rm_watch(fd, wd));
		r = read(fd, buf, sizeof buf);
		/* IN_DELETE, then IN_IGNORED */
		if (r != 2 * (ssize_t)sizeof *e + e->len || e->mask != IN_DELETE)
			tst_res(TFAIL, "read %ld, first mask 0x%x", (long)r, e->mask);
		else {
			struct inotify_event *e2 = (struct inotify_event *)(buf + sizeof *e + e->len);
			if (e2->mask != IN_IGNORED || e2->wd != wd)
				tst_res(TFAIL, "second event mask 0x%x", e2->mask);
			else
				tst_res(TPASS, "IN_DELETE then IN_IGNORED");
		}
		break;
	case 3:
		TST_EXP_FAIL(inotify_rm_watch(fd, wd), EINVAL);
		TST_EXP_FAIL(inotify_add_watch(-1, ".", IN_CREATE), EBADF);
		TST_EXP_FAIL(inotify_add_watch(fd, bad_ptr, IN_CREATE), EFAULT);
		TST_EXP_FAIL(inotify_add_watch(fd, "nonexistent", IN_CREATE), ENOENT);
		TST_EXP_FAIL(inotify_add_watch(fd, ".", 0), EINVAL);
		TST_EXP_FAIL(inotify_init1(0x10), EINVAL);
		break;
	}
}

struct tst_test test = {
	.setup = setup, .cleanup = cleanup, .test = run, .tcnt = 4, .needs_tmpdir = 1,
};
