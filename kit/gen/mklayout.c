/* PLACEHOLDER generator: emits an empty layout set.  Replaced by the real
 * layouts.def parser (issue 3). */
#include <stdio.h>
int main(int argc, char **argv)
{
	char p[4096];
	if (argc != 4) { fprintf(stderr, "usage: mklayout DEF TABLE OUTDIR\n"); return 2; }
	snprintf(p, sizeof p, "%s/layouts.c", argv[3]);
	FILE *f = fopen(p, "w");
	if (!f) { perror(p); return 1; }
	fprintf(f, "#include \"abi.h\"\nconst struct layouts ck_layouts_%s = { 0, 0 };\n", argv[2]);
	fclose(f);
	snprintf(p, sizeof p, "%s/layoutprobe.c", argv[3]);
	f = fopen(p, "w");
	if (!f) { perror(p); return 1; }
	fprintf(f, "int main(void) { return 0; }\n");
	fclose(f);
	return 0;
}
