#!/usr/bin/env bash
# Syscall numbers of every ABI against its cross toolchain headers, and
# mutation tests showing that check catches a wrong table.
#
# ABIs and their triplets come from the `TRIPLET_<abi> := <triplet>` lines of
# arches/<dir>/arch.mk; the table is arches/<dir>/syscalls.master.  Each ABI
# is checked twice: the .master itself (errors name file:line) and the
# compiled table as `compatkit syscalls <abi>` lists it.
# Records groups "tables-numbers" and "tables-mutation".
set -uo pipefail
ck=${COMPATKIT:-build/compatkit}
chk=tests/tables/check-numbers.sh
pass=0 fail=0 skip=0
declare -A dir_triplet
for mk in arches/*/arch.mk; do
	dir=$(basename "$(dirname "$mk")")
	while read -r abi triplet; do
		for src in "arches/$dir/syscalls.master" "--cli $ck"; do
			out=$(bash $chk "$abi" "$triplet" $src); rc=$?
			if [ $rc -eq 0 ]; then pass=$((pass + 1))
			elif [ $rc -eq 77 ]; then echo "$out"; skip=$((skip + 1))
			else echo "$out"; fail=$((fail + 1)); fi
		done
		: "${dir_triplet[$dir]:=$abi $triplet}"
	done < <(sed -n 's/^TRIPLET_\([A-Za-z0-9_]*\)[ \t]*:*=[ \t]*\([^ \t]*\).*/\1 \2/p' "$mk")
done
# The CLI: one coverage line per ABI, --help, and a clear error for a bad ABI.
nabi=$(sed -n 's/^TRIPLET_\([A-Za-z0-9_]*\)[ \t]*:*=.*/\1/p' arches/*/arch.mk | sort -u | wc -l)
ncov=$("$ck" syscalls --all | grep -c '^coverage: [a-z0-9_]* [0-9]*/[0-9]* implemented')
if [ "$ncov" -eq "$nabi" ]; then pass=$((pass + 1)); else echo "FAIL syscalls --all: $ncov coverage lines for $nabi ABIs"; fail=$((fail + 1)); fi
if "$ck" syscalls --help | grep -q '^usage: compatkit syscalls'; then pass=$((pass + 1)); else echo "FAIL syscalls --help"; fail=$((fail + 1)); fi
err=$("$ck" syscalls no-such-abi 2>&1); r=$?
if [ $r -eq 2 ] && [ "$(wc -l <<<"$err")" -eq 1 ] && grep -q "unknown ABI 'no-such-abi'" <<<"$err"; then pass=$((pass + 1))
else echo "FAIL syscalls no-such-abi: rc $r, '$err'"; fail=$((fail + 1)); fi

echo "tables-numbers: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh tables-numbers "$pass" "$fail" "$skip"
rc=$(( fail > 0 ))

# Mutations: in a copy of each syscalls.master, renumber, rename or delete
# the middle entry; the check must fail and say where.
pass=0 fail=0 skip=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
expect() {	# what file want...: check output of the mutated copy
	local what=$1 f=$2; shift 2
	local out; out=$(bash $chk "$abi" "$triplet" "$f"); local r=$?
	if [ $r -eq 77 ]; then skip=$((skip + 1)); return; fi
	if [ $r -eq 0 ]; then echo "FAIL mutation ($dir, $what) not detected"; fail=$((fail + 1)); return; fi
	for w in "$@"; do
		if ! grep -qF -- "$w" <<<"$out"; then
			echo "FAIL mutation ($dir, $what): no line containing '$w' in:"; sed 's/^/    /' <<<"$out"
			fail=$((fail + 1)); return
		fi
	done
	pass=$((pass + 1))
}
for dir in "${!dir_triplet[@]}"; do
	read -r abi triplet <<<"${dir_triplet[$dir]}"
	m=arches/$dir/syscalls.master
	# line number, syscall number and name of the middle entry
	read -r ln nr name < <(awk '/^[0-9]/ { e[++n] = FNR " " $1 " " ($3 ~ /^\{/ ? "" : $3); p[n] = $0 }
		END { i = int(n / 2); split(e[i], a, " "); nm = a[3]
		      if (nm == "") { s = p[i]; sub(/\(.*/, "", s); k = split(s, w, /[ \t*]+/); nm = w[k] }
		      print a[1], a[2], nm }' "$m")
	hdr=$(echo | "$triplet-gcc" -E -include asm/unistd.h - 2>/dev/null | grep -o 'asm/unistd_[0-9a-z]*\.h' | head -1)
	new=$((nr + 3000))
	f=$tmp/$dir-renumber.master
	awk -v ln="$ln" -v new="$new" 'FNR == ln { sub(/^[0-9]+/, new) } { print }' "$m" > "$f"
	expect renumber "$f" "$f:$ln: $abi: syscall $new is $name in syscalls.master but $hdr defines no syscall $new" \
		"$abi: syscall $nr is $name in $hdr but missing from syscalls.master"
	f=$tmp/$dir-rename.master
	awk -v ln="$ln" -v n="$name" 'FNR == ln { if (/\{/) sub(n "\\(", n "_x("); else $3 = n "_x" } { print }' "$m" > "$f"
	expect rename "$f" "$f:$ln: $abi: syscall $nr is $name in $hdr but ${name}_x in syscalls.master"
	f=$tmp/$dir-delete.master
	awk -v ln="$ln" 'FNR != ln' "$m" > "$f"
	expect delete "$f" "$abi: syscall $nr is $name in $hdr but missing from syscalls.master"
done
echo "tables-mutation: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh tables-mutation "$pass" "$fail" "$skip"
[ $rc -eq 0 ] && [ $fail -eq 0 ]
