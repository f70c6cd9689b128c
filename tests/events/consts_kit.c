/* consts_kit ABI < guest-output: for each "KIND NAME GUESTVALUE" line that
 * consts_guest printed under the ABI, check that the kit turns the guest's
 * value into the host's (and, for option numbers, back).  Prints each
 * mismatch and "consts ABI: N ok, N mismatched". */
#include "consts_incs.h"
#include <stdio.h>
#include <string.h>
#include "abi.h"
#include "sys/evsys.h"

static long host_value(const char *name, int *found)
{
	*found = 1;
#define C(kind, n) if (!strcmp(name, #n)) return (long)(n);
#include "consts.h"
#undef C
	*found = 0;
	return 0;
}

int main(int argc, char **argv)
{
	const struct abi *a = argc == 2 ? abi_find(argv[1]) : NULL;
	if (!a) {
		fprintf(stderr, "usage: consts_kit ABI < consts_guest-output\n");
		return 2;
	}
	char kind[8], name[64];
	long g;
	int ok = 0, bad = 0, found;
	while (scanf("%7s %63s %ld", kind, name, &g) == 3) {
		long h = host_value(name, &found), got = 0, back = g;
		if (!found)
			got = h + 1;
		else if (!strcmp(kind, "OPT")) {
			got = sockopt_to_host(a, (int)g);
			back = sockopt_to_guest(a, (int)h);
		} else if (!strcmp(kind, "FL"))
			got = ev_flags(a, (uint64_t)g, 0);
		else
			got = g;
		if (got == h && back == g)
			ok++;
		else {
			bad++;
			printf("%s: %s: guest header says %ld, the kit makes it %ld (host %ld)%s\n", a->name, name,
			       g, got, h, back != g ? ", and maps the host's back wrongly" : "");
		}
	}
	printf("consts %s: %d ok, %d mismatched\n", a->name, ok, bad);
	return bad != 0 || ok == 0;
}
