/* compatkit diff: run a binary under the kit (--trace) and under
 * qemu-<arch>-static -strace, normalise both traces, align the syscall
 * sequences by name and print the first place where they part: a call only
 * one side made, or the same call with a different argument or result. */
#include <errno.h>
#include <getopt.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/wait.h>
#include "cmd.h"
#include "diff.h"

extern char **environ;

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit diff [OPTIONS] FILE [ARGS...]\n"
		"Run FILE under the kit and under qemu-user-static, both tracing syscalls,\n"
		"and print the first divergence with context.\n\n"
		"  -a, --abi NAME        skip the probes and use this ABI\n"
		"  -e, --env VAR=VAL     set VAR for both runs (repeatable)\n"
		"      --kit-env VAR=VAL set VAR for the kit's run only (repeatable)\n"
		"      --ref-env VAR=VAL set VAR for qemu's run only (repeatable)\n"
		"  -C, --context N       matching calls shown before it (default 3)\n"
		"  -i, --ignore LIST     syscalls whose arguments and results are not\n"
		"                        compared (default: set_robust_list, which\n"
		"                        qemu-user answers ENOSYS by design)\n"
		"  -A, --all             every divergence, not just the first\n"
		"  -t, --timeout S       seconds per run (default 60)\n"
		"      --kit PATH        the compatkit to run (default: this one)\n"
		"      --keep DIR        keep both traces and outputs in DIR\n"
		"  -h, --help            this text\n\n"
		"Exit status: 0 when the runs agree (calls, exit status, stdout), 1 when\n"
		"they differ, 2 on an error.\n");
}

struct side {
	const char *tag;
	char **argv;
	char **envp;
	FILE *err, *out;	/* trace (stderr) and stdout */
	int status, timed_out;
	struct calls calls;
};

static char **env_with(char **extra, int n)
{
	int base = 0;
	while (environ[base])
		base++;
	char **e = calloc((size_t)(base + n + 1), sizeof *e);
	int k = 0;
	for (int i = 0; i < base; i++) {
		size_t len = strcspn(environ[i], "=");
		int replaced = 0;
		for (int x = 0; x < n; x++)
			replaced |= !strncmp(extra[x], environ[i], len) && extra[x][len] == '=';
		if (!replaced)
			e[k++] = environ[i];
	}
	for (int x = 0; x < n; x++)
		e[k++] = extra[x];
	return e;
}

static int run_side(struct side *s, int timeout)
{
	s->err = tmpfile();
	s->out = tmpfile();
	if (!s->err || !s->out)
		return -1;
	/* the guest's descriptors must start at 3 on both sides */
	fcntl(fileno(s->err), F_SETFD, FD_CLOEXEC);
	fcntl(fileno(s->out), F_SETFD, FD_CLOEXEC);
	pid_t p = fork();
	if (p < 0)
		return -1;
	if (p == 0) {
		setpgid(0, 0);
		int in = open("/dev/null", O_RDONLY);
		dup2(in, 0);
		dup2(fileno(s->out), 1);
		dup2(fileno(s->err), 2);
		if (in > 2)
			close(in);
		execvpe(s->argv[0], s->argv, s->envp);
		dprintf(2, "compatkit diff: cannot run %s: %s\n", s->argv[0], strerror(errno));
		_exit(127);
	}
	setpgid(p, p);
	for (int ms = 0;; ms += 10) {
		pid_t w = waitpid(p, &s->status, WNOHANG);
		if (w == p)
			break;
		if (w < 0 && errno != EINTR)
			return -1;
		if (ms > timeout * 1000 && !s->timed_out) {
			s->timed_out = 1;
			kill(-p, SIGKILL);
		}
		usleep(10000);
	}
	kill(-p, SIGKILL);
	rewind(s->err);
	rewind(s->out);
	return 0;
}

static void status_text(const struct side *s, char *b, size_t n)
{
	if (s->timed_out)
		snprintf(b, n, "timed out");
	else if (WIFSIGNALED(s->status))
		snprintf(b, n, "killed by signal %d", WTERMSIG(s->status));
	else
		snprintf(b, n, "exit %d", WEXITSTATUS(s->status));
}

static int in_list(const char *list, const char *name)
{
	size_t n = strlen(name);
	for (const char *p = list; p && *p;) {
		const char *e = strchr(p, ',');
		size_t len = e ? (size_t)(e - p) : strlen(p);
		if (len == n && !strncmp(p, name, n))
			return 1;
		p = e ? e + 1 : NULL;
	}
	return 0;
}

