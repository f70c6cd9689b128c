/*
 * execve and execveat.
 *
 * Exec re-executes the kit itself (/proc/self/exe run --abi A ...) in the
 * same host process, or, when no emulation claims the image, hands the
 * guest's arguments to the host's execve, as binfmt would.  Why re-exec
 * rather than rebuild the engine in place:
 *  - the host kernel then applies Linux's exec rules to the process for us:
 *    FD_CLOEXEC descriptors close (guest descriptors are host descriptors),
 *    the pid, cwd, umask, rlimits, session, signal mask, ignored signals,
 *    itimers and the parent-death signal carry over, a CLONE_VFORK parent
 *    is released at the right moment;
 *  - the new image gets a fresh engine, address space and kit heap, of any
 *    ABI, with nothing of the old image left behind;
 *  - a host binary is the same call with another path.
 * What the kit must carry over itself goes on the new kit's command line:
 * --trace and the trace descriptor, the image (an open descriptor, so the
 * file probed is the file run), argv[0].
 *
 * Everything that can fail is done before the host execve, Linux's point of
 * no return: the path (EFAULT, ENOENT, ELOOP, ENOTDIR...), the flags
 * (EINVAL), the file (EACCES if not a regular executable file), argv and
 * envp (EFAULT, E2BIG).  A host execve failure (ENOEXEC for garbage,
 * E2BIG...) also comes back to the guest.  Limits: an image the switch
 * sends to the kit but the loader rejects fails after the point of no
 * return (the new kit says why and exits 2); the guest's environment is also
 * the host dynamic linker's (LD_PRELOAD etc. reach the kit's own loader).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include "execsw.h"
#include "run.h"
#include "sysroot.h"
#include "sys.h"

extern FILE *trace_out;
extern int ck_kit_fd_min;

/* include/uapi/linux/binfmts.h: MAX_ARG_STRLEN is 32 pages. */
#define MAX_ARG_STRLEN (32 * VM_PAGE)
#define ARG_MIN_LIMIT (32 * VM_PAGE)	/* ARG_MAX: the floor of the limit */
#define STK_LIM (8ULL << 20)		/* _STK_LIM */

struct strv {
	char **v;
	size_t n;
};

static void strv_free(struct strv *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
}

/* Copy a NULL-terminated guest array of strings. */
static long copy_strv(struct task *t, uint64_t uv, struct strv *s, uint64_t *total,
		      uint64_t limit)
{
	unsigned ps = t->abi->ptr_size;
	size_t cap = 0;
	s->v = NULL;
	s->n = 0;
	if (!uv)
		return 0;
	char *buf = malloc(MAX_ARG_STRLEN);
	if (!buf)
		return -ENOMEM;
	long rc = 0;
	for (;; s->n++) {
		uint8_t raw[8];
		if (copyin(t, uv + s->n * ps, raw, ps)) {
			rc = -EFAULT;
			break;
		}
		uint64_t p = abi_load(t->abi, raw, ps);
		if (!p)
			break;
		long n = copyinstr(t, p, buf, MAX_ARG_STRLEN);
		if (n < 0) {
			rc = n == -ENAMETOOLONG ? -E2BIG : n;
			break;
		}
		/* each string and its pointer count against the limit */
		*total += (uint64_t)n + 1 + sizeof(void *);
		if (*total > limit) {
			rc = -E2BIG;
			break;
		}
		if (s->n + 1 >= cap) {
			cap = cap ? cap * 2 : 16;
			char **nv = realloc(s->v, cap * sizeof *nv);
			if (!nv) {
				rc = -ENOMEM;
				break;
			}
			s->v = nv;
		}
		if (!(s->v[s->n] = strdup(buf))) {
			rc = -ENOMEM;
			break;
		}
	}
	free(buf);
	if (rc)
		strv_free(s);
	return rc;
}

/* bprm_stack_limits(): a quarter of the stack rlimit, at most 3/4 of
 * _STK_LIM, at least ARG_MAX. */
