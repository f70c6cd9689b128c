/*
 * signalfd on the kit's signal core.
 *
 * Linux's signalfd reads the signals pending for the reading thread and its
 * process whose numbers are in the descriptor's mask, blocked or not, and
 * polls readable while one is pending (fs/signalfd.c).  The kit keeps the
 * guest's pending signals itself: its host handlers catch every host
 * signal and the run loop moves it into the core's pending set
 * (kit/sighost.c), so a host signalfd would never see one.
 *
 * Design: the guest's descriptor is a host pipe opened read-write (one
 * open file that is its own reader and writer, so it never reads EOF or
 * polls hangup), and the table below gives each such pipe its mask.
 *  - read/write are caught before the host sees them (ev_fd_rw calls
 *    sigfd_rw): reads dequeue from the core's pending set (sig_dequeue),
 *    writes fail with EINVAL as on Linux;
 *  - readiness is made real for the host's poll/select/epoll: before each
 *    of those waits, sigfd_sync puts a byte in the pipe when a signal of
 *    the mask becomes pending (one per newly pending signal, so
 *    edge-triggered epoll wakes for each) and drains the pipe when none is
 *    left.  The guest observes readiness only inside such waits, and a host
 *    signal arriving during one interrupts the host call (the kit's host
 *    handlers have no SA_RESTART); ev_wait then re-syncs and waits again.
 *  - the pipe is recognised by its inode (fstat), so dup/dup2/F_DUPFD
 *    copies are signalfds too.
 *
 * Why not the host's signalfd with the host's blocked mask following the
 * guest's for the watched signals: the core keeps the host mask empty on
 * purpose (every host signal is recorded and delivered by the core at safe
 * points, per guest thread).  Letting the host queue some of them would
 * split the pending state in two places that sigpending, sigtimedwait,
 * delivery and the signalfd reads would all have to merge, and the signals
 * the kit generates itself (faults, rt_sigqueueinfo to itself) would never
 * reach a host signalfd.
 *
 * Limits: fstat shows a FIFO and poll may report POLLOUT (Linux: an
 * anonymous inode, never writable); readv/preadv are not caught.  A forked
 * child re-creates its pipes at its first signalfd use (their readiness is
 * its own signals'), but an epoll set it shares with its parent still
 * watches the parent's pipe.  A signalfd kept across execve (no
 * SFD_CLOEXEC) is a plain pipe in the new image.
 */
#include <dirent.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include "evsys.h"
#include "ksig.h"
#include "layout.h"

struct sfd {
	ino_t ino;		/* the pipe's inode: the descriptor's identity */
	int fd;			/* a guest descriptor for it (checked before use) */
	ksigset_t mask;
	ksigset_t last;		/* pending & mask at the last sync */
	unsigned bytes;		/* bytes the kit put in the pipe */
};
static struct sfd *tab;
static unsigned ntab, cap;
static pid_t owner;		/* the process whose pipes these are */
unsigned sigfd_count;		/* ntab, for the callers' fast path */

#define MAX_BYTES 64		/* more wakeups than this are not needed */
#define UNBLOCKABLE (SIGBIT(SIGKILL) | SIGBIT(SIGSTOP))

static int fifo_ino(int fd, ino_t *ino)
{
	struct stat st;
	if (!ev_fd_ok(fd) || fstat(fd, &st) < 0 || !S_ISFIFO(st.st_mode))
		return -1;
	*ino = st.st_ino;
	return 0;
}

/* A new read-write open file on a fresh pipe (the pipe's own two ends are
 * closed again), with O_NONBLOCK as asked and FD_CLOEXEC.  Returns the
 * host descriptor or -errno; *ino gets the inode. */
static int rw_pipe(int nonblock, ino_t *ino)
{
	int p[2];
	if (pipe2(p, O_CLOEXEC) < 0)
		return -errno;
	char path[64];
	snprintf(path, sizeof path, "/proc/self/fd/%d", p[0]);
	int g = open(path, O_RDWR | O_CLOEXEC | (nonblock ? O_NONBLOCK : 0));
	int e = errno;
	close(p[0]);
	close(p[1]);
	if (g < 0)
		return -e;
	struct stat st;
	fstat(g, &st);
	*ino = st.st_ino;
	return g;
}

