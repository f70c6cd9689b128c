/* Helpers for the probe tests: where the generated inputs live and how to
 * look at one signature's verdict. */
#ifndef PROBE_UTIL_H
#define PROBE_UTIL_H

#include <criterion/criterion.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include "probes/probe.h"

/* Inputs are built by `make probe-inputs` (a dependency of make check). */
#define PB "build/probe"

static inline void need(const char *path)
{
	if (access(path, R_OK))
		cr_assert_fail("%s missing: run `make probe-inputs` first", path);
}

/* The event of signature `sig`, or NULL if it was not tried. */
static inline const struct probe_ev *ev_of(const struct probe_result *r, const char *sig)
{
	for (unsigned i = 0; i < r->nev; i++)
		if (!strcmp(r->ev[i].sig, sig))
			return &r->ev[i];
	return NULL;
}

static inline int sig_matched(const struct probe_result *r, const char *sig)
{
	const struct probe_ev *e = ev_of(r, sig);
	cr_assert_not_null(e, "signature %s was not tried", sig);
	return e->matched;
}

static inline unsigned nmatched(const struct probe_result *r)
{
	unsigned n = 0;
	for (unsigned i = 0; i < r->nev; i++)
		n += r->ev[i].matched;
	return n;
}

#endif
