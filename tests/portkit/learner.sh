#!/usr/bin/env bash
# learner.sh (env ROOT = the repo, T = a tree whose only arch is the blank
# scratchppc made by `compatkit new-arch scratchppc --from powerpc`).
#
# A scripted learner: it does each lesson's exercise by copying the powerpc
# reference into scratchppc, one stage at a time, and grades after each step
# with `make grade`.  This is what proves lessons, checks and templates
# agree: every step must raise the score and make at least one more stage
# pass (exactly one while stage 5 is not in the tree), and the last step
# must reach full score for every stage that is graded.
# Writes "PASSED FAILED" to $T/learner.counts.
set -uo pipefail
ref=$ROOT/arches/powerpc
me=$T/arches/scratchppc
pass=0 fail=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL learner: $*"; }

# The reference's names, renamed: ck_abi_powerpc, arches/powerpc/,
# LINUX_powerpc_SYS_... become scratchppc's; "powerpc-linux-gnu",
# "linux-powerpc" and "powerpc64" do not.
rename() { perl -pe 's/(?<![A-Za-z0-9-])powerpc(?![A-Za-z0-9-])/scratchppc/g' "$1" > "$2"; }

grade() {	# grade [LESSON]: the grade output
	make -C "$T" -s --no-print-directory grade ARCH=scratchppc ${1:+LESSON=$1} 2>&1
}
score() { sed -n 's/^Score: \([0-9]*\)\/\([0-9]*\)$/\1 \2/p' <<<"$1"; }
# Leading stages that pass, as plain `check` (which stops at the first
# failure) would pass them.
leading() { awk '/^  stage [0-9]+ [a-z-]+: / { if ($NF != "PASS") exit; n++ } END { print n + 0 }' <<<"$1"; }
not_built() { grep -c 'not built yet' <<<"$1"; }

step_1() {	# lesson 1: the loader path the probe knows dynamic binaries by
	local interp; interp=$(grep -o '\.interp = {[^}]*}' "$ref/abi.c" | head -1)
	[ -n "$interp" ] && sed -i "s|\.interp = { 0 }|$interp|" "$me/abi.c"
}
step_2() { cp "$ref/syscalls.master" "$me/syscalls.master"; }	# lesson 2: the verified table
step_3() { cp "$ref/layouts.def" "$me/layouts.def"; }		# lesson 3: the verified layouts
step_4() {	# lesson 4 (and 5): the reference's hooks, descriptor and sigcode
	local f
	for f in "$ref"/*.c "$ref"/*.h; do
		[ -f "$f" ] && rename "$f" "$me/$(basename "$f")"
	done
	[ -f "$ROOT/sigcode/powerpc.S" ] && rename "$ROOT/sigcode/powerpc.S" "$T/sigcode/scratchppc.S"
	# cases whose qemu reference is known to be unusable on powerpc
	# (tests/compare.known, "ABI CASE ...") are so on its copy too
	local k=$T/tests/compare.known
	[ -f "$k" ] && sed -n 's/^powerpc\([[:space:]]\)/scratchppc\1/p' "$k" > "$k.add" && cat "$k.add" >> "$k" && rm -f "$k.add"
	return 0
}

out=$(grade)
read -r s0 m0 <<<"$(score "$out")"
if [ -n "${s0:-}" ] && [ "$s0" -lt "$m0" ] && [ "$(leading "$out")" = 0 ]; then ok
else bad "the blank arch: want a low score and stage 1 failing, got Score ${s0:-?}/${m0:-?}"; echo "$out" | tail -20; fi
echo "learner: blank scratchppc: Score $s0/$m0, 0 stages pass"
prev=$s0 prevlead=0
for step in 1 2 3 4; do
	step_$step || { bad "step $step could not be applied"; break; }
	if ! mk=$(make -C "$T" -s -j2 all 2>&1); then
		bad "after step $step the tree does not build: $(grep -m3 -i error <<<"$mk")"; break
	fi
	out=$(grade)
	read -r s m <<<"$(score "$out")"
	lead=$(leading "$out")
	echo "learner: after step $step: Score $s/$m, stages 1-$lead pass"
	if [ -n "${s:-}" ] && [ "$s" -gt "$prev" ]; then ok
	else bad "step $step did not raise the score (${prev} -> ${s:-?})"; echo "$out" | grep -B1 -A1 FAIL | head -20; fi
	# one more stage; step 4 may also light up stage 5 (its code comes along)
	if [ "$lead" -gt "$prevlead" ] && { [ "$lead" -eq "$step" ] || [ "$step" -eq 4 ]; }; then ok
	else bad "step $step: stages 1-$lead pass, want 1-$step"; echo "$out" | grep -A2 'FAIL$' | head -20; fi
	# the lesson's own checkpoint is full score
	lo=$(grade "$step")
	read -r ls lm <<<"$(score "$lo")"
	if [ -n "${ls:-}" ] && [ "$ls" = "$lm" ] && [ "$lm" -gt 0 ]; then ok
	else bad "make grade LESSON=$step after step $step: Score ${ls:-?}/${lm:-?}"; echo "$lo" | grep -A1 FAIL | head; fi
	prev=$s prevlead=$lead
done

# Full score for every graded stage; stages not in the tree are reported.
if [ "${s:-0}" = "${m:-1}" ]; then ok
else bad "final Score $s/$m, want full score for the stages that exist"; echo "$out" | grep -A1 'FAIL$' | head -20; fi
nb=$(not_built "$out")
echo "learner: final Score $s/$m; $nb stage(s) not built yet in this tree"
# Plain check passes through stage 4 and stops only at a stage not built.
out=$("$T/build/compatkit" check scratchppc 2>&1); r=$?
first=$(grep -m1 -E '^FAIL [0-9]' <<<"$out")
if { [ $r -eq 0 ] && [ -z "$first" ]; } || { [ $r -eq 1 ] && grep -q 'not built yet' <<<"$first" &&
	grep -q '^PASS 4 hello' <<<"$out"; }; then ok
else bad "final check: rc $r, first failure: ${first:-none}"; fi
echo "learner: $pass passed, $fail failed"
echo "$pass $fail" > "$T/learner.counts"
[ "$fail" = 0 ]
