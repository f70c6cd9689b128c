/*
 * Sysroot path resolution.  A dynamic guest's ld.so and libraries come from
 * the target (for Debian's cross toolchains, /usr/<triplet> holds lib/ld.so.1,
 * lib/libc.so.6 ...).  Every absolute path the guest names is tried inside the
 * sysroot first and falls back to the host path, the rule qemu-user applies
 * with -L: so the loader finds /lib/libc.so.6 in the sysroot, and /etc/passwd
 * or /tmp/x (absent from the sysroot) on the host.
 *
 * Except the dynamic loader's own configuration (host_only below): the
 * host's /etc/ld.so.cache and /etc/ld.so.preload name the host's libraries,
 * and a target ld.so that reads them loads a host library into the guest.
 * On an x86_64 host with the biarch libc6-i386 installed, the cache lists
 * /lib32/libc.so.6 as an i386 libc6 library, which the i386 ld.so accepts:
 * the sysroot's ld.so then runs with the host's libc.so.6 of another glibc
 * build, whose private interface to ld.so differs, and the first
 * pthread_create spins forever (on the real kernel too:
 * `/usr/i686-linux-gnu/lib/ld-linux.so.2 PROG`).  qemu-user -L does the
 * same fallback and hangs the same way.  So these two are looked up in the
 * sysroot only: absent there, the guest gets ENOENT, and ld.so searches its
 * built-in directories, which are the sysroot's.
 */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include "sysroot.h"

static char root[PATH_MAX];
static int chosen;	/* the root came from --sysroot or the environment */

void sysroot_set(const char *dir)
{
	root[0] = 0;
	if (!dir || !dir[0] || !strcmp(dir, "/"))
		return;
	snprintf(root, sizeof root, "%s", dir);
	size_t n = strlen(root);
	while (n > 1 && root[n - 1] == '/')	/* "DIR/" + "/lib" must not give "//" */
		root[--n] = 0;
}

const char *sysroot_get(void)
{
	return root[0] ? root : NULL;
}

const char *sysroot_chosen(void)
{
	return chosen ? (root[0] ? root : "/") : NULL;
}

const char *sysroot_choose(const struct abi *a, const char *opt)
{
	const char *env = getenv("COMPATKIT_SYSROOT");
	chosen = opt || env;
	if (opt)
		sysroot_set(opt);
	else if (env)
		sysroot_set(env);
	else {
		char d[PATH_MAX];
		struct stat st;
		snprintf(d, sizeof d, "/usr/%s", a->triplet ? a->triplet : "");
		sysroot_set(a->triplet && stat(d, &st) == 0 && S_ISDIR(st.st_mode) ? d : NULL);
	}
	return sysroot_get();
}

/* Guest paths that never fall back to the host (see the top). */
static const char *const host_only[] = {
	"/etc/ld.so.cache",	/* glibc elf/dl-cache.c, LD_SO_CACHE */
	"/etc/ld.so.preload",	/* glibc elf/rtld.c, preload_file */
};

static int is_host_only(const char *path)
{
	for (size_t i = 0; i < sizeof host_only / sizeof host_only[0]; i++)
		if (!strcmp(path, host_only[i]))
			return 1;
	return 0;
}

const char *sysroot_path(const char *path, char *buf, size_t len)
{
	if (!root[0] || path[0] != '/' || !strcmp(path, "/"))
		return path;
	int n = snprintf(buf, len, "%s%s", root, path);
	if (n < 0 || (size_t)n >= len)
		return path;
	/* lstat: a dangling symlink in the sysroot still counts as present,
	 * as the guest would see it. */
	struct stat st;
	return lstat(buf, &st) == 0 || is_host_only(path) ? buf : path;
}

size_t sysroot_rewrite(char *buf, size_t len)
{
	char tmp[PATH_MAX];
	const char *r = sysroot_path(buf, tmp, sizeof tmp);
	if (r != buf && strlen(r) < len)
		memcpy(buf, r, strlen(r) + 1);
	return strlen(buf);
}
