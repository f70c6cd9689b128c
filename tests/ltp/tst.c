/* The harness's runner: main() runs the declared test and prints LTP's
 * summary; the exit status carries LTP's result bits. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "tst.h"

long TST_RET;
static int counts[6];	/* pass fail broken conf warn */
static int result_bits;
static char tmpdir[64];

static const char *name_of(int t)
{
	switch (t & 0xff) {
	case TPASS: return "TPASS";
	case TFAIL: return "TFAIL";
	case TBROK: return "TBROK";
	case TWARN: return "TWARN";
	case TINFO: return "TINFO";
	case TCONF: return "TCONF";
	}
	return "T???";
}

const char *tst_strerrno(int err)
{
	/* two buffers: TST_EXP_FAIL formats the got and the expected errno
	 * in one printf */
	static char buf[2][64];
	static int k;
	const char *n = strerrorname_np(err);
	k ^= 1;
	snprintf(buf[k], sizeof buf[k], "%s (%d)", n ? n : "E?", err);
	return buf[k];
}

static void vres(const char *file, int line, int ttype, const char *fmt, va_list ap)
{
	const char *f = strrchr(file, '/');
	int e = errno;
	printf("%s:%d: %s: ", f ? f + 1 : file, line, name_of(ttype));
	vprintf(fmt, ap);
	if (ttype & TERRNO)
		printf(": %s", tst_strerrno(e));
	printf("\n");
	fflush(stdout);
	switch (ttype & 0xff) {
	case TPASS: counts[0]++; break;
	case TFAIL: counts[1]++; result_bits |= TFAIL; break;
	case TBROK: counts[2]++; result_bits |= TBROK; break;
	case TCONF: counts[3]++; result_bits |= TCONF; break;
	case TWARN: counts[4]++; result_bits |= TWARN; break;
	}
}

void tst_res_(const char *file, int line, int ttype, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vres(file, line, ttype, fmt, ap);
	va_end(ap);
}

static void finish(void)
{
	if (test.cleanup)
		test.cleanup();
	/* Tests remove what they create; an unremovable directory is a
	 * warning (the suite runner also runs every case in its own dir). */
	if (tmpdir[0] && (chdir("/") < 0 || rmdir(tmpdir) < 0))
		tst_res(TWARN | TERRNO, "cannot remove %s", tmpdir);
	printf("\nSummary:\npassed   %d\nfailed   %d\nbroken   %d\nskipped  %d\nwarnings %d\n",
	       counts[0], counts[1], counts[2], counts[3], counts[4]);
	fflush(stdout);
}

void tst_brk_(const char *file, int line, int ttype, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	vres(file, line, ttype, fmt, ap);
	va_end(ap);
	finish();
	exit(result_bits);
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (test.needs_root && geteuid() != 0)
		tst_brk(TCONF, "test requires root");
	if (test.needs_tmpdir) {
		snprintf(tmpdir, sizeof tmpdir, "/tmp/ckltp.XXXXXX");
		if (!mkdtemp(tmpdir) || chdir(tmpdir) < 0) {
			tmpdir[0] = 0;
			tst_brk(TBROK | TERRNO, "cannot make a temporary directory");
		}
	}
	if (test.setup)
		test.setup();
	if (test.test_all)
		test.test_all();
	else
		for (unsigned i = 0; i < test.tcnt; i++)
			test.test(i);
	finish();
	return result_bits;
}
