/*
 * fcntl/fcntl64.  Descriptor flags and the integer commands pass through
 * (their numbers are asm-generic's on every ABI: tests/flags/); status
 * flags go through the ABI's open-flag map; record locks marshal the ABI's
 * struct flock / flock64 through the layout tables.
 */
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include "layout.h"
#include "xlate.h"
#include "sys.h"
#include "fd.h"

/* Largest offset a 32-bit struct flock can carry back (COMPAT_OFF_T_MAX). */
static int fits(const struct lfield *f, int64_t v)
{
	if (f->size >= 8)
		return 1;
	return v >= INT32_MIN && v <= INT32_MAX;
}

static long do_lock(struct task *t, int fd, int hcmd, uint64_t uaddr, const char *lname)
{
	const struct layout *l = layout_get(t->abi, lname);
	if (!l)
		return -EINVAL;
	uint8_t raw[64];
	if (l->size > sizeof raw)
		return -EINVAL;
	if (copyin(t, uaddr, raw, l->size))
		return -EFAULT;
	uint64_t ty = 0, wh = 0, st = 0, len = 0, pid = 0;
	layout_get_field(t->abi, l, raw, "l_type", &ty);
	layout_get_field(t->abi, l, raw, "l_whence", &wh);
	layout_get_field(t->abi, l, raw, "l_start", &st);
	layout_get_field(t->abi, l, raw, "l_len", &len);
	layout_get_field(t->abi, l, raw, "l_pid", &pid);
	struct flock fl = { .l_type = (short)ty, .l_whence = (short)wh, .l_start = (off_t)st,
			    .l_len = (off_t)len, .l_pid = (pid_t)pid };
	if (fcntl(fd, hcmd, &fl) < 0)
		return -errno;
	if (hcmd != F_GETLK && hcmd != F_OFD_GETLK)
		return 0;
	if (!fits(layout_field(l, "l_start"), fl.l_start) || !fits(layout_field(l, "l_len"), fl.l_len))
		return -EOVERFLOW;
	layout_put(t->abi, l, raw, "l_type", (uint64_t)fl.l_type);
	layout_put(t->abi, l, raw, "l_whence", (uint64_t)fl.l_whence);
	layout_put(t->abi, l, raw, "l_start", (uint64_t)fl.l_start);
	layout_put(t->abi, l, raw, "l_len", (uint64_t)fl.l_len);
	layout_put(t->abi, l, raw, "l_pid", (uint64_t)fl.l_pid);
	return copyout(t, raw, uaddr, l->size) ? -EFAULT : 0;
}

/* is64: the fcntl64 entry of a 32-bit ABI, whose F_*LK64 and OFD commands
 * take struct flock64.  A 32-bit ABI's plain fcntl refuses them (EINVAL),
 * as the compat entry of a 64-bit kernel does (fs/fcntl.c
 * compat_sys_fcntl). */
static long do_fcntl(struct task *t, const uint64_t *a, int is64)
{
	int fd = a_int(a[0]), cmd = a_int(a[1]);
	CHECK_FD(fd);
	int wide = t->abi->ptr_size == 8;	/* struct flock is flock64 */
	uint64_t p = a_ptr(t, a[2]);
	switch (cmd) {
	case F_DUPFD:
	case F_DUPFD_CLOEXEC: {
		if (a_int(a[2]) < 0 || a_int(a[2]) >= ck_kit_fd_min)
			return -EINVAL;
		long r = HOST(fcntl(fd, cmd, a_int(a[2])));
		if (r >= ck_kit_fd_min) {
			close((int)r);
			return -EMFILE;
		}
		return r;
	}
	case F_GETFD:
	case F_GETOWN:
	case F_GETSIG:
	case F_GETLEASE:
	case F_GETPIPE_SZ:
	case F_GET_SEALS:
		return HOST(fcntl(fd, cmd));
	case F_SETFD:
	case F_SETOWN:
	case F_SETSIG:
	case F_SETLEASE:
	case F_SETPIPE_SZ:
	case F_ADD_SEALS:
	case F_NOTIFY:
		return HOST(fcntl(fd, cmd, a_int(a[2])));
	case F_GETFL: {
		long r = HOST(fcntl(fd, F_GETFL));
		return r < 0 ? r : (long)open_flags_to_guest(t->abi, (int)r);
	}
	case F_SETFL:
		return HOST(fcntl(fd, F_SETFL, open_flags_to_host(t->abi, a[2])));
	case F_GETLK:
	case F_SETLK:
	case F_SETLKW:
		return do_lock(t, fd, cmd, p, wide ? "flock64" : "flock");
	case F_OFD_GETLK:
	case F_OFD_SETLK:
	case F_OFD_SETLKW:
		if (!wide && !is64)
			return -EINVAL;
		return do_lock(t, fd, cmd, p, "flock64");
	case CK_F_GETLK64:
	case CK_F_SETLK64:
	case CK_F_SETLKW64:
		if (wide || !is64)
			return -EINVAL;
		return do_lock(t, fd, cmd == CK_F_GETLK64 ? F_GETLK : cmd == CK_F_SETLK64 ? F_SETLK : F_SETLKW,
			       p, "flock64");
	default:
		return -EINVAL;
	}
}

SYS(fcntl) { return do_fcntl(t, a, 0); }
SYS(fcntl64) { return do_fcntl(t, a, 1); }
