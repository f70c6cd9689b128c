#!/usr/bin/env bash
# record-suite.sh JSON RC: record `compatkit suite`'s counts for make check.
# passed = runs as the manifest expects (or better), failed = regressions
# (or a suite that could not run: RC 2), skipped = cases not run.
json=$1 rc=$2
if [ ! -s "$json" ] || [ "$rc" = 2 ]; then
	echo "check-suite: compatkit suite failed to run (status $rc)"
	bash tests/record.sh suite 0 1 0
	exit 1
fi
ok=$(grep -c '"judgement": "\(ok\|unexpected-pass\|changed\)"' "$json")
reg=$(grep -c '"judgement": "regression"' "$json")
skip=$(grep -c '"judgement": "not-run"' "$json")
bash tests/record.sh suite "$ok" "$reg" "$skip"
[ "$rc" = 0 ] && [ "$reg" = 0 ]
