/* Table-driven translation of per-arch numbers; see kit/xlate.h. */
#include "xlate.h"

uint32_t valmap_to_host(const struct valmap *m, uint32_t g)
{
	if (!m)
		return g;
	uint32_t covered = 0, out = 0;
	for (; m->gmask; m++) {
		covered |= m->gmask;
		if ((g & m->gmask) == m->gval)
			out |= m->hval;
	}
	return out | (g & ~covered);
}

uint32_t valmap_to_guest(const struct valmap *m, uint32_t h)
{
	if (!m)
		return h;
	uint32_t covered = 0, out = 0;
	for (; m->gmask; m++) {
		covered |= m->hmask;
		if ((h & m->hmask) == m->hval)
			out |= m->gval;
	}
	return out | (h & ~covered);
}

uint32_t ioctl_cmd_to_host(const struct abi *a, uint32_t cmd)
{
	if (!a->ioctl_cmds)
		return cmd;
	for (const struct flagmap *m = a->ioctl_cmds; m->guest; m++)
		if (m->guest == cmd)
			return m->host;
	/* A guest number that is some other command's host number means
	 * nothing on this arch (ppc's 0x5401 is not TCGETS). */
	for (const struct flagmap *m = a->ioctl_cmds; m->guest; m++)
		if (m->host == cmd)
			return IOCTL_NONE;
	return cmd;
}

uint32_t ioctl_cmd_to_guest(const struct abi *a, uint32_t cmd)
{
	if (a->ioctl_cmds)
		for (const struct flagmap *m = a->ioctl_cmds; m->guest; m++)
			if (m->host == cmd)
				return m->guest;
	return cmd;
}

int termios_cc_to_host(const struct abi *a, unsigned gi)
{
	if (!a->termios_cc)
		return gi < 19 ? (int)gi : -1;	/* NCCS of the host's kernel termios */
	if (gi >= a->termios_ncc || a->termios_cc[gi] == 0xff)
		return -1;
	return a->termios_cc[gi];
}

/* One direction of a flag map: bits of the `from` column become the `to`
 * column's, other bits pass; a bit that only the `to` column has means
 * something else on the other side and nothing on this one: -1. */
static int64_t flagmap_xlate(const struct flagmap *m, uint32_t f, int to_host)
{
	if (!m)
		return f;
	uint32_t out = f, from_bits = 0, to_bits = 0;
	for (const struct flagmap *p = m; p->guest; p++) {
		from_bits |= to_host ? p->guest : p->host;
		to_bits |= to_host ? p->host : p->guest;
	}
	if (f & to_bits & ~from_bits)
		return -1;
	out &= ~from_bits;
	for (const struct flagmap *p = m; p->guest; p++)
		if (f & (to_host ? p->guest : p->host))
			out |= to_host ? p->host : p->guest;
	return out;
}

int64_t flagmap_to_host(const struct flagmap *m, uint32_t g) { return flagmap_xlate(m, g, 1); }
int64_t flagmap_to_guest(const struct flagmap *m, uint32_t h) { return flagmap_xlate(m, h, 0); }
