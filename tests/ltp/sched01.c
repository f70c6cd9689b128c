/* Scheduling and per-page memory calls: getpriority/setpriority (the raw
 * call returns 20 - nice), sched_{get,set}scheduler/param, priority
 * ranges, sched_rr_get_interval, sched_setaffinity round trip,
 * personality, capget, flock between two open files, msync, mlock/munlock,
 * mincore; with their EINVAL/EFAULT/ENOMEM/ESRCH paths.  The page-range
 * calls also run over a range of more separate mappings than a fixed
 * table of pieces would hold (the kit once stopped at 64: ENOMEM). */
#define _GNU_SOURCE
#include <fcntl.h>
#include <sched.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>
#include <linux/capability.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static void prio(void)
{
	errno = 0;
	int nice0 = getpriority(PRIO_PROCESS, 0);
	if (errno)
		tst_res(TFAIL | TERRNO, "getpriority");
	long raw = syscall(SYS_getpriority, PRIO_PROCESS, 0);
	if (raw == 20 - nice0)
		tst_res(TPASS, "raw getpriority %ld = 20 - nice %d", raw, nice0);
	else
		tst_res(TFAIL, "raw getpriority %ld, nice %d", raw, nice0);
	TST_EXP_PASS(setpriority(PRIO_PROCESS, 0, nice0 + 1));
	errno = 0;
	int now = getpriority(PRIO_PROCESS, 0);
	if (now == nice0 + 1 && !errno)
		tst_res(TPASS, "setpriority raised nice to %d", now);
	else
		tst_res(TFAIL, "nice %d after setpriority(%d)", now, nice0 + 1);
	TST_EXP_FAIL(getpriority(99, 0), EINVAL);
	TST_EXP_FAIL(getpriority(PRIO_PROCESS, 0x3fffffff), ESRCH);
}

static void sched(void)
{
	int pol = sched_getscheduler(0);
	if (pol == SCHED_OTHER)
		tst_res(TPASS, "sched_getscheduler: SCHED_OTHER");
	else
		tst_res(TFAIL | TERRNO, "sched_getscheduler: %d", pol);
	struct sched_param p = { 5 };
	TST_EXP_PASS(sched_getparam(0, &p));
	if (p.sched_priority == 0)
		tst_res(TPASS, "sched_getparam: priority 0");
	else
		tst_res(TFAIL, "sched_getparam: priority %d", p.sched_priority);
	TST_EXP_FAIL(syscall(SYS_sched_getparam, 0, bad_ptr), EFAULT);
	TST_EXP_FAIL(syscall(SYS_sched_getparam, 0, NULL), EINVAL);
	TST_EXP_FAIL(syscall(SYS_sched_getparam, 0x3fffffff, &p), ESRCH);
	p.sched_priority = 0;
	TST_EXP_PASS(sched_setscheduler(0, SCHED_BATCH, &p));
	if (sched_getscheduler(0) == SCHED_BATCH)
		tst_res(TPASS, "SCHED_BATCH set");
	else
		tst_res(TFAIL, "policy %d after SCHED_BATCH", sched_getscheduler(0));
	TST_EXP_PASS(sched_setparam(0, &p));
	TST_EXP_PASS(sched_setscheduler(0, SCHED_OTHER, &p));
	p.sched_priority = 50;
	TST_EXP_FAIL(sched_setscheduler(0, SCHED_OTHER, &p), EINVAL);
	TST_EXP_FAIL(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, NULL), EINVAL);
	TST_EXP_FAIL(syscall(SYS_sched_setscheduler, 0, SCHED_OTHER, bad_ptr), EFAULT);
	int max = sched_get_priority_max(SCHED_FIFO), min = sched_get_priority_min(SCHED_FIFO);
	if (max == 99 && min == 1)
		tst_res(TPASS, "SCHED_FIFO priorities %d..%d", min, max);
	else
		tst_res(TFAIL, "SCHED_FIFO priorities %d..%d", min, max);
	TST_EXP_FAIL(sched_get_priority_max(12345), EINVAL);
	struct timespec ts = { 7, 7 };
	TST_EXP_PASS(sched_rr_get_interval(0, &ts));
	if (ts.tv_sec == 0 && ts.tv_nsec >= 0)
		tst_res(TPASS, "sched_rr_get_interval for SCHED_OTHER: %ld ns", ts.tv_nsec);
	else
		tst_res(TFAIL, "sched_rr_get_interval %ld.%09ld", (long)ts.tv_sec, ts.tv_nsec);
	cpu_set_t set;
	TST_EXP_PASS(sched_getaffinity(0, sizeof set, &set));
	int first = -1;
	for (int i = 0; i < CPU_SETSIZE && first < 0; i++)
		if (CPU_ISSET(i, &set))
			first = i;
	cpu_set_t one;
	CPU_ZERO(&one);
	CPU_SET(first, &one);
	TST_EXP_PASS(sched_setaffinity(0, sizeof one, &one));
	cpu_set_t got;
	TST_EXP_PASS(sched_getaffinity(0, sizeof got, &got));
	if (CPU_COUNT(&got) == 1 && CPU_ISSET(first, &got))
		tst_res(TPASS, "sched_setaffinity to CPU %d round trip", first);
	else
		tst_res(TFAIL, "affinity has %d CPUs after setting CPU %d", CPU_COUNT(&got), first);
	TST_EXP_PASS(sched_setaffinity(0, sizeof set, &set));
	TST_EXP_FAIL(syscall(SYS_sched_setaffinity, 0, sizeof set, bad_ptr), EFAULT);
}

