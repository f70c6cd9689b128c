#!/usr/bin/env bash
# check.sh MAKE SECONDS NAME...: run each libFuzzer target (make fuzz-NAME)
# for SECONDS in make check and record how many inputs it executed.  Skips,
# saying why, only when clang cannot link libFuzzer; a target that does not
# build, or a crash, timeout or leak found, is a failure (the input is then
# in tests/fuzz/NAME/crashers/).
. tests/jobs.sh
set -uo pipefail
make=$1; secs=$2; shift 2
mkdir -p build/fuzz
t=$(mktemp -d); trap 'rm -rf "$t"' EXIT
printf '#include <stdint.h>\n#include <stddef.h>\nint LLVMFuzzerTestOneInput(const uint8_t *d, size_t n) { return 0; }\n' >"$t/f.c"
if ! ${FUZZ_CC:-clang} -fsanitize=fuzzer,address -o "$t/f" "$t/f.c" >"$t/log" 2>&1; then
	for n in "$@"; do
		echo "check-fuzz: SKIP fuzz-$n: clang cannot link libFuzzer (Debian: libclang-rt-14-dev): $(tail -1 "$t/log")"
		bash tests/record.sh "fuzz-$n" 0 0 1
	done
	exit 0
fi
# Build every target first (in parallel under make's -j; a target that
# fails shows again in its own log below), then fuzz two at a time: each
# runs for SECONDS of its own, and the lines come in the usual order.
$make --no-print-directory fuzz-targets >build/fuzz/check-build.log 2>&1
for n in "$@"; do
	( $make --no-print-directory fuzz-$n SECONDS="$secs" >"build/fuzz/check-$n.log" 2>&1
	  echo $? >"build/fuzz/check-$n.rc" ) &
	job_slot "${FUZZ_JOBS:-2}"
done
wait
rc_all=0
for n in "$@"; do
	log=build/fuzz/check-$n.log
	rc=$(cat "build/fuzz/check-$n.rc" 2>/dev/null || echo 1)
	execs=$(sed -n 's/^stat::number_of_executed_units: *\([0-9]*\).*/\1/p' "$log" | tail -1)
	if [ $rc = 0 ] && [ -n "$execs" ]; then
		echo "check-fuzz: fuzz-$n: $execs executions in ${secs}s, no crash"
		bash tests/record.sh "fuzz-$n ($execs execs)" 1 0 0
	else
		echo "check-fuzz: FAIL fuzz-$n (rc $rc), see $log:"
		grep -E 'ERROR|SUMMARY|Test unit written|runtime error' "$log" | head -5 | sed 's/^/    /'
		bash tests/record.sh "fuzz-$n" 0 1 0
		rc_all=1
	fi
done
exit $rc_all
