/* compatkit run: the exec switch chooses an ABI, then the task runs. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include "cmd.h"
#include "gdbstub.h"
#include "run.h"
#include "sysroot.h"
#include "trace.h"

extern char **environ;
extern FILE *trace_out;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit run [OPTIONS] FILE [ARGS...]\n"
		"Run a static or dynamic Linux binary of any supported ABI.\n\n"
		"  -t, --trace       print each syscall (strace-like) on stderr\n"
		"  -a, --abi NAME    skip the probes and use this ABI\n"
		"  -0, --argv0 NAME  pass NAME as argv[0]\n"
		"  -L, --sysroot DIR look up the guest's absolute paths (ld.so, libraries)\n"
		"                    in DIR first; default $COMPATKIT_SYSROOT, else\n"
		"                    /usr/<triplet> if present, else the host's /\n"
		"      --exec-fd N   (execve) the image is open on descriptor N\n"
		"      --trace-fd N  (execve) trace to descriptor N; implies --trace\n"
		"      --personality N  (execve) the guest's personality(2) value\n"
		"  -g, --gdb PORT    wait for gdb on 127.0.0.1:PORT (0: any free port,\n"
		"                    printed on stderr) with the guest stopped at its\n"
		"                    first instruction\n"
		"  -h, --help        this text\n\n"
		"The exit status is the guest's; a guest killed by a signal makes\n"
		"compatkit die by the same signal (a shell reports 128+signo).\n");
}

/* The kit's own descriptors live in the top 16 slots of the descriptor
 * table; the guest's RLIMIT_NOFILE is lowered below them, and the fd
 * syscalls refuse to touch anything at or above ck_kit_fd_min. */
extern int ck_kit_fd_min;
#define KIT_FDS 16

static void reserve_kit_fds(void)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_NOFILE, &rl) < 0 || rl.rlim_cur < 4 * KIT_FDS)
		return;
	rlim_t top = rl.rlim_cur > 65536 ? 65536 : rl.rlim_cur;
	ck_kit_fd_min = (int)(top - KIT_FDS);
}

/* After the kit's own descriptors exist: the guest's limit ends below them. */
static void seal_kit_fds(void)
{
	struct rlimit rl;
	if (ck_kit_fd_min < (1 << 30) && getrlimit(RLIMIT_NOFILE, &rl) == 0) {
		rl.rlim_cur = (rlim_t)ck_kit_fd_min;
		setrlimit(RLIMIT_NOFILE, &rl);
	}
}

static int hide_fd(int fd)
{
	int n = fcntl(fd, F_DUPFD_CLOEXEC, ck_kit_fd_min);
	return n < 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 3) : n;
}

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "trace", no_argument, 0, 't' },
		{ "abi", required_argument, 0, 'a' },
		{ "argv0", required_argument, 0, '0' },
		{ "sysroot", required_argument, 0, 'L' },
		{ "exec-fd", required_argument, 0, 'E' },
		{ "trace-fd", required_argument, 0, 'T' },
		{ "personality", required_argument, 0, 'P' },
		{ "gdb", required_argument, 0, 'g' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	unsigned trace = 0;
	const char *abiname = NULL, *argv0 = NULL, *sysroot = NULL;
	int execfd = -1, tracefd = -1;	/* set by a guest's execve (kit/sys/execve.c) */
	int gdbport = -1;
	int c;
	while ((c = getopt_long(argc, argv, "+ta:0:L:g:h", opts, NULL)) != -1) {
		switch (c) {
		case 't': trace = TRACE_SYSCALLS; break;
		case 'a': abiname = optarg; break;
		case '0': argv0 = optarg; break;
		case 'L': sysroot = optarg; break;
		case 'E': execfd = atoi(optarg); break;
		case 'T': tracefd = atoi(optarg); trace = TRACE_SYSCALLS; break;
		case 'P': sys_set_personality((uint32_t)strtoul(optarg, NULL, 0)); break;
		case 'g': {
			char *end;
			long p = strtol(optarg, &end, 10);
			if (*optarg == 0 || *end || p < 0 || p > 65535) {
				fprintf(stderr, "compatkit run: --gdb: '%s' is not a port number\n", optarg);
				return 2;
			}
			gdbport = (int)p;
			break;
		}
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *path = argv[optind];
	const struct abi *abi = cmd_choose_abi("run", abiname, path);
	if (!abi)
		return 2;

	sysroot_choose(abi, sysroot);
	int fd = execfd >= 0 ? execfd : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "compatkit run: %s: %s\n", path, strerror(errno));
		return 2;
	}
	reserve_kit_fds();
	if (trace) {
		int tfd = hide_fd(tracefd >= 0 ? tracefd : 2);
		if (tracefd >= 0)
			close(tracefd);
		trace_out = tfd >= 0 ? fdopen(tfd, "w") : NULL;
		if (trace_out)
			setvbuf(trace_out, NULL, _IOLBF, 0);
	}
	seal_kit_fds();
	static struct task t;
	char err[256];
	if (task_init(&t, abi, err, sizeof err)) {
		fprintf(stderr, "compatkit run: %s\n", err);
		return 2;
	}
	t.trace = trace;
	char **gargv = &argv[optind];
	if (argv0)
		gargv[0] = (char *)argv0;
	if (task_exec(&t, fd, path, gargv, environ, err, sizeof err)) {
		fprintf(stderr, "compatkit run: %s: %s\n", path, err);
		close(fd);
		return 2;
	}
	if (execfd >= 0) {	/* /proc/self/exe is the image, not the name shown */
		char link[64], real[sizeof t.exe];
		snprintf(link, sizeof link, "/proc/self/fd/%d", execfd);
		if (realpath(link, real))
			memcpy(t.exe, real, sizeof real);
	}
	close(fd);
	/* The comm name is the image's, as Linux's exec sets it. */
	const char *base = strrchr(path, '/');
	prctl(PR_SET_NAME, base ? base + 1 : path);
	if (trace)
		trace_emul(&t);
	if (gdbport >= 0 && gdb_attach(&t, gdbport, err, sizeof err)) {
		fprintf(stderr, "compatkit run: %s\n", err);
		return 2;
	}
	int st = task_run(&t);
	fflush(stdout);
	return (st >> 8) & 0xff;
}
