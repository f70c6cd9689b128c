/* Guest-endian scalars: the guest's byte order comes from its descriptor. */
#include <string.h>
#include "task.h"

uint64_t abi_load(const struct abi *a, const void *p, unsigned size)
{
	const uint8_t *b = p;
	uint64_t v = 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)b[a->big_endian ? size - 1 - i : i] << (8 * i);
	return v;
}

void abi_store(const struct abi *a, void *p, unsigned size, uint64_t v)
{
	uint8_t *b = p;
	for (unsigned i = 0; i < size; i++)
		b[a->big_endian ? size - 1 - i : i] = (uint8_t)(v >> (8 * i));
}
