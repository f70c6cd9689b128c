/* posix_spawn and vfork: processes sharing their parent's memory until
 * they exec or exit (clone(CLONE_VM|CLONE_VFORK), kit/vfork.c).
 *
 *   spawn run HELPER       spawn/vfork HELPER (tests/guest/exechelper.c, of
 *                          any ABI) and print the children's statuses
 *   spawn errors DIR       exec failures (DIR: an empty scratch directory):
 *                          the errno a failed posix_spawn returns comes from
 *                          the child through the shared memory, as does a
 *                          vfork child's store
 *
 * qemu-user 7.2 runs CLONE_VM|CLONE_VFORK as a fork, so "errors" differs
 * there (posix_spawn of a missing file returns 0): its reference is the
 * native x86 run (tests/spawn.sh).  "run" is the same under qemu. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <linux/sched.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>

extern char **environ;

static const char *ename(int e)
{
	return e ? strerrorname_np(e) : "0";
}

static void status(const char *what, int e, pid_t pid)
{
	printf("%s: %s", what, ename(e));
	if (!e) {
		int st = 0;
		if (waitpid(pid, &st, 0) != pid)
			printf(", waitpid: %s", ename(errno));
		else if (WIFEXITED(st))
			printf(", exited %d", WEXITSTATUS(st));
		else if (WIFSIGNALED(st))
			printf(", killed by %s", sigabbrev_np(WTERMSIG(st)));
	}
	printf("\n");
	fflush(stdout);
}

static int spawn_exit(const char *helper, const char *code, pid_t *pid)
{
	char *av[] = { (char *)helper, "exit", (char *)code, NULL };
	return posix_spawn(pid, helper, NULL, NULL, av, environ);
}

/* A second thread spawns while the first one spins: the parent's other
 * threads keep running around a vfork child. */
static volatile int spin_stop;
static const char *thread_helper;
static void *spawner(void *arg)
{
	pid_t pid;
	int e = thread_helper ? spawn_exit(thread_helper, "11", &pid)
			      : posix_spawn(&pid, "/nonexistent/spawned", NULL, NULL,
					    (char *[]){ "x", NULL }, environ);
	spin_stop = 1;
	status(arg, e, pid);
	return NULL;
}

static void from_thread(const char *what, const char *helper)
{
	pthread_t th;
	thread_helper = helper;
	spin_stop = 0;
	if (pthread_create(&th, NULL, spawner, (void *)what)) {
		printf("%s: pthread_create failed\n", what);
		return;
	}
	while (!spin_stop)
		;
	pthread_join(th, NULL);
}

/* A vfork child that blocks: the parent's second thread must run
 * meanwhile.  The child sends its pid on `go` and then either reads a
 * byte from `data` (the thread writes 6: the child exits with it) or
 * waits in pause() (the thread kills it with SIGTERM). */
static int go[2], data[2];
static void *helper_thread(void *arg)
{
	pid_t child;
	if (read(go[0], &child, sizeof child) != sizeof child)
		return NULL;
	if (arg) {
		kill(child, SIGTERM);
	} else {
		char b = 6;
		if (write(data[1], &b, 1) != 1)
			perror("write");
	}
	return NULL;
}

static void blocking_child(const char *what, int killed)
{
	pthread_t th;
	if (pipe(go) || pipe(data) || pthread_create(&th, NULL, helper_thread, killed ? "kill" : NULL)) {
		printf("%s: setup failed\n", what);
		return;
	}
	pid_t pid = vfork();
	if (pid == 0) {
		pid_t me = getpid();
		char b = 1;
		if (write(go[1], &me, sizeof me) != sizeof me)
			_exit(2);
		if (killed)
			pause();
		else if (read(data[0], &b, 1) != 1)
			_exit(3);
		_exit(b);
	}
	status(what, pid < 0 ? errno : 0, pid);
	pthread_join(th, NULL);
	close(go[0]), close(go[1]), close(data[0]), close(data[1]);
}

static void children_left(void)
{
	errno = 0;
	pid_t r = waitpid(-1, NULL, WNOHANG);
	printf("children left: %s\n", r < 0 && errno == ECHILD ? "none" : "some");
}

