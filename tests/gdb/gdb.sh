#!/usr/bin/env bash
# The gdb stub against gdb itself: for every ABI, gdb-multiarch in batch mode
# attaches to `compatkit run --gdb 0` running build/gdb/<abi>/prog
# (tests/gdb/prog.c, built with -g) and must
#   - stop at a breakpoint on main, step a line with `next`, print a local
#     variable, show a PC past the breakpoint, see the exit code (session 1);
#   - run to a breakpoint in add(), `finish` with its return value, see the
#     guest's SIGUSR1 as a stop and then as the cause of death (session 2);
#   - see a SIGSEGV, get an error for an unmapped address, kill (session 3);
#   - stop for a SIGUSR2 the guest handles, stop in its handler, single-step
#     through the handler and the sigreturn back into the interrupted code,
#     and exit normally (session 4);
#   - do session 1's first steps on the dynamic build (prog.dyn): gdb finds
#     where a PIE was loaded from the auxv the stub sends (session 5);
#   - interrupt (gdb's ^C) a guest spinning in a loop, set the variable that
#     ends it, continue to its exit; interrupt one asleep in nanosleep and
#     find main in the backtrace;
#   - stop at a write watchpoint with the old and new values, and at a read
#     watchpoint with the value read;
#   - on the threaded guest (tests/gdb/threads.c): stop in a worker, list
#     all three threads, read another thread's registers and backtrace,
#     continue to the other worker's stop and to the exit.
# The expected values come from prog.c itself (the marked lines, the
# constants) and from the host's signal numbers; the port is the one the
# kit reports after binding port 0, so parallel runs cannot collide.
# Everything runs under a timeout.
set -u
cd "$(dirname "$0")/../.."
KIT=build/compatkit
SRC=tests/gdb/prog.c
pass=0 fail=0 skip=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "check-gdb: FAIL: $*"; }

if ! command -v gdb-multiarch >/dev/null; then
	echo "check-gdb: skipped: no gdb-multiarch (kit/scripts/deps.sh installs it)"
	bash tests/record.sh gdb 0 0 1
	exit 0
fi

