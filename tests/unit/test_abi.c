/* The descriptor list: every ABI is present once and self-consistent. */
#include <criterion/criterion.h>
#include <elf.h>
#include <string.h>
#include "abi.h"

Test(abi, five_abis_registered)
{
	const char *want[] = { "i386", "amd64", "powerpc", "powerpc64", "powerpc64le" };
	for (size_t i = 0; i < 5; i++) {
		const struct abi *a = abi_find(want[i]);
		cr_assert_not_null(a, "ABI %s missing", want[i]);
		cr_assert_str_eq(a->name, want[i]);
	}
	cr_assert_null(abi_find("vax"));
}

Test(abi, pointer_size_matches_elf_class)
{
	for (const struct abi *const *a = ck_abis; *a; a++)
		cr_assert_eq((*a)->ptr_size, (*a)->brand.elfclass == ELFCLASS64 ? 8u : 4u, "%s", (*a)->name);
}