static void run(const char *helper)
{
	pid_t pid;
	int e = spawn_exit(helper, "7", &pid);
	status("posix_spawn exit 7", e, pid);

	/* exechelper check: argv, exactly this environment, fd 5 open (a
	 * file action) and fd 6 closed (FD_CLOEXEC in the parent). */
	char *av[] = { (char *)helper, "check", "two words", "", NULL };
	char *ev[] = { "A=1", "B=two words", NULL };
	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	posix_spawn_file_actions_addopen(&fa, 5, "/dev/null", O_RDONLY, 0);
	int fd6 = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (fd6 >= 0 && fd6 != 6) {
		dup3(fd6, 6, O_CLOEXEC);
		close(fd6);
	}
	e = posix_spawn(&pid, helper, &fa, NULL, av, ev);
	posix_spawn_file_actions_destroy(&fa);
	close(6);
	status("posix_spawn check (argv, envp, file action, cloexec)", e, pid);

	/* posix_spawnp: the first PATH entry fails (ENOENT), the second runs. */
	char *dir = strdup(helper), path[4200];
	snprintf(path, sizeof path, "/nonexistent-dir:%s", dirname(dir));
	setenv("PATH", path, 1);
	char *avp[] = { "exechelper", "exit", "8", NULL };
	e = posix_spawnp(&pid, "exechelper", NULL, NULL, avp, environ);
	status("posix_spawnp exit 8", e, pid);
	free(dir);

	pid_t parent = getpid();
	pid = vfork();
	if (pid == 0)
		_exit(getppid() == parent && getpid() != parent ? 5 : 1);
	status("vfork _exit 5", pid < 0 ? errno : 0, pid);

	pid = vfork();
	if (pid == 0) {
		char *a9[] = { (char *)helper, "exit", "9", NULL };
		execve(helper, a9, environ);
		_exit(1);
	}
	status("vfork execve exit 9", pid < 0 ? errno : 0, pid);

	pid = vfork();
	if (pid == 0) {
		execve("/nonexistent/vforked", (char *[]){ "x", NULL }, environ);
		_exit(100 + errno);
	}
	status("vfork execve missing (100 + errno)", pid < 0 ? errno : 0, pid);

	pid = vfork();
	if (pid == 0) {
		raise(SIGTERM);
		_exit(1);
	}
	status("vfork raise SIGTERM", pid < 0 ? errno : 0, pid);

	from_thread("posix_spawn exit 11 from a second thread", helper);
	blocking_child("vfork child reads what the parent's other thread writes", 0);
	blocking_child("vfork child in pause(), killed by the parent's other thread", 1);

	int ok = 0;
	for (int i = 0; i < 20; i++) {
		int st = 0;
		if (!spawn_exit(helper, "3", &pid) && waitpid(pid, &st, 0) == pid && WIFEXITED(st) &&
		    WEXITSTATUS(st) == 3)
			ok++;
	}
	printf("posix_spawn exit 3, 20 times: %d ok\n", ok);
	children_left();
}

static char stack[256 << 10] __attribute__((aligned(16)));
static int clone_child(void *arg)
{
	*(volatile int *)arg = 43;
	return 3;
}

/* clone3(CLONE_CLEAR_SIGHAND), fork-like: the child finds its handlers
 * back at SIG_DFL and ignored signals still ignored.  (qemu-user 7.2 has
 * no clone3.) */
static void on_usr1(int sig) { (void)sig; }
static void clear_sighand(void)
{
	struct clone_args ca;
	memset(&ca, 0, sizeof ca);
	ca.flags = CLONE_CLEAR_SIGHAND;
	ca.exit_signal = SIGCHLD;
	signal(SIGUSR1, on_usr1);
	signal(SIGUSR2, SIG_IGN);
	long pid = syscall(SYS_clone3, &ca, sizeof ca);
	if (pid == 0) {
		struct sigaction a1, a2;
		sigaction(SIGUSR1, NULL, &a1);
		sigaction(SIGUSR2, NULL, &a2);
		_exit((a1.sa_handler == SIG_DFL ? 1 : 0) | (a2.sa_handler == SIG_IGN ? 2 : 0));
	}
	status("clone3(CLONE_CLEAR_SIGHAND): 1 handler reset + 2 ignored kept", pid < 0 ? errno : 0, pid);
	signal(SIGUSR1, SIG_DFL);
	signal(SIGUSR2, SIG_DFL);
}

static volatile int shared;
static int clone_pidfd(void *arg)
{
	shared = *(volatile int *)arg;
	return 5;
}

static int put_file(const char *dir, const char *name, const char *text, mode_t mode, char *out)
{
	sprintf(out, "%s/%s", dir, name);
	int fd = open(out, O_WRONLY | O_CREAT | O_TRUNC, mode);
	if (fd < 0 || write(fd, text, strlen(text)) < 0 || close(fd) || chmod(out, mode)) {
		printf("%s: %s\n", out, ename(errno));
		return -1;
	}
	return 0;
}

