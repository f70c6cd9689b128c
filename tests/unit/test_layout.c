/* The layout marshaller (kit/layout.c) on big- and little-endian ABIs.
 * Offsets come from the generated tables (themselves checked against the
 * cross compilers by check-layouts); the expected bytes here are written
 * out by hand in each ABI's byte order. */
#include <criterion/criterion.h>
#include <string.h>
#include "abi.h"
#include "layout.h"
#include "task.h"

static const struct abi *abi(const char *name)
{
	const struct abi *a = abi_find(name);
	cr_assert_not_null(a, "ABI %s missing", name);
	return a;
}

static const struct lfield *field(const struct abi *a, const char *l, const char *f)
{
	const struct layout *lay = layout_get(a, l);
	cr_assert_not_null(lay, "%s: no layout %s", a->name, l);
	const struct lfield *fl = layout_field(lay, f);
	cr_assert_not_null(fl, "%s: no field %s.%s", a->name, l, f);
	return fl;
}

/* Every byte outside [off, off+n) must still be the 0xAA fill. */
static void assert_untouched(const uint8_t *buf, size_t len, size_t off, size_t n)
{
	for (size_t i = 0; i < len; i++)
		if (i < off || i >= off + n)
			cr_assert_eq(buf[i], 0xAA, "byte %zu clobbered", i);
}

Test(layout, abi_load_store_both_byte_orders)
{
	const struct abi *be = abi("powerpc"), *le = abi("powerpc64le");
	uint8_t b[8];
	abi_store(be, b, 4, 0x11223344);
	cr_assert(memcmp(b, "\x11\x22\x33\x44", 4) == 0);
	cr_assert_eq(abi_load(be, b, 4), 0x11223344u);
	abi_store(le, b, 4, 0x11223344);
	cr_assert(memcmp(b, "\x44\x33\x22\x11", 4) == 0);
	cr_assert_eq(abi_load(le, b, 4), 0x11223344u);
	abi_store(be, b, 8, 0x0102030405060708ULL);
	cr_assert(memcmp(b, "\x01\x02\x03\x04\x05\x06\x07\x08", 8) == 0);
	abi_store(le, b, 8, 0x0102030405060708ULL);
	cr_assert(memcmp(b, "\x08\x07\x06\x05\x04\x03\x02\x01", 8) == 0);
	cr_assert_eq(abi_load(le, b, 8), 0x0102030405060708ULL);
	abi_store(be, b, 2, 0xBEEF);
	cr_assert(memcmp(b, "\xBE\xEF", 2) == 0);
	cr_assert_eq(abi_load(be, b, 2), 0xBEEFu);
	abi_store(le, b, 1, 0x1FF);
	cr_assert_eq(b[0], 0xFF);
	cr_assert_eq(abi_load(le, b, 1), 0xFFu);
	/* Odd sizes are refused, not guessed at. */
	memset(b, 0xAA, sizeof b);
	abi_store(be, b, 3, 0);
	assert_untouched(b, sizeof b, 0, 0);
	cr_assert_eq(abi_load(be, b, 3), 0u);
}

/* powerpc (32-bit BE): stat64.st_size is a signed 8-byte field. */
Test(layout, big_endian_put_get)
{
	const struct abi *a = abi("powerpc");
	const struct layout *l = layout_get(a, "stat64");
	cr_assert_not_null(l);
	uint8_t buf[512];
	cr_assert_leq(l->size, sizeof buf);
	memset(buf, 0xAA, sizeof buf);
	const struct lfield *f = field(a, "stat64", "st_size");
	lf_put(a, buf, f, 0x0102030405060708ULL);
	cr_assert(memcmp(buf + f->off, "\x01\x02\x03\x04\x05\x06\x07\x08", 8) == 0);
	assert_untouched(buf, l->size, f->off, 8);
	uint64_t v = 0;
	cr_assert_eq(layout_get_field(a, l, buf, "st_size", &v), 0);
	cr_assert_eq(v, 0x0102030405060708ULL);
}

Test(layout, little_endian_put_get)
{
	const struct abi *a = abi("powerpc64le");
	const struct layout *l = layout_get(a, "stat");
	cr_assert_not_null(l);
	uint8_t buf[512];
	memset(buf, 0xAA, sizeof buf);
	const struct lfield *f = field(a, "stat", "st_mode");
	cr_assert_eq(f->size, 4);
	cr_assert_eq(layout_put(a, l, buf, "st_mode", 0100644), 0);
	cr_assert(memcmp(buf + f->off, "\xa4\x81\x00\x00", 4) == 0);
	assert_untouched(buf, l->size, f->off, 4);
	cr_assert_eq(lf_get(a, buf, f), 0100644u);
}

