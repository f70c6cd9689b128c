/* compatkit: command-line entry.  Dispatches to kit/cmd_*.c. */
#include <stdio.h>
#include <string.h>
#include "cmd.h"

#pragma weak cmd_probe
#pragma weak cmd_syscalls
#pragma weak cmd_run
#pragma weak cmd_suite
#pragma weak cmd_diff
#pragma weak cmd_check
#pragma weak cmd_new_arch
#pragma weak cmd_predict

static const struct {
	const char *name;
	int (*fn)(int, char **);
	const char *summary;
} cmds[] = {
	{ "probe", cmd_probe, "identify Linux binaries and show the evidence" },
	{ "syscalls", cmd_syscalls, "list an arch's syscall table and coverage" },
	{ "run", cmd_run, "run a Linux binary of any supported ABI" },
	{ "suite", cmd_suite, "run the regression suite and print the matrix" },
	{ "diff", cmd_diff, "compare a run with qemu-user-static, syscall by syscall" },
	{ "check", cmd_check, "verify an arch's bring-up stages" },
	{ "new-arch", cmd_new_arch, "create a new arch from templates" },
	{ "predict", cmd_predict, "predict whether a binary will run" },
};

static void usage(FILE *f)
{
	fprintf(f, "usage: compatkit COMMAND [OPTIONS] [ARGS]\n\ncommands:\n");
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++)
		fprintf(f, "  %-10s %s%s\n", cmds[i].name, cmds[i].summary,
			cmds[i].fn ? "" : " (not built yet)");
	fprintf(f, "\n`compatkit COMMAND --help` describes each command.\n");
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		usage(stderr);
		return 2;
	}
	if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		usage(stdout);
		return 0;
	}
	for (size_t i = 0; i < sizeof cmds / sizeof cmds[0]; i++) {
		if (strcmp(argv[1], cmds[i].name))
			continue;
		if (!cmds[i].fn) {
			fprintf(stderr, "compatkit: '%s' is not implemented in this build yet\n", argv[1]);
			return 2;
		}
		return cmds[i].fn(argc - 1, argv + 1);
	}
	fprintf(stderr, "compatkit: unknown command '%s'\n", argv[1]);
	usage(stderr);
	return 2;
}
