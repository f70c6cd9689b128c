#!/usr/bin/env bash
# compare.sh [--ref-only] [--kit PATH] [--cases FILE] [--timeout SECS] [ABI...]
#
# Run every case of tests/compare.cases for every ABI under `compatkit run`
# and under qemu-user-static (tests/ref/qemu-run.sh), and compare exit status,
# stdout and (where the case says so) stderr.  One line per case:
#   PASS|FAIL|SKIP abi case [reason]
# with a short diff under a FAIL.  Counts go to `tests/record.sh
# compare-runtime`.  Until `compatkit run --help` works every case is SKIP.
#
# --ref-only checks the reference itself (group compare-ref): the status qemu
# gives must be the one the case declares, two runs must print the same, and
# on the host's own ABI the binary run natively must agree with qemu for the
# cases marked `native`.  That part does not need the kit.
#
# Cases listed in tests/compare.known (ABI CASE native|skip REASON) cannot
# use qemu-user as the reference: "native" ones (qemu is wrong) are compared
# with the native run on the host's own ABI and SKIP elsewhere, "skip" ones
# (differences by design) are SKIP; the reason is printed.
#
# ABIs: the arguments, else $ABIS (make passes it), else arches/*/arch.mk.
# Outputs are kept in build/compare/<mode>/<abi>/<case>/ for inspection
# ($CK_COMPARE_WORK instead, if set).
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
. tests/jobs.sh

mode=kit kit=build/compatkit cases=tests/compare.cases tmo=${CK_TIMEOUT:-20}
while [ $# -gt 0 ]; do
	case $1 in
	--ref-only) mode=ref ;;
	--kit) kit=$2; shift ;;
	--cases) cases=$2; shift ;;
	--timeout) tmo=$2; shift ;;
	-h|--help) sed -n '2,/^set /{/^set /d;s/^# \{0,1\}//;p}' "$0"; exit 0 ;;
	-*) echo "compare.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
	shift
