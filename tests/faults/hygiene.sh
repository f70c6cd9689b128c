#!/usr/bin/env bash
# hygiene.sh KIT N ABI...: N fork+exec+wait cycles of a guest
# (tests/guest/forkexec.c) leave the kit process's fd count and RSS flat.
# The figures come from /proc/PID of the kit at the guest's two handshakes
# (before the first fork, after the last wait) and are printed.  Flat: the
# same fds, RSS grown by less than 8 MB.  A kit without fork/execve/wait4
# makes the guest exit 77 with the reason: recorded as skipped.
# Group: hygiene.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
. tests/jobs.sh
kit=$(realpath "$1") n=$2; shift 2
pass=0 fail=0 skip=0
wait_for() {	# FILE PATTERN PID
	local i
	for ((i = 0; i < 12000; i++)); do
		grep -qs "$2" "$1" && return 0
		kill -0 "$3" 2>/dev/null || { grep -qs "$2" "$1"; return; }
		sleep 0.05
	done
	return 1
}
# one ABI: one kit's cycles; prints its line, leaves pass, fail or skip in
# build/hygiene/ABI/res.  Each runs in a subshell of its own (its fifo on
# its own fd 7), two ABIs at a time: what is measured is one kit's own fds
# and RSS, which a neighbour does not change.
one() {
	local abi=$1
	d=build/hygiene/$abi bin=$(realpath "build/guest/$abi/forkexec")
	rm -rf "$d"; mkdir -p "$d"; mkfifo "$d/fifo"
	( for f in $(ls "/proc/$BASHPID/fd"); do [ "$f" -gt 2 ] && eval "exec $f>&-"; done 2>/dev/null
	  exec timeout -k 5 900 "$kit" run "$bin" "$n" <"$d/fifo" >"$d/out" 2>"$d/err" ) &
	tp=$!
	exec 7>"$d/fifo"
	f0=? f1=? r0=? r1=?
	if wait_for "$d/out" '^forkexec: ready' $tp; then
		kp=$(awk '{print $1}' "/proc/$tp/task/$tp/children" 2>/dev/null)
		f0=$(ls "/proc/$kp/fd" 2>/dev/null | wc -l) r0=$(awk '/^VmRSS/ {print int($2/1024)}' "/proc/$kp/status")
		printf x >&7
		if wait_for "$d/out" '^forkexec: done' $tp; then
			f1=$(ls "/proc/$kp/fd" 2>/dev/null | wc -l) r1=$(awk '/^VmRSS/ {print int($2/1024)}' "/proc/$kp/status")
			printf x >&7
		fi
	fi
	exec 7>&-
	wait $tp; rc=$?
	if [ $rc = 77 ] && grep -q '^SKIP: ' "$d/out"; then
		echo "SKIP $abi forkexec: $(sed -n 's/^SKIP: //p' "$d/out" | head -1) in the kit"
		echo skip >"$d/res"; return
	fi
	fig="$(grep '^forkexec: cycles' "$d/out" | sed 's/^forkexec: //') fds $f0->$f1 rss ${r0}->${r1} MB"
	why=""
	[ $rc = 0 ] || why="exit status $rc"
	[ -z "$why" ] && [ "$f0" != "$f1" ] && why="fds not flat"
	[ -z "$why" ] && [ $((r1 - r0)) -ge 8 ] && why="RSS grew by $((r1 - r0)) MB"
	if [ -n "$why" ]; then echo "FAIL $abi forkexec: $fig: $why"; echo fail >"$d/res"
	else echo "PASS $abi forkexec: $fig"; echo pass >"$d/res"; fi
}
mkdir -p build/hygiene
for abi in "$@"; do
	rm -f "build/hygiene/$abi.log"
	one "$abi" >"build/hygiene/$abi.log" 2>&1 &
	job_slot "${HYGIENE_JOBS:-2}"
done
wait
for abi in "$@"; do
	cat "build/hygiene/$abi.log"
	case $(cat "build/hygiene/$abi/res" 2>/dev/null) in
	pass) pass=$((pass + 1)) ;;
	skip) skip=$((skip + 1)) ;;
	fail) fail=$((fail + 1)) ;;
	*) echo "FAIL $abi forkexec: did not finish"; fail=$((fail + 1)) ;;
	esac
done
echo "hygiene: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh hygiene "$pass" "$fail" "$skip"
[ $fail = 0 ]