static void errors(const char *dir)
{
	pid_t pid;
	char *av[] = { "x", NULL };
	int e = posix_spawn(&pid, "/nonexistent/spawned", NULL, NULL, av, environ);
	status("posix_spawn missing file", e, pid);

	setenv("PATH", dir, 1);
	e = posix_spawnp(&pid, "no-such-program", NULL, NULL, av, environ);
	status("posix_spawnp missing program", e, pid);

	char path[4200];
	if (!put_file(dir, "plain", "not a program\n", 0644, path)) {
		e = posix_spawn(&pid, path, NULL, NULL, av, environ);
		status("posix_spawn file without x bit", e, pid);
	}
	if (!put_file(dir, "garbage", "garbage, no #! line\n", 0755, path)) {
		e = posix_spawn(&pid, path, NULL, NULL, av, environ);
		status("posix_spawn image nobody runs", e, pid);
	}

	posix_spawn_file_actions_t fa;
	posix_spawn_file_actions_init(&fa);
	snprintf(path, sizeof path, "%s/missing/file", dir);
	posix_spawn_file_actions_addopen(&fa, 5, path, O_RDONLY, 0);
	e = posix_spawn(&pid, "/nonexistent/spawned", &fa, NULL, av, environ);
	posix_spawn_file_actions_destroy(&fa);
	status("posix_spawn failing file action", e, pid);

	/* vfork: the child's stores are the parent's (Linux; POSIX leaves
	 * them undefined, glibc and Go rely on them). */
	shared = 0;
	pid = vfork();
	if (pid == 0) {
		shared = 42;
		_exit(0);
	}
	status("vfork child stores 42", pid < 0 ? errno : 0, pid);
	printf("parent reads %d\n", shared);

	static volatile int child_errno;
	child_errno = 0;
	pid = vfork();
	if (pid == 0) {
		execve("/nonexistent/vforked", av, environ);
		child_errno = errno;
		_exit(127);
	}
	status("vfork execve missing", pid < 0 ? errno : 0, pid);
	printf("child's errno, read by the parent: %s\n", ename(child_errno));

	/* glibc's clone() (the clone syscall on every ABI, not clone3): the
	 * child runs fn on its own stack in the parent's memory. */
	shared = 0;
	pid = clone(clone_child, stack + sizeof stack, CLONE_VM | CLONE_VFORK | SIGCHLD, (void *)&shared);
	status("clone(CLONE_VM|CLONE_VFORK) child stores 43, returns 3", pid < 0 ? errno : 0, pid);
	printf("parent reads %d\n", shared);

	/* The ids the kernel stores: CLONE_PIDFD (before the child runs: the
	 * child reads it), CLONE_PARENT_SETTID, CLONE_CHILD_SETTID. */
	static volatile int pidfd, ptid, ctid;
	pidfd = ptid = ctid = -1;
	shared = -2;
	pid = clone(clone_pidfd, stack + sizeof stack, CLONE_VM | CLONE_VFORK | CLONE_PIDFD | SIGCHLD,
		    (void *)&pidfd, (int *)&pidfd);
	status("clone(CLONE_VM|CLONE_VFORK|CLONE_PIDFD)", pid < 0 ? errno : 0, pid);
	printf("pidfd open and close-on-exec: %s, the child saw it: %s\n",
	       pid > 0 && fcntl(pidfd, F_GETFD) == FD_CLOEXEC ? "yes" : "no", shared == pidfd ? "yes" : "no");
	if (pidfd >= 0)
		close(pidfd);
	pid = clone(clone_child, stack + sizeof stack,
		    CLONE_VM | CLONE_VFORK | CLONE_PARENT_SETTID | CLONE_CHILD_SETTID | SIGCHLD,
		    (void *)&shared, (int *)&ptid, NULL, (int *)&ctid);
	status("clone(CLONE_VM|CLONE_VFORK|CLONE_PARENT_SETTID|CLONE_CHILD_SETTID)", pid < 0 ? errno : 0, pid);
	printf("parent_tid is the pid: %s, child_tid is the pid: %s\n", ptid == pid ? "yes" : "no",
	       ctid == pid ? "yes" : "no");

	/* A vfork child's own vfork child: both share the one memory. */
	shared = 0;
	pid = vfork();
	if (pid == 0) {
		pid_t g = vfork();
		if (g == 0) {
			shared = 44;
			_exit(4);
		}
		int st = 0;
		_exit(g > 0 && waitpid(g, &st, 0) == g && WIFEXITED(st) ? WEXITSTATUS(st) + 10 : 1);
	}
	status("vfork in a vfork child, grandchild stores 44 and exits 4", pid < 0 ? errno : 0, pid);
	printf("parent reads %d\n", shared);

	clear_sighand();
	from_thread("posix_spawn missing file from a second thread", NULL);
	children_left();
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "run"))
		run(argv[2]);
	else if (argc == 3 && !strcmp(argv[1], "errors"))
		errors(argv[2]);
	else {
		fprintf(stderr, "usage: spawn run HELPER | spawn errors DIR\n");
		return 2;
	}
	return 0;
}