done
abis=("$@")
[ ${#abis[@]} -gt 0 ] || read -ra abis <<<"${ABIS:-}"
[ ${#abis[@]} -gt 0 ] || read -ra abis <<<"$(sed -n 's/^ABIS[[:space:]]*+=//p' arches/*/arch.mk | tr '\n' ' ')"
[ ${#abis[@]} -gt 0 ] || { echo "compare.sh: no ABIs found" >&2; exit 2; }
[ -f "$cases" ] || { echo "compare.sh: $cases: no such file" >&2; exit 2; }

group=compare-runtime
[ $mode = ref ] && group=compare-ref
group=${COMPARE_GROUP:-$group}	# another kit (tests/san/check.sh) records apart
# compatkit check and the sanitizer run keep their own work directories
work=${CK_COMPARE_WORK:-${COMPARE_WORK:-build/compare/$mode}}
rm -rf "$work"; mkdir -p "$work"
pass=0 fail=0 skip=0

# The one reason every case is skipped, if the kit cannot run anything yet.
kit_skip=""
if [ $mode = kit ] && ! "$kit" run --help >/dev/null 2>&1; then
	kit_skip="compatkit run not built"
	echo "compare.sh: '$kit run --help' failed: $kit_skip; every case is SKIP"
fi

# The host's own ABI, whose binaries can also run natively (ref mode).
host_triplet=$(gcc -dumpmachine 2>/dev/null)
abi_triplet() { sed -n "s/^[[:space:]]*TRIPLET_$1[[:space:]]*:\{0,1\}=[[:space:]]*\([^[:space:]#]*\).*/\1/p" arches/*/arch.mk | head -1; }
abi_qemu() { sed -n "s/^[[:space:]]*QEMU_$1[[:space:]]*:\{0,1\}=[[:space:]]*\([^[:space:]#]*\).*/\1/p" arches/*/arch.mk | head -1; }

# run DIR TAG CMD...: run CMD with a clean environment plus the case's,
# stdin from /dev/null, under timeout; leaves DIR/TAG.{out,err,rc}.
# The shell's own stderr is /dev/null so that bash's "Segmentation fault"
# report of a dying child does not land in the captured stderr.
run() {
	local dir=$1 tag=$2; shift 2
	(
		exec 3>"$dir/$tag.err" 2>/dev/null
		timeout -k 5 "$tmo" env -i PATH="$PATH" LC_ALL=C "${envs[@]}" "$@" \
			</dev/null >"$dir/$tag.out" 2>&3 3>&-
	)
	echo $? >"$dir/$tag.rc"
}

# subst ARG DIR TAG: the argument with @TMP@ replaced by a fresh directory.
subst() {
	if [[ $1 == *@TMP@* ]]; then
		mkdir -p "$2/$3.tmp"
		printf '%s' "${1//@TMP@/$2/$3.tmp}"
	else
		printf '%s' "$1"
	fi
}

timed_out() { [ "$1" = 124 ] || [ "$1" = 137 ]; }

# brief A B: a short unified diff of two files, indented.
brief() { diff -u --label "$3" --label "$4" "$1" "$2" | head -n 15 | sed 's/^/    /'; }

report() {	# report VERDICT ABI NAME [REASON] [DETAILS-FILE]
	printf '%s %s %s%s\n' "$1" "$2" "$3" "${4:+  ($4)}"
	[ -n "${5:-}" ] && [ -s "$5" ] && cat "$5"
	case $1 in PASS) pass=$((pass + 1)) ;; FAIL) fail=$((fail + 1)) ;; SKIP) skip=$((skip + 1)) ;; esac
}

# One case of kit mode: compare kit and reference in $dir.
judge_kit() {
	local d=$1 why="" det=$1/details
	: >"$det"
	local kr rr; kr=$(cat "$d/kit.rc") rr=$(cat "$d/ref.rc")
	if timed_out "$kr"; then why="kit timed out after ${tmo}s"; fi
	if [ -z "$why" ] && timed_out "$rr"; then why="reference timed out after ${tmo}s"; fi
	if [ -z "$why" ] && [ "$rr" != "$status" ]; then why="reference exit $rr, case declares $status"; fi
	if [ -z "$why" ] && [ "$kr" != "$rr" ]; then
		why="exit status: kit $kr, qemu $rr"
		sed 's/^/    kit stderr: /' "$d/kit.err" | head -n 5 >>"$det"
	fi
	if [ -n "$why" ] && { timed_out "$kr" || timed_out "$rr"; }; then
		report FAIL "$abi" "$name" "$why"; return
	fi
	if [[ ,$cmp, == *,out,* ]] && ! cmp -s "$d/ref.out" "$d/kit.out"; then
		why=${why:-stdout differs}
		brief "$d/ref.out" "$d/kit.out" qemu.stdout kit.stdout >>"$det"
	fi
	if [[ ,$cmp, == *,err,* ]] && ! cmp -s "$d/ref.err" "$d/kit.err"; then
		why=${why:-stderr differs}
		brief "$d/ref.err" "$d/kit.err" qemu.stderr kit.stderr >>"$det"
	fi
	if [[ ,$cmp, == *,sigsegv,* ]] &&
		! grep -q '^compatkit: guest killed by SIGSEGV at addr=0x0* pc=0x[0-9a-fA-F]*' "$d/kit.err"; then
		# The guests marked sigsegv load through NULL: the fault address is 0.
		why=${why:-"no 'compatkit: guest killed by SIGSEGV at addr=0x0 pc=0x...' line on stderr"}
		sed 's/^/    kit stderr: /' "$d/kit.err" | head -n 5 >>"$det"
	fi
	if [ -n "$why" ]; then report FAIL "$abi" "$name" "$why" "$det"; else report PASS "$abi" "$name"; fi
}

# One case of ref mode: qemu against the declared status, itself, and the host.
judge_ref() {
	local d=$1 why="" det=$1/details
	: >"$det"
	local r1 r2; r1=$(cat "$d/ref.rc") r2=$(cat "$d/ref2.rc")
	if timed_out "$r1"; then why="qemu timed out after ${tmo}s"
	elif [ "$r1" != "$status" ]; then why="qemu exit $r1, case declares $status"
	elif [ "$r2" != "$r1" ] || ! cmp -s "$d/ref.out" "$d/ref2.out"; then
		why="two qemu runs differ (status $r1/$r2)"
		brief "$d/ref.out" "$d/ref2.out" run1.stdout run2.stdout >>"$det"
	elif [ -f "$d/native.rc" ]; then
		local nr; nr=$(cat "$d/native.rc")
		if [ "$nr" != "$r1" ]; then why="native exit $nr, qemu $r1"
		elif ! cmp -s "$d/native.out" "$d/ref.out"; then
			why="native stdout differs from qemu"
			brief "$d/native.out" "$d/ref.out" native.stdout qemu.stdout >>"$det"
		fi
	fi
	if [ -n "$why" ]; then report FAIL "$abi" "$name" "$why" "$det"; else report PASS "$abi" "$name"; fi
}

# known ABI CASE: "native|skip REASON" from tests/compare.known, or nothing.
known() { [ -f tests/compare.known ] && awk -v a="$1" -v c="$2" '$1 == a && $2 == c { $1 = $2 = ""; sub(/^ +/, ""); print; exit }' tests/compare.known; }

lineno=0 names=" "
declare -a rows=()
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
	read -r name prog status cmp envf rest <<<"$line"
	if [ -z "$envf" ] || ! [[ $status =~ ^[0-9]+$ ]]; then
		echo "$cases:$lineno: want: name program status compare env [args...]" >&2; exit 2
	fi
	if [[ $names == *" $name "* ]]; then echo "$cases:$lineno: duplicate case name '$name'" >&2; exit 2; fi
	names+="$name "
	for c in ${cmp//,/ }; do
		case $c in out|err|sigsegv|native|!*) ;; *) echo "$cases:$lineno: unknown compare item '$c'" >&2; exit 2 ;; esac
	done
	# NAME.dyn is the dynamic build of tests/guest/NAME.c (guest.mk).
	[ -f "tests/guest/${prog%.dyn}.c" ] || { echo "$cases:$lineno: no tests/guest/${prog%.dyn}.c" >&2; exit 2; }
	if [ "$rest" != "-" ] && [ -n "$rest" ]; then
		# xargs does the quote removal (no eval of the file).
		printf '%s' "$rest" | xargs -r printf '%s\0' >/dev/null 2>&1 ||
			{ echo "$cases:$lineno: unbalanced quote in args" >&2; exit 2; }
	fi
	rows+=("$lineno"$'\t'"$line")
done <"$cases"

# one_case ABI ROW: one case on one ABI, in its own directory; prints its
# report line (and details).
one_case() {
		local abi=$1 row=$2
		qemu=$(abi_qemu "$abi")
		native=""
		[ $mode = ref ] && [ -n "$host_triplet" ] && [ "$(abi_triplet "$abi")" = "$host_triplet" ] && native=1
		line=${row#*$'\t'}
		read -r name prog status cmp envf rest <<<"$line"
		bin=build/guest/$abi/$prog
		d=$work/$abi/$name
		if [ -n "$kit_skip" ]; then report SKIP "$abi" "$name" "$kit_skip"; return; fi
		if [[ ,$cmp, == *,!$abi,* ]]; then report SKIP "$abi" "$name" "case excludes $abi: see tests/compare.cases"; return; fi
		if [ -z "$qemu" ] || ! command -v "$qemu" >/dev/null; then
			report SKIP "$abi" "$name" "${qemu:-QEMU_$abi} not installed"; return
		fi
		if [ ! -f "$bin" ]; then report FAIL "$abi" "$name" "$bin missing (make guests)"; return; fi
		envs=()
		[ "$envf" = - ] || IFS=, read -ra envs <<<"$envf"
		raw=()
		[ "$rest" = - ] || [ -z "$rest" ] || mapfile -d '' raw < <(printf '%s' "$rest" | xargs -r printf '%s\0')
		kn=$(known "$abi" "$name") wrong=""
		host_abi=""
		[ -n "$host_triplet" ] && [ "$(abi_triplet "$abi")" = "$host_triplet" ] && host_abi=1
		case $kn in
		skip\ *) report SKIP "$abi" "$name" "known: ${kn#skip }"; return ;;
		native\ *) wrong=${kn#native } ;;
		esac
		if [ -n "$wrong" ] && { [ $mode = ref ] || [ -z "$host_abi" ]; }; then
			report SKIP "$abi" "$name" "qemu-user is wrong here: $wrong"; return
		fi
		if [ $mode = kit ]; then
			args=(); for a in "${raw[@]}"; do args+=("$(subst "$a" "$d" kit)"); done
			run "$d" kit "$kit" run --abi "$abi" "$bin" "${args[@]}"
			args=(); for a in "${raw[@]}"; do args+=("$(subst "$a" "$d" ref)"); done
			if [ -n "$wrong" ]; then	# host ABI: the native run is the reference
				run "$d" ref "$bin" "${args[@]}"
			else
				run "$d" ref bash tests/ref/qemu-run.sh "$abi" "$bin" "${args[@]}"
			fi
			judge_kit "$d"
		else
			for tag in ref ref2; do
				args=(); for a in "${raw[@]}"; do args+=("$(subst "$a" "$d" $tag)"); done
				run "$d" $tag bash tests/ref/qemu-run.sh "$abi" "$bin" "${args[@]}"
			done
			if [ -n "$native" ] && [[ ,$cmp, == *,native,* ]]; then
				args=(); for a in "${raw[@]}"; do args+=("$(subst "$a" "$d" native)"); done
				run "$d" native "$bin" "${args[@]}"
			fi
			judge_ref "$d"
		fi
}
# Two cases at a time (COMPARE_JOBS), each in its own directory; the lines
# are printed in the usual order once all are done, and counted then.
for abi in "${abis[@]}"; do
	for row in "${rows[@]}"; do
		read -r _ name _ <<<"$row"
		mkdir -p "$work/$abi/$name"
		one_case "$abi" "$row" >"$work/$abi/$name/report" 2>&1 &
		job_slot "${COMPARE_JOBS:-2}"
	done
done
wait
for abi in "${abis[@]}"; do
	for row in "${rows[@]}"; do
		read -r _ name _ <<<"$row"
		r=$work/$abi/$name/report
		case $(head -c 5 "$r" 2>/dev/null) in
		"PASS ") pass=$((pass + 1)) ;;
		"FAIL ") fail=$((fail + 1)) ;;
		"SKIP ") skip=$((skip + 1)) ;;
		*) echo "FAIL $abi $name  (did not finish)"; fail=$((fail + 1)) ;;
		esac
		cat "$r" 2>/dev/null
	done
done

echo "$group: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh "$group" "$pass" "$fail" "$skip"
[ "$fail" = 0 ]
