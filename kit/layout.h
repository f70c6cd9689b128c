/*
 * Guest struct marshalling by name.  The per-arch tables come from
 * arches/<arch>/layouts.def (see kit/gen/mklayout.c) and are checked against
 * each ABI's compiler by `make check-layouts`; this code only knows offsets,
 * sizes, signedness and the guest byte order.
 */
#ifndef CK_LAYOUT_H
#define CK_LAYOUT_H

#include <stdint.h>
#include "abi.h"

/* The ABI's layout of a struct by semantic name ("stat64"); NULL if the
 * arch has no such struct. */
const struct layout *layout_get(const struct abi *a, const char *name);
/* A field by name, or NULL. */
const struct lfield *layout_field(const struct layout *l, const char *field);

/* Read a scalar field (element 0 of an array) from a guest-endian buffer;
 * signed fields are sign-extended to 64 bits.  Fields that are not 1, 2, 4
 * or 8 bytes (aggregates) read as 0. */
uint64_t lf_get(const struct abi *a, const void *buf, const struct lfield *f);
/* Store v in guest byte order, truncated to the field size. */
void lf_put(const struct abi *a, void *buf, const struct lfield *f, uint64_t v);
/* The same for element i of an array field; out-of-range i reads 0 and
 * stores nothing. */
uint64_t lf_get_elem(const struct abi *a, const void *buf, const struct lfield *f, unsigned i);
void lf_put_elem(const struct abi *a, void *buf, const struct lfield *f, unsigned i, uint64_t v);

/* By field name: 0, or -1 if the layout (may be NULL) has no such field. */
int layout_put(const struct abi *a, const struct layout *l, void *buf, const char *field, uint64_t v);
int layout_get_field(const struct abi *a, const struct layout *l, const void *buf,
		     const char *field, uint64_t *v);

#endif
