/*
 * Defaults for a kit built with SANITIZE=address,undefined (build-san/).
 *
 * They are compiled in, not left to ASAN_OPTIONS/LSAN_OPTIONS/UBSAN_OPTIONS,
 * because the tests start the kit with a clean environment (tests/compare.sh
 * runs `env -i`, so that the guest sees the same environment as under qemu),
 * and `make check SANITIZE=...` sets none of them.  The variables still
 * override these defaults.  A plain build never calls these functions: the
 * sanitizer runtimes look them up by name.
 */
#include <unistd.h>
#include <sys/prctl.h>
#include "sanitize.h"

static int no_leak_check;

void san_no_leak_check(void)
{
	no_leak_check = 1;
}

/* The at-exit check stops every thread with ptrace from a helper that
 * has the exiting thread's credentials.  Linux lets it attach only if the
 * process is dumpable and its real, effective and saved ids are all the
 * same (ptrace_may_access); a guest that changed its ids (set*uid as
 * root: the random-syscall guest does) or cleared PR_SET_DUMPABLE leaves
 * a process LSan cannot check ("LeakSanitizer has encountered a fatal
 * error"), which is no fault of the kit. */
static int traceable(void)
{
	uid_t r, e, s;
	gid_t rg, eg, sg;
	if (getresuid(&r, &e, &s) || getresgid(&rg, &eg, &sg))
		return 0;
	return r == e && e == s && rg == eg && eg == sg && prctl(PR_GET_DUMPABLE) == 1;
}

/* LeakSanitizer's at-exit check is skipped where it cannot be right:
 * - a fork child of a threaded kit (kit/thread.c, thread_after_fork).
 *   LSan's thread list there still names the parent's threads, which do
 *   not exist in the child, so it prints "Running thread N was not
 *   suspended. False leaks are possible." and does not scan the forking
 *   thread's own stack (a known limitation: google/sanitizers issues 836
 *   and 1479);
 * - a process it could not stop (traceable above). */
int __lsan_is_turned_off(void)
{
	return no_leak_check || !traceable();
}

/* Unicorn 2.1.1's own leak, which the kit cannot free: uc_init_engine
 * allocates uc->unmapped_regions with its bundled glib's g_array_new, and
 * uc_close's g_array_free keeps the 32-byte GArray header (the bundled
 * array_free always preserves the wrapper; unicorn-engine/unicorn issue
 * 2027).  One per engine the kit closes (a thread's, or one in a test).
 * With the default fast unwinder LSan sees only malloc <- g_array_new
 * (Unicorn has no frame pointers), so the pattern is that function: the
 * kit itself uses no glib.  (A kit linked with Unicorn's shared library,
 * UNICORN_LINK=shared, shows that frame without a symbol; only the whole
 * module would match it, which would hide the kit's own leaks in every
 * handler too, since handlers run inside Unicorn's hooks.  The sanitized
 * runs use the default static link: libunicorn-dev has libunicorn.a.) */
const char *__lsan_default_suppressions(void)
{
	return "leak:g_array_new\n";
}

/* No "Suppressions used:" table on stderr: the tests compare the kit's
 * stderr with qemu's. */
const char *__lsan_default_options(void)
{
	return "print_suppressions=0";
}

/* Undefined behaviour ends the kit (a non-zero status every test sees)
 * instead of a message the guest's output could hide. */
const char *__ubsan_default_options(void)
{
	return "halt_on_error=1:print_stacktrace=1";
}
