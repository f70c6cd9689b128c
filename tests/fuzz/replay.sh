#!/usr/bin/env bash
# replay.sh FUZZDIR NAME...: run every saved crasher of each target
# (tests/fuzz/NAME/crashers/*) through it once; each must now pass.  These
# are the regression inputs of bugs the fuzzers found.
set -uo pipefail
dir=$1; shift
pass=0 fail=0 skip=0
for n in "$@"; do
	bin=$dir/fuzz_$n
	for f in tests/fuzz/$n/crashers/*; do
		[ -f "$f" ] || continue
		if [ ! -x "$bin" ]; then
			echo "SKIP $n $(basename "$f"): $bin not built (no libFuzzer)"; skip=$((skip + 1)); continue
		fi
		if timeout 60 "$bin" -timeout=10 -rss_limit_mb=2048 "$f" >"$dir/replay.log" 2>&1; then
			pass=$((pass + 1))
		else
			echo "FAIL $n $(basename "$f"):"; grep -E 'ERROR|SUMMARY|runtime error' "$dir/replay.log" | head -3 | sed 's/^/    /'
			fail=$((fail + 1))
		fi
	done
done
echo "fuzz-replay: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh fuzz-replay "$pass" "$fail" "$skip"
[ $fail = 0 ]
