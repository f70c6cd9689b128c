/*
 * compatkit new-arch: stamp out arches/NAME/ (and sigcode/NAME.S) from
 * kit/templates/, with syscalls.master and layouts.def seeded from an
 * existing arch and marked to be verified (kit/newarch.c).
 *
 * Templates are files under kit/templates/ named like their destination
 * with "@NAME@" for the new name and ".in" appended; inside, @WORD@
 * placeholders are replaced (the table below).  The identity (machine,
 * class, byte order, toolchain, qemu, Unicorn arch/mode) defaults to the
 * --from arch's first ABI, read from its descriptor in this build.
 */
#include <ctype.h>
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "check.h"
#include "cknames.h"
#include "cmd.h"
#include "newarch.h"

#pragma GCC diagnostic ignored "-Wformat-truncation"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit new-arch NAME --from ARCH [--machine EM_x] [--class 32|64]\n"
		"                          [--endian little|big] [--triplet T] [--qemu NAME]\n"
		"                          [--unicorn ARCH/MODE[+MODE...]] [--root DIR]\n"
		"\n"
		"Create arches/NAME/ (descriptor abi.c with every hook a stub: cpu.c for\n"
		"stage 4, sigstubs.c for stage 5; arch.mk, syscalls.master and\n"
		"layouts.def) and sigcode/NAME.S from the templates in kit/templates/.\n"
		"syscalls.master and layouts.def are copied from arches/ARCH/ with every\n"
		"entry marked to be verified.  The new arch builds at once; `compatkit\n"
		"check NAME` then says what to do first.\n"
		"\n"
		"  --from ARCH        the arch to seed from (a directory under arches/)\n"
		"  --machine EM_x     ELF e_machine: an EM_ name from <elf.h> or a number\n"
		"  --class 32|64      ELF class (and pointer size)\n"
		"  --endian little|big\n"
		"  --triplet T        cross toolchain triplet (T-gcc builds the guests)\n"
		"  --qemu NAME        qemu-user reference runner, e.g. qemu-ppc-static\n"
		"  --unicorn A/M      Unicorn arch and mode, e.g. ppc/ppc32+big_endian\n"
		"                     (UC_ARCH_ and UC_MODE_ names, case-insensitive)\n"
		"  --root DIR         create the arch in this source tree (default: the\n"
		"                     tree compatkit was built in)\n"
		"  --help             this text\n"
		"\n"
		"Without --machine/--class/--endian the identity is ARCH's; if any of\n"
		"them differs, --triplet, --qemu and --unicorn must be given too.\n"
		"NAME: a-z, 0-9 and _, starting with a letter, at most 24 characters.\n"
		"Refuses to overwrite an existing arch or ABI.  Exit status 0, or 2.\n");
}

#define ERR(...) do { fprintf(stderr, "compatkit new-arch: " __VA_ARGS__); fputc('\n', stderr); return 2; } while (0)

static const struct ck_name *by_name(const struct ck_name *t, const char *prefix, const char *s)
{
	char want[96];
	size_t pl = strlen(prefix);
	snprintf(want, sizeof want, "%s%s", strncasecmp(s, prefix, pl) ? prefix : "", s);
	for (char *p = want; *p; p++)
		*p = (char)toupper((unsigned char)*p);
	for (; t->name; t++)
		if (!strcmp(t->name, want))
			return t;
	return NULL;
}

static const struct ck_name *by_value(const struct ck_name *t, long v, const char *prefer)
{
	const struct ck_name *any = NULL;
	for (; t->name; t++)
		if (t->value == v) {
			if (!prefer || !strncmp(t->name, prefer, strlen(prefer)))
				return t;
			any = any ? any : t;
		}
	return any;
}

/* UC_MODE bits as names: a bit is named after the arch where a name of
 * the arch's own has that value (UC_MODE_PPC32 rather than UC_MODE_32). */
