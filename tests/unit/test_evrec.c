/* eventfd records on the big-endian ABIs: read/write only look for such
 * descriptors once one can exist (kit/sys/evrec.c), so both ways one can
 * appear are checked -- inherited (open before the guest's first read or
 * write) and created by the guest after it.  The host's eventfd counter is
 * a host-endian u64; the guest must see it in its own byte order, i.e. a
 * big-endian 5 is the bytes 00 00 00 00 00 00 00 05 (eventfd(2)).
 * Criterion runs each test in a process of its own, so each starts with
 * the kit's "not looked yet" state. */
#include <criterion/criterion.h>
#include <limits.h>
#include <stdint.h>
#include <string.h>
#include <unistd.h>
#include <fcntl.h>
#include <sys/eventfd.h>
#include "run.h"
#include "vm.h"

#define BUF 0x10000ULL

static long call(struct task *t, const char *name, uint64_t a0, uint64_t a1, uint64_t a2)
{
	const struct systable *tb = t->abi->sys;
	for (unsigned i = 0; i < tb->n; i++)
		if (tb->ent[i].name && !strcmp(tb->ent[i].name, name)) {
			cr_assert(tb->ent[i].call, "%s: %s has no handler", t->abi->name, name);
			uint64_t a[6] = { a0, a1, a2 };
			return tb->ent[i].call(t, a);
		}
	cr_assert_fail("%s: no %s in the table", t->abi->name, name);
	return -1;
}

static const struct abi *big_endian_abi(void)
{
	for (int i = 0; ck_abis[i]; i++)
		if (ck_abis[i]->big_endian)
			return ck_abis[i];
	return NULL;
}

static void setup(struct task *t, const struct abi *a)
{
	char err[256];
	cr_assert(task_init(t, a, err, sizeof err) == 0, "%s", err);
	cr_assert(vm_map(t->vm, BUF, VM_PAGE, VM_R | VM_W, VMF_FIXED, -1, 0) == (int64_t)BUF);
}

/* The guest's descriptors are only those below ck_kit_fd_min: the tests
 * put theirs at 0 and 1 (Criterion's worker has eventfds of its own
 * further up, which must stay out of the guest's view). */
extern int ck_kit_fd_min;
static int saved[2];

static void place(int fd, int at)
{
	saved[at] = dup(at);
	cr_assert(fd >= 0 && saved[at] >= 0 && dup2(fd, at) == at);
	close(fd);
}

static void restore(void)
{
	for (int i = 0; i < 2; i++)
		if (saved[i] > 0)
			dup2(saved[i], i);
	ck_kit_fd_min = INT_MAX;
}

/* A short write to /dev/null at fd: the guest's first transfer. */
static void first_write(struct task *t, int fd)
{
	memcpy(vm_host(t->vm, BUF, 1, 0), "x", 1);
	cr_assert_eq(call(t, "write", (uint64_t)fd, BUF, 1), 1);
}

Test(evrec, inherited_eventfd_reads_in_guest_order)
{
	const struct abi *a = big_endian_abi();
	if (!a)
		cr_skip_test("no big-endian ABI in this build");
	struct task t;
	setup(&t, a);
	place(eventfd(5, 0), 0);	/* there before the guest reads or writes */
	place(open("/dev/null", O_WRONLY), 1);
	ck_kit_fd_min = 2;
	first_write(&t, 1);
	uint8_t *b = vm_host(t.vm, BUF, 8, 0);
	memset(b, 0xee, 8);
	long r = call(&t, "read", 0, BUF, 8);
	restore();
	cr_assert_eq(r, 8);
	static const uint8_t five[8] = { 0, 0, 0, 0, 0, 0, 0, 5 };
	cr_expect(!memcmp(b, five, 8), "%s: read %02x %02x .. %02x, want a big-endian 5", a->name,
		  b[0], b[1], b[7]);
	task_destroy(&t);
}

Test(evrec, eventfd_created_after_the_first_transfer)
{
	const struct abi *a = big_endian_abi();
	if (!a)
		cr_skip_test("no big-endian ABI in this build");
	struct task t;
	setup(&t, a);
	place(open("/dev/null", O_WRONLY), 0);
	ck_kit_fd_min = 1;	/* the guest has /dev/null only */
	first_write(&t, 0);
	restore();
	long efd = call(&t, "eventfd2", 0, 0, 0);
	cr_assert_geq(efd, 0, "%s: eventfd2: %ld", a->name, efd);
	static const uint8_t seven[8] = { 0, 0, 0, 0, 0, 0, 0, 7 };
	memcpy(vm_host(t.vm, BUF, 8, 0), seven, 8);
	cr_assert_eq(call(&t, "write", (uint64_t)efd, BUF, 8), 8);
	uint64_t host = 0;
	cr_assert_eq(read((int)efd, &host, 8), 8);
	cr_expect_eq(host, 7, "%s: the host counter is %llu after the guest wrote a big-endian 7",
		     a->name, (unsigned long long)host);
	close((int)efd);
	task_destroy(&t);
}
