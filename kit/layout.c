/* Guest struct marshalling by name; see layout.h.  Arch-independent: the
 * byte order is abi->big_endian, everything else is table data. */
#include <string.h>
#include "layout.h"
#include "task.h"

/* Scalars in guest byte order.  Sizes other than 1, 2, 4, 8 load 0 and
 * store nothing: callers pass table sizes, which mklayout restricts for
 * s/u fields, but aggregates ("-") may reach here. */
uint64_t abi_load(const struct abi *a, const void *p, unsigned size)
{
	const uint8_t *b = p;
	uint64_t v = 0;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return 0;
	for (unsigned i = 0; i < size; i++)
		v |= (uint64_t)b[a->big_endian ? i : size - 1 - i] << (8 * (size - 1 - i));
	return v;
}

void abi_store(const struct abi *a, void *p, unsigned size, uint64_t v)
{
	uint8_t *b = p;
	if (size != 1 && size != 2 && size != 4 && size != 8)
		return;
	for (unsigned i = 0; i < size; i++)
		b[a->big_endian ? size - 1 - i : i] = (uint8_t)(v >> (8 * i));
}

const struct layout *layout_get(const struct abi *a, const char *name)
{
	if (!a || !a->layouts || !name)
		return NULL;
	for (unsigned i = 0; i < a->layouts->n; i++)
		if (strcmp(a->layouts->l[i].name, name) == 0)
			return &a->layouts->l[i];
	return NULL;
}

const struct lfield *layout_field(const struct layout *l, const char *field)
{
	if (!l || !field)
		return NULL;
	for (unsigned i = 0; i < l->nf; i++)
		if (strcmp(l->f[i].name, field) == 0)
			return &l->f[i];
	return NULL;
}

static uint64_t sign_extend(uint64_t v, unsigned size)
{
	if (size >= 8)
		return v;
	uint64_t sign = 1ULL << (8 * size - 1);
	v &= (sign << 1) - 1;
	return (v ^ sign) - sign;
}

uint64_t lf_get_elem(const struct abi *a, const void *buf, const struct lfield *f, unsigned i)
{
	if (i > 0 && i >= f->count)
		return 0;
	uint64_t v = abi_load(a, (const uint8_t *)buf + f->off + (size_t)i * f->size, f->size);
	return f->is_signed ? sign_extend(v, f->size) : v;
}

void lf_put_elem(const struct abi *a, void *buf, const struct lfield *f, unsigned i, uint64_t v)
{
	if (i > 0 && i >= f->count)
		return;
	abi_store(a, (uint8_t *)buf + f->off + (size_t)i * f->size, f->size, v);
}

uint64_t lf_get(const struct abi *a, const void *buf, const struct lfield *f)
{
	return lf_get_elem(a, buf, f, 0);
}

void lf_put(const struct abi *a, void *buf, const struct lfield *f, uint64_t v)
{
	lf_put_elem(a, buf, f, 0, v);
}

int layout_put(const struct abi *a, const struct layout *l, void *buf, const char *field, uint64_t v)
{
	const struct lfield *f = layout_field(l, field);
	if (!f)
		return -1;
	lf_put(a, buf, f, v);
	return 0;
}

int layout_get_field(const struct abi *a, const struct layout *l, const void *buf,
		     const char *field, uint64_t *v)
{
	const struct lfield *f = layout_field(l, field);
	if (!f)
		return -1;
	*v = lf_get(a, buf, f);
	return 0;
}
