/*
 * wait4, waitpid, waitid, getrusage and times.  A guest child is a host
 * child (kit/sys/fork.c), so the host's wait does the work; the status word
 * is Linux's encoding on every ABI, and guest signal numbers are the host's
 * (tests/ltp/consts.sh checks both against the cross headers).  rusage,
 * siginfo and tms go through the layout tables.
 *
 * The kit installs no host SIGCHLD handler: the host's default (ignore but
 * keep zombies) is what lets wait find the children.  A guest that sets
 * SIGCHLD to SIG_IGN or SA_NOCLDWAIT gets Linux's auto-reaping only if the
 * signals code passes that disposition to the host.
 */
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/times.h>
#include <sys/wait.h>
#include "layout.h"
#include "sys.h"

static int put_rusage(struct task *t, uint64_t addr, const struct rusage *ru)
{
	const struct layout *l = layout_get(t->abi, "rusage");
	uint8_t b[256];
	if (!l || l->size > sizeof b)
		return -EFAULT;
	memset(b, 0, l->size);
	const struct abi *a = t->abi;
	layout_put(a, l, b, "ru_utime_sec", (uint64_t)ru->ru_utime.tv_sec);
	layout_put(a, l, b, "ru_utime_usec", (uint64_t)ru->ru_utime.tv_usec);
	layout_put(a, l, b, "ru_stime_sec", (uint64_t)ru->ru_stime.tv_sec);
	layout_put(a, l, b, "ru_stime_usec", (uint64_t)ru->ru_stime.tv_usec);
	layout_put(a, l, b, "ru_maxrss", (uint64_t)ru->ru_maxrss);
	layout_put(a, l, b, "ru_ixrss", (uint64_t)ru->ru_ixrss);
	layout_put(a, l, b, "ru_idrss", (uint64_t)ru->ru_idrss);
	layout_put(a, l, b, "ru_isrss", (uint64_t)ru->ru_isrss);
	layout_put(a, l, b, "ru_minflt", (uint64_t)ru->ru_minflt);
	layout_put(a, l, b, "ru_majflt", (uint64_t)ru->ru_majflt);
	layout_put(a, l, b, "ru_nswap", (uint64_t)ru->ru_nswap);
	layout_put(a, l, b, "ru_inblock", (uint64_t)ru->ru_inblock);
	layout_put(a, l, b, "ru_oublock", (uint64_t)ru->ru_oublock);
	layout_put(a, l, b, "ru_msgsnd", (uint64_t)ru->ru_msgsnd);
	layout_put(a, l, b, "ru_msgrcv", (uint64_t)ru->ru_msgrcv);
	layout_put(a, l, b, "ru_nsignals", (uint64_t)ru->ru_nsignals);
	layout_put(a, l, b, "ru_nvcsw", (uint64_t)ru->ru_nvcsw);
	layout_put(a, l, b, "ru_nivcsw", (uint64_t)ru->ru_nivcsw);
	return copyout(t, b, addr, l->size) ? -EFAULT : 0;
}

/* As Linux's sys_wait4: the child is reaped first; a bad status or rusage
 * pointer then makes the call fail with EFAULT all the same. */
SYS(wait4)
{
	int st = 0;
	struct rusage ru;
	uint64_t ust = a_ptr(t, a[1]), uru = a_ptr(t, a[3]);
	pid_t r = wait4(a_int(a[0]), &st, a_int(a[2]), uru ? &ru : NULL);
	if (r < 0)
		return -errno;
	if (r > 0 && uru && put_rusage(t, uru, &ru))
		return -EFAULT;
	if (r > 0 && ust) {
		uint8_t b[4];
		abi_store(t->abi, b, 4, (uint32_t)st);
		if (copyout(t, b, ust, 4))
			return -EFAULT;
	}
	return r;
}

SYS(waitpid)
{
	uint64_t b[4] = { a[0], a[1], a[2], 0 };
	return linux_sys_wait4(t, b);
}

/* Linux's sys_waitid writes si_signo, si_errno, si_code, si_pid, si_uid and
 * si_status only (all zero when WNOHANG finds nothing), and the rusage only
 * when a child was found. */
SYS(waitid)
{
	siginfo_t si;
	struct rusage ru;
	uint64_t uinfo = a_ptr(t, a[2]), uru = a_ptr(t, a[4]);
	memset(&si, 0, sizeof si);
	long r = syscall(SYS_waitid, a_int(a[0]), a_int(a[1]), &si, a_int(a[3]), uru ? &ru : NULL);
	if (r < 0)
		return -errno;
	if (si.si_signo && uru && put_rusage(t, uru, &ru))
		return -EFAULT;
	if (!uinfo)
		return r;
	const struct layout *l = layout_get(t->abi, "siginfo");
	uint8_t b[256];
	if (!l || l->size > sizeof b || copyin(t, uinfo, b, l->size))
		return -EFAULT;
	const struct abi *ab = t->abi;
	layout_put(ab, l, b, "si_signo", (uint64_t)si.si_signo);
	layout_put(ab, l, b, "si_errno", 0);
	layout_put(ab, l, b, "si_code", (uint64_t)si.si_code);
	layout_put(ab, l, b, "si_pid", (uint64_t)si.si_pid);
	layout_put(ab, l, b, "si_uid", (uint64_t)si.si_uid);
	layout_put(ab, l, b, "si_status", (uint64_t)si.si_status);
	return copyout(t, b, uinfo, l->size) ? -EFAULT : r;
}

SYS(getrusage)
{
	struct rusage ru;
	if (getrusage(a_int(a[0]), &ru) < 0)
		return -errno;
	return put_rusage(t, a_ptr(t, a[1]), &ru);
}

/* times(2): clock ticks in USER_HZ (100 on every Linux ABI; the host's
 * sysconf(_SC_CLK_TCK) is the AT_CLKTCK the guest sees). */
SYS(times)
{
	struct tms tm;
	clock_t c = times(&tm);
	if (c == (clock_t)-1)
		return -errno;
	uint64_t ubuf = a_ptr(t, a[0]);
	if (ubuf) {
		const struct layout *l = layout_get(t->abi, "tms");
		uint8_t b[64];
		if (!l || l->size > sizeof b)
			return -EFAULT;
		memset(b, 0, l->size);
		layout_put(t->abi, l, b, "tms_utime", (uint64_t)tm.tms_utime);
		layout_put(t->abi, l, b, "tms_stime", (uint64_t)tm.tms_stime);
		layout_put(t->abi, l, b, "tms_cutime", (uint64_t)tm.tms_cutime);
		layout_put(t->abi, l, b, "tms_cstime", (uint64_t)tm.tms_cstime);
		if (copyout(t, b, ubuf, l->size))
			return -EFAULT;
	}
	return a_long(t, (uint64_t)c);
}