/* Smallest skip (a on the kit side, b on qemu's) after which the names
 * agree again for `run` calls in a row.  0 if none within reach. */
static int resync(const struct calls *k, int i, const struct calls *q, int j, int *pa, int *pb)
{
	const int reach = 64;
	for (int s = 1; s <= 2 * reach; s++)
		for (int a = 0; a <= s && a <= reach; a++) {
			int b = s - a;
			if (b > reach || i + a > k->n || j + b > q->n)
				continue;
			int left = k->n - (i + a) < q->n - (j + b) ? k->n - (i + a) : q->n - (j + b);
			int run = left < 3 ? left : 3, ok = 1;
			if (!run && (i + a < k->n || j + b < q->n))
				continue;	/* only the very end may match on nothing */
			for (int r = 0; r < run && ok; r++)
				ok = !strcmp(k->c[i + a + r].name, q->c[j + b + r].name);
			if (ok) {
				*pa = a;
				*pb = b;
				return 1;
			}
		}
	return 0;
}

static void show_only(const char *who, const struct calls *v, int from, int n)
{
	for (int x = 0; x < n && x < 8; x++)
		printf("  %-4s #%-4d %s\n", who, from + x + 1, v->c[from + x].raw);
	if (n > 8)
		printf("  %-4s ... %d more\n", who, n - 8);
}

/* Walk both sequences; print divergences (the first, or all).  Returns
 * how many were found. */
static int compare(const struct calls *k, const struct calls *q, int context, const char *ignore, int all)
{
	int i = 0, j = 0, found = 0, last_match = -1;
	while ((i < k->n || j < q->n) && (all || !found)) {
		char why[300] = "";
		int a = 0, b = 0;
		if (i < k->n && j < q->n && !strcmp(k->c[i].name, q->c[j].name)) {
			if (in_list(ignore, k->c[i].name) ||
			    (!call_args_differ(&k->c[i], &q->c[j], why, sizeof why) &&
			     !call_ret_differ(&k->c[i], &q->c[j], why, sizeof why))) {
				last_match = i++;
				j++;
				continue;
			}
			a = b = 1;
		} else if (!resync(k, i, q, j, &a, &b)) {
			a = k->n - i;
			b = q->n - j;
		}
		found++;
		printf("%s divergence: kit call #%d, qemu call #%d\n", found == 1 ? "first" : "next", i + 1, j + 1);
		int from = last_match - context + 1 < 0 ? 0 : last_match - context + 1;
		for (int x = from; x <= last_match && x >= 0; x++)
			printf("  =    #%-4d %s\n", x + 1, k->c[x].raw);
		show_only("kit", k, i, a);
		show_only("qemu", q, j, b);
		if (*why)
			printf("  differs: %s\n", why);
		else if (a && !b)
			printf("  only the kit made %d call%s here\n", a, a > 1 ? "s" : "");
		else if (b && !a)
			printf("  only qemu made %d call%s here\n", b, b > 1 ? "s" : "");
		else
			printf("  the sequences part: kit %d call%s, qemu %d\n", a, a > 1 ? "s" : "", b);
		i += a;
		j += b;
		last_match = i - 1;
		if (i < k->n && j < q->n && !strcmp(k->c[i].name, q->c[j].name))
			printf("  then both: kit #%d %s\n", i + 1, k->c[i].raw);
	}
	return found;
}