/* Each guest descriptor that refers to inode ino, in out[] (up to max). */
static int guest_fds_of(ino_t ino, int *out, int max)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return 0;
	int n = 0, dfd = dirfd(d);
	struct dirent *de;
	while ((de = readdir(d)) && n < max) {
		int fd = atoi(de->d_name);
		ino_t i;
		if (de->d_name[0] != '.' && fd != dfd && fifo_ino(fd, &i) == 0 && i == ino)
			out[n++] = fd;
	}
	closedir(d);
	return n;
}

static void drop(unsigned i)
{
	tab[i] = tab[--ntab];
	sigfd_count = ntab;
}

/* A guest descriptor of entry i that is still its pipe, or -1 when the
 * guest has closed every one (the entry is then dropped by the caller). */
static int live_fd(unsigned i)
{
	ino_t ino;
	if (fifo_ino(tab[i].fd, &ino) == 0 && ino == tab[i].ino)
		return tab[i].fd;
	int fd;
	if (guest_fds_of(tab[i].ino, &fd, 1) != 1)
		return -1;
	return tab[i].fd = fd;
}

/* After fork the pipes are shared with the parent, whose readiness is its
 * own signals': the child gives each of its descriptors a new pipe,
 * keeping O_NONBLOCK and FD_CLOEXEC. */
static void own_pipes(void)
{
	pid_t me = getpid();
	if (owner == me)
		return;
	owner = me;
	for (unsigned i = 0; i < ntab;) {
		int fds[64], n = guest_fds_of(tab[i].ino, fds, 64);
		ino_t ino;
		int g = n ? rw_pipe(fcntl(fds[0], F_GETFL) & O_NONBLOCK, &ino) : -1;
		if (g < 0) {
			drop(i);
			continue;
		}
		for (int k = 0; k < n; k++)
			dup3(g, fds[k], (fcntl(fds[k], F_GETFD) & FD_CLOEXEC) ? O_CLOEXEC : 0);
		close(g);
		tab[i].ino = ino;
		tab[i].fd = fds[0];
		tab[i].last = 0;
		tab[i].bytes = 0;
		i++;
	}
}

static struct sfd *find(int fd)
{
	ino_t ino;
	if (fifo_ino(fd, &ino) < 0)
		return NULL;
	for (unsigned i = 0; i < ntab; i++)
		if (tab[i].ino == ino) {
			tab[i].fd = fd;
			return &tab[i];
		}
	return NULL;
}

void sigfd_sync(struct task *t)
{
	if (!ntab)
		return;
	own_pipes();
	ksigset_t pend = sig_pending(t);
	for (unsigned i = 0; i < ntab;) {
		struct sfd *e = &tab[i];
		ksigset_t cur = pend & e->mask;
		int fill = (cur & ~e->last) && e->bytes < MAX_BYTES, empty = !cur && e->bytes;
		e->last = cur;
		if (!fill && !empty) {
			i++;
			continue;
		}
		int fd = live_fd(i);
		if (fd < 0) {
			drop(i);
			continue;
		}
		if (fill && write(fd, "s", 1) == 1)
			e->bytes++;
		if (empty) {
			char b[MAX_BYTES];
			int n = 0;
			/* FIONREAD first: the guest may have left the file blocking */
			if (ioctl(fd, FIONREAD, &n) == 0 && n > 0)
				(void)!read(fd, b, n < MAX_BYTES ? (size_t)n : sizeof b);
			e->bytes = 0;
		}
		i++;
	}
}

/* A blocking read wakes for a signal of its mask, or for one the guest
 * does not block (then -ERESTARTSYS, as signalfd_dequeue). */
static int mask_or_deliverable(struct task *t, void *arg)
{
	ksigset_t m = *(const ksigset_t *)arg;
	return (sig_pending_any(t) & (m | ~t->sig->blocked)) != 0;
}

