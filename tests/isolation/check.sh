#!/usr/bin/env bash
# check.sh KIT ABI...: the kit's own descriptors are out of the guest's
# reach.  tests/guest/fdisolate.c closes everything, dup2s onto every fd up
# to its limit and past it, probes the fds above the limit and closes its
# stderr, then keeps working; under --trace the trace (on the kit's own
# descriptor) must still arrive after all that.  (Its output is also
# compared with qemu's: tests/compare.cases, case fdisolate.)
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
kit=$1; shift
pass=0 fail=0
for abi in "$@"; do
	d=build/isolation/$abi; rm -rf "$d"; mkdir -p "$d"
	timeout -k 5 60 "$kit" run --trace "build/guest/$abi/fdisolate" "$d" >"$d/out" 2>"$d/err"
	rc=$? why=""
	[ $rc = 0 ] || why="exit status $rc"
	[ -z "$why" ] && ! tail -1 "$d/out" | grep -qx 'fdisolate: done' && why="no 'fdisolate: done'"
	# close(2) is traced, and so is everything after it, up to exit_group.
	[ -z "$why" ] && ! grep -q ' close(2) = 0$' "$d/err" && why="no trace line for close(2)"
	[ -z "$why" ] && ! sed -n '/ close(2) = 0$/,$p' "$d/err" | grep -q ' unlink(".*fdisolate.tmp") = 0$' &&
		why="trace lines stop after the guest closed its stderr"
	[ -z "$why" ] && ! tail -1 "$d/err" | grep -q ' exit_group(0)' && why="no exit_group(0) at the end of the trace"
	if [ -n "$why" ]; then
		echo "FAIL $abi fdisolate: $why"; grep -v '^fdisolate:.* ok$' "$d/out" | head -5 | sed 's/^/    /'
		fail=$((fail + 1))
	else
		echo "PASS $abi fdisolate (trace arrives after close(2), $(wc -l <"$d/err") lines)"
		pass=$((pass + 1))
	fi
done
bash tests/record.sh isolation-fds "$pass" "$fail" 0
[ $fail = 0 ]
