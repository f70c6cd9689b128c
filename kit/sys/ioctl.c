/*
 * ioctl: the guest's command number goes through the ABI's ioctl map to
 * the host's (kit/xlate.h), then this table says how the argument is
 * carried.  struct termios is marshalled through the "termios" layout with
 * the ABI's flag and c_cc maps; a layout with c_ispeed/c_ospeed (powerpc's
 * 44-byte termios) is exchanged with the host's termios2, the 36-byte one
 * with the host's plain termios.  Unknown commands are ENOTTY, as for a
 * file without an ioctl method.
 */
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <asm/termbits.h>	/* struct termios2, TCGETS2 ... (host kernel types) */
#include "layout.h"
#include "xlate.h"
#include "sys.h"
#include "fd.h"

enum { A_NONE, A_VAL, A_INT_IN, A_INT_OUT, A_WINSZ_IN, A_WINSZ_OUT, A_TC_GET, A_TC_SET };

static const struct { uint32_t cmd; uint8_t arg; } cmds[] = {
	{ TCGETS, A_TC_GET }, { TCSETS, A_TC_SET }, { TCSETSW, A_TC_SET }, { TCSETSF, A_TC_SET },
	{ TIOCGWINSZ, A_WINSZ_OUT }, { TIOCSWINSZ, A_WINSZ_IN },
	{ TIOCGPGRP, A_INT_OUT }, { TIOCSPGRP, A_INT_IN }, { TIOCGSID, A_INT_OUT },
	{ TIOCOUTQ, A_INT_OUT }, { FIONREAD, A_INT_OUT }, { TIOCGPTN, A_INT_OUT },
	{ TIOCSPTLCK, A_INT_IN }, { FIONBIO, A_INT_IN }, { FIOASYNC, A_INT_IN },
	{ FIOCLEX, A_NONE }, { FIONCLEX, A_NONE }, { TIOCEXCL, A_NONE }, { TIOCNXCL, A_NONE },
	{ TIOCNOTTY, A_NONE }, { TIOCSCTTY, A_VAL }, { TCSBRK, A_VAL }, { TCXONC, A_VAL },
	{ TCFLSH, A_VAL },
};

static const char *const flagname[4] = { "c_iflag", "c_oflag", "c_cflag", "c_lflag" };

static long tc_get(struct task *t, int fd, uint64_t addr)
{
	const struct layout *l = layout_get(t->abi, "termios");
	if (!l || l->size > 64)
		return -ENOTTY;
	struct termios2 h;
	int speeds = layout_field(l, "c_ispeed") != NULL;
	if (ioctl(fd, speeds ? TCGETS2 : TCGETS, &h) < 0)
		return -errno;
	uint8_t raw[64];
	memset(raw, 0, sizeof raw);
	const tcflag_t hf[4] = { h.c_iflag, h.c_oflag, h.c_cflag, h.c_lflag };
	for (int i = 0; i < 4; i++)
		layout_put(t->abi, l, raw, flagname[i], valmap_to_guest(t->abi->termios_flags[i], hf[i]));
	layout_put(t->abi, l, raw, "c_line", h.c_line);
	const struct lfield *cc = layout_field(l, "c_cc");
	for (unsigned gi = 0; cc && gi < cc->count; gi++) {
		int hi = termios_cc_to_host(t->abi, gi);
		lf_put_elem(t->abi, raw, cc, gi, hi >= 0 && hi < NCCS ? h.c_cc[hi] : 0);
	}
	if (speeds) {
		layout_put(t->abi, l, raw, "c_ispeed", h.c_ispeed);
		layout_put(t->abi, l, raw, "c_ospeed", h.c_ospeed);
	}
	return copyout(t, raw, addr, l->size) ? -EFAULT : 0;
}