static long sfd_read(struct task *t, int fd, ksigset_t mask, uint64_t buf, uint64_t len)
{
	const struct layout *l = layout_get(t->abi, "signalfd_siginfo");
	if (!l || l->size > 256)
		return -ENOSYS;
	uint64_t count = len / l->size;
	if (!count)
		return -EINVAL;
	int nonblock = fcntl(fd, F_GETFL) & O_NONBLOCK;
	long total = 0, r = 0;
	uint8_t b[256];
	while (count--) {
		struct ksiginfo si;
		sig_drain_host(t);
		if (!sig_dequeue(t, mask, &si)) {
			if (nonblock) {
				r = -EAGAIN;
				break;
			}
			sig_wait(t, mask_or_deliverable, &mask, NULL);
			if (!sig_dequeue(t, mask, &si)) {
				r = -EINTR;	/* the dispatcher makes it -ERESTARTSYS */
				break;
			}
		}
		sig_store_info(t->abi, l, b, &si, &sig_names_signalfd);	/* signalfd_copyinfo */
		if (copyout(t, b, buf + (uint64_t)total, l->size)) {
			r = -EFAULT;
			break;
		}
		total += l->size;
		nonblock = 1;	/* only the first record is waited for */
	}
	sigfd_sync(t);
	return total ? total : r;
}

int sigfd_rw(struct task *t, int fd, uint64_t buf, uint64_t len, int write_, long *ret)
{
	own_pipes();
	const struct sfd *e = find(fd);
	if (!e)
		return 0;
	*ret = write_ ? -EINVAL : sfd_read(t, fd, e->mask, buf, len);
	return 1;
}

/* signalfd4(fd, mask, sizemask, flags), checks in do_signalfd4's order:
 * size, the mask's address, flags, then the descriptor. */
SYS(signalfd4)
{
	int fd = a_int(a[0]);
	uint64_t mask;
	long e = ev_get_sigset(t, a[1], a_ptr(t, a[2]), &mask);
	if (e)
		return e;
	long fl = ev_flags(t->abi, a_int(a[3]), 0);	/* SFD_* are O_NONBLOCK/O_CLOEXEC */
	if (fl < 0)
		return fl;
	mask &= ~UNBLOCKABLE;
	own_pipes();
	if (fd != -1) {
		/* an existing signalfd: a new mask, the flags are not applied */
		if (!ev_fd_ok(fd) || fcntl(fd, F_GETFD) < 0)
			return -EBADF;
		struct sfd *s = find(fd);
		if (!s)
			return -EINVAL;
		s->mask = mask;
		return fd;
	}
	if (ntab == cap) {
		/* forget the signalfds the guest has closed before growing */
		for (unsigned i = 0; i < ntab;)
			if (live_fd(i) < 0)
				drop(i);
			else
				i++;
		if (ntab == cap) {
			struct sfd *n = realloc(tab, (cap ? 2 * cap : 8) * sizeof *n);
			if (!n)
				return -ENOMEM;
			tab = n;
			cap = cap ? 2 * cap : 8;
		}
	}
	ino_t ino;
	int g = rw_pipe(fl & O_NONBLOCK, &ino);
	if (g < 0)
		return g;
	/* the lowest free descriptor, as Linux gives (the pipe's were lower) */
	long nfd = HOST(fcntl(g, (fl & O_CLOEXEC) ? F_DUPFD_CLOEXEC : F_DUPFD, 0));
	close(g);
	if ((nfd = ev_new_fd(nfd)) < 0)
		return nfd;
	tab[ntab++] = (struct sfd){ .ino = ino, .fd = (int)nfd, .mask = mask };
	sigfd_count = ntab;
	return nfd;
}

SYS(signalfd)
{
	uint64_t b[4] = { a[0], a[1], a[2], 0 };
	return linux_sys_signalfd4(t, b);
}

/* ---- interruptible waits ---- */

long ev_wait(struct task *t, const ksigset_t *gmask, int zero_ends,
	     long (*call)(void *arg, const sigset_t *hostmask), void *arg)
{
	if (gmask)
		sig_mask_temp(t, *gmask);
	sigset_t all, normal;
	sigfillset(&all);
	sigprocmask(SIG_BLOCK, &all, &normal);
	long r;
	for (;;) {
		int intr = sig_deliverable(t);	/* drains the host's first */
		sigfd_sync(t);
		if (intr) {
			/* what is ready now still counts (do_poll, ep_poll) */
			r = call(arg, NULL);
			if (r == 0 && !zero_ends)
				r = -EINTR;
			break;
		}
		/* host signals come in only inside the call, atomically */
		r = call(arg, &normal);
		if (r != -EINTR)
			break;
	}
	sigprocmask(SIG_SETMASK, &normal, NULL);
	if (gmask)
		sig_mask_restore_unless(t, r == -EINTR);
	return r;
}
