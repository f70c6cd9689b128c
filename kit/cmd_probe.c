/* compatkit probe: identify Linux binaries and show the evidence (probes/). */
#include <elf.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include "cmd.h"
#include "probes/probe.h"

static void usage(FILE *f)
{
	fprintf(f,
		"usage: compatkit probe [--json] FILE...\n"
		"\n"
		"For each FILE, say which Linux emulation would run it and why: ELF class,\n"
		"endianness, machine, ABI level (ppc64), static or dynamic, interpreter, and\n"
		"every signature of the probe chain, in probe order:\n"
		"  +  a Linux signature that matched\n"
		"  !  a foreign-OS brand that matched (the file is not taken as Linux)\n"
		"  -  a signature that did not match (the detail says what was seen)\n"
		"\n"
		"  --json   one JSON array with an object per file\n"
		"  --help   this text\n"
		"\n"
		"Exit status: 0 all files matched a Linux ABI, 1 some did not, 2 usage error\n"
		"or a file that could not be read or is malformed.\n");
}

static const char *endian(unsigned d)
{
	return d == ELFDATA2MSB ? "big-endian" : "little-endian";
}

static void abi_level(const struct probe_result *r, char *buf, size_t n)
{
	if (!r->has_elfv)
		snprintf(buf, n, "n/a");
	else if (r->elfv_by_endian)
		snprintf(buf, n, "ELFv%u (e_flags & 3 = 0, unspecified: decided by endianness)", r->elfv);
	else
		snprintf(buf, n, "ELFv%u (e_flags & 3 = %u)", r->elfv_raw, r->elfv_raw);
}

static void print_text(const char *path, const struct probe_result *r, int rc)
{
	char lvl[96];
	const char *m = probe_machine_name(r->machine);

	if (rc == 0)
		printf("%s: %s\n", path, r->abi->emul);
	else
		printf("%s: no match: %s\n", path, r->reason);
	abi_level(r, lvl, sizeof lvl);
	printf("  class        ELF%u\n", r->elfclass == ELFCLASS64 ? 64 : 32);
	printf("  endianness   %s\n", endian(r->data));
	printf("  machine      %s (e_machine %u)\n", m ? m : "unknown", r->machine);
	if (r->has_elfv)
		printf("  abi level    %s\n", lvl);
	printf("  linking      %s%s\n", r->dynamic ? "dynamic" : "static", r->type == ET_DYN ? " (PIE)" : "");
	printf("  interpreter  %s\n", r->dynamic ? r->interp : "(none)");
	printf("  signatures   (probe order)\n");
	for (unsigned i = 0; i < r->nev; i++)
		printf("    %c %-14s %s\n", !r->ev[i].matched ? '-' : r->ev[i].negative ? '!' : '+',
		       r->ev[i].sig, r->ev[i].detail);
}

static void json_str(const char *s)
{
	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == '"' || *p == '\\')
			printf("\\%c", *p);
		else if (*p < 0x20 || *p >= 0x7f)
			printf("\\u%04x", *p);	/* bytes, not UTF-8: keep output ASCII */
		else
			putchar(*p);
	}
	putchar('"');
}

static void print_json(const char *path, const struct probe_result *r, int rc, int first)
{
	printf("%s\n  {\"file\": ", first ? "" : ",");
	json_str(path);
	printf(", \"status\": \"%s\"", rc == 0 ? "linux" : rc == 1 ? "nomatch" : "error");
	if (rc == 2) {
		printf(", \"error\": ");
		json_str(r->error);
		printf("}");
		return;
	}
	printf(", \"abi\": ");
	json_str(r->abi ? r->abi->name : NULL);
	printf(", \"emulation\": ");
	json_str(r->abi ? r->abi->emul : NULL);
	printf(", \"reason\": ");
	json_str(rc ? r->reason : NULL);
	printf(", \"foreign\": ");
	json_str(r->foreign[0] ? r->foreign : NULL);
	printf(",\n   \"class\": %u, \"endianness\": \"%s\", \"machine\": %u, \"machine_name\": ",
	       r->elfclass == ELFCLASS64 ? 64 : 32, r->data == ELFDATA2MSB ? "big" : "little", r->machine);
	json_str(probe_machine_name(r->machine));
	printf(", \"e_type\": %u, \"osabi\": %u, \"e_flags\": %llu", r->type, r->osabi, r->eflags);
	if (r->has_elfv)
		printf(", \"elfv\": %u, \"elfv_flags\": %u, \"elfv_by_endian\": %s", r->elfv, r->elfv_raw,
		       r->elfv_by_endian ? "true" : "false");
	printf(", \"dynamic\": %s, \"interp\": ", r->dynamic ? "true" : "false");
	json_str(r->dynamic ? r->interp : NULL);
	printf(",\n   \"signatures\": [");
	for (unsigned i = 0; i < r->nev; i++) {
		printf("%s\n     {\"name\": ", i ? "," : "");
		json_str(r->ev[i].sig);
		printf(", \"matched\": %s, \"negative\": %s, \"detail\": ", r->ev[i].matched ? "true" : "false",
		       r->ev[i].negative ? "true" : "false");
		json_str(r->ev[i].detail);
		printf("}");
	}
	printf("]}");
}

int cmd_probe(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "json", no_argument, 0, 'j' },
		{ "help", no_argument, 0, 'h' },
		{ 0, 0, 0, 0 },
	};
	int json = 0, c;
	while ((c = getopt_long(argc, argv, "jh", opts, NULL)) != -1) {
		switch (c) {
		case 'j': json = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	if (optind >= argc) {
		fprintf(stderr, "compatkit probe: no FILE given\n");
		usage(stderr);
		return 2;
	}
	int worst = 0;
	static struct probe_result r;	/* large; one at a time */
	if (json)
		printf("[");
	for (int i = optind; i < argc; i++) {
		int rc = probe_file(argv[i], &r);
		if (rc == 2)
			fprintf(stderr, "compatkit probe: %s\n", r.error);
		if (json)
			print_json(argv[i], &r, rc, i == optind);
		else if (rc != 2)
			print_text(argv[i], &r, rc);
		if (rc > worst)
			worst = rc;
		fflush(stdout);
	}
	if (json)
		printf("\n]\n");
	return worst;
}
