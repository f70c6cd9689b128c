/* SIGPIPE from a write to a pipe with no reader and from send() on a
 * socket whose peer is gone, unless MSG_NOSIGNAL (Linux: pipe_write and
 * unix_stream_sendmsg send SIGPIPE to the caller; both also fail EPIPE).
 *   sigpipe          default action: killed by SIGPIPE at the first write
 *   sigpipe catch    a handler counts each SIGPIPE; prints the results
 *   sigpipe ignore   SIG_IGN: only the EPIPE errors */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>

static volatile sig_atomic_t caught;

static void on_pipe(int sig)
{
	caught++;
}

static void report(const char *what, long r)
{
	printf("%s: %ld %s, SIGPIPE caught %d\n", what, r, r < 0 ? strerror(errno) : "ok", (int)caught);
}

int main(int argc, char **argv)
{
	setvbuf(stdout, NULL, _IONBF, 0);
	if (argc > 1 && !strcmp(argv[1], "catch"))
		signal(SIGPIPE, on_pipe);
	else if (argc > 1 && !strcmp(argv[1], "ignore"))
		signal(SIGPIPE, SIG_IGN);
	int p[2], sv[2];
	if (pipe(p) || socketpair(AF_UNIX, SOCK_STREAM, 0, sv)) {
		perror("setup");
		return 2;
	}
	close(p[0]);
	close(sv[1]);
	report("write to a pipe without reader", write(p[1], "x", 1));
	report("send to a closed peer", send(sv[0], "x", 1, 0));
	report("send MSG_NOSIGNAL", send(sv[0], "x", 1, MSG_NOSIGNAL));
	struct iovec v = { "x", 1 };
	struct msghdr m = { .msg_iov = &v, .msg_iovlen = 1 };
	report("sendmsg to a closed peer", sendmsg(sv[0], &m, 0));
	report("sendmsg MSG_NOSIGNAL", sendmsg(sv[0], &m, MSG_NOSIGNAL));
	return 0;
}