# What prog.c says: the value of the first marked line, the line numbers of
# the two marked lines, its exit code.
first_val=$(sed -n 's/.*int value = \([0-9]*\);.*GDB-FIRST.*/\1/p' $SRC)
first_line=$(grep -n 'GDB-FIRST' $SRC | cut -d: -f1)
second_line=$(grep -n 'GDB-SECOND' $SRC | cut -d: -f1)
exit_code=$(sed -n 's/^[[:space:]]*return \([0-9]*\);$/\1/p' $SRC)
loop_lines="$(grep -n 'while (!stop_loop)' $SRC | cut -d: -f1)|$(grep -n 'spin++;' $SRC | cut -d: -f1)"
read_line=$(grep -n '/\* SIGSEGV \*/' $SRC | cut -d: -f1)
nworkers=$(sed -n 's/^#define NWORKERS \([0-9]*\).*GDB-NWORKERS.*/\1/p' tests/gdb/threads.c)
threads_exit=$(sed -n 's/^[[:space:]]*return \([0-9]*\);$/\1/p' tests/gdb/threads.c)
usr1=$(kill -l USR1) usr2=$(kill -l USR2)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# session ABI GUESTARG GDB-COMMAND...: output in $tmp/out, kit status in $rc.
# PROG=file: another program than build/gdb/ABI/prog.
session() {
	local abi=$1 arg=$2; shift 2
	local prog=${PROG:-build/gdb/$abi/prog} log=$tmp/kit.log port="" i
	local -a ex=()
	for c in "$@"; do ex+=(-ex "$c"); done
	: > "$log"
	# The status through a file: a job killed by a signal would make bash
	# print a line of its own.
	(timeout -s KILL 60 $KIT run --gdb 0 "$prog" $arg > "$tmp/stdout" 2> "$log"
	 echo $? > "$tmp/rc") 2>/dev/null &
	local kp=$!
	for i in $(seq 200); do
		port=$(sed -n 's/^compatkit: gdb: waiting for a debugger on 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$log")
		[ -n "$port" ] && break
		kill -0 $kp 2>/dev/null || break
		sleep 0.05
	done
	if [ -z "$port" ]; then
		echo "check-gdb: $abi: the kit announced no port:"; cat "$log"
		wait $kp	# bounded by its timeout
		rc=-1
		: > "$tmp/out"
		return
	fi
	timeout --foreground -s KILL 60 gdb-multiarch -nx -batch -ex "set pagination off" \
		-ex "target remote 127.0.0.1:$port" "${ex[@]}" "$prog" > "$tmp/out" 2>&1 &
	local gp=$!
	if [ -n "${INTR:-}" ]; then
		# gdb's ^C: a SIGINT to gdb (timeout --foreground passes it
		# on, to gdb alone: without it, to its whole group, and a
		# second ^C makes gdb give up the target) once the
		# guest printed INTR, so it runs (or sleeps) in the kit.
		for i in $(seq 600); do
			grep -q "$INTR" "$tmp/stdout" 2>/dev/null && break
			kill -0 $gp 2>/dev/null || break
			sleep 0.05
		done
		sleep 0.2
		kill -INT $gp 2>/dev/null
	fi
	wait $gp
	wait $kp
	rc=$(cat "$tmp/rc")
}

# expect ABI WHAT PATTERN: the session's gdb output has a line matching PATTERN.
expect() {
	if grep -qE -- "$3" "$tmp/out"; then ok; else bad "$1: $2 (no line matching '$3')"; fi
}

for abi in ${ABIS}; do
	if [ ! -x build/gdb/$abi/prog ]; then
		echo "check-gdb: $abi: skipped: build/gdb/$abi/prog was not built"
		skip=$((skip + 1))
		continue
	fi
	n0=$fail

	session "$abi" "" 'break main' 'continue' 'next' 'print value' 'info registers pc' 'continue'
	expect $abi "stops at main" "^Breakpoint 1, main \\(.*prog\\.c:$first_line\$"
	expect $abi "next steps to the next line" "^$second_line[[:space:]]"
	expect $abi "prints the local variable" "^\\\$1 = $first_val\$"
	bp=$(sed -n 's/^Breakpoint 1 at \(0x[0-9a-f]*\):.*/\1/p' "$tmp/out")
	pc=$(sed -nE 's/^(pc|rip|eip) +(0x[0-9a-f]+) .*<main\+[0-9]+>$/\2/p' "$tmp/out")
	if [ -n "$bp" ] && [ -n "$pc" ] && [ $((pc)) -gt $((bp)) ]; then ok
	else bad "$abi: pc after next ('$pc') not in main past the breakpoint ('$bp')"; fi
	expect $abi "reports the exit code" "exited with code 0*$exit_code\\]"
	if [ "$rc" = "$exit_code" ]; then ok; else bad "$abi: kit exit status $rc, want $exit_code"; fi

	session "$abi" s 'break add' 'continue' 'finish' 'continue' 'continue'
	expect $abi "stops in add" "^Breakpoint 1, add \\(a=$first_val, b=1\\)"
	expect $abi "finish returns the sum" "^Value returned is \\\$1 = $((first_val + 1))\$"
	expect $abi "stops for the guest's signal" "^Program received signal SIGUSR1,"
	expect $abi "reports the death by the signal" "^Program terminated with signal SIGUSR1,"
	if [ "$rc" = $((128 + usr1)) ]; then ok; else bad "$abi: kit status $rc, want $((128 + usr1))"; fi

	session "$abi" f 'continue' 'x/x 0' 'info registers pc'
	expect $abi "stops for SIGSEGV" "^Program received signal SIGSEGV,"
	expect $abi "an unmapped address is an error" "Cannot access memory at address 0x0"
	if [ "$rc" = 137 ]; then ok; else bad "$abi: the kit did not die by SIGKILL when gdb quit (status $rc)"; fi

	session "$abi" h 'break handler' 'continue' 'continue' 'stepi 40' 'info registers pc' 'continue'
	expect $abi "stops for the handled signal" "^Program received signal SIGUSR2,"
	expect $abi "stops in the handler" "^Breakpoint 1, handler \\(sig=$usr2\\)"
	# 40 instructions take every ABI through the handler and the sigcode
	# page (which has no symbol) back into the C library or main.
	if grep -E "^(pc|rip|eip) +0x[0-9a-f]+ +0x[0-9a-f]+ <[A-Za-z_.]" "$tmp/out" | grep -qv "<handler"; then ok
	else bad "$abi: 40 steps from the handler's breakpoint did not come back to the program"; fi
	if grep -q "^caught $usr2\$" "$tmp/stdout" && [ "$rc" = "$exit_code" ]; then ok
	else bad "$abi: after stepping through the handler: status $rc, output '$(cat "$tmp/stdout")'"; fi

	if [ -x build/gdb/$abi/prog.dyn ]; then
		PROG=build/gdb/$abi/prog.dyn session "$abi" "" 'break main' 'continue' 'next' 'print value' 'continue'
		expect $abi "dynamic: stops at main" "^Breakpoint 1, main \\(.*prog\\.c:$first_line\$"
		expect $abi "dynamic: next and print" "^\\\$1 = $first_val\$"
		if [ "$rc" = "$exit_code" ]; then ok; else bad "$abi: dynamic: kit exit status $rc, want $exit_code"; fi
	else
		echo "check-gdb: $abi: dynamic: skipped: build/gdb/$abi/prog.dyn was not built"
		skip=$((skip + 1))
	fi

	# Interrupt: a guest spinning until a variable is set.
	INTR=running session "$abi" l 'continue' 'print stop_loop = 1' 'continue'
	expect $abi "interrupt: stops with SIGINT" "^Program received signal SIGINT,"
	expect $abi "interrupt: stopped in the loop" "^($loop_lines)[[:space:]]"
	if [ "$rc" = "$exit_code" ]; then ok; else bad "$abi: interrupt: kit status $rc, want $exit_code"; fi
	# ... and one asleep in a host call (nanosleep): killed after.
	INTR=running session "$abi" z 'continue' 'bt' 'kill'
	expect $abi "interrupt in sleep: stops with SIGINT" "^Program received signal SIGINT,"
	expect $abi "interrupt in sleep: main on the stack" "^#[0-9]+ +0x[0-9a-f]+ in main \\("
	if [ "$rc" = 137 ]; then ok; else bad "$abi: interrupt in sleep: kit status $rc, want 137"; fi

	# Watchpoints: `counter = value` writes first_val + 1 over 0; the 'f'
	# run reads it at its last line.
	session "$abi" "" 'break main' 'continue' 'watch counter' 'continue' 'continue'
	expect $abi "watch: stops at the write" "^Hardware watchpoint 2: counter\$"
	expect $abi "watch: old value" "^Old value = 0\$"
	expect $abi "watch: new value" "^New value = $((first_val + 1))\$"
	if [ "$rc" = "$exit_code" ]; then ok; else bad "$abi: watch: kit status $rc, want $exit_code"; fi
	session "$abi" f 'break main' 'continue' 'rwatch counter' 'continue' 'continue'
	expect $abi "rwatch: stops at the read" "^Value = $((first_val + 1))\$"
	expect $abi "rwatch: at the reading line" "^$read_line[[:space:]]"
	expect $abi "rwatch: then the fault" "^Program received signal SIGSEGV,"

	# Threads.
	if [ -x build/gdb/$abi/threads ]; then
		PROG=build/gdb/$abi/threads session "$abi" "" 'break at_stop' 'continue' 'info threads' \
			'print id' 'thread 1' 'bt' 'continue' 'print id' 'continue'
		expect $abi "threads: a worker stops" "^Thread [0-9]+ hit Breakpoint 1, at_stop \\(id=[0-9]+\\)"
		n=$(grep -cE '^\*? +[0-9]+ +Thread [0-9]+ ' "$tmp/out")
		# the first `info threads`: main and the workers; the second stop
		# is not listed (no second `info threads`)
		if [ "$n" = $((nworkers + 1)) ]; then ok
		else bad "$abi: threads: info threads listed $n threads, want $((nworkers + 1))"; fi
		ids=$(sed -n 's/^\$[0-9]* = \([0-9]*\)$/\1/p' "$tmp/out" | sort | tr '\n' ' ')
		want=$(seq $nworkers | tr '\n' ' ')
		if [ "$ids" = "$want" ]; then ok
		else bad "$abi: threads: the workers that stopped: '$ids', want '$want'"; fi
		expect $abi "threads: thread 1's backtrace reaches main" "^#[0-9]+ +0x[0-9a-f]+ in main \\(\\) at .*threads\\.c"
		if [ "$rc" = "$threads_exit" ]; then ok; else bad "$abi: threads: kit status $rc, want $threads_exit"; fi
	else
		echo "check-gdb: $abi: threads: skipped: build/gdb/$abi/threads was not built"
		skip=$((skip + 1))
	fi

	if [ $fail -ne $n0 ]; then
		echo "--- $abi: last gdb session:"; cat "$tmp/out"
	else
		echo "check-gdb: $abi: ok"
	fi
done

# A bad port is a one-line error, not a wait.
if out=$(timeout 10 $KIT run --gdb 99999 build/gdb/amd64/prog 2>&1); then
	bad "--gdb 99999 accepted"
elif [ "$(printf '%s\n' "$out" | wc -l)" = 1 ] && printf '%s' "$out" | grep -q "not a port"; then ok
else bad "--gdb 99999: '$out'"; fi

echo "check-gdb: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh gdb $pass $fail $skip
[ $fail -eq 0 ]
