#!/usr/bin/env bash
# run.sh [--kit PATH] [--n N] [--seed S] [--timeout SECS] [--soak SECS]
#        [--group NAME] [--trace] [ABI...]
#
# Run the random-syscall guest (tests/guest/sysfuzz.c) under `compatkit run`
# for each ABI and print one summary line per ABI: calls issued, distinct
# numbers, errors, ENOSYS count, the kit's exit status, and the kit
# process's fd count and RSS (from /proc/PID) when the guest is ready and
# again after it closed everything it opened.  A kit that crashes, hangs
# (timeout), ends without the summary, reports a sanitizer error, or has
# more fds at the end than at the start FAILs.  Counts go to
# tests/record.sh (group sysfuzz, or --group).
#
# Never under qemu: every qemu-user dies under this guest (known).
# --soak SECS: seeds 1, 2, ... with N calls each until SECS have passed per
# ABI (make soak).  --trace runs the kit with --trace (output kept, to
# exercise the decoder on random arguments).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
kit=build/compatkit n=20000 seed=1 tmo=60 soak=0 group=sysfuzz trace=
while [ $# -gt 0 ]; do
	case $1 in
	--kit) kit=$2; shift ;;
	--n) n=$2; shift ;;
	--seed) seed=$2; shift ;;
	--timeout) tmo=$2; shift ;;
	--soak) soak=$2; shift ;;
	--group) group=$2; shift ;;
	--trace) trace=--trace ;;
	-h|--help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	-*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
abis=("$@")
[ ${#abis[@]} -gt 0 ] || read -ra abis <<<"${ABIS:-}"
[ ${#abis[@]} -gt 0 ] || read -ra abis <<<"$(sed -n 's/^ABIS[[:space:]]*+=//p' arches/*/arch.mk | tr '\n' ' ')"
kit=$(realpath "$kit")
work=$(realpath -m "$(dirname "$kit")/sysfuzz/$group")
pass=0 fail=0 skip=0

wait_for() {	# wait_for FILE PATTERN PID: 0 when the line is there, 1 if PID ended
	local i
	for ((i = 0; i < 20 * tmo; i++)); do
		grep -q "$2" "$1" 2>/dev/null && return 0
		kill -0 "$3" 2>/dev/null || { grep -q "$2" "$1" 2>/dev/null; return; }
		sleep 0.05
	done
	return 1
}
fds() { ls "/proc/$1/fd" 2>/dev/null | wc -l; }
rss() { awk '/^VmRSS/ {printf "%d", $2 / 1024}' "/proc/$1/status" 2>/dev/null; }

# one ABI SEED: run once; sets $verdict and $line
one() {
	local abi=$1 s=$2 d=$work/$1 bin=build/guest/$1/sysfuzz
	rm -rf "$d"; mkdir -p "$d"
	if [ ! -x "$bin" ]; then verdict=FAIL line="$bin missing (make $bin)"; return; fi
	bin=$(realpath "$bin")
	mkfifo "$d/fifo"
	local t0=$SECONDS
	# The kit starts with fds 0-2 only: inherited ones would be the guest's
	# to close, and the fd counts would not compare like with like.
	( for f in $(ls "/proc/$BASHPID/fd"); do [ "$f" -gt 2 ] && eval "exec $f>&-"; done 2>/dev/null
	  cd "$d" && exec timeout -k 5 "$tmo" "$kit" run $trace "$bin" "$n" "$s" <fifo >out 2>err ) &
	local tp=$!
	exec 7>"$d/fifo"
	local kp="" f0=? f1=? r0=? r1=?
	if wait_for "$d/out" '^sysfuzz: ready' "$tp"; then
		kp=$(cat "/proc/$tp/task/$tp/children" 2>/dev/null | awk '{print $1}')
		[ -n "$kp" ] && f0=$(fds "$kp") r0=$(rss "$kp")
		printf x >&7
		if wait_for "$d/out" '^sysfuzz: done' "$tp"; then
			[ -n "$kp" ] && f1=$(fds "$kp") r1=$(rss "$kp")
			printf x >&7
		fi
	fi
	exec 7>&-
	wait "$tp" 2>/dev/null; local rc=$?
	local sum; sum=$(grep -a '^sysfuzz: issued=' "$d/out" | tail -1 | sed 's/^sysfuzz: //')
	line="seed=$s ${sum:-no summary} kit-rc=$rc fds=$f0->$f1 rss=${r0}->${r1}MB $((SECONDS - t0))s"
	verdict=PASS
	local why=""
	[ $rc = 124 ] || [ $rc = 137 ] && why="kit hung (timeout ${tmo}s)"
	[ -z "$why" ] && [ $rc != 0 ] && why="kit exit status $rc"
	[ -z "$why" ] && [ -z "$sum" ] && why="no summary line"
	[ -z "$why" ] && [ "$f0" != "$f1" ] && why="kit fds $f0 at start, $f1 at the end"
	if grep -aqE 'ERROR: (Address|Leak)Sanitizer|runtime error:|^compatkit: (internal|guest killed)' "$d/err"; then
		why=${why:-"kit stderr: $(grep -aE -m1 'Sanitizer|runtime error:|^compatkit:' "$d/err")"}
	fi
	if [ -n "$why" ]; then
		verdict=FAIL line="$line: $why"
		tail -n 5 "$d/err" | sed 's/^/    kit stderr: /' >"$d/why"
	fi
}

for abi in "${abis[@]}"; do
	if [ "$soak" -gt 0 ]; then
		start=$SECONDS s=$seed runs=0 bad=0
		while [ $((SECONDS - start)) -lt "$soak" ]; do
			one "$abi" "$s"; runs=$((runs + 1))
			echo "  $verdict $abi $line"
			[ $verdict = FAIL ] && { bad=$((bad + 1)); cat "$work/$abi/why"; cp -r "$work/$abi" "$work/$abi.fail.$s"; }
			s=$((s + 1))
		done
		if [ $bad = 0 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
		echo "$([ $bad = 0 ] && echo PASS || echo FAIL) $abi soak: $runs runs of $n calls, $bad failed"
		continue
	fi
	one "$abi" "$seed"
	echo "$verdict $abi $line"
	[ $verdict = FAIL ] && cat "$work/$abi/why"
	case $verdict in PASS) pass=$((pass + 1)) ;; *) fail=$((fail + 1)) ;; esac
done
echo "$group: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh "$group" "$pass" "$fail" "$skip"
[ "$fail" = 0 ]