static void persona_caps(void)
{
	int cur = personality(0xffffffff);
	if (cur == PER_LINUX)
		tst_res(TPASS, "personality: PER_LINUX");
	else
		tst_res(TFAIL, "personality 0x%x", cur);
	int old = personality(PER_LINUX | ADDR_NO_RANDOMIZE);
	int now = personality(0xffffffff);
	if (old == PER_LINUX && now == (PER_LINUX | ADDR_NO_RANDOMIZE))
		tst_res(TPASS, "personality set returns the old value");
	else
		tst_res(TFAIL, "personality: old 0x%x, now 0x%x", old, now);
	personality(PER_LINUX);

	struct __user_cap_header_struct h = { _LINUX_CAPABILITY_VERSION_3, 0 };
	struct __user_cap_data_struct d[2];
	memset(d, 0xa5, sizeof d);
	TST_EXP_PASS(syscall(SYS_capget, &h, d));
	int root = geteuid() == 0;
	/* root's effective set has CAP_KILL (bit 5); another user's is empty */
	if (root ? (d[0].effective & (1u << CAP_KILL)) != 0 : d[0].effective == 0)
		tst_res(TPASS, "capget v3: effective 0x%x for uid %d", d[0].effective, (int)geteuid());
	else
		tst_res(TFAIL, "capget v3: effective 0x%x for uid %d", d[0].effective, (int)geteuid());
	h.version = 0x12345678;
	TST_EXP_FAIL(syscall(SYS_capget, &h, d), EINVAL);
	if (h.version == _LINUX_CAPABILITY_VERSION_3)
		tst_res(TPASS, "capget with a bad version writes back the preferred one");
	else
		tst_res(TFAIL, "capget wrote back version 0x%x", h.version);
	TST_EXP_FAIL(syscall(SYS_capget, bad_ptr, d), EFAULT);
}

