#!/usr/bin/env bash
# dynamic.sh [ABI...]: dynamic guests through a sysroot, beyond compare.sh.
#  - dlopen.dyn (dlopen libm.so.6, call cos) under the kit on every ABI,
#    against the same program built for and run on the host: the digits of
#    cos() do not depend on the ABI, and this covers powerpc, where qemu 7.2
#    cannot be the reference (tests/compare.cases).
#  - the three ways to name the sysroot (--sysroot, $COMPATKIT_SYSROOT, the
#    /usr/<triplet> default) give the same run;
#  - a sysroot without the interpreter fails with a one-line error naming it;
#  - the guest's ld.so does not read the host's /etc/ld.so.cache through a
#    sysroot that has none (host libraries; i386 hung on the host's libc).
# Counts go to `tests/record.sh dynamic`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
kit=build/compatkit
abis=("$@")
[ ${#abis[@]} -gt 0 ] || read -ra abis <<<"${ABIS:-}"
pass=0 fail=0 skip=0
ok() { echo "PASS $*"; pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
sk() { echo "SKIP $*"; skip=$((skip + 1)); }
triplet() { sed -n "s/^[[:space:]]*TRIPLET_$1[[:space:]]*:\{0,1\}=[[:space:]]*\([^[:space:]#]*\).*/\1/p" arches/*/arch.mk | head -1; }

host_triplet=$(gcc -dumpmachine)
ref=$(mktemp) out=$(mktemp) err=$(mktemp)
trap 'rm -f "$ref" "$out" "$err"' EXIT
# The host's own build of the program is the reference.
host_bin=""
for a in "${abis[@]}"; do [ "$(triplet "$a")" = "$host_triplet" ] && host_bin=build/guest/$a/dlopen.dyn; done
if [ -z "$host_bin" ] || ! "$host_bin" >"$ref" 2>&1; then
	sk "dlopen: no host build to compare with"; : >"$ref"
fi

for a in "${abis[@]}"; do
	tr=$(triplet "$a")
	sr=/usr/$tr
	[ -d "$sr" ] || sr=/
	bin=build/guest/$a/dlopen.dyn
	[ -f "$bin" ] || { bad "$a dlopen: $bin missing"; continue; }
	if [ -s "$ref" ]; then
		if "$kit" run "$bin" >"$out" 2>"$err" && cmp -s "$ref" "$out"; then ok "$a dlopen"
		else bad "$a dlopen: differs from the host's run"; diff "$ref" "$out" | head -5; head -3 "$err"; fi
	fi
	hb=build/guest/$a/hello.dyn
	want="Hello from a Linux guest"
	o1=$("$kit" run --sysroot "$sr" "$hb" 2>&1)
	o2=$(COMPATKIT_SYSROOT=$sr "$kit" run "$hb" 2>&1)
	o3=$("$kit" run "$hb" 2>&1)
	if [ "$o1" = "$want" ] && [ "$o2" = "$want" ] && [ "$o3" = "$want" ]; then ok "$a sysroot-forms"
	else bad "$a sysroot-forms: --sysroot '$o1' env '$o2' default '$o3'"; fi
	if [ "$sr" = / ]; then
		sk "$a no-interp: the host's own interpreter cannot be hidden"
		sk "$a loader-cache: no sysroot, the host's /etc/ld.so.cache is the guest's"
		continue
	fi
	# The host's ld.so.cache names host libraries: with a sysroot that has
	# none, the guest's ld.so must not read the host's (kit/sysroot.c).
	if [ -e "$sr/etc/ld.so.cache" ] || [ ! -e /etc/ld.so.cache ]; then
		sk "$a loader-cache: the sysroot has its own cache or the host has none"
	# (no grep -q: it would quit early and the kit's SIGPIPE fail the pipe)
	elif "$kit" run --trace "$hb" 2>&1 | grep -E '"/etc/ld\.so\.cache", [^)]*\) = -1 ENOENT' >/dev/null; then
		ok "$a loader-cache"
	else bad "$a loader-cache: the guest's ld.so opened the host's /etc/ld.so.cache"; fi
	interp=$(LC_ALL=C readelf -l "$hb" | sed -n 's/.*Requesting program interpreter: \(.*\)]/\1/p')
	if [ -e "$interp" ]; then sk "$a no-interp: the host has $interp itself (fallback path)"; continue; fi
	e=$("$kit" run --sysroot /nonexistent "$hb" 2>&1); rc=$?
	if [ $rc = 2 ] && [ "$(printf '%s\n' "$e" | wc -l)" = 1 ] && [[ $e == *"$interp"*"/nonexistent"* ]]; then
		ok "$a no-interp"
	else bad "$a no-interp: rc $rc, '$e'"; fi
done
echo "dynamic: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh dynamic "$pass" "$fail" "$skip"
[ "$fail" = 0 ]
