/* kit/ucquirk.c: on the Unicorn the kit is built with, every ABI's engine
 * must show where its "no mid-block exits" flag is.  If a Unicorn upgrade
 * changes check_exit_request, this fails here instead of the kit quietly
 * going back to replaying guest code on asynchronous stops (the behaviour
 * itself is checked by tests/guest/sigstorm.c, compare case sigstorm).
 * Code of another shape must be refused, leaving the engine alone. */
#include <criterion/criterion.h>
#include <unicorn/unicorn.h>
#include "run.h"

static void one(const char *name)
{
	const struct abi *a = abi_find(name);
	cr_assert(a, "no ABI %s", name);
	cr_assert(a->uc_exit_check, "%s: the descriptor names no check_exit_request", name);
	uc_engine *uc;
	cr_assert_eq(uc_open(a->uc_arch, a->uc_mode, &uc), UC_ERR_OK);
	cr_expect_eq(engine_mid_block_exits(uc, a, 0), 0,
		     "%s: this Unicorn's check_exit_request does not have the shape kit/ucquirk.c reads", name);
	cr_expect_eq(engine_mid_block_exits(uc, a, 1), 0);
	cr_expect_eq(engine_mid_block_exits(uc, a, 0), 0);
	uc_close(uc);
}

Test(ucquirk, other_shapes_refused)
{
	static const unsigned char shapes[][24] = {
		{ 0xc3 },						/* ret */
		{ 0xf3, 0x0f, 0x1e, 0xfa, 0x48, 0x8b, 0x87, 0, 1, 0, 0,	/* no cmpb */
		  0x48, 0x85, 0xc0 },
		{ 0x48, 0x8b, 0x87, 0, 1, 0, 0, 0x80, 0xb8, 0xda, 7, 0, 0, 1, 0x74 },	/* cmpb $1 */
		{ 0x48, 0x8b, 0x87, 0, 1, 0, 0, 0x80, 0xb8, 0xda, 7, 0, 0, 0, 0xc3 },	/* no je */
		{ 0x48, 0x8b, 0x87, 0, 1, 0, 0, 0x80, 0xb8, 0, 0, 0, 0x10, 0, 0x74 },	/* offset 256M */
	};
	const struct abi *a = abi_find("amd64");
	cr_assert(a);
	uc_engine *uc;
	cr_assert_eq(uc_open(a->uc_arch, a->uc_mode, &uc), UC_ERR_OK);
	for (unsigned i = 0; i < sizeof shapes / sizeof shapes[0]; i++) {
		struct abi fake = *a;
		fake.uc_exit_check = shapes[i];
		cr_expect_eq(engine_mid_block_exits(uc, &fake, 0), -1, "shape %u was accepted", i);
	}
	struct abi none = *a;
	none.uc_exit_check = NULL;
	cr_expect_eq(engine_mid_block_exits(uc, &none, 0), -1);
	uc_close(uc);
}

Test(ucquirk, amd64) { one("amd64"); }
Test(ucquirk, i386) { one("i386"); }
Test(ucquirk, powerpc) { one("powerpc"); }
Test(ucquirk, powerpc64) { one("powerpc64"); }
Test(ucquirk, powerpc64le) { one("powerpc64le"); }