static int mode_names(long mode, const char *ucarch, char *out, size_t n)
{
	char prefer[64];
	snprintf(prefer, sizeof prefer, "UC_MODE_%s", ucarch + strlen("UC_ARCH_"));
	out[0] = 0;
	for (int bit = 0; bit < 63; bit++) {
		if (!(mode & (1L << bit)))
			continue;
		const struct ck_name *m = by_value(ck_uc_mode_names, 1L << bit, prefer);
		if (!m)
			return -1;
		size_t l = strlen(out);
		snprintf(out + l, n - l, "%s%s", l ? " | " : "", m->name);
	}
	if (!out[0]) {	/* 0: little-endian, default */
		const struct ck_name *m = by_value(ck_uc_mode_names, 0, "UC_MODE_LITTLE_ENDIAN");
		snprintf(out, n, "%s", m ? m->name : "0");
	}
	return 0;
}

static int parse_unicorn(const char *s, char *arch, size_t an, char *mode, size_t mn)
{
	char buf[256];
	snprintf(buf, sizeof buf, "%s", s);
	char *slash = strchr(buf, '/');
	if (!slash)
		ERR("--unicorn %s: want ARCH/MODE[+MODE...], e.g. ppc/ppc32+big_endian", s);
	*slash = 0;
	const struct ck_name *a = by_name(ck_uc_arch_names, "UC_ARCH_", buf);
	if (!a)
		ERR("--unicorn %s: unknown Unicorn arch '%s' (not a UC_ARCH_ name in <unicorn/unicorn.h>)", s, buf);
	snprintf(arch, an, "%s", a->name);
	mode[0] = 0;
	for (char *sv, *m = strtok_r(slash + 1, "+|", &sv); m; m = strtok_r(NULL, "+|", &sv)) {
		const struct ck_name *x = by_name(ck_uc_mode_names, "UC_MODE_", m);
		if (!x)
			ERR("--unicorn %s: unknown Unicorn mode '%s' (not a UC_MODE_ name)", s, m);
		size_t l = strlen(mode);
		snprintf(mode + l, mn - l, "%s%s", l ? " | " : "", x->name);
	}
	if (!mode[0])
		ERR("--unicorn %s: no mode after the '/'", s);
	return 0;
}

static int good_word(const char *s)
{
	for (; *s; s++)
		if (!isalnum((unsigned char)*s) && !strchr("._+-", *s))
			return 0;
	return 1;
}

