/* The gdb stub's connection: a TCP socket on the loopback and the remote
 * protocol's framing ("$data#cs", '+'/'-' acknowledgements until
 * QStartNoAckMode, '}' escapes).  gdb manual, "Remote Protocol":
 * Overview, Packet Acknowledgment, Binary Data. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include "gdbpriv.h"

extern int ck_kit_fd_min;

/* Keep the kit's descriptors out of the guest's range (kit/cmd_run.c). */
static int hide(int fd)
{
	int n = fcntl(fd, F_DUPFD_CLOEXEC, ck_kit_fd_min);
	if (n < 0)
		return fd;
	close(fd);
	return n;
}

int gdbw_listen(int port, int *out_port, char *err, size_t errlen)
{
	int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0) {
		snprintf(err, errlen, "socket: %s", strerror(errno));
		return -1;
	}
	int one = 1;
	setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in sa = { .sin_family = AF_INET, .sin_port = htons((uint16_t)port),
				  .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
	socklen_t sl = sizeof sa;
	if (bind(fd, (struct sockaddr *)&sa, sizeof sa) < 0 || listen(fd, 1) < 0 ||
	    getsockname(fd, (struct sockaddr *)&sa, &sl) < 0) {
		snprintf(err, errlen, "127.0.0.1:%d: %s", port, strerror(errno));
		close(fd);
		return -1;
	}
	*out_port = ntohs(sa.sin_port);
	return hide(fd);
}

int gdbw_accept(int lfd, char *err, size_t errlen)
{
	int fd;
	do
		fd = accept4(lfd, NULL, NULL, SOCK_CLOEXEC);
	while (fd < 0 && errno == EINTR);
	if (fd < 0) {
		snprintf(err, errlen, "accept: %s", strerror(errno));
		return -1;
	}
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	return hide(fd);
}

/* Next byte from the connection, or -1. */
static int getbyte(struct gdbstub *g)
{
	while (g->rpos == g->rlen) {
		ssize_t n = read(g->fd, g->rbuf, sizeof g->rbuf);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			return -1;
		g->rpos = 0;
		g->rlen = (size_t)n;
	}
	return g->rbuf[g->rpos++];
}

static int writeall(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = send(fd, p, n, MSG_NOSIGNAL);	/* gdb gone: EPIPE, not SIGPIPE */
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int gdbw_hex(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

long gdbw_unhex(const char *s, uint8_t *out, size_t max)
{
	size_t n = 0;
	for (; s[0] && s[1]; s += 2) {
		int hi = gdbw_hex(s[0]), lo = gdbw_hex(s[1]);
		if (hi < 0 || lo < 0 || n == max)
			return -1;
		out[n++] = (uint8_t)(hi << 4 | lo);
	}
	return s[0] ? -1 : (long)n;
}

void gdbw_tohex(char *out, const uint8_t *in, size_t n)
{
	static const char d[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		*out++ = d[in[i] >> 4];
		*out++ = d[in[i] & 15];
	}
	*out = 0;
}

int gdbw_get(struct gdbstub *g)
{
	for (;;) {
		int c;
		do {
			c = getbyte(g);
			if (c < 0)
				return -1;
			if (c == '-' && g->last)	/* our last packet arrived damaged */
				writeall(g->fd, g->last, strlen(g->last));
		} while (c != '$');	/* '+' acks and a stray ^C are dropped */
		size_t n = 0;
		unsigned sum = 0;
		int esc = 0, overflow = 0;
		while ((c = getbyte(g)) >= 0 && c != '#') {
			sum += (unsigned)c;
			if (esc) {
				c ^= 0x20;
				esc = 0;
			} else if (c == '}') {
				esc = 1;
				continue;
			}
			if (n < GDB_PKT)
				g->in[n++] = (char)c;
			else
				overflow = 1;
		}
		int h1 = c < 0 ? -1 : getbyte(g), h2 = h1 < 0 ? -1 : getbyte(g);
		if (h2 < 0)
			return -1;
		g->in[n] = 0;
		int ok = !overflow && gdbw_hex(h1) >= 0 && gdbw_hex(h2) >= 0 &&
			 (unsigned)(gdbw_hex(h1) << 4 | gdbw_hex(h2)) == (sum & 0xff);
		if (!g->noack && writeall(g->fd, ok ? "+" : "-", 1))
			return -1;
		if (overflow && g->noack) {	/* too long to serve: an empty reply */
			g->in[0] = 0;
			return 0;
		}
		if (ok || g->noack)
			return (int)n;
	}
}

int gdbw_put(struct gdbstub *g, const char *data, size_t len)
{
	char *p = malloc(2 * len + 5), *q = p;
	if (!p)
		return -1;
	unsigned sum = 0;
	*q++ = '$';
	for (size_t i = 0; i < len; i++) {
		char c = data[i];
		if (c == '$' || c == '#' || c == '}' || c == '*') {
			*q++ = '}';
			sum += '}';
			c ^= 0x20;
		}
		*q++ = c;
		sum += (unsigned char)c;
	}
	q += sprintf(q, "#%02x", sum & 0xff);
	free(g->last);
	g->last = p;
	if (writeall(g->fd, p, (size_t)(q - p)))
		return -1;
	if (g->noack)
		return 0;
	/* Wait for the ack; a '-' asks for the packet again. */
	for (int tries = 0; tries < 8; tries++) {
		int c = getbyte(g);
		if (c < 0)
			return -1;
		if (c == '+')
			return 0;
		if (c == '-' && writeall(g->fd, p, (size_t)(q - p)))
			return -1;
		if (c == '$') {	/* a packet without the ack: leave it for gdbw_get */
			g->rpos--;
			return 0;
		}
	}
	return 0;
}

int gdbw_puts(struct gdbstub *g, const char *s)
{
	return gdbw_put(g, s, strlen(s));
}
