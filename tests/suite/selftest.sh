#!/usr/bin/env bash
# selftest.sh: tests of compatkit suite and compatkit diff themselves.
#  - fixtures of known outcome (tests/suite/fixture.c) are classified as LTP
#    defines (pass, fail, skip, broken, crash, timeout, no results, old line
#    format, a failing child) on the qemu lane, and the kit lane agrees on
#    the plain ones;
#  - a manifest that says "pass" for failing fixtures gives exit 1 and a
#    REGRESSION line for each; "known-fail" for a passing one gives exit 0
#    and "unexpected pass: update the manifest";
#  - the manifest check refuses an unlisted case, a row for a missing case,
#    an unknown status and a non-pass row without a reason (file:line);
#  - compatkit diff finds no divergence in a deterministic guest and finds
#    the deliberate ones (an extra call, a different argument) on every ABI.
# Env: FIX_ABI (the fixtures' ABI), ABIS.  Counts: tests/record.sh suite-selftest.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
K=build/compatkit fix=build/suite-fix abi=${FIX_ABI:-amd64}
w=build/suite-selftest
rm -rf "$w"; mkdir -p "$w"
pass=0 fail=0 skip=0
ok() { echo "PASS $1"; pass=$((pass + 1)); }
bad() { echo "FAIL $1${2:+: $2}"; fail=$((fail + 1)); }
skp() { echo "SKIP $1: $2"; skip=$((skip + 1)); }
# result LANE CASE in a suite JSON file
result() { grep "\"case\": \"$3\"" "$1" | grep "\"lane\": \"$2\"" | sed -n 's/.*"result": "\([a-z-]*\)".*/\1/p'; }

