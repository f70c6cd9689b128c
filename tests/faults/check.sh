#!/usr/bin/env bash
# check.sh KIT ABI...: guests that end badly end as Linux ends them.
#   stackovf          recursion until the stack is gone: SIGSEGV
#   stackovf handler  the same with a SIGSEGV handler but no altstack
#   segvhandler       a fault inside the SIGSEGV handler
#   spin + SIGALRM    an endless loop; the runner's timeout signal (SIGALRM,
#   spin + SIGTERM    as `timeout -s ALRM`; and SIGTERM) must kill the kit
#                     promptly although the guest never enters the kit.
# The expected status and stdout are qemu-user's (tests/ref/qemu-run.sh);
# a guest that exits 77 printing "SKIP: reason" (sigaction missing in the
# kit) is recorded as skipped with that reason.  Group: faults.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
kit=$1; shift
pass=0 fail=0 skip=0
report() {	# VERDICT ABI CASE [WHY]
	echo "$1 $2 $3${4:+  ($4)}"
	case $1 in PASS) pass=$((pass + 1)) ;; FAIL) fail=$((fail + 1)) ;; SKIP) skip=$((skip + 1)) ;; esac
}
# run DIR TAG CMD...: status in DIR/TAG.rc, output in DIR/TAG.{out,err}
run() {
	local d=$1 tag=$2; shift 2
	( exec 2>/dev/null; timeout -k 5 30 "$@" </dev/null >"$d/$tag.out" 2>"$d/$tag.err"; echo $? >"$d/$tag.rc" )
}

# The guest spins; signal SIG once it printed its line; the runner must see
# it die by SIG within 2 s.  Prints "STATUS MILLISECONDS".
signal_spin() {
	local d=$1 sig=$2; shift 2
	"$@" >"$d/spin.out" 2>"$d/spin.err" </dev/null &
	local p=$! i
	for ((i = 0; i < 200; i++)); do grep -qs '^spin: spinning' "$d/spin.out" && break; sleep 0.05; done
	sleep 0.2
	local t0; t0=$(date +%s%N)
	kill -s "$sig" $p 2>/dev/null
	for ((i = 0; i < 40; i++)); do kill -0 $p 2>/dev/null || break; sleep 0.05; done
	local ms=$(( ($(date +%s%N) - t0) / 1000000 ))
	kill -0 $p 2>/dev/null && { kill -KILL $p; ms=timeout; }
	wait $p 2>/dev/null; echo "$? $ms"
}

for abi in "$@"; do
	g=build/guest/$abi d=build/faults/$abi
	rm -rf "$d"; mkdir -p "$d"
	for c in "stackovf" "stackovf handler" "segvhandler"; do
		read -r prog arg <<<"$c"
		run "$d" kit "$kit" run "$g/$prog" $arg
		kr=$(cat "$d/kit.rc")
		if [ "$kr" = 77 ] && grep -q '^SKIP: ' "$d/kit.out"; then
			report SKIP "$abi" "$c" "$(sed -n 's/^SKIP: //p' "$d/kit.out" | head -1) in the kit"; continue
		fi
		run "$d" ref bash tests/ref/qemu-run.sh "$abi" "$g/$prog" $arg
		rr=$(cat "$d/ref.rc") why=""
		[ "$kr" = "$rr" ] || why="status: kit $kr, qemu $rr"
		[ -z "$why" ] && ! cmp -s "$d/kit.out" "$d/ref.out" && why="stdout differs: $(diff "$d/ref.out" "$d/kit.out" | head -3 | tr '\n' ' ')"
		# the kit says which signal killed the guest
		if [ -z "$why" ] && [ "$kr" -gt 128 ]; then
			s=$(kill -l $((kr - 128)))
			grep -q "^compatkit: guest killed by SIG$s " "$d/kit.err" || why="no 'compatkit: guest killed by SIG$s' message"
		fi
		if [ -n "$why" ]; then report FAIL "$abi" "$c" "$why"; else report PASS "$abi" "$c" "status $kr as qemu"; fi
	done
	for sig in ALRM TERM; do
		read -r kst kms <<<"$(signal_spin "$d" $sig "$kit" run "$g/spin")"
		read -r rst rms <<<"$(signal_spin "$d" $sig bash tests/ref/qemu-run.sh "$abi" "$g/spin")"
		if [ "$kms" = timeout ]; then report FAIL "$abi" "spin+SIG$sig" "the kit did not die within 2 s"
		elif [ "$kst" != "$rst" ]; then report FAIL "$abi" "spin+SIG$sig" "status: kit $kst, qemu $rst"
		else report PASS "$abi" "spin+SIG$sig" "status $kst as qemu, dead ${kms} ms after the signal"; fi
	done
done
echo "faults: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh faults "$pass" "$fail" "$skip"
[ $fail = 0 ]
