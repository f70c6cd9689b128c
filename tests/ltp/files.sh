#!/usr/bin/env bash
# files.sh NAME...: run each tests/ltp binary under `compatkit run --abi A`
# and under the ABI's qemu-user for every ABI in $ABIS, and compare the
# "file:line: TYPE" sequence and the exit status.  The kit must report no
# TFAIL/TBROK at all.  Where qemu itself is wrong, tests/ltp/qemu-known
# lists "ABI NAME file:line reason": that line may fail under qemu only.
set -u
B=${B:-build}
known=tests/ltp/qemu-known
pass=0 fail=0 skip=0
for name in "$@"; do
	for abi in $ABIS; do
		bin=$B/ltp/$abi/$name
		qemu=$(sed -n "s/^QEMU_$abi *:= *//p" arches/*/arch.mk | head -1)
		if [ ! -x "$bin" ] || ! command -v "$qemu" >/dev/null; then
			echo "SKIP $abi $name (binary or $qemu missing)"; skip=$((skip+1)); continue
		fi
		k=$(timeout 60 "$B/compatkit" run --abi "$abi" "$bin" 2>&1); kst=$?
		q=$(timeout 60 "$qemu" "$bin" 2>&1); qst=$?
		ks=$(grep -oE '^[a-z0-9_]+\.c:[0-9]+: T[A-Z]+' <<<"$k")
		qs=$(grep -oE '^[a-z0-9_]+\.c:[0-9]+: T[A-Z]+' <<<"$q")
		# qemu's known mistakes: count its failing line as the kit's pass
		while read -r ka kn kl _; do
			[ "$ka" = "$abi" ] && [ "$kn" = "$name" ] || continue
			qs=$(sed "s/^$kl: TFAIL$/$kl: TPASS/" <<<"$qs")
			[ "$qst" = 1 ] && ! grep -q ': TFAIL$' <<<"$qs" && qst=0
		done < <(grep -v '^#' "$known" 2>/dev/null)
		bad=
		grep -qE ': T(FAIL|BROK)$' <<<"$ks" && bad="kit reports failures"
		# exit bits: TFAIL 1, TBROK 2 are failures; TCONF 32 is a skip
		[ $((kst & ~32)) != 0 ] && bad="${bad:+$bad; }kit exit $kst"
		[ "$ks" != "$qs" ] && bad="${bad:+$bad; }kit and qemu results differ"
		[ "$kst" != "$qst" ] && bad="${bad:+$bad; }exit status kit $kst qemu $qst"
		if [ -z "$bad" ]; then
			pass=$((pass+1))
		else
			fail=$((fail+1))
			echo "FAIL $abi $name: $bad"
			diff <(echo "$qs") <(echo "$ks") | sed 's/^/    /' | head -20
			grep -E 'TFAIL|TBROK' <<<"$k" | sed 's/^/    kit: /' | head -10
		fi
	done
done
echo "ltp-files: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh ltp-files $pass $fail $skip
[ $fail = 0 ]