int cmd_diff(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "abi", required_argument, 0, 'a' }, { "env", required_argument, 0, 'e' },
		{ "kit-env", required_argument, 0, 'K' }, { "ref-env", required_argument, 0, 'R' },
		{ "context", required_argument, 0, 'C' }, { "ignore", required_argument, 0, 'i' },
		{ "all", no_argument, 0, 'A' }, { "timeout", required_argument, 0, 't' },
		{ "kit", required_argument, 0, 'k' }, { "keep", required_argument, 0, 'd' },
		{ "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
	};
	const char *abiname = NULL, *ignore = "set_robust_list", *kitpath = NULL, *keep = NULL;
	char *kenv[64], *renv[64];
	int nk = 0, nr = 0, context = 3, all = 0, timeout = 60, c;
	while ((c = getopt_long(argc, argv, "+a:e:C:i:At:h", opts, NULL)) != -1) {
		if ((c == 'e' || c == 'K' || c == 'R') && (!strchr(optarg, '=') || nk > 62 || nr > 62)) {
			fprintf(stderr, "compatkit diff: want VAR=VALUE, not '%s'\n", optarg);
			return 2;
		}
		switch (c) {
		case 'a': abiname = optarg; break;
		case 'e': kenv[nk++] = optarg; renv[nr++] = optarg; break;
		case 'K': kenv[nk++] = optarg; break;
		case 'R': renv[nr++] = optarg; break;
		case 'C': context = atoi(optarg); break;
		case 'i': ignore = optarg; break;
		case 'A': all = 1; break;
		case 't': timeout = atoi(optarg); break;
		case 'k': kitpath = optarg; break;
		case 'd': keep = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	const char *file = argv[optind];
	if (access(file, R_OK)) {
		fprintf(stderr, "compatkit diff: %s: %s\n", file, strerror(errno));
		return 2;
	}
	const struct abi *abi = cmd_choose_abi("diff", abiname, file);
	if (!abi)
		return 2;
	if (!abi->qemu) {
		fprintf(stderr, "compatkit diff: %s has no reference runner (qemu field)\n", abi->name);
		return 2;
	}
	char self[4096];
	ssize_t sl = readlink("/proc/self/exe", self, sizeof self - 1);
	self[sl > 0 ? sl : 0] = 0;

	int nargs = argc - optind;
	char **kargv = calloc((size_t)nargs + 6, sizeof *kargv), **qargv = calloc((size_t)nargs + 3, sizeof *qargv);
	kargv[0] = (char *)(kitpath ? kitpath : self);
	kargv[1] = "run";
	kargv[2] = "--trace";
	kargv[3] = "--abi";
	kargv[4] = (char *)abi->name;
	qargv[0] = (char *)abi->qemu;
	qargv[1] = "-strace";
	for (int x = 0; x < nargs; x++)
		kargv[5 + x] = qargv[2 + x] = argv[optind + x];
	struct side kit = { "kit", kargv, env_with(kenv, nk) }, ref = { "qemu", qargv, env_with(renv, nr) };
	if (run_side(&kit, timeout) || run_side(&ref, timeout)) {
		fprintf(stderr, "compatkit diff: cannot run: %s\n", strerror(errno));
		return 2;
	}
	calls_parse(kit.err, 0, abi, &kit.calls);
	calls_parse(ref.err, 1, abi, &ref.calls);
	if (keep) {
		struct side *sides[] = { &kit, &ref };
		for (int s = 0; s < 2; s++) {
			char cmd[4400];
			snprintf(cmd, sizeof cmd, "mkdir -p '%s' && cat /dev/fd/%d > '%s/%s.trace' && cat /dev/fd/%d > '%s/%s.out'",
				 keep, fileno(sides[s]->err), keep, sides[s]->tag, fileno(sides[s]->out), keep, sides[s]->tag);
			rewind(sides[s]->err);
			rewind(sides[s]->out);
			if (system(cmd))
				fprintf(stderr, "compatkit diff: cannot keep the traces in %s\n", keep);
		}
	}
	char ks[64], rs[64];
	status_text(&kit, ks, sizeof ks);
	status_text(&ref, rs, sizeof rs);
	printf("compatkit diff: %s (%s): kit %d syscalls, %s; qemu %d syscalls, %s\n", file, abi->name,
	       kit.calls.n, ks, ref.calls.n, rs);
	if (!kit.calls.n) {
		fprintf(stderr, "compatkit diff: the kit's run printed no trace\n");
		return 2;
	}
	int found = compare(&kit.calls, &ref.calls, context, ignore, all);

	int same_out = 1;
	rewind(kit.out);
	rewind(ref.out);
	for (int ck, cr;;) {
		ck = fgetc(kit.out);
		cr = fgetc(ref.out);
		if (ck != cr) {
			same_out = 0;
			break;
		}
		if (ck == EOF)
			break;
	}
	if (!same_out)
		printf("stdout differs\n");
	if (strcmp(ks, rs))
		printf("exit differs: kit %s, qemu %s\n", ks, rs);
	if (!found && same_out && !strcmp(ks, rs))
		printf("no divergence\n");
	return found || !same_out || strcmp(ks, rs) ? 1 : 0;
}
