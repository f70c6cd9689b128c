/* open(2) flag translation (descriptor .open_flags, kit/sys/guestio.c)
 * against the kernel headers: for each ABI, every O_* bit read from the
 * cross toolchain's asm/fcntl.h (falling back to its asm-generic/fcntl.h, as
 * the header itself does) must translate to the host's value of the same
 * flag, read the same way from the host's headers. */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "abi.h"
#include "sys/sys.h"

static const char *const names[] = {
	"O_APPEND", "O_CREAT", "O_EXCL", "O_NOCTTY", "O_TRUNC", "O_NONBLOCK", "O_DSYNC",
	"O_DIRECT", "O_LARGEFILE", "O_DIRECTORY", "O_NOFOLLOW", "O_NOATIME", "O_CLOEXEC",
	"__O_SYNC", "O_PATH", "__O_TMPFILE",
};

/* The value of `#define name VALUE` (octal/hex/decimal) in file, or -1. */
static long lookup(const char *file, const char *name)
{
	FILE *f = fopen(file, "r");
	if (!f)
		return -1;
	char line[256];
	long v = -1;
	while (v < 0 && fgets(line, sizeof line, f)) {
		char n[64], val[64];
		if (sscanf(line, " #define %63s %63s", n, val) == 2 && !strcmp(n, name)) {
			char *end;
			long x = strtol(val, &end, 0);
			if (end != val)
				v = x;
		}
	}
	fclose(f);
	return v;
}

static long flag(const char *inc, const char *name)
{
	char a[256], g[256];
	snprintf(a, sizeof a, "%s/asm/fcntl.h", inc);
	snprintf(g, sizeof g, "%s/asm-generic/fcntl.h", inc);
	long v = lookup(a, name);
	return v >= 0 ? v : lookup(g, name);
}

Test(openflags, match_kernel_headers)
{
	int checked = 0;
	for (const struct abi *const *ap = ck_abis; *ap; ap++) {
		const struct abi *a = *ap;
		char inc[128];
		snprintf(inc, sizeof inc, "/usr/%s/include", a->triplet);
		FILE *probe = fopen(strcat(strcpy((char[256]){ 0 }, inc), "/asm/fcntl.h"), "r");
		if (!probe) {
			if (strcmp(a->triplet, "x86_64-linux-gnu"))
				cr_log_warn("%s: no %s/asm/fcntl.h, not checked", a->name, inc);
			continue;
		}
		fclose(probe);
		for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
			long g = flag(inc, names[i]);
			long h = lookup("/usr/include/x86_64-linux-gnu/asm/fcntl.h", names[i]);
			if (h < 0)
				h = lookup("/usr/include/asm-generic/fcntl.h", names[i]);
			if (g < 0 || h < 0)
				continue;
			cr_expect_eq(open_flags_to_host(a, (uint64_t)g), (int)h, "%s %s: guest %#lo -> %#o, host %#lo",
				     a->name, names[i], g, open_flags_to_host(a, (uint64_t)g), h);
			cr_expect_eq(open_flags_to_guest(a, (int)h), (uint64_t)g, "%s %s back", a->name, names[i]);
			checked++;
		}
	}
	cr_assert_gt(checked, 40, "only %d flags found in the headers", checked);
}
