/* Names of ELF machines and Unicorn arches/modes, generated from the system
 * headers (kit/gen/mknames.sh -> build/gen/cknames.c). */
#ifndef CK_CKNAMES_H
#define CK_CKNAMES_H

struct ck_name {
	const char *name;	/* "EM_PPC", "UC_ARCH_PPC", "UC_MODE_BIG_ENDIAN" */
	long value;
};

extern const struct ck_name ck_em_names[], ck_uc_arch_names[], ck_uc_mode_names[];

#endif
