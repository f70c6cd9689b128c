/* Lookup of ABI descriptors by name; the list itself is generated. */
#include <string.h>
#include "abi.h"

const struct abi *abi_find(const char *name)
{
	for (const struct abi *const *a = ck_abis; *a; a++)
		if (strcmp((*a)->name, name) == 0)
			return *a;
	return NULL;
}
