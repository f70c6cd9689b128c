#!/usr/bin/env bash
# mutate.sh MKLAYOUT OUTDIR "ABI DIR CC RUNNER"...
# 1. Mutation test: change one value in a copy of an arch's layouts.def and
#    show the probe, built by that ABI's compiler, rejects it with the exact
#    "ABI: struct.field: table says X, compiler says Y" line.
# 2. Bad .def input: mklayout must fail with "file:line: message".
# Records group "layouts-mutation".
set -uo pipefail
mk=$1 out=$2; shift 2
pass=0 fail=0 skip=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
mkdir -p "$out"

# mutate DEF STRUCT FIELD COLUMN VALUE > NEWDEF: set one column of a field
# line (FIELD "-" = the struct line itself) inside one struct block.
mutate() {
	awk -v s="$2" -v f="$3" -v c="$4" -v v="$5" '
		$1 == "struct" { in_s = ($2 == s) }
		in_s && ((f == "-" && $1 == "struct") || $1 == f) { $c = v; hit = 1 }
		{ print }
		END { exit !hit }' "$1"
}

# One mutation per line: ABI STRUCT FIELD COLUMN NEWVALUE EXPECTED-MESSAGE
mutations() {
	cat <<'M'
powerpc stat64 st_size 2 40 powerpc: stat64.st_size: table says offset 40, compiler says 48
powerpc sigaction sa_mask 5 1 powerpc: sigaction.sa_mask: table says count 1, compiler says 2
powerpc termios c_line 4 s powerpc: termios.c_line: table says signed, compiler says unsigned
amd64 epoll_event - 3 16 amd64: epoll_event: table says size 16, compiler says 12
amd64 stat st_size 3 4 amd64: stat.st_size: table says size 4, compiler says 8
M
}

declare -A spec
for s in "$@"; do set -- $s; spec[$1]="$2 $3 $4"; done

n=0
while read -r abi st fld col val msg; do
	n=$((n + 1))
	[ -n "${spec[$abi]:-}" ] || { echo "mutation $n: no ABI $abi given; skipped"; skip=$((skip + 1)); continue; }
	read -r dir cc runner <<< "${spec[$abi]}"
	d=$out/m$n; mkdir -p "$d"
	if ! mutate "arches/$dir/layouts.def" "$st" "$fld" "$col" "$val" > "$d/layouts.def"; then
		bad "mutation $n: $st.$fld not found in arches/$dir/layouts.def"; continue
	fi
	if ! "$mk" "$d/layouts.def" "$dir" "$d" 2> "$d/mk.err"; then
		bad "mutation $n: mklayout rejected the mutant: $(cat "$d/mk.err")"; continue
	fi
	res=$(bash tests/layouts/probe.sh "$abi" "$d/layoutprobe.c" "$d/o" "$cc" "$runner" 2>&1); rc=$?
	if [ $rc -ne 1 ]; then
		bad "mutation $n ($msg): probe exit $rc, want 1"; printf '%s\n' "$res" | head -5
	elif ! grep -qxF -- "$msg" <<< "$res"; then
		bad "mutation $n: want \"$msg\", got:"; printf '%s\n' "$res" | head -5
	elif [ "$(grep -c 'compiler says' <<< "$res")" -ne 1 ]; then
		bad "mutation $n: more than the one mutated value reported:"; printf '%s\n' "$res" | head -5
	else
		echo "mutation caught: $msg"; ok
	fi
done < <(mutations)

# Bad input: each case is "EXPECTED-LINE|message substring" then the def
# text (\n-separated), run through mklayout; it must exit non-zero with
# "FILE:LINE: ..." on stderr.
badcase() {
	local want_line=$1 want_msg=$2 text=$3 f=$out/bad.def
	printf '%b\n' "$text" > "$f"
	local err; err=$("$mk" "$f" t "$out" 2>&1 >/dev/null); local rc=$?
	if [ $rc -ne 0 ] && grep -q "^$f:$want_line: .*$want_msg" <<< "$err"; then
		ok
	else
		bad "bad input (want $f:$want_line: ...$want_msg), got rc $rc: $err"
	fi
}
badcase 2 "bad offset"        'struct a 8 <x.h> struct a\n  f zz 4 u\nend'
badcase 2 "signedness"        'struct a 8 <x.h> struct a\n  f 0 4 q\nend'
badcase 2 "must be 1, 2, 4 or 8" 'struct a 8 <x.h> struct a\n  f 0 3 u\nend'
badcase 3 "runs past the end" 'struct a 8 <x.h> struct a\n  f 0 4 u\n  g 6 4 u\nend'
badcase 3 "duplicate field"   'struct a 8 <x.h> struct a\n  f 0 4 u\n  f 4 4 u\nend'
badcase 1 "outside a struct"  '  f 0 4 u'
badcase 2 "not closed"        'struct a 8 <x.h> struct a\n  f 0 4 u'
badcase 4 "duplicate struct"  'struct a 8 <x.h> struct a\nend\n\nstruct a 8 <x.h> struct a\nend'
badcase 1 "no header"         'struct a 8 struct a\nend'
badcase 1 "bad header"        'struct a 8 <x.h struct a\nend'
badcase 2 "member expression" 'struct a 8 <x.h> struct a\n  f 0 4 u 1 a+b\nend'
badcase 1 "no structs"        '# empty'

echo "layouts mutation: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh layouts-mutation $pass $fail $skip
[ $fail -eq 0 ]
