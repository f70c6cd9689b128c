#!/usr/bin/env bash
# check.sh KIT ABI...: valgrind memcheck on a representative run (hello)
# of each ABI: no invalid access, no use of uninitialised values, no leak
# of any kind outside tests/valgrind/unicorn.supp (which says why each is
# there).  Skips, saying so, without valgrind.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 2
kit=$1; shift
if ! command -v valgrind >/dev/null; then
	echo "check-valgrind: SKIP: valgrind not installed (kit/scripts/deps.sh installs it)"
	bash tests/record.sh valgrind 0 0 $#; exit 0
fi
pass=0 fail=0
mkdir -p build/valgrind
for abi in "$@"; do
	log=build/valgrind/$abi.log
	timeout 300 valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all \
		--errors-for-leak-kinds=definite,indirect,possible \
		--suppressions=tests/valgrind/unicorn.supp --log-file="$log" \
		"$kit" run "build/guest/$abi/hello" >build/valgrind/$abi.out 2>&1
	rc=$?
	if [ $rc = 0 ] && grep -q 'Hello' build/valgrind/$abi.out; then
		echo "PASS $abi valgrind memcheck clean"; pass=$((pass + 1))
	else
		echo "FAIL $abi valgrind (rc $rc), $log:"; grep -m8 -E '==[0-9]+== [A-Z]' "$log" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
done
bash tests/record.sh valgrind "$pass" "$fail" 0
[ $fail = 0 ]