static uint64_t arg_limit(void)
{
	struct rlimit rl;
	uint64_t lim = STK_LIM / 4 * 3;
	if (getrlimit(RLIMIT_STACK, &rl) == 0 && rl.rlim_cur / 4 < lim)
		lim = rl.rlim_cur / 4;
	return lim < ARG_MIN_LIMIT ? ARG_MIN_LIMIT : lim;
}

/* A descriptor of the kit's, above the guest's. */
static int kit_fd(int fd)
{
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	int high = rl.rlim_cur > 64 ? (int)rl.rlim_cur - 32 : 64;
	if (ck_kit_fd_min != INT_MAX && ck_kit_fd_min > 3)
		high = ck_kit_fd_min;
	int n = fcntl(fd, F_DUPFD_CLOEXEC, high);
	if (n < 0)
		n = fcntl(fd, F_DUPFD_CLOEXEC, 3);
	close(fd);
	return n;
}

static void trace_note(struct task *t, const char *fmt, const char *a, const char *b)
{
	if (!t->trace)
		return;
	fprintf(trace_out ? trace_out : stderr, "%5d compatkit: exec ", (int)getpid());
	fprintf(trace_out ? trace_out : stderr, fmt, a, b);
	fputc('\n', trace_out ? trace_out : stderr);
	fflush(trace_out ? trace_out : stderr);
}

/* Open the image as Linux's do_open_execat would judge it: a path
 * descriptor first (no blocking on FIFOs), then a readable one. */
static long open_image(struct task *t, int dirfd, const char *path, int flags, int *rfd)
{
	int pfd;
	*rfd = -1;
	if (!path[0]) {
		if (dirfd != AT_FDCWD && (dirfd < 0 || dirfd >= ck_kit_fd_min))
			return -EBADF;
		char link[64];
		snprintf(link, sizeof link, "/proc/self/fd/%d", dirfd);
		pfd = dirfd == AT_FDCWD ? open(".", O_PATH | O_CLOEXEC) : open(link, O_PATH | O_CLOEXEC);
	} else {
		if (dirfd != AT_FDCWD && path[0] != '/' && (dirfd < 0 || dirfd >= ck_kit_fd_min))
			return -EBADF;
		pfd = openat(dirfd, path, O_PATH | O_CLOEXEC |
			     (flags & AT_SYMLINK_NOFOLLOW ? O_NOFOLLOW : 0));
	}
	if (pfd < 0)
		return -errno;
	struct stat st;
	long rc = 0;
	if (fstat(pfd, &st) < 0)
		rc = -errno;
	else if (S_ISLNK(st.st_mode))
		rc = -ELOOP;		/* AT_SYMLINK_NOFOLLOW on a symlink */
	else if (!S_ISREG(st.st_mode))
		rc = -EACCES;
	else if (syscall(SYS_faccessat2, pfd, "", X_OK, AT_EACCESS | AT_EMPTY_PATH) < 0)
		rc = -errno;
	if (rc == 0) {
		char link[64];
		snprintf(link, sizeof link, "/proc/self/fd/%d", pfd);
		int fd = open(link, O_RDONLY | O_CLOEXEC);
		if (fd >= 0)
			*rfd = kit_fd(fd);
		/* unreadable but executable: only the host can run it */
	}
	close(pfd);
	return rc;
}

