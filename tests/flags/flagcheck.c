/*
 * flagcheck ABI GUEST.txt HOST.txt: feed every guest number the ABI's cross
 * headers define (GUEST.txt, from consts.c under qemu) through the kit's
 * translation tables and compare with the host headers' number of the same
 * name (HOST.txt), both ways.  Every entry of the descriptor's open-flag,
 * mlockall-flag and ioctl maps must be named by some checked constant, so
 * a stray table row fails too.  Prints one line per mismatch and
 * "checked N failed N skipped N".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "abi.h"
#include "xlate.h"
#include "sys/sys.h"

struct c { char kind[16], name[64]; unsigned long v; };

static int load(const char *path, struct c *c, int max)
{
	FILE *f = fopen(path, "r");
	if (!f) {
		perror(path);
		exit(2);
	}
	int n = 0, line = 0;
	char buf[256];
	while (fgets(buf, sizeof buf, f) && n < max) {
		line++;
		if (sscanf(buf, "%15s %63s %li", c[n].kind, c[n].name, (long *)&c[n].v) != 3) {
			fprintf(stderr, "%s:%d: expected KIND NAME VALUE\n", path, line);
			exit(2);
		}
		n++;
	}
	fclose(f);
	return n;
}

static const struct c *find(const struct c *c, int n, const char *kind, const char *name)
{
	for (int i = 0; i < n; i++)
		if (!strcmp(c[i].kind, kind) && !strcmp(c[i].name, name))
			return &c[i];
	return NULL;
}

/* Values the kit's code knows by number (kit/xlate.h). */
static long kitval(const char *name)
{
	if (!strcmp(name, "F_GETLK64")) return CK_F_GETLK64;
	if (!strcmp(name, "F_SETLK64")) return CK_F_SETLK64;
	if (!strcmp(name, "F_SETLKW64")) return CK_F_SETLKW64;
	return -1;
}

int main(int argc, char **argv)
{
	if (argc != 4) {
		fprintf(stderr, "usage: flagcheck ABI GUEST.txt HOST.txt\n");
		return 2;
	}
	const struct abi *a = abi_find(argv[1]);
	if (!a) {
		fprintf(stderr, "flagcheck: unknown ABI %s\n", argv[1]);
		return 2;
	}
	static struct c g[512], h[512];
	int ng = load(argv[2], g, 512), nh = load(argv[3], h, 512);
	int checked = 0, failed = 0, skipped = 0;
	static const char *const tf[] = { "iflag", "oflag", "cflag", "lflag" };
	for (int i = 0; i < ng; i++) {
		const struct c *gc = &g[i], *hc = find(h, nh, gc->kind, gc->name);
		uint32_t gv = (uint32_t)gc->v, to_h, to_g;
		if (!strcmp(gc->kind, "kit")) {
			checked++;
			if (kitval(gc->name) != (long)gc->v) {
				printf("%s: %s is %#x, the kit uses %#lx\n", a->name, gc->name, gv, kitval(gc->name));
				failed++;
			}
			continue;
		}
		if (!hc) {
			printf("%s: skip %s %s: not defined on the host\n", a->name, gc->kind, gc->name);
			skipped++;
			continue;
		}
		uint32_t hv = (uint32_t)hc->v;
		if (!strcmp(gc->kind, "open")) {
			to_h = (uint32_t)open_flags_to_host(a, gv);
			to_g = (uint32_t)open_flags_to_guest(a, (int)hv);
		} else if (!strcmp(gc->kind, "mcl")) {
			to_h = (uint32_t)flagmap_to_host(a->mlockall_flags, gv);
			to_g = (uint32_t)flagmap_to_guest(a->mlockall_flags, hv);
		} else if (!strcmp(gc->kind, "ioctl")) {
			to_h = ioctl_cmd_to_host(a, gv);
			to_g = ioctl_cmd_to_guest(a, hv);
		} else if (!strcmp(gc->kind, "cc")) {
			if (!strcmp(gc->name, "NCCS")) {
				to_h = a->termios_cc ? a->termios_ncc : hv;
				to_g = gv;
			} else {
				to_h = (uint32_t)termios_cc_to_host(a, gv);
				to_g = gv;
			}
		} else if (!strcmp(gc->kind, "same")) {
			to_h = gv;
			to_g = hv;
		} else {
			int k = -1;
			for (int j = 0; j < 4; j++)
				if (!strcmp(gc->kind, tf[j]))
					k = j;
			if (k < 0) {
				fprintf(stderr, "%s: unknown kind %s\n", argv[2], gc->kind);
				return 2;
			}
			to_h = valmap_to_host(a->termios_flags[k], gv);
			to_g = valmap_to_guest(a->termios_flags[k], hv);
		}
		checked++;
		if (to_h != hv || to_g != gv) {
			printf("%s: %s %s: guest %#x -> %#x, host %#x -> %#x (want %#x / %#x)\n",
			       a->name, gc->kind, gc->name, gv, to_h, hv, to_g, hv, gv);
			failed++;
		}
	}
	/* every table row must be one of the named, checked numbers */
	const struct { const char *kind; const struct flagmap *m; } maps[] = {
		{ "open", a->open_flags }, { "ioctl", a->ioctl_cmds },
		{ "mcl", a->mlockall_flags },
	};
	for (unsigned k = 0; k < sizeof maps / sizeof *maps; k++)
		for (const struct flagmap *m = maps[k].m; m && m->guest; m++) {
			int seen = 0;
			for (int i = 0; i < ng; i++)
				if (!strcmp(g[i].kind, maps[k].kind) && g[i].v == m->guest)
					seen = 1;
			checked++;
			if (!seen) {
				printf("%s: %s map row {%#x, %#x} names no constant of the headers\n",
				       a->name, maps[k].kind, m->guest, m->host);
				failed++;
			}
		}
	printf("%s: checked %d failed %d skipped %d\n", a->name, checked, failed, skipped);
	return failed ? 1 : 0;
}