int cmd_new_arch(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "from", required_argument, 0, 'f' }, { "machine", required_argument, 0, 'm' },
		{ "class", required_argument, 0, 'c' }, { "endian", required_argument, 0, 'e' },
		{ "triplet", required_argument, 0, 't' }, { "qemu", required_argument, 0, 'q' },
		{ "unicorn", required_argument, 0, 'u' }, { "root", required_argument, 0, 'r' },
		{ "help", no_argument, 0, 'h' }, { 0, 0, 0, 0 },
	};
	const char *from = NULL, *machine = NULL, *cls = NULL, *endian = NULL, *triplet = NULL,
		   *qemu = NULL, *unicorn = NULL, *root = NULL;
	int opt;
	while ((opt = getopt_long(argc, argv, "f:m:c:e:t:q:u:r:h", opts, NULL)) != -1) {
		switch (opt) {
		case 'f': from = optarg; break;
		case 'm': machine = optarg; break;
		case 'c': cls = optarg; break;
		case 'e': endian = optarg; break;
		case 't': triplet = optarg; break;
		case 'q': qemu = optarg; break;
		case 'u': unicorn = optarg; break;
		case 'r': root = optarg; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind != argc - 1) {
		fprintf(stderr, "compatkit new-arch: %s\n", optind >= argc ? "no NAME given" : "one NAME only");
		usage(stderr);
		return 2;
	}
	struct newarch na = { 0 };
	const char *name = argv[optind];
	size_t nl = strlen(name);
	if (!nl || nl > 24 || !islower((unsigned char)name[0]) || strspn(name, "abcdefghijklmnopqrstuvwxyz0123456789_") != nl)
		ERR("bad arch name '%s': use a-z, 0-9 and _, starting with a letter, at most 24 characters "
		    "(it becomes C names such as ck_abi_%s)", name, nl <= 24 && good_word(name) ? name : "NAME");
	if (!from)
		ERR("--from ARCH is required (the arch whose syscalls.master and layouts.def seed the new one)");
	snprintf(na.name, sizeof na.name, "%s", name);
	snprintf(na.from, sizeof na.from, "%s", from);

	if (!ck_find_root(na.src, sizeof na.src))
		ERR("cannot find the compatkit source tree (kit/templates/) above this binary or in the current directory");
	if (root && !realpath(root, na.dst))
		ERR("--root %s: %s", root, strerror(errno));
	if (!root)
		snprintf(na.dst, sizeof na.dst, "%s", na.src);
	char p[PATH_MAX + 128];
	snprintf(p, sizeof p, "%s/arches", na.dst);
	struct stat st;
	if (stat(p, &st) || !S_ISDIR(st.st_mode))
		ERR("%s is not a compatkit source tree (no arches/)", na.dst);

	/* the --from arch: in the source tree, with a descriptor in this build */
	char names[CK_MAXABI][64];
	if (strchr(from, '/') || ck_arch_abis(na.src, from, names, CK_MAXABI) <= 0)
		ERR("--from %s: no arches/%s/arch.mk with an ABI in %s", from, from, na.src);
	const struct abi *fa = abi_find(names[0]);
	if (!fa)
		ERR("--from %s: this compatkit has no descriptor for its ABI '%s'; run make first", from, names[0]);

	/* identity: --from's, then the options */
	na.machine = fa->brand.machine;
	na.elfclass = fa->brand.elfclass;
	na.data = fa->brand.data;
	na.elfv = fa->brand.elfv;
	snprintf(na.triplet, sizeof na.triplet, "%s", fa->triplet ? fa->triplet : "");
	snprintf(na.qemu, sizeof na.qemu, "%s", fa->qemu ? fa->qemu : "");
	const struct ck_name *ua = by_value(ck_uc_arch_names, fa->uc_arch, NULL);
	if (!ua)
		ERR("--from %s: Unicorn arch %d has no UC_ARCH_ name", from, fa->uc_arch);
	snprintf(na.ucarch, sizeof na.ucarch, "%s", ua->name);
	if (mode_names(fa->uc_mode, na.ucarch, na.ucmode, sizeof na.ucmode))
		ERR("--from %s: Unicorn mode 0x%x has no UC_MODE_ names", from, fa->uc_mode);

	if (machine) {
		char *end;
		long v = strtol(machine, &end, 0);
		const struct ck_name *m = *end ? by_name(ck_em_names, "EM_", machine) : by_value(ck_em_names, v, NULL);
		if (!m)
			ERR("unknown machine '%s': not an EM_ name or value from <elf.h> (e.g. EM_PPC, EM_RISCV, EM_S390)",
			    machine);
		na.machine = (unsigned)m->value;
	}
	if (cls) {
		if (strcmp(cls, "32") && strcmp(cls, "64"))
			ERR("--class %s: want 32 or 64", cls);
		na.elfclass = !strcmp(cls, "32") ? ELFCLASS32 : ELFCLASS64;
	}
	if (endian) {
		if (strcmp(endian, "little") && strcmp(endian, "big"))
			ERR("--endian %s: want little or big", endian);
		na.data = !strcmp(endian, "big") ? ELFDATA2MSB : ELFDATA2LSB;
	}
	int same = na.machine == fa->brand.machine && na.elfclass == fa->brand.elfclass && na.data == fa->brand.data;
	if (!same && (!triplet || !qemu || !unicorn))
		ERR("the machine, class or byte order differs from %s's: give --triplet, --qemu and --unicorn too", from);
	if (!same)
		na.elfv = 0;
	if (triplet) {
		if (!*triplet || !good_word(triplet))
			ERR("--triplet '%s': not a toolchain triplet", triplet);
		snprintf(na.triplet, sizeof na.triplet, "%s", triplet);
	}
	if (qemu) {
		if (!*qemu || !good_word(qemu))
			ERR("--qemu '%s': not a program name", qemu);
		snprintf(na.qemu, sizeof na.qemu, "%s", qemu);
	}
	if (unicorn && parse_unicorn(unicorn, na.ucarch, sizeof na.ucarch, na.ucmode, sizeof na.ucmode))
		return 2;
	const struct ck_name *em = by_value(ck_em_names, na.machine, NULL);
	snprintf(na.machine_name, sizeof na.machine_name, "%s", em ? em->name : "0");
	if (!em)
		ERR("--from %s: e_machine %u has no EM_ name in <elf.h>", from, na.machine);

	return newarch_write(&na);
}
