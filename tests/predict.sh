#!/usr/bin/env bash
# predict.sh [ABI...]: check `compatkit predict` against what really runs.
# Every case of tests/compare.cases (static and dynamic guests, with their
# arguments) runs under `compatkit run --trace`; each syscall the trace shows
# must be in predict's set for that binary.  One that is not counts as
# "unknown" if predict reported sites with a number it could not see, else as
# "missed".  Per ABI: recall = found / observed, and recall with unknown.
#
# The check fails if any ABI's strict recall falls below MIN_RECALL
# (default 0.95).  Why 0.95: the scan follows constants through jumps,
# copies and direct calls only; the syscalls it cannot see are those whose
# number comes from memory or an indirect call (i386's syscall() wrapper,
# futex helpers), which glibc's start-up and stdio paths do not use.  At the
# time of writing every ABI reaches 1.0; 0.95 leaves room for one new guest
# program with such a path per ABI before the scan must learn more.
# Counts go to `tests/record.sh predict` (one pass/fail per ABI).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
. tests/jobs.sh
kit=build/compatkit
min=${MIN_RECALL:-0.95}
abis=("$@")
[ ${#abis[@]} -gt 0 ] || read -ra abis <<<"${ABIS:-}"
work=build/predict-check
rm -rf "$work"; mkdir -p "$work"
pass=0 fail=0 skip=0

# one_abi ABI: every case on one ABI; prints its lines, and leaves
# "PASS FAIL SKIP" in $work/ABI.counts.
one_abi() {
	local abi=$1 pass=0 fail=0 skip=0
	obs=0 hit=0 unk=0 miss=0 runs=0
	: >"$work/$abi.missed"
	while IFS= read -r line || [ -n "$line" ]; do
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		read -r name prog status cmp envf rest <<<"$line"
		bin=build/guest/$abi/$prog
		[ -f "$bin" ] || continue
		raw=()
		[ "$rest" = - ] || [ -z "$rest" ] || mapfile -d '' raw < <(printf '%s' "$rest" | xargs -r printf '%s\0')
		args=()
		for a in "${raw[@]}"; do
			[[ $a == *@TMP@* ]] && { t=$(mktemp -d -p "$work"); a=${a//@TMP@/$t}; }
			args+=("$a")
		done
		envs=()
		[ "$envf" = - ] || IFS=, read -ra envs <<<"$envf"
		d=$work/$abi.$name
		# Some guests die on purpose (compare.cases' status 128+N): the
		# subshell waits for them, so bash's "Segmentation fault" notice
		# goes to its stderr, not ours; the status is checked below.
		(ulimit -c 0; env "${envs[@]}" timeout 20 "$kit" run --trace "$bin" "${args[@]}" \
			</dev/null >/dev/null 2>"$d.trace"; echo $? >"$d.rc") 2>/dev/null
		rc=$(cat "$d.rc" 2>/dev/null)
		if [ "$rc" = 124 ]; then echo "NOTE $abi $name: timed out after 20 s; its trace is cut short"
		elif [ "$rc" != "$status" ] && [[ ,$cmp, != *,!$abi,* ]]; then
			echo "NOTE $abi $name: kit exit ${rc:-?}, tests/compare.cases says $status (check-compare judges it)"
		fi
		# predict's answer depends on the binary alone: once per binary
		p=$work/$abi.predict.$prog
		[ -f "$p.json" ] || "$kit" predict --json "$bin" >"$p.json" 2>"$p.perr"
		cp "$p.json" "$d.json"
		if ! grep -q '"verdict"' "$d.json"; then
			echo "FAIL $abi $name: predict failed: $(head -1 "$p.perr")"; fail=$((fail + 1))
			echo "$pass $fail $skip" >"$work/$abi.counts"; return
		fi
		runs=$((runs + 1))
		grep -o '"name":"[^"]*"' "$d.json" | sed 's/"name":"\(.*\)"/\1/' | sort -u >"$d.pred"
		has_unknown=0
		grep -q '"unknown_sites":\[{' "$d.json" && has_unknown=1
		sed -n 's/^ *[0-9][0-9]* \([a-z_0-9]*\)(.*/\1/p' "$d.trace" | sort -u >"$d.obs"
		while read -r s; do
			obs=$((obs + 1))
			if grep -qx "$s" "$d.pred"; then hit=$((hit + 1))
			elif [ $has_unknown = 1 ]; then unk=$((unk + 1)); echo "$name $s (unknown)" >>"$work/$abi.missed"
			else miss=$((miss + 1)); echo "$name $s" >>"$work/$abi.missed"; fi
		done <"$d.obs"
	done <tests/compare.cases
	if [ $obs = 0 ]; then echo "SKIP $abi: no guest ran (make guests)"; skip=$((skip + 1))
	else
		r=$(awk -v h=$hit -v o=$obs 'BEGIN{printf "%.3f", h/o}')
		ru=$(awk -v h=$hit -v u=$unk -v o=$obs 'BEGIN{printf "%.3f", (h+u)/o}')
		msg="$abi: $runs runs, $obs observed syscalls (per binary), $hit predicted, $unk unknown-number, $miss missed; recall $r, with unknown $ru"
		if awk -v r="$r" -v m="$min" 'BEGIN{exit !(r >= m)}'; then echo "PASS $msg"; pass=$((pass + 1))
		else echo "FAIL $msg (below $min)"; sed 's/^/    not predicted: /' "$work/$abi.missed" | head; fail=$((fail + 1)); fi
	fi
	echo "$pass $fail $skip" >"$work/$abi.counts"
}

# Two ABIs at a time (each ABI's runs stay in order); their lines are
# printed in ABI order once all are done.
for abi in "${abis[@]}"; do
	one_abi "$abi" >"$work/$abi.log" 2>&1 &
	job_slot "${PREDICT_JOBS:-2}"
done
wait
for abi in "${abis[@]}"; do
	cat "$work/$abi.log"
	read -r p f s <"$work/$abi.counts" 2>/dev/null || { p=0 f=1 s=0; echo "FAIL $abi: did not finish"; }
	pass=$((pass + p)) fail=$((fail + f)) skip=$((skip + s))
done
echo "predict: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh predict "$pass" "$fail" "$skip"
[ "$fail" = 0 ]
