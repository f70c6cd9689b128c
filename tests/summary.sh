#!/usr/bin/env bash
# Print the per-group table and the closing line of `make check`.
f=build/check-results
if [ -s build/check-times ]; then
	total=$(awk -F'\t' '{ t += $2 } END { print t }' build/check-times)
	echo "check targets by seconds (total ${total}s), slowest first:"
	sort -t$'\t' -k2,2nr build/check-times | head -8 | awk -F'\t' '{ printf "  %-28s %5ds\n", $1, $2 }'
fi
[ -f "$f" ] || { echo "0 passed, 0 failed"; exit 1; }
awk -F'\t' '{ printf "  %-28s %5d passed %4d failed %4d skipped\n", $1, $2, $3, $4; p+=$2; x+=$3; s+=$4 }
  END { printf "check: %d passed, %d failed, %d skipped\n", p, x, s; exit (x > 0 || p == 0) }' "$f"
