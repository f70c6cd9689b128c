#!/usr/bin/env bash
# events.sh KIT OUTDIR "ABI:QEMU"... -- TEST...
# Run each LTP-style guest test (build/ltp/<abi>/<test>) under the kit and
# compare it with a reference: the host itself when it can run the binary
# (an x86_64 host runs amd64 and i386 ones: the real Linux kernel), else
# the ABI's qemu-user.  A case passes when the kit's result lines ("file:
# line: TPASS", messages aside: they carry fds and pids) and exit status
# equal the reference's and the kit reports no TFAIL/TBROK.
# tests/ltp/events.known lists "ABI TEST LINES WHO reason" (ABI may be *,
# LINES a comma list of the test's source lines whose results may differ):
# WHO qemu = qemu-user is wrong there (each checked against the native run
# of the x86 ABIs), kit = the kit still lacks a prerequisite (that case
# TCONFs).  Those lines are left out of the comparison, and the exit
# status then only has to be free of TFAIL/TBROK.  Records "ltp-events".
. tests/jobs.sh
set -uo pipefail
kit=$1 out=$2; shift 2
abis=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do abis+=("$1"); shift; done
shift
tests=("$@")
known=tests/ltp/events.known
pass=0 fail=0 skip=0
mkdir -p "$out"
lines() { grep -oE '^[^ ]+:[0-9]+: T(PASS|FAIL|BROK|CONF|WARN)' "$1"; }
# e_machine of an ELF file (little-endian ones only matter here)
machine() { od -An -tu2 -j18 -N2 "$1" | tr -d ' '; }
case $(uname -m) in x86_64) host_machines=" 62 3 " ;; *) host_machines=" " ;; esac
# one ABI QEMU TEST: one case, kit then reference; prints its lines and
# leaves pass, fail or skip in OUTDIR/ABI.TEST.res.
one() {
	local abi=$1 qemu=$2 t=$3 pass=0 fail=0 skip=0
	{
		bin=build/ltp/$abi/$t
		if [ ! -x "$bin" ]; then echo "SKIP $abi $t: no $bin"; echo skip >"$out/$abi.$t.res"; return; fi
		k=$out/$abi.$t.kit r=$out/$abi.$t.ref w=$out/$abi.$t.cwd
		# each case in a directory of its own: two run at once
		rm -rf "$w"; mkdir -p "$w"
		(cd "$w" && timeout 60 "$OLDPWD/$kit" run --abi "$abi" "$OLDPWD/$bin") > "$k" 2>&1; krc=$?
		if [[ $host_machines == *" $(machine "$bin") "* ]]; then
			ref=native
			(cd "$w" && timeout 60 "$OLDPWD/$bin") > "$r" 2>&1; rrc=$?
		else
			ref=$qemu
			(cd "$w" && timeout 60 "$qemu" "$OLDPWD/$bin") > "$r" 2>&1; rrc=$?
		fi
		skipl=$(awk -v a="$abi" -v t="$t" -v r="$ref" '($1 == a || $1 == "*") && $2 == t &&
			($4 == "kit" || ($4 == "qemu" && r != "native")) { gsub(",", "|", $3); l = l (l ? "|" : "") $3 }
			END { print l }' "$known")
		drop() { if [ -n "$skipl" ]; then lines "$1" | grep -vE ":($skipl): T"; else lines "$1"; fi; }
		if [ $((krc & 3)) -ne 0 ] || [ $krc -ge 64 ]; then
			echo "FAIL $abi $t: kit exit $krc"; grep -E 'T(FAIL|BROK)' "$k" | head -5; tail -2 "$k"
			fail=$((fail + 1))
		elif { [ -z "$skipl" ] && [ $krc -ne $rrc ]; } || ! diff -q <(drop "$k") <(drop "$r") > /dev/null; then
			echo "FAIL $abi $t: kit exit $krc, $ref exit $rrc"; diff <(lines "$k") <(lines "$r") | head -8
			fail=$((fail + 1))
		elif [ -n "$skipl" ] && ! diff -q <(lines "$k") <(lines "$r") > /dev/null; then
			echo "ok   $abi $t (lines $skipl differ from $ref as known)"; pass=$((pass + 1))
		else
			pass=$((pass + 1))
		fi
	}
	if [ $fail -gt 0 ]; then echo fail; else echo pass; fi >"$out/$abi.$t.res"
}
# Two cases at a time (each case's kit and reference runs stay in order);
# their lines are printed in the usual order once all are done.
for ab in "${abis[@]}"; do
	for t in "${tests[@]}"; do
		rm -f "$out/${ab%%:*}.$t.res"
		one "${ab%%:*}" "${ab#*:}" "$t" >"$out/${ab%%:*}.$t.log" 2>&1 &
		job_slot "${LTP_JOBS:-2}"
	done
done
wait
for ab in "${abis[@]}"; do
	for t in "${tests[@]}"; do
		abi=${ab%%:*}
		cat "$out/$abi.$t.log"
		case $(cat "$out/$abi.$t.res" 2>/dev/null) in
		pass) pass=$((pass + 1)) ;;
		skip) skip=$((skip + 1)) ;;
		fail) fail=$((fail + 1)) ;;
		*) echo "FAIL $abi $t: did not finish"; fail=$((fail + 1)) ;;
		esac
	done
done
echo "ltp events: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh ltp-events $pass $fail $skip
[ $fail -eq 0 ]
