/*
 * Exec probes: decide whether an ELF file is a Linux binary and which Linux
 * ABI (struct abi in kit/abi.h) runs it.  The runtime's exec switch and
 * `compatkit probe` both call probe_file()/probe_buf().
 *
 * The decision rule and the signature chain are described in probes/README.
 */
#ifndef CK_PROBE_H
#define CK_PROBE_H

#include <stddef.h>
#include "abi.h"

#define PROBE_MAXEV 32

/* One signature of the chain, as tried on one file. */
struct probe_ev {
	const char *sig;	/* signature name, e.g. "abi-tag" */
	int matched;		/* 1: the file carries this mark */
	char detail[200];	/* what was found, or why it did not match */
	int negative;		/* 1: a foreign-OS brand (a match rejects Linux) */
};

struct probe_result {
	const struct abi *abi;	/* chosen Linux ABI, or NULL */
	char error[256];	/* one-line problem for malformed/unreadable input */
	char foreign[32];	/* "NetBSD", "FreeBSD" when a negative brand matched */
	unsigned machine, elfclass, data, elfv;
	int elfv_by_endian;	/* ppc64 e_flags left the ABI level unspecified */
	int dynamic;		/* has PT_INTERP (needs a run-time loader) */
	char interp[256];
	struct probe_ev ev[PROBE_MAXEV];
	unsigned nev;		/* every signature tried, in probe order */
	/* additions */
	unsigned type;		/* e_type */
	unsigned osabi;		/* e_ident[EI_OSABI] */
	unsigned long long eflags;	/* e_flags */
	unsigned elfv_raw;	/* e_flags & EF_PPC64_ABI as found (ABI-level machines) */
	int has_elfv;		/* the machine's brands carry an ABI level */
	char reason[256];	/* one line: why abi is NULL (no error) */
};

/* 0: matched a Linux ABI (r->abi set), 1: no match (r->reason), 2: error
 * (r->error names the file and the problem).  r is always filled. */
int probe_file(const char *path, struct probe_result *r);
int probe_buf(const void *buf, size_t len, const char *name, struct probe_result *r);

/* Display helpers. */
const char *probe_machine_name(unsigned em);	/* "PowerPC64", or NULL */
const char *probe_osabi_name(unsigned osabi);	/* "FreeBSD", or NULL */

#endif
