#!/usr/bin/env bash
# run.sh ABI CC QEMU FLAGCHECK OUTDIR: the ABI's numbers (consts.c built
# with its cross compiler, run under qemu-user) against the host's, through
# the descriptor's tables; records group flags-ABI.
set -u
abi=$1 cc=$2 qemu=$3 check=$4 out=$5
src=tests/flags/consts.c
mkdir -p "$out"
if ! command -v "$cc" >/dev/null || ! command -v "$qemu" >/dev/null; then
	echo "flags-$abi: skipped: $cc or $qemu missing"
	bash tests/record.sh "flags-$abi" 0 0 1
	exit 0
fi
fail() { echo "flags-$abi: $*"; bash tests/record.sh "flags-$abi" 0 1 0; exit 1; }
gcc -o "$out/host" "$src" || fail "host build failed"
"$cc" -static -o "$out/guest" "$src" || fail "$cc build failed"
"$out/host" > "$out/host.txt" || fail "host run failed"
"$qemu" "$out/guest" > "$out/guest.txt" || fail "guest run failed"
"$check" "$abi" "$out/guest.txt" "$out/host.txt" | tee "$out/result.txt"
rc=${PIPESTATUS[0]}
read -r c f s < <(sed -n 's/.*checked \([0-9]*\) failed \([0-9]*\) skipped \([0-9]*\)$/\1 \2 \3/p' "$out/result.txt")
[ -n "${c:-}" ] || fail "no result line"
bash tests/record.sh "flags-$abi" $((c - f)) "$f" "$s"
exit $rc
