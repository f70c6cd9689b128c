/* Records of event descriptors for big-endian guests.  eventfd and timerfd
 * transfer one host-endian u64, inotify reads struct inotify_event + name:
 * the same layout on every ABI, so a little-endian guest reads them
 * unchanged, a big-endian one needs each field swapped (signalfds are the
 * kit's own, sigfd.c, and written in the guest's order there).  The kind
 * is told from the host: such descriptors are anonymous inodes (no S_IFMT bits) named "anon_inode:[eventfd]" etc. */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "evsys.h"
#include "layout.h"

enum { K_NONE, K_U64, K_INOTIFY };

static int fd_kind(int fd)
{
	struct stat st;
	if (fstat(fd, &st) < 0 || (st.st_mode & S_IFMT))
		return K_NONE;
	char p[64], name[64];
	snprintf(p, sizeof p, "/proc/self/fd/%d", fd);
	ssize_t n = readlink(p, name, sizeof name - 1);
	if (n < 0)
		return K_NONE;
	name[n] = 0;
	if (!strcmp(name, "anon_inode:[eventfd]") || !strcmp(name, "anon_inode:[timerfd]"))
		return K_U64;
	if (!strcmp(name, "anon_inode:inotify"))
		return K_INOTIFY;
	return K_NONE;
}

/* Whether a guest descriptor can be one of those kinds at all.  Until one
 * can, read and write skip fd_kind: its fstat doubled the cost of a short
 * write on the big-endian ABIs (perf stat, devnull on powerpc64).  Unknown
 * (0) until the first read or write, which looks at every descriptor the
 * guest has then, the inherited ones included; creating such a descriptor
 * or receiving descriptors makes it possible (1) for good; 2: none.
 * (dup only copies one that exists; opening /proc/PID/fd/N of one fails
 * with ENXIO on Linux.) */
static int rec_fds;

long ev_rec_fd(long r)
{
	r = ev_new_fd(r);
	if (r >= 0)
		rec_fds = 1;
	return r;
}

void ev_fds_received(void)
{
	rec_fds = 1;
}

static int scan_fds(void)
{
	DIR *d = opendir("/proc/self/fd");
	if (!d)
		return 1;	/* cannot tell: check every call */
	int found = 0;
	struct dirent *de;
	while (!found && (de = readdir(d))) {
		char *end;
		long fd = strtol(de->d_name, &end, 10);
		if (de->d_name[0] != '.' && !*end && fd != dirfd(d) && ev_fd_ok(fd))
			found = fd_kind((int)fd) != K_NONE;
	}
	closedir(d);
	return found ? 1 : 2;
}

/* Rewrite the scalar fields of one host-endian record in the guest's
 * byte order (the layouts are checked to be the kernel's). */
static void rec_to_guest(const struct abi *a, const struct layout *l, uint8_t *rec)
{
	uint8_t host[256];
	memcpy(host, rec, l->size);
	for (unsigned i = 0; i < l->nf; i++) {
		const struct lfield *f = &l->f[i];
		uint64_t v = 0;
		if (f->size != 1 && f->size != 2 && f->size != 4 && f->size != 8)
			continue;
		memcpy(&v, host + f->off, f->size);	/* the host is little-endian x86_64 */
		lf_put(a, rec, f, v);
	}
}

int ev_fd_rw(struct task *t, int fd, uint64_t buf, uint64_t len, int write_, long *ret)
{
	/* signalfds are the kit's own (sigfd.c), on every ABI */
	if (sigfd_count && sigfd_rw(t, fd, buf, len, write_, ret))
		return 1;
	if (!t->abi->big_endian)
		return 0;
	if (!rec_fds)
		rec_fds = scan_fds();
	if (rec_fds == 2)
		return 0;
	int k = fd_kind(fd);
	if (k == K_NONE)
		return 0;
	if (k == K_U64) {
		uint8_t raw[8];
		uint64_t v;
		if (len < 8) {
			*ret = -EINVAL;
			return 1;
		}
		if (write_) {
			if (copyin(t, buf, raw, 8)) {
				*ret = -EFAULT;
				return 1;
			}
			v = abi_load(t->abi, raw, 8);
			*ret = HOST(write(fd, &v, 8));
			return 1;
		}
		*ret = HOST(read(fd, &v, 8));
		if (*ret == 8) {
			abi_store(t->abi, raw, 8, v);
			if (copyout(t, raw, buf, 8))
				*ret = -EFAULT;
		}
		return 1;
	}
	if (write_)
		return 0;	/* inotify refuses writes itself */
	const struct layout *l = layout_get(t->abi, "inotify_event");
	if (!l || l->size > 256) {
		*ret = -ENOSYS;
		return 1;
	}
	/* Reads are bounded by what the kernel returns in one call; the kit
	 * never asks for more than 64 KiB at a time. */
	size_t n = len < 65536 ? (size_t)len : 65536;
	uint8_t *b = malloc(n ? n : 1);
	if (!b) {
		*ret = -ENOMEM;
		return 1;
	}
	long r = HOST(read(fd, b, n));
	if (r > 0) {
		for (long off = 0; off + (long)l->size <= r;) {
			uint32_t namelen = 0;
			const struct lfield *lf = layout_field(l, "len");
			if (k == K_INOTIFY && lf && lf->size == 4)
				memcpy(&namelen, b + off + lf->off, 4);	/* host order, before the swap */
			rec_to_guest(t->abi, l, b + off);
			off += l->size + namelen;
		}
		if (copyout(t, b, buf, (size_t)r))
			r = -EFAULT;
	}
	free(b);
	*ret = r;
	return 1;
}