Test(layout, sign_extension)
{
	/* timespec.tv_nsec is a signed long: 4 bytes on powerpc, 8 on ppc64le. */
	const struct abi *be = abi("powerpc"), *le = abi("powerpc64le");
	uint8_t buf[64];
	const struct lfield *f = field(be, "timespec", "tv_nsec");
	cr_assert_eq(f->size, 4);
	cr_assert(f->is_signed);
	memset(buf, 0, sizeof buf);
	memcpy(buf + f->off, "\xff\xff\xff\xfe", 4);
	cr_assert_eq((int64_t)lf_get(be, buf, f), -2);
	/* A 4-byte unsigned field with the same bits is not extended. */
	const struct lfield *u = field(be, "stat64", "st_nlink");
	cr_assert_eq(u->size, 4);
	cr_assert(!u->is_signed);
	uint8_t sb[256] = { 0 };
	memcpy(sb + u->off, "\xff\xff\xff\xfe", 4);
	cr_assert_eq(lf_get(be, sb, u), 0xfffffffeULL);
	/* Signed 4-byte field on little-endian: siginfo.si_code. */
	const struct lfield *c = field(le, "siginfo", "si_code");
	cr_assert_eq(c->size, 4);
	memset(buf, 0, sizeof buf);
	memcpy(buf + c->off, "\xfa\xff\xff\xff", 4);
	cr_assert_eq((int64_t)lf_get(le, buf, c), -6);
	/* Signed 2-byte field: pollfd.events. */
	const struct lfield *e = field(le, "pollfd", "events");
	cr_assert_eq(e->size, 2);
	memcpy(buf + e->off, "\x00\x80", 2);
	cr_assert_eq((int64_t)lf_get(le, buf, e), -32768);
}

Test(layout, truncation)
{
	const struct abi *be = abi("powerpc"), *le = abi("amd64");
	uint8_t buf[64];
	/* sockaddr_in.sin_family: 2 bytes. */
	const struct lfield *f = field(be, "sockaddr_in", "sin_family");
	cr_assert_eq(f->size, 2);
	memset(buf, 0xAA, sizeof buf);
	lf_put(be, buf, f, 0x12345678);
	cr_assert(memcmp(buf + f->off, "\x56\x78", 2) == 0);
	assert_untouched(buf, 16, f->off, 2);
	cr_assert_eq(lf_get(be, buf, f), 0x5678u);
	/* A negative value into a signed 4-byte field reads back negative. */
	const struct lfield *s = field(le, "pollfd", "fd");
	memset(buf, 0xAA, sizeof buf);
	lf_put(le, buf, s, (uint64_t)-100);
	cr_assert(memcmp(buf + s->off, "\x9c\xff\xff\xff", 4) == 0);
	assert_untouched(buf, 8, s->off, 4);
	cr_assert_eq((int64_t)lf_get(le, buf, s), -100);
	/* 1-byte field. */
	const struct lfield *t = field(le, "linux_dirent64", "d_type");
	cr_assert_eq(t->size, 1);
	memset(buf, 0xAA, sizeof buf);
	lf_put(le, buf, t, 0x304);
	cr_assert_eq(buf[t->off], 0x04);
	assert_untouched(buf, 24, t->off, 1);
}

Test(layout, array_elements)
{
	/* powerpc's sigset: two 4-byte BE words, word 1 = signals 33..64. */
	const struct abi *a = abi("powerpc");
	const struct lfield *f = field(a, "sigset", "sig");
	cr_assert_eq(f->count, 2);
	uint8_t buf[16];
	memset(buf, 0xAA, sizeof buf);
	lf_put_elem(a, buf, f, 0, 0x00000001);
	lf_put_elem(a, buf, f, 1, 0x80000000);
	lf_put_elem(a, buf, f, 2, 0);	/* out of range: ignored */
	cr_assert(memcmp(buf + f->off, "\x00\x00\x00\x01\x80\x00\x00\x00", 8) == 0);
	assert_untouched(buf, sizeof buf, f->off, 8);
	cr_assert_eq(lf_get_elem(a, buf, f, 1), 0x80000000u);
	cr_assert_eq(lf_get_elem(a, buf, f, 2), 0u);
}

