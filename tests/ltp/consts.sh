#!/usr/bin/env bash
# consts.sh CC...: the Linux constants kit/sys/{fork,wait,execve,prctl}.c
# pass to the host unchanged (signal numbers, clone flags, wait options and
# idtypes, the at-flags of execveat, prctl options, waitid si_codes) must
# have the host's values in every ABI's own headers.  The host's values are
# printed by a host program; each cross compiler then has to accept
# _Static_assert(NAME == host value) for every name.  A mismatch names the
# constant and the compiler.  Counts go to `tests/record.sh procmodel-consts`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
work=build/procmodel-consts
rm -rf "$work"; mkdir -p "$work"

names="SIGHUP SIGINT SIGQUIT SIGILL SIGTRAP SIGABRT SIGBUS SIGFPE SIGKILL SIGUSR1
SIGSEGV SIGUSR2 SIGPIPE SIGALRM SIGTERM SIGSTKFLT SIGCHLD SIGCONT SIGSTOP SIGTSTP
SIGTTIN SIGTTOU SIGURG SIGXCPU SIGXFSZ SIGVTALRM SIGPROF SIGWINCH SIGIO SIGPWR
SIGSYS
CSIGNAL CLONE_VM CLONE_FS CLONE_FILES CLONE_SIGHAND CLONE_PIDFD CLONE_PTRACE
CLONE_VFORK CLONE_PARENT CLONE_THREAD CLONE_NEWNS CLONE_SYSVSEM CLONE_SETTLS
CLONE_PARENT_SETTID CLONE_CHILD_CLEARTID CLONE_DETACHED CLONE_UNTRACED
CLONE_CHILD_SETTID CLONE_NEWCGROUP CLONE_NEWUTS CLONE_NEWIPC CLONE_NEWUSER
CLONE_NEWPID CLONE_NEWNET CLONE_IO CLONE_NEWTIME CLONE_CLEAR_SIGHAND
CLONE_INTO_CGROUP CLONE_ARGS_SIZE_VER0 CLONE_ARGS_SIZE_VER2
WNOHANG WUNTRACED WSTOPPED WEXITED WCONTINUED WNOWAIT __WNOTHREAD __WALL __WCLONE
P_ALL P_PID P_PGID P_PIDFD CLD_EXITED CLD_KILLED CLD_DUMPED CLD_TRAPPED
CLD_STOPPED CLD_CONTINUED
AT_FDCWD AT_EMPTY_PATH AT_SYMLINK_NOFOLLOW AT_EACCESS
RUSAGE_SELF RUSAGE_CHILDREN RUSAGE_THREAD
PR_SET_PDEATHSIG PR_GET_PDEATHSIG PR_GET_DUMPABLE PR_SET_DUMPABLE PR_GET_KEEPCAPS
PR_SET_KEEPCAPS PR_SET_NAME PR_GET_NAME PR_GET_TIMERSLACK PR_SET_TIMERSLACK
PR_SET_CHILD_SUBREAPER PR_GET_CHILD_SUBREAPER PR_SET_NO_NEW_PRIVS
PR_GET_NO_NEW_PRIVS PR_CAPBSET_READ PR_GET_SECUREBITS"
# Kernel headers only (no libc: it clashes with them and may differ).
hdrs='#include <asm/signal.h>
#include <asm/siginfo.h>
#include <linux/sched.h>
#include <linux/wait.h>
#include <linux/fcntl.h>
#include <linux/resource.h>
#include <linux/prctl.h>
#ifndef CLD_EXITED
#define CLD_EXITED 1
#endif'
{
	echo "$hdrs"; echo '#include <stdio.h>'; echo 'int main(void) {'
	for n in $names; do echo "printf(\"%s %lld\\n\", \"$n\", (long long)($n));"; done
	echo 'return 0; }'
} >"$work/host.c"
if ! gcc -o "$work/host" "$work/host.c" 2>"$work/host.err"; then
	echo "consts: the host program does not build:"; head -5 "$work/host.err"
	bash tests/record.sh procmodel-consts 0 1 0; exit 1
fi
"$work/host" >"$work/host.txt"
{
	echo "$hdrs"
	while read -r n v; do echo "_Static_assert(($n) == ${v}LL, \"$n differs from the host ($v)\");"; done <"$work/host.txt"
} >"$work/check.c"

pass=0 fail=0 skip=0
for cc in "$@"; do
	if ! command -v "$cc" >/dev/null; then
		echo "SKIP consts $cc (not installed)"; skip=$((skip + 1)); continue
	fi
	if "$cc" -fsyntax-only "$work/check.c" 2>"$work/$cc.err"; then
		echo "PASS consts $cc: $(wc -l <"$work/host.txt") constants equal the host's"; pass=$((pass + 1))
	else
		echo "FAIL consts $cc:"; grep -o '"[A-Z_0-9]* differs[^"]*"' "$work/$cc.err" | head -10 | sed 's/^/    /'
		grep -q differs "$work/$cc.err" || head -5 "$work/$cc.err" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
bash tests/record.sh procmodel-consts "$pass" "$fail" "$skip"
[ "$fail" -eq 0 ]
