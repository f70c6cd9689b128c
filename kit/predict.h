/* compatkit predict: which syscalls a binary can issue, found statically. */
#ifndef CK_PREDICT_H
#define CK_PREDICT_H
#include <stdint.h>
#include <stddef.h>
#include "abi.h"

/* One syscall instruction and one number it may be reached with; a site
 * reached with several constants gives several entries. */
struct psite {
	uint64_t addr;
	int64_t nr;		/* -1: the number is not a constant the scan can see */
	const char *obj;	/* the file it is in */
	char func[48];		/* enclosing function from .symtab, or "" */
};

struct pscan {
	struct psite *s;
	size_t n, cap;
	size_t insns;		/* instructions decoded */
	size_t traps;		/* syscall instructions found */
};

/* Scan one ELF file's executable sections for syscall instructions and the
 * numbers they are reached with; append to out.  Returns 0, or -1 with a
 * one-line reason in err. */
int predict_scan(const struct abi *a, const char *path, struct pscan *out, char *err, size_t errlen);
void pscan_free(struct pscan *p);

/* The files a dynamic program loads: its PT_INTERP and DT_NEEDED, closed
 * over the libraries' own DT_NEEDED, looked up as the target's ld.so would
 * (sysroot first).  Fills up to max host paths (malloc'd) and returns how
 * many; a library that cannot be found is reported in missing (one name
 * each, up to maxmiss). */
int predict_deps(const struct abi *a, const char *path, char **out, int max,
		 char **missing, int maxmiss, int *nmissing);
#endif
