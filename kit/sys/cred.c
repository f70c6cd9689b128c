/*
 * Credentials: the setuid/setgid family, getres*id, setfs*id and the
 * supplementary groups.  The guest's credentials are the host process's, so
 * each call is the host's raw syscall (no glibc set*id broadcast: the kit is
 * one thread) and the host kernel's permission rules and errno order apply.
 * The i386 16-bit calls (old_uid_t) convert as Linux's highuid.h does:
 * (old_uid_t)-1 means -1 on the way in, ids above 65535 read as the
 * overflow id 65534 on the way out.
 */
#include <unistd.h>
#include <sys/syscall.h>
#include "sys.h"

#define NGROUPS_MAX_LINUX 65536	/* linux/limits.h NGROUPS_MAX */
#define OVERFLOW_ID 65534	/* /proc/sys/kernel/overflowuid default */

static long id_in(uint64_t v) { return (int)(uint32_t)v; }
static long id16_in(uint64_t v) { return (uint16_t)v == 0xffff ? -1 : (long)(uint16_t)v; }
static uint32_t id16_out(uint32_t id) { return id > 0xffff ? OVERFLOW_ID : id; }

SYS(setuid) { return HOST(syscall(SYS_setuid, id_in(a[0]))); }
SYS(setgid) { return HOST(syscall(SYS_setgid, id_in(a[0]))); }
SYS(setreuid) { return HOST(syscall(SYS_setreuid, id_in(a[0]), id_in(a[1]))); }
SYS(setregid) { return HOST(syscall(SYS_setregid, id_in(a[0]), id_in(a[1]))); }
SYS(setresuid) { return HOST(syscall(SYS_setresuid, id_in(a[0]), id_in(a[1]), id_in(a[2]))); }
SYS(setresgid) { return HOST(syscall(SYS_setresgid, id_in(a[0]), id_in(a[1]), id_in(a[2]))); }
/* setfs*id never fail: they return the previous id. */
SYS(setfsuid) { return syscall(SYS_setfsuid, id_in(a[0])); }
SYS(setfsgid) { return syscall(SYS_setfsgid, id_in(a[0])); }

SYS(setuid16) { return HOST(syscall(SYS_setuid, id16_in(a[0]))); }
SYS(setgid16) { return HOST(syscall(SYS_setgid, id16_in(a[0]))); }
SYS(setreuid16) { return HOST(syscall(SYS_setreuid, id16_in(a[0]), id16_in(a[1]))); }
SYS(setregid16) { return HOST(syscall(SYS_setregid, id16_in(a[0]), id16_in(a[1]))); }
SYS(setresuid16) { return HOST(syscall(SYS_setresuid, id16_in(a[0]), id16_in(a[1]), id16_in(a[2]))); }
SYS(setresgid16) { return HOST(syscall(SYS_setresgid, id16_in(a[0]), id16_in(a[1]), id16_in(a[2]))); }
SYS(setfsuid16) { return id16_out((uint32_t)syscall(SYS_setfsuid, id16_in(a[0]))); }
SYS(setfsgid16) { return id16_out((uint32_t)syscall(SYS_setfsgid, id16_in(a[0]))); }

/* Three ids of size bytes each to three guest pointers: Linux stores them
 * one by one with put_user, so an early fault leaves the rest unwritten. */
static long put_res(struct task *t, const uint64_t *a, const uint32_t *id, unsigned size, int narrow)
{
	for (int i = 0; i < 3; i++) {
		uint8_t b[4];
		abi_store(t->abi, b, size, narrow ? id16_out(id[i]) : id[i]);
		if (copyout(t, b, a_ptr(t, a[i]), size))
			return -EFAULT;
	}
	return 0;
}

static long getres(struct task *t, const uint64_t *a, int nr, unsigned size)
{
	uid_t id[3];
	if (syscall(nr, &id[0], &id[1], &id[2]) < 0)
		return -errno;
	uint32_t v[3] = { id[0], id[1], id[2] };
	return put_res(t, a, v, size, size == 2);
}

SYS(getresuid) { return getres(t, a, SYS_getresuid, 4); }
SYS(getresgid) { return getres(t, a, SYS_getresgid, 4); }
SYS(getresuid16) { return getres(t, a, SYS_getresuid, 2); }
SYS(getresgid16) { return getres(t, a, SYS_getresgid, 2); }

static long getgroups_n(struct task *t, const uint64_t *a, unsigned size)
{
	int n = a_int(a[0]);
	if (n < 0)
		return -EINVAL;
	static gid_t g[NGROUPS_MAX_LINUX];
	int have = getgroups(NGROUPS_MAX_LINUX, g);
	if (have < 0)
		return -errno;
	if (n == 0)
		return have;
	if (n < have)
		return -EINVAL;
	uint8_t b[4];
	uint64_t list = a_ptr(t, a[1]);
	for (int i = 0; i < have; i++) {
		abi_store(t->abi, b, size, size == 2 ? id16_out(g[i]) : g[i]);
		if (copyout(t, b, list + (uint64_t)i * size, size))
			return -EFAULT;
	}
	return have;
}

/* The host decides EPERM before EINVAL before EFAULT (sys_setgroups'
 * order): a list the kit cannot read is handed over as NULL. */
static long setgroups_n(struct task *t, const uint64_t *a, unsigned size)
{
	int n = a_int(a[0]);
	if (n < 0 || n > NGROUPS_MAX_LINUX)
		return HOST(syscall(SYS_setgroups, n, NULL));
	static gid_t g[NGROUPS_MAX_LINUX];
	uint64_t list = a_ptr(t, a[1]);
	for (int i = 0; i < n; i++) {
		uint8_t b[4];
		if (copyin(t, list + (uint64_t)i * size, b, size))
			return HOST(syscall(SYS_setgroups, n, NULL));
		g[i] = (gid_t)abi_load(t->abi, b, size);
		if (size == 2)
			g[i] = (gid_t)id16_in(g[i]);
	}
	return HOST(syscall(SYS_setgroups, n, g));
}

SYS(getgroups) { return getgroups_n(t, a, 4); }
SYS(setgroups) { return setgroups_n(t, a, 4); }
SYS(getgroups16) { return getgroups_n(t, a, 2); }
SYS(setgroups16) { return setgroups_n(t, a, 2); }
