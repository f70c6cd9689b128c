#!/usr/bin/env bash
# Run one Criterion binary and record its counts for the closing summary.
set -uo pipefail
bin=$1; name=$(basename "$bin")
out=$("$bin" --jobs 2 2>&1); rc=$?
printf '%s\n' "$out" | grep -v '^\[----\]' | tail -n 15
syn=$(printf '%s\n' "$out" | grep -o 'Tested: [0-9]* | Passing: [0-9]* | Failing: [0-9]* | Crashing: [0-9]*' | tail -1)
pass=$(echo "$syn" | sed -n 's/.*Passing: \([0-9]*\).*/\1/p'); pass=${pass:-0}
fail=$(echo "$syn" | sed -n 's/.*Failing: \([0-9]*\) | Crashing: \([0-9]*\).*/\1 \2/p' | awk '{print $1+$2}'); fail=${fail:-1}
bash tests/record.sh "$name" "$pass" "$fail" 0
exit $rc
