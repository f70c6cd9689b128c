/* Every implemented syscall that takes a descriptor refuses the kit's own.
 * Driven by the generated tables, so handlers added later are covered
 * without touching this file: for each ABI, each entry with a handler and
 * each SA_FD argument, the handler is called with that argument set to a
 * descriptor in the kit's range (one end of a socketpair) and the others
 * harmless (a guest /dev/null fd, a pointer to a guest buffer holding a
 * short path, small sizes, zero flags).  It must fail, the kit's socket
 * must still be the same open file, and nothing may reach its peer. */
#include <criterion/criterion.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include "run.h"
#include "vm.h"

extern int ck_kit_fd_min;
#define KITFD 900
#define BUF 0x10000ULL

/* Handlers that may succeed on a kit fd by leaving it alone (clamping a
 * range to below the kit's): for them only "untouched" is checked. */
static const char *const clamps[] = { "close_range", NULL };

static int clamping(const char *name)
{
	for (int i = 0; clamps[i]; i++)
		if (!strcmp(name, clamps[i]))
			return 1;
	return 0;
}

Test(kitfd, every_fd_handler_refuses_the_kits_descriptors)
{
	int sv[2];
	cr_assert(socketpair(AF_UNIX, SOCK_STREAM | SOCK_NONBLOCK, 0, sv) == 0);
	cr_assert(dup2(sv[0], KITFD) == KITFD);
	close(sv[0]);
	/* The peer is the kit's too: in the guest's range a handler that may
	 * succeed (close_range from the guest fd up) would close it, and the
	 * check below would read a closed descriptor. */
	cr_assert(dup2(sv[1], KITFD + 1) == KITFD + 1);
	close(sv[1]);
	sv[1] = KITFD + 1;
	struct stat kst;
	cr_assert(fstat(KITFD, &kst) == 0);
	int guestfd = open("/dev/null", O_RDWR);
	cr_assert(guestfd >= 0 && guestfd < KITFD);
	ck_kit_fd_min = KITFD;
	unsigned tried = 0;

	for (int ai = 0; ck_abis[ai]; ai++) {
		struct task t;
		char err[256];
		cr_assert(task_init(&t, ck_abis[ai], err, sizeof err) == 0, "%s", err);
		cr_assert(vm_map(t.vm, BUF, 2 * VM_PAGE, VM_R | VM_W, VMF_FIXED, -1, 0) == (int64_t)BUF);
		const struct systable *tb = t.abi->sys;
		for (unsigned nr = 0; nr < tb->n; nr++) {
			const struct sysent *se = &tb->ent[nr];
			if (!se->name || !se->call || !se->args)
				continue;
			for (unsigned p = 0; p < se->nargs; p++) {
				if (se->args[p].kind != SA_FD)
					continue;
				uint64_t a[6] = { 0 };
				for (unsigned i = 0; i < se->nargs && i < 6; i++) {
					switch (se->args[i].kind) {
					case SA_FD: a[i] = (uint64_t)guestfd; break;
					case SA_PTR: case SA_STR: a[i] = BUF; break;
					case SA_ULONG: a[i] = 16; break;
					default: a[i] = 0;
					}
				}
				a[p] = KITFD;
				memcpy(vm_host(t.vm, BUF, 32, 0), "ck-kitfd-none\0", 14);
				long r = se->call(&t, a);
				tried++;
				struct stat now;
				cr_expect(fstat(KITFD, &now) == 0 && now.st_ino == kst.st_ino &&
					  now.st_dev == kst.st_dev,
					  "%s: %s(%s=kit fd) replaced or closed the kit's descriptor",
					  t.abi->name, se->name, se->args[p].name);
				char c;
				cr_expect(recv(sv[1], &c, 1, MSG_DONTWAIT) < 0 && errno == EAGAIN,
					  "%s: %s(%s=kit fd) wrote to the kit's descriptor",
					  t.abi->name, se->name, se->args[p].name);
				if (!clamping(se->name))
					cr_expect(r < 0, "%s: %s(%s=kit fd) returned %ld, not an error",
						  t.abi->name, se->name, se->args[p].name, r);
				if (r >= 0 && r != guestfd && r < INT_MAX && fcntl((int)r, F_GETFD) >= 0 &&
				    r > 2 && r != KITFD && r != sv[1])
					close((int)r);	/* a stray new fd: do not let it pile up */
				if (fcntl(guestfd, F_GETFD) < 0)	/* closed through the guest fd */
					cr_assert(dup2(open("/dev/null", O_RDWR), guestfd) == guestfd);
			}
		}
		task_destroy(&t);
	}
	cr_expect_gt(tried, 10u, "only %u fd-taking handlers found", tried);
	ck_kit_fd_min = INT_MAX;
}
