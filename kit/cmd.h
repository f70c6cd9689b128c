/* Subcommands of the compatkit CLI.  Each lives in its own kit/cmd_*.c and
 * returns the process exit status.  main.c references them weakly, so a
 * subcommand that is not built yet reports that instead of breaking the link. */
#ifndef CK_CMD_H
#define CK_CMD_H

#define CK_CMD(fn) int fn(int argc, char **argv)
CK_CMD(cmd_probe);
CK_CMD(cmd_syscalls);
CK_CMD(cmd_run);
CK_CMD(cmd_suite);
CK_CMD(cmd_diff);
CK_CMD(cmd_check);
CK_CMD(cmd_new_arch);
CK_CMD(cmd_predict);

/* kit/cmdabi.c: the ABI to treat path as (--abi's name, else the probes'
 * choice), or NULL after a one-line "compatkit <cmd>: ..." on stderr. */
struct abi;
const struct abi *cmd_choose_abi(const char *cmd, const char *abiname, const char *path);

#endif
