#define _GNU_SOURCE
/* Signal basics: handlers and siginfo for raise/kill/sigqueue, masks during
 * and after handlers, SA_RESETHAND, SA_NODEFER, nesting, pending and
 * blocked sets, coalescing and RT queueing, sigsuspend, sigtimedwait,
 * interval timers with pause, SIG_IGN, and (with an argument) death by a
 * default action: "term" (SIGTERM), "abrt" (SIGABRT), "ign" (SIGCHLD). */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/time.h>
#include <sys/wait.h>

static volatile sig_atomic_t depth, maxdepth, count;
static int rtvals[8], nrt;

static int blocked(int s)
{
	sigset_t m;
	sigprocmask(SIG_BLOCK, NULL, &m);
	return sigismember(&m, s);
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	printf("  handler: sig=%d si_signo=%d si_code=%d pid_ok=%d uid_ok=%d uc=%s\n", sig,
	       si->si_signo, si->si_code, si->si_pid == getpid(), si->si_uid == getuid(),
	       uc ? "set" : "null");
	printf("  in handler: self blocked=%d SIGUSR2 blocked=%d\n", blocked(sig), blocked(SIGUSR2));
	count++;
}

static void on_rt(int sig, siginfo_t *si, void *uc)
{
	if (nrt < 8)
		rtvals[nrt++] = si->si_value.sival_int;
}

static void on_plain(int sig)
{
	count++;
	depth++;
	if (depth > maxdepth)
		maxdepth = depth;
	if (sig == SIGUSR1 && depth == 1)
		raise(SIGUSR2);		/* nested delivery */
	depth--;
}

static void set(int sig, void (*h)(int), void (*sh)(int, siginfo_t *, void *), int flags, int maskwith)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	if (maskwith)
		sigaddset(&sa.sa_mask, maskwith);
	sa.sa_flags = flags;
	if (sh)
		sa.sa_sigaction = sh;
	else
		sa.sa_handler = h;
	if (sigaction(sig, &sa, NULL))
		perror("sigaction");
}

static void block(int how, int sig)
{
	sigset_t m;
	sigemptyset(&m);
	sigaddset(&m, sig);
	sigprocmask(how, &m, NULL);
}

/* A signal sent by another process: a forked child kills its parent with
 * SIGUSR1; the handler must see SI_USER and the child's pid. */
static volatile sig_atomic_t child_sig, child_code, child_pid_ok;
static volatile pid_t child_pid;

static void on_child_sig(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	child_sig = sig;
	child_code = si->si_code;
	child_pid_ok = si->si_pid == child_pid;
}

