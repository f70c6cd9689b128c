/* The suite's runner: up to N cases at once, each in a fresh directory, its
 * own process group (so a timeout also kills what the guest forked), stdin
 * from /dev/null, stdout and stderr into one file that the LTP parser reads
 * afterwards. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "suite.h"

#define OUT_MAX (64 * 1024)	/* output kept per case */

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void case_dir(const struct runopts *o, const struct job *j, char *buf, size_t len)
{
	snprintf(buf, len, "%s/%s/%s/%s", o->workdir, j->lane == LANE_KIT ? "kit" : "qemu", j->abi, j->name);
}

static void mkdirs(char *path)
{
	for (char *p = path + 1; *p; p++) {
		if (*p != '/')
			continue;
		*p = 0;
		mkdir(path, 0755);
		*p = '/';
	}
	mkdir(path, 0755);
}

/* In the child: become a process group, enter the case directory, exec. */
static void child(const struct runopts *o, const struct job *j, const char *dir)
{
	setpgid(0, 0);
	signal(SIGPIPE, SIG_DFL);
	struct rlimit nocore = { 0, 0 };
	setrlimit(RLIMIT_CORE, &nocore);	/* qemu would drop qemu_*.core files */
	if (chdir(dir) < 0)
		_exit(127);
	int fd = open("output", O_WRONLY | O_CREAT | O_TRUNC, 0644);
	int in = open("/dev/null", O_RDONLY);
	if (fd < 0 || in < 0)
		_exit(127);
	dup2(in, 0);
	dup2(fd, 1);
	dup2(fd, 2);
	if (fd > 2)
		close(fd);
	if (in > 2)
		close(in);
	/* A clean environment: the guest's temporary files go to its own dir. */
	char *tmp, *home, *path;
	if (asprintf(&tmp, "TMPDIR=%s", dir) < 0 || asprintf(&home, "HOME=%s", dir) < 0 ||
	    asprintf(&path, "PATH=%s", getenv("PATH") ? getenv("PATH") : "/usr/bin:/bin") < 0)
		_exit(127);
	char *envp[] = { tmp, home, path, "LC_ALL=C", NULL };
	if (j->lane == LANE_KIT) {
		char *argv[] = { (char *)o->kit, "run", "--abi", (char *)j->abi, (char *)j->bin, NULL };
		execve(o->kit, argv, envp);
	} else {
		char *argv[] = { (char *)j->qemu, (char *)j->bin, NULL };
		execvpe(j->qemu, argv, envp);
	}
	dprintf(2, "compatkit suite: cannot exec: %s\n", strerror(errno));
	_exit(127);
}

static void start(const struct runopts *o, struct job *j)
{
	char dir[4200];
	case_dir(o, j, dir, sizeof dir);
	mkdirs(dir);
	j->t0 = now();
	pid_t p = fork();
	if (p == 0)
		child(o, j, dir);
	if (p < 0) {
		j->pid = 0;
		j->wstatus = 127 << 8;
		return;
	}
	setpgid(p, p);	/* both sides, so kill(-p) works at once */
	j->pid = p;
}

static void collect(const struct runopts *o, struct job *j)
{
	char dir[4200], path[4300];
	case_dir(o, j, dir, sizeof dir);
	if (snprintf(path, sizeof path, "%s/output", dir) >= (int)sizeof path)
		path[0] = 0;
	FILE *f = fopen(path, "r");
	j->out = malloc(OUT_MAX + 64);
	j->outlen = f ? fread(j->out, 1, OUT_MAX, f) : 0;
	if (f && fgetc(f) != EOF) {
		static const char more[] = "\n[... output truncated]\n";
		memcpy(j->out + j->outlen, more, sizeof more - 1);
		j->outlen += sizeof more - 1;
	}
	j->out[j->outlen] = 0;
	if (f)
		fclose(f);
	ltp_parse(j->out, j->outlen, &j->c);
	j->result = ltp_verdict(&j->c, j->wstatus, j->timed_out);
}

static void progress(const struct runopts *o, int done, int total, int running, const char *last)
{
	if (!o->progress)
		return;
	printf("\r\033[K[%d/%d] %d running%s%s", done, total, running, last ? ", last: " : "", last ? last : "");
	fflush(stdout);
}

void suite_run(struct job *jobs, int n, const struct runopts *o)
{
	int total = 0, done = 0, running = 0, next = 0;
	for (int i = 0; i < n; i++) {
		jobs[i].pid = 0;
		if (jobs[i].expect < 0)
			jobs[i].result = R_NOTRUN;
		else if (access(jobs[i].bin, X_OK) < 0)
			jobs[i].result = R_MISSING;
		else {
			jobs[i].result = -1;
			total++;
		}
	}
	int maxj = o->jobs > 0 ? o->jobs : 1;
	while (done < total) {
		while (running < maxj && next < n) {
			struct job *j = &jobs[next++];
			if (j->result != -1)
				continue;
			start(o, j);
			if (j->pid <= 0) {
				collect(o, j);
				done++;
				continue;
			}
			running++;
		}
		int st;
		pid_t p = waitpid(-1, &st, WNOHANG);
		if (p <= 0) {
			/* nothing finished: check deadlines, then nap briefly */
			double t = now();
			for (int i = 0; i < n; i++)
				if (jobs[i].pid > 0 && !jobs[i].timed_out && t - jobs[i].t0 > o->timeout) {
					jobs[i].timed_out = 1;
					kill(-jobs[i].pid, SIGKILL);
				}
			if (p < 0 && errno == ECHILD)
				break;
			usleep(10000);
			continue;
		}
		for (int i = 0; i < n; i++) {
			struct job *j = &jobs[i];
			if (j->pid != p)
				continue;
			kill(-p, SIGKILL);	/* leftovers the guest forked */
			j->pid = 0;
			j->wstatus = st;
			j->secs = now() - j->t0;
			collect(o, j);
			running--;
			done++;
			char what[160];
			snprintf(what, sizeof what, "%s %s %s: %s", j->lane == LANE_KIT ? "kit" : "qemu",
				 j->abi, j->name, result_names[j->result]);
			progress(o, done, total, running, what);
			break;
		}
	}
	if (o->progress)
		printf("\r\033[K");
	for (int i = 0; i < n; i++)
		suite_judge(&jobs[i]);
}
