/* PLACEHOLDER generator: emits an empty table.  Replaced by the real
 * syscalls.master parser (issue 3). */
#include <stdio.h>
int main(int argc, char **argv)
{
	char p[4096];
	if (argc != 4) { fprintf(stderr, "usage: mksys MASTER TABLE OUTDIR\n"); return 2; }
	snprintf(p, sizeof p, "%s/sysent.c", argv[3]);
	FILE *f = fopen(p, "w");
	if (!f) { perror(p); return 1; }
	fprintf(f, "#include \"abi.h\"\nconst struct systable ck_systable_%s = { \"%s\", 0, 0, 0 };\n", argv[2], argv[2]);
	fclose(f);
	snprintf(p, sizeof p, "%s/sysnum.h", argv[3]);
	f = fopen(p, "w");
	if (!f) { perror(p); return 1; }
	fclose(f);
	return 0;
}
