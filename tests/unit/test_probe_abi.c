/*
 * The probe on real glibc binaries of every ABI, static and dynamic, built
 * from tests/guest/hello.c.  Expected values come from how each file was
 * built (its ABI directory, static or .dyn) and from build/probe/facts/<abi>:
 * the cross compiler's __SIZEOF_POINTER__, __BYTE_ORDER__, _CALL_ELF and
 * readelf's view of the PT_INTERP path -- never from the probe itself.
 */
#include <elf.h>
#include <stdlib.h>
#include "probe_util.h"

struct facts {
	unsigned ptr, callelf;
	int big;
	char interp[256];
};

static void read_facts(const char *abi, struct facts *f)
{
	char path[256], key[32], val[256];
	snprintf(path, sizeof path, PB "/facts/%s", abi);
	need(path);
	FILE *fp = fopen(path, "r");
	memset(f, 0, sizeof *f);
	f->big = -1;
	while (fscanf(fp, "%31s %255s", key, val) == 2) {
		if (!strcmp(key, "ptr"))
			f->ptr = atoi(val);
		else if (!strcmp(key, "order"))
			f->big = !strcmp(val, "__ORDER_BIG_ENDIAN__");
		else if (!strcmp(key, "callelf"))
			f->callelf = atoi(val);
		else if (!strcmp(key, "interp"))
			snprintf(f->interp, sizeof f->interp, "%s", val);
	}
	fclose(fp);
	cr_assert(f->ptr == 4 || f->ptr == 8, "%s: no pointer size in facts", abi);
	cr_assert(f->big >= 0, "%s: no byte order in facts", abi);
}

static void check_hello(const char *abi, int dyn)
{
	char path[256];
	struct facts f;
	static struct probe_result r;

	read_facts(abi, &f);
	snprintf(path, sizeof path, "build/guest/%s/hello%s", abi, dyn ? ".dyn" : "");
	need(path);
	int rc = probe_file(path, &r);
	cr_assert_eq(rc, 0, "%s: rc %d (%s%s)", path, rc, r.error, r.reason);
	cr_assert_not_null(r.abi);
	cr_expect_str_eq(r.abi->name, abi, "%s probed as %s", path, r.abi->name);
	cr_expect_eq(r.elfclass, f.ptr == 8 ? ELFCLASS64 : ELFCLASS32, "%s class", path);
	cr_expect_eq(r.data, f.big ? ELFDATA2MSB : ELFDATA2LSB, "%s byte order", path);
	cr_expect_eq(r.dynamic, dyn, "%s static/dynamic", path);
	cr_expect_eq(r.foreign[0], 0, "%s: foreign %s", path, r.foreign);
	/* _CALL_ELF is the ppc64 ABI level the compiler targets (1 or 2). */
	if (f.callelf) {
		cr_expect_eq(r.elfv, f.callelf, "%s: ELFv%u, compiler says %u", path, r.elfv, f.callelf);
		cr_expect_not(r.elfv_by_endian, "%s: e_flags carry the level", path);
	}
	if (dyn) {
		cr_expect_str_eq(r.interp, f.interp, "%s interp", path);
		cr_expect(sig_matched(&r, "interp"), "%s: interp signature", path);
		cr_expect_not(sig_matched(&r, "libc-atexit"), "%s: dynamic glibc has no __libc_atexit", path);
	} else {
		cr_expect_str_eq(r.interp, "", "%s interp", path);
		cr_expect_not(sig_matched(&r, "interp"), "%s", path);
		cr_expect(sig_matched(&r, "libc-atexit"), "%s: static glibc has __libc_atexit", path);
	}
	/* glibc's crt1 (csu/abi-note) tags every program with OS Linux. */
	cr_expect(sig_matched(&r, "abi-tag"), "%s: glibc ABI tag", path);
	cr_expect(sig_matched(&r, "gcc-comment"), "%s: built by gcc", path);

	/* probe_buf on the same bytes agrees. */
	FILE *fp = fopen(path, "rb");
	fseek(fp, 0, SEEK_END);
	long n = ftell(fp);
	rewind(fp);
	char *b = malloc(n);
	cr_assert_eq(fread(b, 1, n, fp), (size_t)n);
	fclose(fp);
	static struct probe_result r2;
	cr_expect_eq(probe_buf(b, n, path, &r2), 0);
	cr_expect_eq(r2.abi, r.abi);
	cr_expect_eq(r2.nev, r.nev);
	free(b);
}

#define HELLO(abi) \
	Test(probe_abi, abi##_static, .timeout = 20) { check_hello(#abi, 0); } \
	Test(probe_abi, abi##_dynamic, .timeout = 20) { check_hello(#abi, 1); }
HELLO(i386)
HELLO(amd64)
HELLO(powerpc)
HELLO(powerpc64)
HELLO(powerpc64le)

/* Every registered ABI is covered above (a new one needs its own pair). */
Test(probe_abi, all_abis_covered)
{
	const char *done[] = { "i386", "amd64", "powerpc", "powerpc64", "powerpc64le" };
	for (const struct abi *const *a = ck_abis; *a; a++) {
		int found = 0;
		for (size_t i = 0; i < sizeof done / sizeof done[0]; i++)
			found |= !strcmp(done[i], (*a)->name);
		cr_expect(found, "ABI %s has no probe test", (*a)->name);
	}
}

/* ELFv1 and ELFv2 are told apart by e_flags, and both ppc64 ABIs share a
 * machine: the same probe gives two different descriptors. */
Test(probe_abi, elfv1_vs_elfv2)
{
	static struct probe_result be, le;
	need("build/guest/powerpc64/hello");
	need("build/guest/powerpc64le/hello");
	cr_assert_eq(probe_file("build/guest/powerpc64/hello", &be), 0);
	cr_assert_eq(probe_file("build/guest/powerpc64le/hello", &le), 0);
	cr_expect_eq(be.machine, le.machine);
	cr_expect_neq(be.abi, le.abi);
	cr_expect_eq(be.elfv, 1);
	cr_expect_eq(le.elfv, 2);
	cr_expect(strstr(be.abi->emul, "ELFv1"), "%s", be.abi->emul);
	cr_expect(strstr(le.abi->emul, "ELFv2"), "%s", le.abi->emul);
}
