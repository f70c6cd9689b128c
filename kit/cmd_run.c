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
#include "run.h"
#include "trace.h"
#if __has_include("probes/probe.h")
#include "probes/probe.h"
#define HAVE_PROBES 1
#endif

extern char **environ;
extern FILE *trace_out;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit run [OPTIONS] FILE [ARGS...]\n"
		"Run a static Linux binary of any supported ABI.\n\n"
		"  -t, --trace       print each syscall (strace-like) on stderr\n"
		"  -a, --abi NAME    skip the probes and use this ABI\n"
		"  -0, --argv0 NAME  pass NAME as argv[0]\n"
		"      --exec-fd N   (execve) the image is open on descriptor N\n"
		"      --trace-fd N  (execve) trace to descriptor N; implies --trace\n"
		"  -h, --help        this text\n\n"
		"The exit status is the guest's; a guest killed by a signal makes\n"
		"compatkit die by the same signal (a shell reports 128+signo).\n");
}

/* The kit's own descriptors live above what the guest may use. */
static int hide_fd(int fd)
{
	struct rlimit rl;
	getrlimit(RLIMIT_NOFILE, &rl);
	int high = rl.rlim_cur > 64 ? (int)rl.rlim_cur - 32 : 64;
	int n = fcntl(fd, F_DUPFD_CLOEXEC, high);
	return n < 0 ? fcntl(fd, F_DUPFD_CLOEXEC, 3) : n;
}

int cmd_run(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "trace", no_argument, 0, 't' },
		{ "abi", required_argument, 0, 'a' },
		{ "argv0", required_argument, 0, '0' },
		{ "exec-fd", required_argument, 0, 'E' },
		{ "trace-fd", required_argument, 0, 'T' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	unsigned trace = 0;
	const char *abiname = NULL, *argv0 = NULL;
	int execfd = -1, tracefd = -1;	/* set by a guest's execve (kit/sys/execve.c) */
	int c;
	while ((c = getopt_long(argc, argv, "+ta:0:h", opts, NULL)) != -1) {
		switch (c) {
		case 't': trace = TRACE_SYSCALLS; break;
		case 'a': abiname = optarg; break;
		case '0': argv0 = optarg; break;
		case 'E': execfd = atoi(optarg); break;
		case 'T': tracefd = atoi(optarg); trace = TRACE_SYSCALLS; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *path = argv[optind];
	const struct abi *abi = NULL;
	if (abiname) {
		abi = abi_find(abiname);
		if (!abi) {
			fprintf(stderr, "compatkit run: unknown ABI '%s'\n", abiname);
			return 2;
		}
	} else {
#ifndef HAVE_PROBES
		fprintf(stderr, "compatkit run: no probes in this build: use --abi\n");
		return 2;
#else
		struct probe_result pr;
		int v = probe_file(path, &pr);
		if (v == 2) {
			fprintf(stderr, "compatkit run: %s: %s\n", path, pr.error);
			return 2;
		}
		if (v != 0 || !pr.abi) {
			fprintf(stderr, "compatkit run: %s: no emulation matches%s%s (see `compatkit probe %s`)\n",
				path, pr.foreign[0] ? ": it is a " : "", pr.foreign, path);
			return 2;
		}
		abi = pr.abi;
#endif
	}

	int fd = execfd >= 0 ? execfd : open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		fprintf(stderr, "compatkit run: %s: %s\n", path, strerror(errno));
		return 2;
	}
	if (trace) {
		int tfd = hide_fd(tracefd >= 0 ? tracefd : 2);
		if (tracefd >= 0)
			close(tracefd);
		trace_out = tfd >= 0 ? fdopen(tfd, "w") : NULL;
		if (trace_out)
			setvbuf(trace_out, NULL, _IOLBF, 0);
	}
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
	int st = task_run(&t);
	fflush(stdout);
	return (st >> 8) & 0xff;
}
