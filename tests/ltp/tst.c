/* The harness's runner: main() runs the declared test and prints LTP's
 * summary; the exit status carries LTP's result bits.
 * Children (forks_child) print their own result lines and exit with their
 * bits; the parent reaps the ones the test left and folds their bits in.
 * The runner (compatkit suite) also counts the lines, so a child's TFAIL is
 * seen even when its exit status is lost. */
#define _GNU_SOURCE
#include <stdarg.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "tst.h"

long TST_RET;
static int counts[6];	/* pass fail broken conf warn */
static int result_bits;
static char tmpdir[4096];
static pid_t main_pid;

/* The ABI the binary was built for (tests/ltp/ltp.mk passes -DTST_ABI). */
#ifndef TST_ABI
#define TST_ABI ((const char *)0)
#endif

static int abi_listed(const char *list, const char *abi)
{
	size_t n = strlen(abi);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !strncmp(p, abi, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

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

const char *tst_guest_path(const char *name)
{
	static char path[4096 + 64];
	char self[4096];
	ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
	if (n <= 0)
		return NULL;
	self[n] = 0;
	/* .../ltp/<abi>/<test> -> .../guest/<abi>/<name> */
	char *test = strrchr(self, '/');
	if (!test)
		return NULL;
	*test = 0;
	char *abi = strrchr(self, '/');
	if (!abi || abi - self < 4 || strncmp(abi - 4, "/ltp", 4))
		return NULL;
	*(abi - 4) = 0;
	snprintf(path, sizeof path, "%s/guest%s/%s", self, abi, name);
	return access(path, X_OK) == 0 ? path : NULL;
}

const char *tst_strerrno(int err)
{
	/* a few buffers in turn: one message may name two errnos */
	static char buf[4][64];
	static unsigned k;
	char *b = buf[k++ % 4];
	const char *n = strerrorname_np(err);
	snprintf(b, sizeof buf[0], "%s (%d)", n ? n : "E?", err);
	return b;
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
	if (getpid() != main_pid)
		return;		/* a child: its parent cleans up and sums up */
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

/* Wait for children the test did not reap; a child's exit status is its
 * result bits, a child killed by a signal is broken. */
static void reap_children(void)
{
	int st;
	pid_t p;
	while ((p = wait(&st)) > 0 || (p < 0 && errno == EINTR)) {
		if (p < 0)
			continue;
		if (WIFEXITED(st))
			result_bits |= WEXITSTATUS(st) & (TFAIL | TBROK | TWARN | TCONF);
		else if (WIFSIGNALED(st))
			tst_res(TBROK, "child %d killed by signal %d", (int)p, WTERMSIG(st));
	}
}

int main(void)
{
	setvbuf(stdout, NULL, _IOLBF, 0);
	main_pid = getpid();
	if (test.abis && TST_ABI && !abi_listed(test.abis, TST_ABI))
		tst_brk(TCONF, "not supported on %s (test supports %s)", TST_ABI, test.abis);
	if (test.needs_root && geteuid() != 0)
		tst_brk(TCONF, "test requires root");
	if (test.needs_tmpdir) {
		const char *base = getenv("TMPDIR");
		snprintf(tmpdir, sizeof tmpdir, "%s/ckltp.XXXXXX", base && *base == '/' ? base : "/tmp");
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
	if (test.forks_child)
		reap_children();
	finish();
	return result_bits;
}
