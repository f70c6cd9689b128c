/*
 * prctl: the options that mean the same for the guest as for the kit's host
 * process are passed through (the guest is that process); everything else
 * is EINVAL, as Linux answers an option it does not know.  Option numbers
 * are linux/prctl.h's, the same on every ABI (tests/ltp/consts.sh).
 *
 * Refused on purpose (EINVAL, with a --trace note): seccomp (a filter would
 * apply to the kit's own host syscalls), PR_SET_MM (the guest's memory map
 * is the kit's), arch options (PR_SET_FPEXC, PR_SET_ENDIAN, PR_SET_TSC ...:
 * the engine's CPU, not the host's) and the rest not listed below.
 */
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include "sys.h"

extern FILE *trace_out;

#define TASK_COMM_LEN 16	/* include/linux/sched.h */
#define NSIG_LINUX 64		/* valid_signal(): 0 .. _NSIG */

static long put_int(struct task *t, uint64_t addr, int v)
{
	uint8_t b[4];
	abi_store(t->abi, b, 4, (uint32_t)v);
	return copyout(t, b, addr, 4) ? -EFAULT : 0;
}

SYS(prctl)
{
	int opt = a_int(a[0]);
	uint64_t arg2 = a_ptr(t, a[1]);
	switch (opt) {
	case PR_SET_NAME: {
		/* strncpy_from_user of TASK_COMM_LEN - 1 bytes: longer names
		 * are cut, a fault anywhere in what is read is EFAULT */
		char name[TASK_COMM_LEN];
		long n = copyinstr(t, arg2, name, sizeof name - 1);
		if (n == -EFAULT)
			return -EFAULT;
		name[sizeof name - 1] = 0;
		return HOST(prctl(PR_SET_NAME, name));
	}
	case PR_GET_NAME: {
		char name[TASK_COMM_LEN] = { 0 };
		if (prctl(PR_GET_NAME, name) < 0)
			return -errno;
		return copyout(t, name, arg2, sizeof name) ? -EFAULT : 0;
	}
	case PR_SET_PDEATHSIG:
		/* guest signal numbers are the host's */
		if (arg2 > NSIG_LINUX)
			return -EINVAL;
		return HOST(prctl(PR_SET_PDEATHSIG, (unsigned long)arg2));
	case PR_GET_PDEATHSIG: {
		int sig = 0;
		if (prctl(PR_GET_PDEATHSIG, &sig) < 0)
			return -errno;
		return put_int(t, arg2, sig);
	}
	case PR_GET_CHILD_SUBREAPER: {
		int v = 0;
		if (prctl(PR_GET_CHILD_SUBREAPER, &v) < 0)
			return -errno;
		return put_int(t, arg2, v);
	}
	/* scalar in, scalar out: the host's answer is the guest's */
	case PR_GET_DUMPABLE:
	case PR_SET_DUMPABLE:
	case PR_GET_KEEPCAPS:
	case PR_SET_KEEPCAPS:
	case PR_GET_TIMERSLACK:
	case PR_SET_TIMERSLACK:
	case PR_SET_CHILD_SUBREAPER:
	case PR_GET_NO_NEW_PRIVS:
	case PR_SET_NO_NEW_PRIVS:
	case PR_CAPBSET_READ:
	case PR_GET_SECUREBITS:
		return HOST(prctl(opt, (unsigned long)arg2, (unsigned long)a_ptr(t, a[2]),
				  (unsigned long)a_ptr(t, a[3]), (unsigned long)a_ptr(t, a[4])));
	}
	if (t->trace)
		fprintf(trace_out ? trace_out : stderr,
			"%5d compatkit: prctl option %d is not supported by the kit: EINVAL\n",
			(int)getpid(), opt);
	return -EINVAL;
}
