/* compatkit new-arch: what the command decided (kit/cmd_new_arch.c) and the
 * writer (kit/newarch.c). */
#ifndef CK_NEWARCH_H
#define CK_NEWARCH_H

#include <limits.h>

struct newarch {
	char name[32], from[64];
	char src[PATH_MAX];	/* tree with kit/templates and arches/<from> */
	char dst[PATH_MAX];	/* tree the arch is created in */
	unsigned machine, elfclass, data, elfv;
	char machine_name[64];	/* "EM_PPC" */
	char triplet[96], qemu[96];
	char ucarch[64], ucmode[256];	/* C expressions: "UC_ARCH_PPC", "UC_MODE_PPC32 | UC_MODE_BIG_ENDIAN" */
};

/* Check for clashes, render the templates, seed the tables; exit status. */
int newarch_write(const struct newarch *na);

#endif
