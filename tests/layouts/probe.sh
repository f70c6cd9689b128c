#!/usr/bin/env bash
# probe.sh ABI PROBE_C OUTDIR CC RUNNER [-v]
# Build the generated layout probe (one object per header group, see
# kit/gen/mklayout.c) with the ABI's compiler, statically, and run it under
# the ABI's qemu-user reference.  The probe prints every table/compiler
# mismatch as "ABI: struct.field: table says ..., compiler says ..." and a
# closing "layoutprobe ABI: N ok, N mismatched, N skipped" line.
set -uo pipefail
abi=$1 src=$2 out=$3 cc=$4 runner=$5 verbose=${6:-}
mkdir -p "$out"
n=$(sed -n '1s/^#define CK_NPARTS //p' "$src")
[ -n "$n" ] || { echo "$abi: $src: no CK_NPARTS line"; exit 2; }
objs=() pids=()
for ((i = 0; i < n; i++)); do
	"$cc" -O0 -c -DCK_PART=$i -o "$out/part$i.o" "$src" 2> "$out/part$i.err" &
	pids+=($!) objs+=("$out/part$i.o")
done
rc=0
for ((i = 0; i < n; i++)); do
	wait "${pids[$i]}" || { echo "$abi: probe part $i does not compile:"; head -20 "$out/part$i.err"; rc=2; }
done
[ $rc = 0 ] || exit $rc
"$cc" -static -o "$out/layoutprobe" "${objs[@]}" || { echo "$abi: probe does not link"; exit 2; }
"$runner" "$out/layoutprobe" "$abi" $verbose
