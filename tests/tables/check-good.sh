#!/usr/bin/env bash
# The good fixture (tests/tables/good.entries) under three directive sets:
# each must generate, compile with -Werror, and pass good_test.c.  Then the
# build-fail-fix rule: without the STD handlers the table must not link.
# Records group "tables-generator-good".
set -uo pipefail
mksys=${MKSYS:-build/mksys}
cc=${CC:-cc}
pass=0 fail=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
run() {	# name bits aligned hi directives...
	local name=$1 bits=$2 al=$3 hi=$4; shift 4
	local d=$tmp/$name; mkdir -p "$d"
	{ printf '%s\n' "$@"; cat tests/tables/good.entries; } > "$d/fixture.master"
	if ! "$mksys" "$d/fixture.master" fixture "$d"; then
		echo "FAIL $name: mksys rejected the good fixture"; fail=$((fail + 1)); return
	fi
	if ! $cc -std=gnu11 -Wall -Wextra -Werror -Wno-unused-parameter -Ikit -I"$d" \
		-DFIX_BITS="$bits" -DFIX_ALIGNED="$al" -DFIX_HI="$hi" \
		-o "$d/t" tests/tables/good_test.c "$d/sysent.c" kit/sysent.c; then
		echo "FAIL $name: generated table does not compile"; fail=$((fail + 1)); return
	fi
	local out; out=$("$d/t"); local rc=$?
	local p f
	p=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\1/p' <<<"$out")
	f=$(sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed$/\2/p' <<<"$out")
	grep -v ' passed, ' <<<"$out"
	echo "$name: ${p:-0} passed, ${f:-1} failed"
	pass=$((pass + ${p:-0})); fail=$((fail + ${f:-1}))
	[ $rc -eq 0 ] || [ "${f:-1}" -gt 0 ] || fail=$((fail + 1))
}
run i386-like 32 0 0 '%bits 32' '%pairs unaligned' '%endian little'
run ppc32-like 32 1 1 '%bits 32' '%pairs aligned' '%endian big'
run lp64 64 0 0 '%bits 64'

# STD entries reference linux_sys_<name> strongly: a missing handler must
# stop the link (and name the handler): NetBSD's build-fail-fix.
d=$tmp/ppc32-like
printf '%s\n' '#include "abi.h"' 'extern const struct systable ck_systable_fixture;' \
	'int main(void) { return ck_systable_fixture.n == 0; }' > "$d/nohandlers.c"
if $cc -std=gnu11 -Ikit -o "$d/t2" "$d/nohandlers.c" "$d/sysent.c" 2>"$d/link.err"; then
	echo "FAIL link: table without handlers linked"; fail=$((fail + 1))
elif ! grep -q 'linux_sys_fanotify_mark' "$d/link.err"; then
	echo "FAIL link: error does not name linux_sys_fanotify_mark:"; cat "$d/link.err"; fail=$((fail + 1))
else
	pass=$((pass + 1))
fi
echo "tables-generator-good: $pass passed, $fail failed"
bash tests/record.sh tables-generator-good "$pass" "$fail" 0
[ "$fail" -eq 0 ]
