/* statfs/fstatfs and the *64 forms through the "statfs"/"statfs64"
 * layouts.  A 32-bit struct statfs gets EOVERFLOW when a count does not
 * fit, except f_files/f_ffree of ~0 ("unknown"), as fs/statfs.c does. */
#include <limits.h>
#include <string.h>
#include <sys/vfs.h>
#include "layout.h"
#include "sys.h"
#include "fd.h"

static long put_statfs(struct task *t, const char *lname, const struct statfs *s, uint64_t addr)
{
	const struct layout *l = layout_get(t->abi, lname);
	if (!l)
		return -ENOSYS;
	uint8_t buf[128];
	if (l->size > sizeof buf)
		return -ENOSYS;
	memset(buf, 0, l->size);
	const struct { const char *n; uint64_t v; int unk_ok; } f[] = {
		{ "f_type", (uint64_t)s->f_type, 0 }, { "f_bsize", (uint64_t)s->f_bsize, 0 },
		{ "f_blocks", s->f_blocks, 0 }, { "f_bfree", s->f_bfree, 0 },
		{ "f_bavail", s->f_bavail, 0 }, { "f_files", s->f_files, 1 },
		{ "f_ffree", s->f_ffree, 1 }, { "f_namelen", (uint64_t)s->f_namelen, 0 },
		{ "f_frsize", (uint64_t)s->f_frsize, 0 }, { "f_flags", (uint64_t)s->f_flags, 0 },
	};
	for (unsigned i = 0; i < sizeof f / sizeof f[0]; i++) {
		const struct lfield *lf = layout_field(l, f[i].n);
		if (!lf)
			continue;
		uint64_t v = f[i].v;
		if (lf->size < 8 && (v >> (8 * lf->size))) {
			if (f[i].unk_ok && v == ~0ULL)
				v = ~0ULL;
			else if (strcmp(f[i].n, "f_type"))	/* f_type: magic, low bits */
				return -EOVERFLOW;
		}
		lf_put(t->abi, buf, lf, v);
	}
	const struct lfield *fs = layout_field(l, "f_fsid");
	if (fs) {
		int v[2];
		memcpy(v, &s->f_fsid, sizeof v);
		lf_put_elem(t->abi, buf, fs, 0, (uint64_t)v[0]);
		lf_put_elem(t->abi, buf, fs, 1, (uint64_t)v[1]);
	}
	return copyout(t, buf, addr, l->size) ? -EFAULT : 0;
}

static long path_statfs(struct task *t, uint64_t path, uint64_t buf, const char *lname)
{
	char p[PATH_MAX];
	long n = get_path(t, path, p, sizeof p);
	if (n < 0)
		return n;
	struct statfs s;
	if (statfs(p, &s) < 0)
		return -errno;
	return put_statfs(t, lname, &s, buf);
}

static long fd_statfs(struct task *t, uint64_t fd, uint64_t buf, const char *lname)
{
	CHECK_FD(a_int(fd));
	struct statfs s;
	if (fstatfs(a_int(fd), &s) < 0)
		return -errno;
	return put_statfs(t, lname, &s, buf);
}

/* The *64 forms take the struct size, which must be the ABI's. */
static int size_ok(struct task *t, uint64_t sz)
{
	const struct layout *l = layout_get(t->abi, "statfs64");
	return l && a_ptr(t, sz) == l->size;
}

SYS(statfs) { return path_statfs(t, a[0], a[1], "statfs"); }
SYS(fstatfs) { return fd_statfs(t, a[0], a[1], "statfs"); }
SYS(statfs64) { return size_ok(t, a[1]) ? path_statfs(t, a[0], a[2], "statfs64") : -EINVAL; }
SYS(fstatfs64) { return size_ok(t, a[1]) ? fd_statfs(t, a[0], a[2], "statfs64") : -EINVAL; }
