/* libFuzzer harness: probe_buf must never crash, hang or leak, and must
 * always return one of its three documented values with the matching field
 * filled.  Built by `make fuzz-probe` (probes/probes.mk). */
#include <stdint.h>
#include <stdlib.h>
#include "probes/probe.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct probe_result r;
	int rc = probe_buf(data, size, "fuzz", &r);
	if (rc == 0 && !r.abi)
		abort();
	if (rc == 1 && !r.reason[0])
		abort();
	if (rc == 2 && !r.error[0])
		abort();
	if (rc < 0 || rc > 2 || r.nev > PROBE_MAXEV)
		abort();
	return 0;
}
