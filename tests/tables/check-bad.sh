#!/usr/bin/env bash
# Every tests/tables/bad/*.master must make mksys exit non-zero, print the
# "file:line: message" its first line promises (`; expect: LINE: MESSAGE`),
# and write no output.  Records the counts as group "tables-generator-errors".
set -uo pipefail
mksys=${MKSYS:-build/mksys}
pass=0 fail=0
for f in tests/tables/bad/*.master; do
	want=$(sed -n '1s/^; expect: //p' "$f")
	if [ -z "$want" ]; then
		echo "FAIL $f: first line has no '; expect: LINE: MESSAGE'"; fail=$((fail + 1)); continue
	fi
	out=$(mktemp -d)
	err=$("$mksys" "$f" fixture "$out" 2>&1); rc=$?
	if [ $rc -eq 0 ]; then
		echo "FAIL $f: mksys accepted it (expected '$f:$want')"; fail=$((fail + 1))
	elif ! grep -qxF "$f:$want" <<<"$err"; then
		echo "FAIL $f: expected '$f:$want', got:"; sed 's/^/    /' <<<"$err"; fail=$((fail + 1))
	elif [ -n "$(ls -A "$out")" ]; then
		echo "FAIL $f: mksys failed but wrote $(ls "$out")"; fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
	rm -rf "$out"
done
echo "tables-generator-errors: $pass passed, $fail failed"
bash tests/record.sh tables-generator-errors "$pass" "$fail" 0
[ "$fail" -eq 0 ]
