#!/usr/bin/env bash
# fuzz-check.sh MAKE SECONDS: run the probe_buf fuzzer briefly in make check
# and record how many inputs it executed.  Skips (saying why) only when
# clang's libFuzzer itself is unavailable; a harness that fails to build or
# a crash found is a failure.
set -uo pipefail
make=$1; secs=$2
mkdir -p build/fuzz
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n' >"$t/f.c"
if ! ${FUZZ_CC:-clang} -fsanitize=fuzzer,address -o "$t/f" "$t/f.c" >"$t/log" 2>&1; then
	echo "check-fuzz-probe: SKIP: clang cannot link libFuzzer (Debian: libclang-rt-14-dev): $(tail -1 "$t/log")"
	bash tests/record.sh fuzz-probe 0 0 1
	exit 0
fi
log=build/fuzz/check.log
$make --no-print-directory fuzz-probe SECONDS="$secs" >"$log" 2>&1; rc=$?
execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
if [ $rc = 0 ] && [ -n "$execs" ]; then
	echo "check-fuzz-probe: $execs executions in ${secs}s, no crash"
	bash tests/record.sh "fuzz-probe ($execs execs)" 1 0 0
	exit 0
fi
echo "check-fuzz-probe: FAIL (rc $rc), see $log:"; tail -30 "$log"
bash tests/record.sh fuzz-probe 0 1 0
exit 1
