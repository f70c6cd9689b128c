/* compatkit diff's trace reading (kit/diff_trace.c) on canned lines in the
 * formats of kit/trace.c and of qemu-user 7.2's -strace. */
#include <criterion/criterion.h>
#include <string.h>
#include "diff.h"

static struct calls parse(const char *text, int qemu)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	struct calls v;
	calls_parse(f, qemu, abi_find("amd64"), &v);
	fclose(f);
	return v;
}

Test(diff, kit_format)
{
	struct calls v = parse(" 4242 EMUL linux-amd64\n"
			       " 4242 openat(AT_FDCWD, \"a, b\", 0x242, 420) = 3\n"
			       "compatkit: rseq (334) is not implemented: ENOSYS\n"
			       " 4242 access(\"/nope\", 0) = -1 ENOENT (No such file or directory)\n", 0);
	cr_assert_eq(v.n, 2);
	cr_assert_str_eq(v.c[0].name, "openat");
	cr_assert_eq(v.c[0].nargs, 4);
	cr_assert_str_eq(v.c[0].args[1], "\"a, b\"");
	cr_assert_eq(v.c[0].ret, 3);
	cr_assert_str_eq(v.c[1].err, "ENOENT");
	calls_free(&v);
}

Test(diff, qemu_format)
{
	/* a guest write to stderr splits qemu's line; an unknown number is
	 * named from our table (334 is rseq in asm/unistd_64.h) */
	struct calls v = parse("77 write(2,0x4b01e0,6)oops!\n = 6\n"
			       "77 Unknown syscall 334\n"
			       "77 access(\"/nope\",F_OK) = -1 errno=2 (No such file or directory)\n"
			       "77 exit_group(0)\n", 1);
	cr_assert_eq(v.n, 4);
	cr_assert_str_eq(v.c[0].name, "write");
	cr_assert(v.c[0].has_ret);
	cr_assert_eq(v.c[0].ret, 6);
	cr_assert_str_eq(v.c[1].name, "rseq");
	cr_assert_str_eq(v.c[1].err, "ENOSYS");
	cr_assert_str_eq(v.c[2].err, "ENOENT");
	cr_assert(!v.c[3].has_ret);
	calls_free(&v);
}

Test(diff, comparisons)
{
	struct calls k = parse(" 10 mkdir(\"/tmp/x.Ab3dE9\", 448) = 0\n"
			       " 10 write(1, 0x7fff0000, 8) = 8\n"
			       " 10 getpid() = 10\n"
			       " 10 close(3) = 0\n"
			       " 10 openat(AT_FDCWD, \"f\", 0x0) = 3\n", 0);
	struct calls q = parse("20 mkdir(\"/tmp/x.Zz9yQ1\",0700) = 0\n"
			       "20 write(1,0x4000ff00,8) = 8\n"
			       "20 getpid() = 20\n"
			       "20 close(3) = -1 errno=9 (Bad file descriptor)\n"
			       "20 openat(-100,\"g\",O_RDONLY) = 3\n", 1);
	char why[200];
	cr_assert(!call_args_differ(&k.c[0], &q.c[0], why, sizeof why), "random mkdtemp names and 448 == 0700");
	cr_assert(!call_args_differ(&k.c[1], &q.c[1], why, sizeof why), "addresses are not compared");
	cr_assert(!call_ret_differ(&k.c[2], &q.c[2], why, sizeof why), "each run's own pid");
	cr_assert(call_ret_differ(&k.c[3], &q.c[3], why, sizeof why));
	cr_assert_str_eq(why, "result: kit success, qemu EBADF");
	cr_assert(call_args_differ(&k.c[4], &q.c[4], why, sizeof why), "AT_FDCWD == -100, then the names");
	cr_assert_str_eq(why, "argument 2: kit \"f\", qemu \"g\"");
	calls_free(&k);
	calls_free(&q);
}
