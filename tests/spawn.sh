#!/usr/bin/env bash
# spawn.sh [ABI...]: posix_spawn and vfork (tests/guest/spawn.c, kit/vfork.c)
# under `compatkit run` on every ABI, against a real kernel.
#
# qemu-user 7.2 cannot be the reference here: it runs clone(CLONE_VM|
# CLONE_VFORK) as a fork, so a vfork child's stores and glibc's exec error
# report never reach the parent (posix_spawn of a missing file returns 0),
# and without binfmt_misc it cannot exec a powerpc image either.  The
# reference is the native run on the host: of the same binary for amd64 and
# i386, of the amd64 build for the powerpc ABIs (spawn.c prints nothing
# ABI-specific).  Two modes, one line each per ABI:
#   run     spawn/vfork the ABI's own build/guest/<abi>/exechelper
#   errors  exec failures, shared stores, nested vfork, CLONE_CLEAR_SIGHAND
# tests/compare.cases has the parts qemu does right (spawn-run-*).
# Counts go to `tests/record.sh spawn`; outputs to build/spawn/.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2

abis=("$@")
[ ${#abis[@]} -gt 0 ] || read -ra abis <<<"${ABIS:-amd64 i386 powerpc powerpc64 powerpc64le}"
work=build/spawn tmo=${CK_TIMEOUT:-60}
rm -rf "$work"; mkdir -p "$work"
pass=0 fail=0 skip=0

native_ok() {	# can this host run the ABI's binaries itself?
	[ "$(uname -m)" = x86_64 ] && { [ "$1" = amd64 ] || [ "$1" = i386 ]; }
}

# run DIR TAG CMD...: a clean environment, stdin /dev/null, a timeout;
# leaves DIR/TAG.out (stdout, then "exit N") and DIR/TAG.err.
run() {
	local dir=$1 tag=$2; shift 2
	timeout -k 5 "$tmo" env -i PATH=/usr/bin:/bin LC_ALL=C "$@" </dev/null \
		>"$dir/$tag.out" 2>"$dir/$tag.err"
	echo "exit $?" >>"$dir/$tag.out"
}

for abi in "${abis[@]}"; do
	ref_abi=$abi
	native_ok "$abi" || ref_abi=amd64
	for mode in run errors; do
		d=$work/$abi/$mode
		mkdir -p "$d/kit.tmp" "$d/ref.tmp"
		if ! native_ok "$ref_abi"; then
			echo "SKIP $abi $mode (this host cannot run $ref_abi binaries natively: no reference)"
			skip=$((skip + 1)); continue
		fi
		for b in build/guest/$abi/spawn build/guest/$abi/exechelper build/guest/$ref_abi/spawn \
			 build/guest/$ref_abi/exechelper; do
			[ -x "$b" ] || { echo "FAIL $abi $mode ($b missing)"; fail=$((fail + 1)); continue 2; }
		done
		if [ $mode = run ]; then
			karg=build/guest/$abi/exechelper rarg=build/guest/$ref_abi/exechelper
		else
			karg=$d/kit.tmp rarg=$d/ref.tmp
		fi
		run "$d" kit build/compatkit run --abi "$abi" "build/guest/$abi/spawn" $mode "$karg"
		run "$d" ref "build/guest/$ref_abi/spawn" $mode "$rarg"
		if cmp -s "$d/kit.out" "$d/ref.out"; then
			echo "PASS $abi $mode (reference: native $ref_abi)"; pass=$((pass + 1))
		else
			echo "FAIL $abi $mode (reference: native $ref_abi)"; fail=$((fail + 1))
			diff -u --label native --label kit "$d/ref.out" "$d/kit.out" | head -n 20 | sed 's/^/    /'
			head -n 5 "$d/kit.err" | sed 's/^/    kit stderr: /'
		fi
	done
done
echo "spawn: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh spawn "$pass" "$fail" "$skip"
[ "$fail" = 0 ]
