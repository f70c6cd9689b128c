/* A guest for compatkit diff's test: the environment variable CK_DIFF makes
 * a deliberate difference in the syscall sequence, so a run with it set on
 * one side only must diverge at a known call:
 *   unset   write(1, "diffenv\n", 8)
 *   extra   umask(022) first, then the same write     (an extra call)
 *   arg     write(1, "diffenv!\n", 9)                 (an argument differs)
 * (A result that differs is tested on canned traces: tests/unit/test_diff.c.) */
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int main(void)
{
	const char *m = getenv("CK_DIFF");
	const char *msg = "diffenv\n";
	if (m && !strcmp(m, "extra"))
		umask(022);
	if (m && !strcmp(m, "arg"))
		msg = "diffenv!\n";
	write(1, msg, strlen(msg));
	return 0;
}