static void files_memory(void)
{
	int a = open("flock.tmp", O_RDWR | O_CREAT, 0600), b = open("flock.tmp", O_RDWR);
	if (a < 0 || b < 0)
		tst_brk(TBROK | TERRNO, "open flock.tmp");
	TST_EXP_PASS(flock(a, LOCK_EX));
	TST_EXP_FAIL(flock(b, LOCK_EX | LOCK_NB), EWOULDBLOCK);
	TST_EXP_PASS(flock(a, LOCK_UN));
	TST_EXP_PASS(flock(b, LOCK_SH | LOCK_NB));
	TST_EXP_FAIL(flock(-1, LOCK_SH), EBADF);
	TST_EXP_FAIL(flock(a, 0), EINVAL);
	close(a);
	close(b);
	unlink("flock.tmp");

	long pg = sysconf(_SC_PAGESIZE);
	unsigned char *m = mmap(NULL, 4 * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap");
	m[0] = 1;
	m[2 * pg] = 1;
	TST_EXP_PASS(msync(m, 4 * pg, MS_SYNC));
	TST_EXP_FAIL(msync(m + 1, pg, MS_SYNC), EINVAL);
	TST_EXP_FAIL(msync(m, pg, MS_SYNC | MS_ASYNC), EINVAL);
	unsigned char vec[4] = { 0xff, 0xff, 0xff, 0xff };
	TST_EXP_PASS(mincore(m, 4 * pg, vec));
	if ((vec[0] & 1) && (vec[2] & 1) && !(vec[0] & ~1) && !(vec[1] & ~1))
		tst_res(TPASS, "mincore: touched pages resident, only bit 0 used");
	else
		tst_res(TFAIL, "mincore: %x %x %x %x", vec[0], vec[1], vec[2], vec[3]);
	TST_EXP_FAIL(mincore(m + 1, pg, vec), EINVAL);
	TST_EXP_FAIL(mincore(m, pg, bad_ptr), EFAULT);
	TST_EXP_PASS(mlock(m, 2 * pg));
	TST_EXP_PASS(munlock(m, 2 * pg));
	TST_EXP_PASS(munlockall());
	munmap(m + 2 * pg, 2 * pg);
	TST_EXP_FAIL(msync(m, 4 * pg, MS_SYNC), ENOMEM);
	TST_EXP_FAIL(mincore(m, 4 * pg, vec), ENOMEM);
	TST_EXP_FAIL(mlock(m + 2 * pg, pg), ENOMEM);
	munmap(m, 2 * pg);
}

/* NREG pages of alternating protection: each its own mapping (the kernel
 * merges neighbours only when their flags match), all in one range. */
#define NREG 100
static void many_regions(void)
{
	long pg = sysconf(_SC_PAGESIZE);
	unsigned char *m = mmap(NULL, NREG * pg, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (m == MAP_FAILED)
		tst_brk(TBROK | TERRNO, "mmap");
	for (int i = 0; i < NREG; i += 2)
		m[i * pg] = 1;
	for (int i = 1; i < NREG; i += 2)
		if (mprotect(m + i * pg, pg, PROT_READ))
			tst_brk(TBROK | TERRNO, "mprotect");
	TST_EXP_PASS(msync(m, NREG * pg, MS_SYNC));
	static unsigned char vec[NREG];
	memset(vec, 0xff, sizeof vec);
	TST_EXP_PASS(mincore(m, NREG * pg, vec));
	int bad = -1;
	for (int i = 0; i < NREG && bad < 0; i++)
		if ((vec[i] & ~1) || (!(i & 1) && !vec[i]))
			bad = i;
	if (bad < 0)
		tst_res(TPASS, "mincore: every touched page of %d mappings resident", NREG);
	else
		tst_res(TFAIL, "mincore: page %d of %d: %x", bad, NREG, vec[bad]);
	struct rlimit rl;
	if (geteuid() && (getrlimit(RLIMIT_MEMLOCK, &rl) || rl.rlim_cur < (rlim_t)(NREG * pg))) {
		tst_res(TCONF, "RLIMIT_MEMLOCK below %ld bytes: mlock over %d mappings not tried",
			NREG * pg, NREG);
	} else {
		TST_EXP_PASS(mlock(m, NREG * pg));
		TST_EXP_PASS(munlock(m, NREG * pg));
	}
	munmap(m, NREG * pg);
}

static void run(void)
{
	prio();
	sched();
	persona_caps();
	files_memory();
	many_regions();
}

struct tst_test test = {
	.test_all = run,
	.needs_tmpdir = 1,
};
