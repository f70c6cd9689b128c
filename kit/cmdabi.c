/* The ABI a subcommand treats FILE as: the one --abi names, else the one
 * the probes choose (probes/probe.h), with the same one-line refusals for
 * run, predict and diff. */
#include <stdio.h>
#include "abi.h"
#include "cmd.h"
#include "probes/probe.h"

const struct abi *cmd_choose_abi(const char *cmd, const char *abiname, const char *path)
{
	if (abiname) {
		const struct abi *a = abi_find(abiname);
		if (!a)
			fprintf(stderr, "compatkit %s: unknown ABI '%s'\n", cmd, abiname);
		return a;
	}
	struct probe_result pr;
	int v = probe_file(path, &pr);
	if (v == 2) {
		fprintf(stderr, "compatkit %s: %s\n", cmd, pr.error);	/* it names path */
		return NULL;
	}
	if (v != 0 || !pr.abi) {
		fprintf(stderr, "compatkit %s: %s: no emulation matches%s%s (see `compatkit probe %s`)\n",
			cmd, path, pr.foreign[0] ? ": it is a " : "", pr.foreign, path);
		return NULL;
	}
	return pr.abi;
}
