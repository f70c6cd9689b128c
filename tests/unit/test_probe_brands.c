/*
 * Brands: what makes a file Linux, NetBSD or FreeBSD.  The inputs vary one
 * mark at a time (probes/probes.mk): a freestanding program with only GCC's
 * .comment ("plain"), with nothing ("bare"), with a NetBSD or FreeBSD ident
 * note linked in; real glibc programs with a BSD note added by objcopy or
 * EI_OSABI set to FreeBSD by elfedit; Go binaries per GOARCH; a big-endian
 * ppc64 program compiled for ELFv2.  The expected verdict follows from how
 * each was built.
 */
#include <elf.h>
#include "probe_util.h"

static int probe(const char *path, struct probe_result *r)
{
	need(path);
	return probe_file(path, r);
}

static void each_abi(void (*fn)(const char *abi))
{
	for (const struct abi *const *a = ck_abis; *a; a++)
		fn((*a)->name);
}

/* Only .comment says Linux: that is enough once no foreign brand is seen. */
static void plain(const char *abi)
{
	char p[256];
	static struct probe_result r;
	snprintf(p, sizeof p, PB "/free/%s/plain", abi);
	cr_expect_eq(probe(p, &r), 0, "%s: %s%s", p, r.error, r.reason);
	cr_expect(r.abi && !strcmp(r.abi->name, abi), "%s: %s", p, r.abi ? r.abi->name : "none");
	cr_expect(sig_matched(&r, "gcc-comment"), "%s", p);
	cr_expect_eq(nmatched(&r), 1, "%s: only .comment should match", p);
}
Test(probe_brand, comment_only_is_linux) { each_abi(plain); }

/* -fno-ident, no libc: no mark at all, so no verdict of Linux. */
static void bare(const char *abi)
{
	char p[256];
	static struct probe_result r;
	snprintf(p, sizeof p, PB "/free/%s/bare", abi);
	cr_expect_eq(probe(p, &r), 1, "%s", p);
	cr_expect_null(r.abi, "%s", p);
	cr_expect_eq(nmatched(&r), 0, "%s", p);
	cr_expect_eq(r.foreign[0], 0, "%s", p);
	cr_expect(strstr(r.reason, "no Linux signature"), "%s: %s", p, r.reason);
}
Test(probe_brand, no_signature_no_match) { each_abi(bare); }

static void foreign(const char *path, const char *os, const char *sig, int glibc)
{
	static struct probe_result r;
	cr_expect_eq(probe(path, &r), 1, "%s", path);
	cr_expect_null(r.abi, "%s accepted as %s", path, r.abi ? r.abi->name : "");
	cr_expect_str_eq(r.foreign, os, "%s", path);
	cr_expect(sig_matched(&r, sig), "%s: %s", path, sig);
	cr_expect(ev_of(&r, sig)->negative, "%s: %s is a negative brand", path, sig);
	if (glibc)	/* the Linux marks are there too: the foreign brand wins */
		cr_expect(sig_matched(&r, "abi-tag"), "%s", path);
}

static void bsd_free(const char *abi)
{
	char p[256];
	snprintf(p, sizeof p, PB "/free/%s/netbsd", abi);
	foreign(p, "NetBSD", "netbsd-ident", 0);
	snprintf(p, sizeof p, PB "/free/%s/freebsd", abi);
	foreign(p, "FreeBSD", "freebsd-tag", 0);
}
Test(probe_brand, bsd_notes_linked_in) { each_abi(bsd_free); }

static void bsd_glibc(const char *abi)
{
	char p[256];
	snprintf(p, sizeof p, PB "/brand/%s/hello-netbsd", abi);
	foreign(p, "NetBSD", "netbsd-ident", 1);
	snprintf(p, sizeof p, PB "/brand/%s/hello-freebsd", abi);
	foreign(p, "FreeBSD", "freebsd-tag", 1);
	snprintf(p, sizeof p, PB "/brand/%s/hello-osabi-freebsd", abi);
	foreign(p, "FreeBSD", "osabi-foreign", 1);
}
Test(probe_brand, bsd_brand_beats_glibc_marks) { each_abi(bsd_glibc); }

/* CGO_ENABLED=0 Go binaries: static, SYSV OSABI, no glibc marks, only the
 * Go build-ID note. */
static void go(const char *goarch, const char *abi)
{
	char p[256];
	static struct probe_result r;
	snprintf(p, sizeof p, PB "/go/%s/hello", goarch);
	cr_expect_eq(probe(p, &r), 0, "%s: %s%s", p, r.error, r.reason);
	cr_expect(r.abi && !strcmp(r.abi->name, abi), "%s: %s, want %s", p, r.abi ? r.abi->name : "none", abi);
	cr_expect(sig_matched(&r, "go-buildid"), "%s", p);
	cr_expect_not(r.dynamic, "%s", p);
}
Test(probe_brand, go_binaries, .timeout = 30)
{
	go("386", "i386");
	go("amd64", "amd64");
	go("ppc64", "powerpc64");
	go("ppc64le", "powerpc64le");
}

/* gcc -mabi=elfv2 for big-endian ppc64: a valid file, e_flags level 2, and
 * no ABI of ours is big-endian ELFv2. */
Test(probe_brand, big_endian_elfv2_unsupported)
{
	static struct probe_result r;
	cr_expect_eq(probe(PB "/free/be-elfv2", &r), 1);
	cr_expect_null(r.abi);
	cr_expect_eq(r.machine, EM_PPC64);
	cr_expect_eq(r.data, ELFDATA2MSB);
	cr_expect_eq(r.elfv_raw, 2);
	cr_expect(strstr(r.reason, "no emulation"), "%s", r.reason);
}
