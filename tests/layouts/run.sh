#!/usr/bin/env bash
# run.sh ABI PROBE_C OUTDIR CC RUNNER: run the layout probe for one ABI and
# record its struct counts (group "layouts-ABI") for the check summary.
set -uo pipefail
abi=$1
out=$(bash tests/layouts/probe.sh "$@" 2>&1); rc=$?
printf '%s\n' "$out"
sum=$(printf '%s\n' "$out" | sed -n "s/^layoutprobe $abi: \([0-9]*\) structs ok, \([0-9]*\) mismatched, \([0-9]*\) skipped.*/\1 \2 \3/p")
if [ -z "$sum" ]; then
	echo "$abi: layout probe did not run to completion"
	sum="0 1 0"; rc=1
fi
bash tests/record.sh "layouts-$abi" $sum
exit $rc