static long do_exec(struct task *t, int dirfd, uint64_t upath, uint64_t uargv,
		    uint64_t uenvp, int flags)
{
	char path[PATH_MAX];
	long rc = get_path(t, upath, path, sizeof path);
	if (rc < 0)
		return rc;
	if (!path[0] && !(flags & AT_EMPTY_PATH))
		return -ENOENT;
	if (flags & ~(AT_EMPTY_PATH | AT_SYMLINK_NOFOLLOW))
		return -EINVAL;
	int fd;
	if ((rc = open_image(t, dirfd, path, flags, &fd)))
		return rc;

	struct strv av = { 0 }, ev = { 0 };
	uint64_t total = 0, limit = arg_limit();
	if ((rc = copy_strv(t, a_ptr(t, uenvp), &ev, &total, limit)) ||
	    (rc = copy_strv(t, a_ptr(t, uargv), &av, &total, limit)))
		goto out;
	/* Since Linux 5.18 an empty argv becomes { "" }. */
	if (av.n == 0) {
		if (!(av.v = malloc(2 * sizeof *av.v)) || !(av.v[0] = strdup(""))) {
			rc = -ENOMEM;
			goto out;
		}
		av.n = 1;
	}
	av.v[av.n] = NULL;
	if (ev.v)
		ev.v[ev.n] = NULL;
	char *noenv[] = { NULL };
	char **envp = ev.v ? ev.v : noenv;

	/* bprm->filename: what AT_EXECFN and the comm name show. */
	char execfn[PATH_MAX + 32];
	if (dirfd == AT_FDCWD || path[0] == '/')
		snprintf(execfn, sizeof execfn, "%s", path);
	else if (!path[0])
		snprintf(execfn, sizeof execfn, "/dev/fd/%d", dirfd);
	else
		snprintf(execfn, sizeof execfn, "/dev/fd/%d/%s", dirfd, path);

	char why[160] = "unreadable image";
	const struct abi *abi = fd >= 0 ? exec_switch(fd, why, sizeof why) : NULL;
	fflush(NULL);
	if (!abi) {
		trace_note(t, "%s: %s: the host runs it", execfn, why);
		if (dirfd == AT_FDCWD && !flags)
			execve(path, av.v, envp);
		else
			syscall(SYS_execveat, dirfd, path, av.v, envp, flags);
		rc = -errno;
		goto out;
	}

	/* The kit again, for abi, on the image descriptor. */
	char sfd[16], stfd[16], spers[16];
	const char *root = sysroot_chosen();
	int tfd = t->trace && trace_out ? fileno(trace_out) : -1;
	snprintf(sfd, sizeof sfd, "%d", fd);
	snprintf(stfd, sizeof stfd, "%d", tfd);
	char **hv = malloc((av.n + 16) * sizeof *hv);
	if (!hv) {
		rc = -ENOMEM;
		goto out;
	}
	size_t k = 0;
	hv[k++] = "compatkit";
	hv[k++] = "run";
	if (tfd >= 0) {
		hv[k++] = "--trace-fd";
		hv[k++] = stfd;
	}
	hv[k++] = "--abi";
	hv[k++] = (char *)abi->name;
	hv[k++] = "--exec-fd";
	hv[k++] = sfd;
	hv[k++] = "--argv0";
	hv[k++] = av.v[0];
	if (sys_personality()) {
		snprintf(spers, sizeof spers, "%u", sys_personality());
		hv[k++] = "--personality";
		hv[k++] = spers;
	}
	if (root) {
		hv[k++] = "--sysroot";
		hv[k++] = (char *)root;
	}
	hv[k++] = "--";
	hv[k++] = execfn;
	for (size_t i = 1; i < av.n; i++)
		hv[k++] = av.v[i];
	hv[k] = NULL;
	trace_note(t, "%s: %s", execfn, why);
	fcntl(fd, F_SETFD, 0);
	if (tfd >= 0)
		fcntl(tfd, F_SETFD, 0);
	execve("/proc/self/exe", hv, envp);
	rc = -errno;
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (tfd >= 0)
		fcntl(tfd, F_SETFD, FD_CLOEXEC);
	free(hv);
out:
	if (fd >= 0)
		close(fd);
	strv_free(&av);
	strv_free(&ev);
	return rc;
}

SYS(execve)
{
	return do_exec(t, AT_FDCWD, a_ptr(t, a[0]), a[1], a[2], 0);
}

SYS(execveat)
{
	return do_exec(t, a_int(a[0]), a_ptr(t, a[1]), a[2], a[3], a_int(a[4]));
}
