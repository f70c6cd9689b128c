/*
 * getdents64 and the old getdents: the host's linux_dirent64 records are
 * re-marshalled into the guest's layout ("linux_dirent64" / "linux_dirent")
 * and byte order.  When a record does not fit the guest's buffer, the
 * directory offset is put back to the last record delivered (what the
 * kernel's filldir achieves by stopping early), or EINVAL if none fit.
 */
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include "layout.h"
#include "sys.h"
#include "fd.h"

struct hdirent {	/* the host's struct linux_dirent64 (fs/readdir.c) */
	uint64_t d_ino;
	int64_t d_off;
	uint16_t d_reclen;
	uint8_t d_type;
	char d_name[];
};

#define HBUF 32768	/* host read size; the guest buffer caps it too */

static long do_getdents(struct task *t, const uint64_t *a, int old)
{
	int fd = a_int(a[0]);
	CHECK_FD(fd);
	uint64_t uaddr = a_ptr(t, a[1]);
	uint64_t count = (uint32_t)a[2];
	const struct layout *l = layout_get(t->abi, old ? "linux_dirent" : "linux_dirent64");
	if (!l)
		return -ENOSYS;
	const struct lfield *fino = layout_field(l, "d_ino"), *foff = layout_field(l, "d_off"),
			    *frec = layout_field(l, "d_reclen"), *fname = layout_field(l, "d_name"),
			    *ftype = layout_field(l, "d_type");
	/* the record alignment: sizeof(u64) for dirent64, sizeof(long) for the old one */
	unsigned align = old ? t->abi->ptr_size : 8;
	static uint8_t hb[HBUF], gb[HBUF];
	size_t want = count < HBUF ? (count < 4096 ? 4096 : count) : HBUF;
	off_t start = lseek(fd, 0, SEEK_CUR);	/* to undo a read nothing was taken from */
	long n = syscall(SYS_getdents64, fd, hb, want);
	if (n < 0)
		return -errno;
	size_t out = 0, cap = count < HBUF ? count : HBUF;
	int64_t last_off = -1;
	for (long pos = 0; pos < n;) {
		struct hdirent *d = (struct hdirent *)(hb + pos);
		size_t nl = strlen(d->d_name);
		/* old: name, NUL, then d_type in the last byte */
		size_t rl = fname->off + nl + 1 + (old ? 1 : 0);
		rl = (rl + align - 1) / align * align;
		if (out + rl > cap) {
			if (!out) {
				lseek(fd, start, SEEK_SET);
				return -EINVAL;
			}
			lseek(fd, last_off, SEEK_SET);
			break;
		}
		if (fino->size < 8 && (d->d_ino >> (8 * fino->size))) {
			lseek(fd, start, SEEK_SET);
			return -EOVERFLOW;
		}
		uint8_t *g = gb + out;
		memset(g, 0, rl);
		lf_put(t->abi, g, fino, d->d_ino);
		lf_put(t->abi, g, foff, (uint64_t)d->d_off);	/* truncated like the kernel's */
		lf_put(t->abi, g, frec, rl);
		memcpy(g + fname->off, d->d_name, nl);
		if (old)
			g[rl - 1] = d->d_type;
		else
			lf_put(t->abi, g, ftype, d->d_type);
		out += rl;
		last_off = d->d_off;
		pos += d->d_reclen;
	}
	if (copyout(t, gb, uaddr, out)) {
		lseek(fd, start, SEEK_SET);
		return -EFAULT;
	}
	return (long)out;
}

SYS(getdents64) { return do_getdents(t, a, 0); }
SYS(getdents) { return do_getdents(t, a, 1); }
