/* times(2): ticks advance, CPU time shows in tms_utime+tms_stime, a reaped
 * child's in tms_cutime+tms_cstime; NULL is allowed; EFAULT.  The raw
 * syscall is used where glibc's wrapper would touch the buffer itself. */
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include "tst.h"

static void *volatile bad_ptr = (void *)16;

static long sys_times(struct tms *b)
{
	return syscall(SYS_times, b);
}

/* Use n ticks of CPU time (not wall time: the host may be busy); give up
 * after 30 s of wall time. */
static void burn(clock_t n)
{
	struct tms t0, t;
	volatile unsigned long x = 0;
	clock_t start = times(&t0);
	do {
		for (int i = 0; i < 10000; i++)
			x += i;
	} while (times(&t) - start < 3000 &&
		 (t.tms_utime + t.tms_stime) - (t0.tms_utime + t0.tms_stime) < n);
}

static void run(unsigned int n)
{
	struct tms a, b;
	switch (n) {
	case 0:
		tst_res(TPASS, "sysconf(_SC_CLK_TCK) = %ld", sysconf(_SC_CLK_TCK));
		errno = 0;
		sys_times(NULL);
		if (errno == 0)
			tst_res(TPASS, "times(NULL) succeeds");
		else
			tst_res(TFAIL | TERRNO, "times(NULL)");
		TST_EXP_FAIL(sys_times(bad_ptr), EFAULT);
		break;
	case 1: {
		clock_t c0 = times(&a);
		burn(5);
		clock_t c1 = times(&b);
		clock_t used = (b.tms_utime + b.tms_stime) - (a.tms_utime + a.tms_stime);
		if (used >= 5 && c1 - c0 >= used - 1)
			tst_res(TPASS, "ticks and own CPU time advance");
		else
			tst_res(TFAIL, "times did not advance");
		break;
	}
	case 2: {
		times(&a);
		pid_t pid = fork();
		if (pid == 0) {
			burn(5);
			_exit(0);
		}
		int st;
		waitpid(pid, &st, 0);
		times(&b);
		if (b.tms_cutime + b.tms_cstime > a.tms_cutime + a.tms_cstime)
			tst_res(TPASS, "a reaped child's CPU time is in tms_cutime+tms_cstime");
		else
			tst_res(TFAIL, "children's times did not grow");
		break;
	}
	}
}

struct tst_test test = {
	.test = run,
	.tcnt = 3,
	.forks_child = 1,
};
