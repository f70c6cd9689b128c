/* getrusage(2): RUSAGE_SELF/THREAD/CHILDREN, a reaped child's CPU time in
 * RUSAGE_CHILDREN, EINVAL for an unknown who, EFAULT. */
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static long cpu_us(const struct rusage *r)
{
	return (r->ru_utime.tv_sec + r->ru_stime.tv_sec) * 1000000L + r->ru_utime.tv_usec + r->ru_stime.tv_usec;
}

static int sane(const struct rusage *r)
{
	return r->ru_utime.tv_sec >= 0 && r->ru_utime.tv_usec >= 0 && r->ru_utime.tv_usec < 1000000 &&
	       r->ru_stime.tv_sec >= 0 && r->ru_stime.tv_usec >= 0 && r->ru_stime.tv_usec < 1000000;
}

static void run(unsigned int n)
{
	struct rusage r, before;
	switch (n) {
	case 0:
		TST_EXP_FAIL(syscall(SYS_getrusage, 42, &r), EINVAL);
		/* raw: 32-bit glibc converts from a time64 copy and would fault itself */
		TST_EXP_FAIL(syscall(SYS_getrusage, RUSAGE_SELF, bad_ptr), EFAULT);
		if (getrusage(RUSAGE_SELF, &r) == 0 && sane(&r) && r.ru_maxrss > 0)
			tst_res(TPASS, "RUSAGE_SELF: times in range, maxrss set");
		else
			tst_res(TFAIL | TERRNO, "RUSAGE_SELF implausible");
		if (getrusage(RUSAGE_THREAD, &r) == 0 && sane(&r))
			tst_res(TPASS, "RUSAGE_THREAD answers");
		else
			tst_res(TFAIL | TERRNO, "RUSAGE_THREAD failed");
		break;
	case 1: {
		if (getrusage(RUSAGE_CHILDREN, &before) < 0)
			tst_brk(TBROK | TERRNO, "getrusage");
		pid_t pid = fork();
		if (pid == 0) {
			/* burn 50 ms of CPU */
			struct rusage me;
			volatile unsigned long x = 0;
			do {
				for (int i = 0; i < 100000; i++)
					x += i;
				getrusage(RUSAGE_SELF, &me);
			} while (cpu_us(&me) < 50000);
			_exit(0);
		}
		int st;
		waitpid(pid, &st, 0);
		if (getrusage(RUSAGE_CHILDREN, &r) == 0 && sane(&r) && cpu_us(&r) - cpu_us(&before) >= 40000)
			tst_res(TPASS, "RUSAGE_CHILDREN includes the reaped child's CPU time");
		else
			tst_res(TFAIL | TERRNO, "RUSAGE_CHILDREN grew by %ld us only", cpu_us(&r) - cpu_us(&before));
		break;
	}
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 2,
	.forks_child = 1,
};
