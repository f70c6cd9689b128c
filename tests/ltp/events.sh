#!/usr/bin/env bash
# events.sh KIT OUTDIR "ABI:QEMU"... -- TEST...
# Run each LTP-style guest test (build/ltp/<abi>/<test>) under the kit and
# under the ABI's qemu-user reference; a case passes when the kit's result
# lines ("file:line: TPASS: ...") and exit status equal qemu's and the kit
# reports no TFAIL/TBROK.  tests/ltp/events.qemu lists the cases where
# qemu-user itself is wrong ("ABI TEST reason"): there only the kit's own
# verdict counts.  Records group "ltp-events".
set -uo pipefail
kit=$1 out=$2; shift 2
abis=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do abis+=("$1"); shift; done
shift
tests=("$@")
known=tests/ltp/events.qemu
pass=0 fail=0 skip=0
mkdir -p "$out"
lines() { grep -E '^[^ ]+:[0-9]+: T(PASS|FAIL|BROK|CONF|WARN): ' "$1"; }
for ab in "${abis[@]}"; do
	abi=${ab%%:*} qemu=${ab#*:}
	for t in "${tests[@]}"; do
		bin=build/ltp/$abi/$t
		if [ ! -x "$bin" ]; then echo "SKIP $abi $t: no $bin"; skip=$((skip + 1)); continue; fi
		k=$out/$abi.$t.kit q=$out/$abi.$t.qemu
		(cd "$out" && timeout 60 "$OLDPWD/$kit" run --abi "$abi" "$OLDPWD/$bin") > "$k" 2>&1; krc=$?
		(cd "$out" && timeout 60 "$qemu" "$OLDPWD/$bin") > "$q" 2>&1; qrc=$?
		why=$(awk -v a="$abi" -v t="$t" '$1 == a && $2 == t { $1 = $2 = ""; print substr($0, 3) }' "$known" 2>/dev/null)
		if [ $((krc & 3)) -ne 0 ] || [ $krc -ge 64 ]; then
			echo "FAIL $abi $t: kit exit $krc"; lines "$k" | grep -v TPASS | head -5; tail -3 "$k"
			fail=$((fail + 1))
		elif [ -n "$why" ]; then
			echo "ok   $abi $t (qemu differs, known: $why)"; pass=$((pass + 1))
		elif [ $krc -ne $qrc ] || ! diff -q <(lines "$k") <(lines "$q") > /dev/null; then
			echo "FAIL $abi $t: kit exit $krc, qemu exit $qrc"; diff <(lines "$k") <(lines "$q") | head -8
			fail=$((fail + 1))
		else
			pass=$((pass + 1))
		fi
	done
done
echo "ltp events: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh ltp-events $pass $fail $skip
[ $fail -eq 0 ]