static int from_child(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_sigaction = on_child_sig;
	sa.sa_flags = SA_SIGINFO;
	sigaction(SIGUSR1, &sa, NULL);
	sigset_t block, old;
	sigemptyset(&block);
	sigaddset(&block, SIGUSR1);
	sigprocmask(SIG_BLOCK, &block, &old);	/* no race with the child */
	pid_t parent = getpid();
	pid_t pid = fork();
	if (pid < 0) {
		perror("fork");
		return 2;
	}
	if (pid == 0)
		_exit(kill(parent, SIGUSR1) == 0 ? 0 : 1);
	child_pid = pid;
	while (!child_sig)
		sigsuspend(&old);
	int st = 0;
	waitpid(pid, &st, 0);
	printf("kill from a forked child: signal %d, si_code SI_USER %s, si_pid is the child %s, child exit %d\n",
	       (int)child_sig, child_code == SI_USER ? "yes" : "no", child_pid_ok ? "yes" : "no",
	       WIFEXITED(st) ? WEXITSTATUS(st) : -1);
	return 0;
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1) {
		if (!strcmp(argv[1], "term"))
			raise(SIGTERM);
		if (!strcmp(argv[1], "abrt"))
			raise(SIGABRT);
		if (!strcmp(argv[1], "child"))
			return from_child();
		if (!strcmp(argv[1], "ign")) {
			raise(SIGCHLD);	/* default: ignored */
			raise(SIGWINCH);
			printf("still alive after SIGCHLD and SIGWINCH\n");
			return 3;
		}
		return 1;
	}

	printf("1. raise with SA_SIGINFO, sa_mask {SIGUSR2}\n");
	set(SIGUSR1, NULL, on_info, SA_SIGINFO, SIGUSR2);
	raise(SIGUSR1);
	printf("  after: SIGUSR1 blocked=%d SIGUSR2 blocked=%d count=%d\n", blocked(SIGUSR1),
	       blocked(SIGUSR2), (int)count);

	printf("2. kill(getpid())\n");
	kill(getpid(), SIGUSR1);

	printf("3. SA_NODEFER\n");
	set(SIGUSR1, NULL, on_info, SA_SIGINFO | SA_NODEFER, 0);
	raise(SIGUSR1);

	printf("4. SA_RESETHAND\n");
	set(SIGUSR1, NULL, on_info, SA_SIGINFO | SA_RESETHAND, 0);
	raise(SIGUSR1);
	struct sigaction old;
	sigaction(SIGUSR1, NULL, &old);
	printf("  handler now %s\n", old.sa_handler == SIG_DFL ? "SIG_DFL" : "other");

	printf("5. nested: SIGUSR1 handler raises SIGUSR2\n");
	count = 0;
	set(SIGUSR1, on_plain, NULL, 0, 0);
	set(SIGUSR2, on_plain, NULL, 0, 0);
	raise(SIGUSR1);
	printf("  count=%d maxdepth=%d\n", (int)count, (int)maxdepth);

	printf("6. blocked, pending, coalesced\n");
	count = 0;
	block(SIG_BLOCK, SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	sigset_t p;
	sigpending(&p);
	printf("  pending SIGUSR1=%d SIGUSR2=%d count=%d\n", sigismember(&p, SIGUSR1),
	       sigismember(&p, SIGUSR2), (int)count);
	block(SIG_UNBLOCK, SIGUSR1);
	printf("  after unblock count=%d\n", (int)count);

	printf("7. real-time signals queue in order\n");
	set(SIGRTMIN, NULL, on_rt, SA_SIGINFO, 0);
	block(SIG_BLOCK, SIGRTMIN);
	for (int i = 1; i <= 3; i++) {
		union sigval v = { .sival_int = i * 10 };
		sigqueue(getpid(), SIGRTMIN, v);
	}
	block(SIG_UNBLOCK, SIGRTMIN);
	printf("  got %d:", nrt);
	for (int i = 0; i < nrt; i++)
		printf(" %d", rtvals[i]);
	printf("\n");

	printf("8. sigsuspend\n");
	count = 0;
	block(SIG_BLOCK, SIGUSR1);
	raise(SIGUSR1);
	sigset_t none;
	sigemptyset(&none);
	int r = sigsuspend(&none);
	printf("  sigsuspend=%d errno=%s count=%d SIGUSR1 blocked after=%d\n", r,
	       strerrorname_np(errno), (int)count, blocked(SIGUSR1));
	block(SIG_UNBLOCK, SIGUSR1);

	printf("9. sigtimedwait\n");
	sigset_t w;
	sigemptyset(&w);
	sigaddset(&w, SIGUSR2);
	block(SIG_BLOCK, SIGUSR2);
	kill(getpid(), SIGUSR2);
	siginfo_t si;
	struct timespec ts = { 0, 20000000 };
	r = sigtimedwait(&w, &si, &ts);
	printf("  sigtimedwait=%d si_code=%d pid_ok=%d\n", r, si.si_code, si.si_pid == getpid());
	r = sigtimedwait(&w, &si, &ts);
	printf("  again: %d errno=%s\n", r, strerrorname_np(errno));
	block(SIG_UNBLOCK, SIGUSR2);

	printf("10. setitimer + pause\n");
	count = 0;
	set(SIGALRM, on_plain, NULL, 0, 0);
	struct itimerval it = { { 0, 0 }, { 0, 30000 } }, cur;
	setitimer(ITIMER_REAL, &it, NULL);
	getitimer(ITIMER_REAL, &cur);
	printf("  armed=%d\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec > 0);
	r = pause();
	printf("  pause=%d errno=%s count=%d\n", r, strerrorname_np(errno), (int)count);

	printf("11. SIG_IGN\n");
	signal(SIGUSR1, SIG_IGN);
	raise(SIGUSR1);
	printf("  survived; old handler via signal(): %s\n",
	       signal(SIGUSR1, SIG_DFL) == SIG_IGN ? "SIG_IGN" : "other");
	printf("done\n");
	return 0;
}
