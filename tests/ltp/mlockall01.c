/* mlockall/munlockall with the toolchain's own MCL_* values (ppc's are
 * 0x2000/0x4000/0x8000, asm-generic's 1/2/4): MCL_CURRENT|MCL_ONFAULT
 * locks without populating, MCL_FUTURE populates and locks later mappings,
 * munlockall ends both, a forked child inherits neither; the other
 * family's MCL_CURRENT, unknown bits, 0 and MCL_ONFAULT alone are EINVAL.
 * Locked memory is read from VmLck in /proc/self/status, residency from
 * mincore. */
#define _GNU_SOURCE
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>
#include "tst.h"

#define NPG 16
static long pg;

static long vmlck(void)	/* kB, or -1 */
{
	FILE *f = fopen("/proc/self/status", "r");
	char line[256];
	long kb = -1;
	while (f && fgets(line, sizeof line, f))
		if (sscanf(line, "VmLck: %ld", &kb) == 1)
			break;
	if (f)
		fclose(f);
	return kb;
}

static int resident(const unsigned char *m)
{
	unsigned char v[NPG];
	if (mincore((void *)m, NPG * pg, v) < 0)
		return -1;
	int n = 0;
	for (int i = 0; i < NPG; i++)
		n += v[i] & 1;
	return n;
}

static unsigned char *fresh(void)
{
	unsigned char *m = mmap(NULL, NPG * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap");
	return m;
}

static void check(const char *what, int ok, long kb, int res)
{
	tst_res(ok ? TPASS : TFAIL, "%s: VmLck %ld kB, %d of %d pages resident", what, kb, res, NPG);
}

static void run(void)
{
	pg = sysconf(_SC_PAGESIZE);
	long need = NPG * pg / 1024;
	if (vmlck() < 0)
		tst_brk(TCONF, "no VmLck in /proc/self/status");
	if (vmlck() != 0)
		tst_res(TINFO, "VmLck %ld kB at start", vmlck());

	unsigned char *a = fresh();
	TST_EXP_PASS(mlockall(MCL_CURRENT | MCL_ONFAULT));
	long kb = vmlck();
	int res = resident(a);
	check("MCL_CURRENT|MCL_ONFAULT locks, populates nothing", kb >= need && res == 0, kb, res);
	a[0] = 1;
	TST_EXP_PASS(munlockall());
	kb = vmlck();
	check("munlockall", kb == 0, kb, resident(a));

	TST_EXP_PASS(mlockall(MCL_FUTURE));
	kb = vmlck();
	check("MCL_FUTURE locks nothing yet", kb == 0, kb, resident(a));
	unsigned char *b = fresh();
	kb = vmlck();
	res = resident(b);
	check("MCL_FUTURE: a new mapping is locked and populated", kb >= need && res == NPG, kb, res);
	pid_t pid = fork();
	if (pid == 0) {
		unsigned char *c = fresh();
		long ckb = vmlck();
		int cres = resident(c);
		check("a forked child inherits neither lock nor MCL_FUTURE", ckb == 0 && cres == 0, ckb, cres);
		_exit(0);
	}
	int st;
	if (pid < 0 || waitpid(pid, &st, 0) != pid)
		tst_brk(TBROK | TERRNO, "fork/waitpid");
	TST_EXP_PASS(munlockall());
	unsigned char *c = fresh();
	kb = vmlck();
	res = resident(c);
	check("after munlockall a new mapping is neither locked nor populated", kb == 0 && res == 0, kb, res);

	TST_EXP_PASS(mlockall(MCL_FUTURE | MCL_ONFAULT));
	unsigned char *d = fresh();
	kb = vmlck();
	res = resident(d);
	check("MCL_FUTURE|MCL_ONFAULT: a new mapping is locked, not populated", kb >= need && res == 0, kb, res);
	TST_EXP_PASS(munlockall());

	int all = MCL_CURRENT | MCL_FUTURE | MCL_ONFAULT, other = 1;
	while (other & all)
		other <<= 1;
	tst_res(TINFO, "MCL_CURRENT %#x MCL_FUTURE %#x MCL_ONFAULT %#x, unknown bit %#x",
		MCL_CURRENT, MCL_FUTURE, MCL_ONFAULT, other);
	TST_EXP_FAIL(mlockall(0), EINVAL);
	TST_EXP_FAIL(mlockall(MCL_ONFAULT), EINVAL);
	TST_EXP_FAIL(mlockall(other), EINVAL);
	/* ONFAULT: a layer that drops the unknown bit locks without populating */
	TST_EXP_FAIL(mlockall(MCL_CURRENT | MCL_ONFAULT | other), EINVAL);
	/* the other family's MCL_CURRENT: ppc's on asm-generic, 1 on ppc */
	TST_EXP_FAIL(mlockall(MCL_CURRENT == 1 ? 0x2000 : 1), EINVAL);
	TST_EXP_FAIL(mlockall(MCL_FUTURE == 2 ? 0x4000 : 2), EINVAL);
	kb = vmlck();
	check("the refused calls locked nothing", kb == 0, kb, 0);
	munmap(a, NPG * pg);
	munmap(b, NPG * pg);
	munmap(c, NPG * pg);
	munmap(d, NPG * pg);
}

struct tst_test test = {
	.test_all = run,
	.forks_child = 1,
};
