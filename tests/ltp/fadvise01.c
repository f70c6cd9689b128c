/* posix_fadvise's calls in each ABI's own register order: fadvise64 and,
 * on the 32-bit ABIs, fadvise64_64, issued raw with the halves where the
 * kernel takes them (i386: unaligned low/high; ppc32: even register pairs
 * high first, fadvise64_64 with advice second; 64-bit: plain), and through
 * glibc's posix_fadvise/posix_fadvise64, which use their own copy of that
 * knowledge.  The offset is seen through the page cache: DONTNEED on one
 * page of a sparse file's window above 4 GiB evicts that page only
 * (mincore on a shared mapping of it).  Errors: EBADF, ESPIPE for a pipe,
 * EINVAL for unknown advice and a negative length. */
#define _GNU_SOURCE
#define _FILE_OFFSET_BITS 64
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>
#include "tst.h"

#define BIG (1LL << 32)		/* an offset with only the high word set */

static long raw64(int fd, long long off, unsigned long len, int advice)
{
#if __SIZEOF_LONG__ == 8
	return syscall(__NR_fadvise64, fd, off, len, advice);
#elif defined(__i386__)	/* ia32_fadvise64(fd, off_lo, off_hi, len, advice) */
	return syscall(__NR_fadvise64, fd, (unsigned)off, (unsigned)(off >> 32), len, advice);
#else	/* ppc32: sys_ppc32_fadvise64(fd, unused, off_hi, off_lo, len, advice) */
	return syscall(__NR_fadvise64, fd, 0, (unsigned)(off >> 32), (unsigned)off, len, advice);
#endif
}

#ifdef __NR_fadvise64_64
static long raw64_64(int fd, long long off, long long len, int advice)
{
#if defined(__i386__)	/* ia32_fadvise64_64(fd, off_lo, off_hi, len_lo, len_hi, advice) */
	return syscall(__NR_fadvise64_64, fd, (unsigned)off, (unsigned)(off >> 32),
		       (unsigned)len, (unsigned)(len >> 32), advice);
#else	/* ppc32: ppc_fadvise64_64(fd, advice, off_hi, off_lo, len_hi, len_lo) */
	return syscall(__NR_fadvise64_64, fd, advice, (unsigned)(off >> 32), (unsigned)off,
		       (unsigned)(len >> 32), (unsigned)len);
#endif
}
#endif

static long pg;
static int fd;
static unsigned char *win;

/* Residency of the window's 4 pages as a string like "1011". */
static const char *resident(void)
{
	static char s[5];
	unsigned char v[4];
	if (mincore(win, 4 * pg, v) < 0)
		return "mincore failed";
	for (int i = 0; i < 4; i++)
		s[i] = '0' + (v[i] & 1);
	return s;
}

static void refill(void)
{
	char *buf = malloc(4 * pg);
	if (pread(fd, buf, 4 * pg, BIG) != 4 * pg)
		tst_brk(TBROK | TERRNO, "pread");
	free(buf);
}

static void expect(const char *what, const char *want)
{
	const char *got = resident();
	if (!strcmp(got, want))
		tst_res(TPASS, "%s: residency %s", what, got);
	else
		tst_res(TFAIL, "%s: residency %s, expected %s", what, got, want);
}

static void page_cache(void)
{
	TST_EXP_PASS(raw64(fd, 0, 0, POSIX_FADV_DONTNEED));
	refill();
	if (strcmp(resident(), "1111")) {
		tst_res(TCONF, "page cache residency not observable here (%s after a read)", resident());
		return;
	}
	TST_EXP_PASS(raw64(fd, BIG, 4 * pg, POSIX_FADV_DONTNEED));
	if (strcmp(resident(), "0000")) {
		tst_res(TCONF, "DONTNEED evicts nothing on this filesystem (%s)", resident());
		return;
	}
	refill();
	TST_EXP_PASS(raw64(fd, BIG + pg, pg, POSIX_FADV_DONTNEED));
	expect("fadvise64 DONTNEED of page 1 above 4 GiB", "1011");
	refill();
#ifdef __NR_fadvise64_64
	TST_EXP_PASS(raw64_64(fd, BIG + 2 * pg, pg, POSIX_FADV_DONTNEED));
	expect("fadvise64_64 DONTNEED of page 2 above 4 GiB", "1101");
	refill();
#endif
	int e = posix_fadvise(fd, BIG + 3 * pg, pg, POSIX_FADV_DONTNEED);
	if (e)
		tst_res(TFAIL, "posix_fadvise: %s", tst_strerrno(e));
	expect("glibc posix_fadvise DONTNEED of page 3 above 4 GiB", "1110");
}