qemu=$(sed -n "s/^[[:space:]]*QEMU_$abi[[:space:]]*:\{0,1\}=[[:space:]]*\([^[:space:]#]*\).*/\1/p" arches/*/arch.mk | head -1)

# ---- classification (no manifest: every case is informational) ----
if command -v "$qemu" >/dev/null; then
	"$K" suite --ltp "$fix" --abi "$abi" --lane qemu -t 3 -j 4 --json "$w/qemu.json" >"$w/qemu.txt" 2>&1
	rc=$?
	[ $rc = 0 ] && ok "unlisted cases never fail the run" || bad "unlisted cases never fail the run" "exit $rc"
	for pair in pass:pass fail:fail conf:skip brok:broken segv:crash hang:timeout silent:broken \
		    oldfmt:fail child:fail; do
		m=${pair%%:*} want=${pair#*:}
		got=$(result "$w/qemu.json" qemu "fix_$m")
		[ "$got" = "$want" ] && ok "qemu lane: fix_$m is $want" || bad "qemu lane: fix_$m is $want" "got '$got'"
	done
else
	skp "qemu lane classification" "$qemu not installed"
fi
"$K" suite --ltp "$fix" --abi "$abi" --lane kit -j 2 --json "$w/kit.json" fix_pass fix_fail fix_conf fix_brok >"$w/kit.txt" 2>&1
for pair in pass:pass fail:fail conf:skip brok:broken; do
	m=${pair%%:*} want=${pair#*:}
	got=$(result "$w/kit.json" kit "fix_$m")
	[ "$got" = "$want" ] && ok "kit lane: fix_$m is $want" || bad "kit lane: fix_$m is $want" "got '$got'"
done

# ---- judging against a manifest ----
printf 'fix_pass\tfix\tall\tpass\nfix_fail\tfix\tall\tpass\nfix_conf\tfix\tall\tpass\n' >"$w/allpass.tsv"
"$K" suite --ltp "$fix" --abi "$abi" --lane kit -m "$w/allpass.tsv" fix_pass fix_fail fix_conf >"$w/reg.txt" 2>&1
rc=$?
[ $rc = 1 ] && ok "regression gives exit 1" || bad "regression gives exit 1" "exit $rc"
if grep -q "REGRESSION kit $abi fix_fail: fail" "$w/reg.txt" && grep -q "REGRESSION kit $abi fix_conf: skip" "$w/reg.txt" &&
	! grep -q "REGRESSION.*fix_pass" "$w/reg.txt"; then ok "each regression is named"; else bad "each regression is named" "$(cat "$w/reg.txt")"; fi
grep -q 'family.*'"$abi" "$w/reg.txt" && grep -q '^fix .*1/3!' "$w/reg.txt" && ok "matrix cell shows 1/3 and the regression mark" ||
	bad "matrix cell shows 1/3 and the regression mark" "$(head -5 "$w/reg.txt")"

printf 'fix_pass\tfix\tall\tknown-fail\tpretend the kit lacks it\nfix_fail\tfix\tall\tknown-fail\tit fails on purpose\n' >"$w/kf.tsv"
"$K" suite --ltp "$fix" --abi "$abi" --lane kit -m "$w/kf.tsv" fix_pass fix_fail >"$w/unexp.txt" 2>&1
rc=$?
[ $rc = 0 ] && grep -q "unexpected pass: update the manifest: kit $abi fix_pass" "$w/unexp.txt" &&
	! grep -q "unexpected pass.*fix_fail" "$w/unexp.txt" && ok "unexpected pass is reported, exit 0" ||
	bad "unexpected pass is reported, exit 0" "exit $rc: $(tail -3 "$w/unexp.txt")"

# ---- the manifest check ----
if "$K" suite --check-manifest >"$w/m.txt" 2>&1; then ok "tests/manifest.tsv matches tests/ltp"; else bad "tests/manifest.tsv matches tests/ltp" "$(cat "$w/m.txt")"; fi
mkdir -p "$w/src"
cp tests/ltp/*.c "$w/src/"
echo 'int x;' >"$w/src/extra99.c"
expect_refusal() {	# NAME MANIFEST PATTERN
	if "$K" suite --check-manifest --src "$w/src" -m "$2" >"$w/m.txt" 2>&1; then
		bad "$1" "accepted"
	elif grep -q "$3" "$w/m.txt"; then ok "$1"
	else bad "$1" "message: $(cat "$w/m.txt")"; fi
}
cp tests/manifest.tsv "$w/m1.tsv"
expect_refusal "an unlisted case is refused" "$w/m1.tsv" "case extra99 has no row"
rm "$w/src/extra99.c"
{ cat tests/manifest.tsv; printf 'gone01\tfile\tall\tpass\n'; } >"$w/m2.tsv"
expect_refusal "a row for a missing case is refused" "$w/m2.tsv" "m2.tsv:[0-9]*: row names a missing case 'gone01'"
{ cat tests/manifest.tsv; printf 'write01\tfile\ti386\tflaky\tsometimes\n'; } >"$w/m3.tsv"
expect_refusal "an unknown status is refused" "$w/m3.tsv" "m3.tsv:[0-9]*: unknown status 'flaky'"
{ cat tests/manifest.tsv; printf 'write01\tfile\ti386\tknown-fail\n'; } >"$w/m4.tsv"
expect_refusal "a known-fail without reason is refused" "$w/m4.tsv" "m4.tsv:[0-9]*: status known-fail needs a reason"
{ cat tests/manifest.tsv; printf 'write01\tfile\tsparc\tpass\n'; } >"$w/m5.tsv"
expect_refusal "an unknown ABI is refused" "$w/m5.tsv" "m5.tsv:[0-9]*: unknown ABI 'sparc'"

# ---- compatkit diff ----
for a in ${ABIS:-$abi}; do
	g=build/diff-guest/$a/diffenv
	q=$(sed -n "s/^[[:space:]]*QEMU_$a[[:space:]]*:\{0,1\}=[[:space:]]*\([^[:space:]#]*\).*/\1/p" arches/*/arch.mk | head -1)
	if ! command -v "$q" >/dev/null; then skp "diff $a" "$q not installed"; continue; fi
	"$K" diff -a "$a" "$g" >"$w/diff-$a-same.txt" 2>&1
	rc=$?
	[ $rc = 0 ] && grep -q "no divergence" "$w/diff-$a-same.txt" && ok "diff $a: same runs agree" ||
		bad "diff $a: same runs agree" "exit $rc: $(cat "$w/diff-$a-same.txt")"
	"$K" diff -a "$a" --kit-env CK_DIFF=extra "$g" >"$w/diff-$a-extra.txt" 2>&1
	rc=$?
	[ $rc = 1 ] && grep -q "^  kit  #[0-9]* *[0-9]* umask(" "$w/diff-$a-extra.txt" &&
		grep -q "only the kit made 1 call here" "$w/diff-$a-extra.txt" && ok "diff $a: an extra call is found" ||
		bad "diff $a: an extra call is found" "exit $rc: $(cat "$w/diff-$a-extra.txt")"
	"$K" diff -a "$a" --ref-env CK_DIFF=arg "$g" >"$w/diff-$a-arg.txt" 2>&1
	rc=$?
	[ $rc = 1 ] && grep -q "differs: argument 3: kit 8, qemu 9" "$w/diff-$a-arg.txt" && ok "diff $a: a different argument is found" ||
		bad "diff $a: a different argument is found" "exit $rc: $(cat "$w/diff-$a-arg.txt")"
done

echo "suite-selftest: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh suite-selftest "$pass" "$fail" "$skip"
[ "$fail" = 0 ]