static long tc_set(struct task *t, int fd, uint32_t hcmd, uint64_t addr)
{
	const struct layout *l = layout_get(t->abi, "termios");
	if (!l || l->size > 64)
		return -ENOTTY;
	uint8_t raw[64];
	if (copyin(t, addr, raw, l->size))
		return -EFAULT;
	int speeds = layout_field(l, "c_ispeed") != NULL;
	struct termios2 h;
	memset(&h, 0, sizeof h);
	/* c_cc slots the guest cannot name keep their current value */
	if (ioctl(fd, speeds ? TCGETS2 : TCGETS, &h) < 0)
		return -errno;
	tcflag_t *hf[4] = { &h.c_iflag, &h.c_oflag, &h.c_cflag, &h.c_lflag };
	for (int i = 0; i < 4; i++) {
		uint64_t v = 0;
		layout_get_field(t->abi, l, raw, flagname[i], &v);
		*hf[i] = valmap_to_host(t->abi->termios_flags[i], (uint32_t)v);
	}
	uint64_t v = 0;
	layout_get_field(t->abi, l, raw, "c_line", &v);
	h.c_line = (cc_t)v;
	const struct lfield *cc = layout_field(l, "c_cc");
	for (unsigned gi = 0; cc && gi < cc->count; gi++) {
		int hi = termios_cc_to_host(t->abi, gi);
		if (hi >= 0 && hi < NCCS)
			h.c_cc[hi] = (cc_t)lf_get_elem(t->abi, raw, cc, gi);
	}
	if (speeds) {
		layout_get_field(t->abi, l, raw, "c_ispeed", &v);
		h.c_ispeed = (speed_t)v;
		layout_get_field(t->abi, l, raw, "c_ospeed", &v);
		h.c_ospeed = (speed_t)v;
		hcmd = hcmd == TCSETS ? TCSETS2 : hcmd == TCSETSW ? TCSETSW2 : TCSETSF2;
	}
	return HOST(ioctl(fd, hcmd, &h));
}

static long winsz(struct task *t, int fd, uint32_t hcmd, uint64_t addr, int in)
{
	const struct layout *l = layout_get(t->abi, "winsize");
	if (!l || l->size != 8)
		return -ENOTTY;
	static const char *const f[4] = { "ws_row", "ws_col", "ws_xpixel", "ws_ypixel" };
	struct winsize w;
	uint8_t raw[8];
	if (in) {
		if (copyin(t, addr, raw, 8))
			return -EFAULT;
		unsigned short *p[4] = { &w.ws_row, &w.ws_col, &w.ws_xpixel, &w.ws_ypixel };
		for (int i = 0; i < 4; i++) {
			uint64_t v = 0;
			layout_get_field(t->abi, l, raw, f[i], &v);
			*p[i] = (unsigned short)v;
		}
		return HOST(ioctl(fd, hcmd, &w));
	}
	if (ioctl(fd, hcmd, &w) < 0)
		return -errno;
	const unsigned short v[4] = { w.ws_row, w.ws_col, w.ws_xpixel, w.ws_ypixel };
	for (int i = 0; i < 4; i++)
		layout_put(t->abi, l, raw, f[i], v[i]);
	return copyout(t, raw, addr, 8) ? -EFAULT : 0;
}

SYS(ioctl)
{
	int fd = a_int(a[0]);
	CHECK_FD(fd);
	uint32_t hcmd = ioctl_cmd_to_host(t->abi, (uint32_t)a[1]);
	uint64_t arg = a_ptr(t, a[2]);
	int kind = -1;
	for (unsigned i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		if (cmds[i].cmd == hcmd)
			kind = cmds[i].arg;
	uint8_t raw[4];
	int v;
	switch (kind) {
	case A_NONE:
		return HOST(ioctl(fd, hcmd));
	case A_VAL:
		return HOST(ioctl(fd, hcmd, (unsigned long)arg));
	case A_INT_IN:
		if (copyin(t, arg, raw, 4))
			return -EFAULT;
		v = (int)abi_load(t->abi, raw, 4);
		return HOST(ioctl(fd, hcmd, &v));
	case A_INT_OUT:
		if (ioctl(fd, hcmd, &v) < 0)
			return -errno;
		abi_store(t->abi, raw, 4, (uint32_t)v);
		return copyout(t, raw, arg, 4) ? -EFAULT : 0;
	case A_WINSZ_IN:
	case A_WINSZ_OUT:
		return winsz(t, fd, hcmd, arg, kind == A_WINSZ_IN);
	case A_TC_GET:
		return tc_get(t, fd, arg);
	case A_TC_SET:
		return tc_set(t, fd, hcmd, arg);
	}
	return -ENOTTY;
}