static void errors(void)
{
	for (int adv = POSIX_FADV_NORMAL; adv <= POSIX_FADV_NOREUSE; adv++)
		TST_EXP_PASS(raw64(fd, BIG, pg, adv));
	TST_EXP_FAIL(raw64(fd, 0, pg, 6), EINVAL);
	TST_EXP_FAIL(raw64(fd, 0, pg, -1), EINVAL);
	TST_EXP_FAIL(raw64(-1, 0, pg, POSIX_FADV_NORMAL), EBADF);
	TST_EXP_FAIL(raw64(fd + 50, 0, pg, POSIX_FADV_NORMAL), EBADF);
	int p[2];
	if (pipe(p) < 0)
		tst_brk(TBROK | TERRNO, "pipe");
	TST_EXP_FAIL(raw64(p[0], 0, pg, POSIX_FADV_NORMAL), ESPIPE);
#if __SIZEOF_LONG__ == 8
	TST_EXP_FAIL(raw64(fd, 0, -pg, POSIX_FADV_NORMAL), EINVAL);
#else
	/* a 32-bit size_t length is zero-extended: 0xffffffff is 4 GiB */
	TST_EXP_PASS(raw64(fd, 0, 0xffffffffUL, POSIX_FADV_NORMAL));
#endif
#ifdef __NR_fadvise64_64
	for (int adv = POSIX_FADV_NORMAL; adv <= POSIX_FADV_NOREUSE; adv++)
		TST_EXP_PASS(raw64_64(fd, BIG, pg, adv));
	TST_EXP_FAIL(raw64_64(fd, 0, pg, 6), EINVAL);
	TST_EXP_FAIL(raw64_64(fd, 0, -1LL << 32, POSIX_FADV_NORMAL), EINVAL);
	TST_EXP_PASS(raw64_64(fd, 0, 0x80000000LL, POSIX_FADV_NORMAL));
	TST_EXP_FAIL(raw64_64(-1, 0, pg, POSIX_FADV_NORMAL), EBADF);
	TST_EXP_FAIL(raw64_64(p[1], 0, pg, POSIX_FADV_NORMAL), ESPIPE);
#endif
	/* glibc's wrappers return the error number */
	int e = posix_fadvise(fd, 0, -1, POSIX_FADV_NORMAL);
	if (e == EINVAL)
		tst_res(TPASS, "posix_fadvise with a negative length: EINVAL");
	else
		tst_res(TFAIL, "posix_fadvise with a negative length: %s", tst_strerrno(e));
	e = posix_fadvise(p[0], 0, 0, POSIX_FADV_NORMAL);
	if (e == ESPIPE)
		tst_res(TPASS, "posix_fadvise on a pipe: ESPIPE");
	else
		tst_res(TFAIL, "posix_fadvise on a pipe: %s", tst_strerrno(e));
	close(p[0]);
	close(p[1]);
}

static void run(void)
{
	pg = sysconf(_SC_PAGESIZE);
	fd = open("sparse", O_RDWR | O_CREAT | O_TRUNC, 0600);
	if (fd < 0)
		tst_brk(TBROK | TERRNO, "open");
	char *buf = malloc(4 * pg);
	memset(buf, 'x', 4 * pg);
	if (pwrite(fd, buf, 4 * pg, BIG) != 4 * pg || fdatasync(fd) < 0)
		tst_brk(TBROK | TERRNO, "pwrite/fdatasync at 4 GiB");
	free(buf);
	win = mmap(NULL, 4 * pg, PROT_READ, MAP_SHARED, fd, BIG);
	if (win == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap at 4 GiB");
	errors();
	page_cache();
	munmap(win, 4 * pg);
	close(fd);
	unlink("sparse");
}

struct tst_test test = {
	.test_all = run,
	.needs_tmpdir = 1,
};