Test(layout, missing_things)
{
	const struct abi *a = abi("amd64");
	cr_assert_null(layout_get(a, "no_such_struct"));
	const struct layout *l = layout_get(a, "stat");
	cr_assert_not_null(l);
	cr_assert_null(layout_field(l, "no_such_field"));
	uint8_t buf[256];
	memset(buf, 0xAA, sizeof buf);
	uint64_t v = 7;
	cr_assert_eq(layout_put(a, l, buf, "no_such_field", 1), -1);
	cr_assert_eq(layout_get_field(a, l, buf, "no_such_field", &v), -1);
	cr_assert_eq(v, 7u);
	assert_untouched(buf, sizeof buf, 0, 0);
	cr_assert_eq(layout_put(a, NULL, buf, "st_size", 1), -1);
	/* stat64 is a 32-bit-only syscall family in Linux. */
	for (const struct abi *const *p = ck_abis; *p; p++)
		cr_assert_eq(layout_get(*p, "stat64") != NULL, (*p)->ptr_size == 4, "%s", (*p)->name);
}

/* Core code asks for these by name on every ABI, with the same field names. */
Test(layout, shared_names_everywhere)
{
	static const char *const need[][4] = {
		{ "stat", "st_size", "st_mode", "st_ino" }, { "statx", "stx_size", "stx_mode", "stx_mtime_nsec" },
		{ "statfs", "f_type", "f_bsize", "f_fsid" }, { "timespec", "tv_sec", "tv_nsec", 0 },
		{ "timespec64", "tv_sec", "tv_nsec", 0 }, { "timeval", "tv_sec", "tv_usec", 0 },
		{ "sigaction", "sa_handler", "sa_flags", "sa_mask" }, { "sigset", "sig", 0, 0 },
		{ "siginfo", "si_signo", "si_code", "si_addr" }, { "stack_t", "ss_sp", "ss_flags", "ss_size" },
		{ "ucontext", "uc_flags", "uc_mcontext", "uc_sigmask" }, { "mcontext", "pc", "sp", 0 },
		{ "rlimit", "rlim_cur", "rlim_max", 0 }, { "rusage", "ru_utime", "ru_maxrss", 0 },
		{ "utsname", "sysname", "machine", 0 }, { "sysinfo", "uptime", "mem_unit", 0 },
		{ "iovec", "iov_base", "iov_len", 0 }, { "msghdr", "msg_iov", "msg_controllen", 0 },
		{ "cmsghdr", "cmsg_len", "cmsg_type", 0 }, { "sockaddr_in", "sin_port", "sin_addr", 0 },
		{ "sockaddr_in6", "sin6_port", "sin6_addr", 0 }, { "sockaddr_un", "sun_family", "sun_path", 0 },
		{ "epoll_event", "events", "data", 0 }, { "pollfd", "fd", "revents", 0 },
		{ "linux_dirent64", "d_ino", "d_reclen", "d_name" }, { "termios", "c_iflag", "c_cc", 0 },
		{ "tms", "tms_utime", 0, 0 }, { "itimerval", "it_interval", "it_value", 0 },
		{ "timex", "modes", "time", 0 }, { "rlimit64", "rlim_cur", 0, 0 },
	};
	for (const struct abi *const *p = ck_abis; *p; p++)
		for (size_t i = 0; i < sizeof need / sizeof need[0]; i++) {
			const struct layout *l = layout_get(*p, need[i][0]);
			cr_assert_not_null(l, "%s: no layout %s", (*p)->name, need[i][0]);
			for (int j = 1; j < 4 && need[i][j]; j++)
				cr_assert_not_null(layout_field(l, need[i][j]), "%s: no %s.%s",
						   (*p)->name, need[i][0], need[i][j]);
		}
}

/* Generated tables: every field inside its struct, scalars readable. */
Test(layout, tables_are_sane)
{
	for (const struct abi *const *p = ck_abis; *p; p++) {
		const struct layouts *ls = (*p)->layouts;
		cr_assert_not_null(ls);
		cr_assert_gt(ls->n, 0u, "%s has no layouts", (*p)->name);
		for (unsigned i = 0; i < ls->n; i++) {
			const struct layout *l = &ls->l[i];
			for (unsigned j = 0; j < l->nf; j++) {
				const struct lfield *f = &l->f[j];
				cr_assert_leq(f->off + (uint64_t)f->size * f->count, l->size, "%s: %s.%s",
					      (*p)->name, l->name, f->name);
				cr_assert_eq(layout_field(l, f->name), f, "%s: %s.%s duplicated",
					     (*p)->name, l->name, f->name);
			}
		}
	}
}
