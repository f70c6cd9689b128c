/* libFuzzer target: the syscalls.master parser and generator (kit/gen/
 * mksys.c, compiled with -Dmain=mksys_main so the same code is fuzzed that
 * builds the tables).  Each input is written to a file and run as
 * `mksys FILE fuzz OUTDIR`; the messages for bad input go to /dev/null.
 * `make fuzz-mksys`. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int mksys_main(int argc, char **argv);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[] = "/tmp/ck-fuzz-mksys.XXXXXX", path[64];
	static FILE *null;
	if (!null) {
		if (!mkdtemp(dir) || !(null = fopen("/dev/null", "w")))
			abort();
		snprintf(path, sizeof path, "%s/in.master", dir);
	}
	FILE *f = fopen(path, "w");
	if (!f || fwrite(data, 1, size, f) != size || fclose(f))
		abort();
	char *argv[] = { "mksys", path, "fuzz", dir, NULL };
	FILE *save = stderr;
	stderr = null;	/* ASan reports go to fd 2 directly, not through this */
	int rc = mksys_main(4, argv);
	stderr = save;
	if (rc != 0 && rc != 1)
		abort();
	return 0;
}
