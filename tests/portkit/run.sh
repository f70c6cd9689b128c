#!/usr/bin/env bash
# run.sh COMPATKIT WORKDIR: the porting kit end to end, in scratch copies of
# the tree under WORKDIR (the repo's own build never sees them).
#   1. new-arch refuses bad names, unknown machines, existing arches/ABIs and
#      symbol clashes, writing nothing; an arch of another machine is stamped
#      out next to the real ones and its code links with theirs.
#   2. A blank arch seeded from powerpc (the only arch in its tree) builds;
#      check fails at stage 1 with the lesson's hint; grading gives a low
#      score.
#   3. A scripted learner copies the powerpc reference one stage at a time
#      (tests/portkit/learner.sh).  After every step the score rises and at
#      least one more stage passes; the end is full score for the stages the
#      tree has.
# Records group "portkit".
set -uo pipefail
ck=$(realpath "$1") work=$2
root=$(pwd)
pass=0 fail=0 skip=0
ok()  { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL portkit: $*"; }
finish() {
	[ -n "${ref_pid:-}" ] && wait "$ref_pid" 2>/dev/null
	echo "portkit: $pass passed, $fail failed, $skip skipped"
	bash "$root/tests/record.sh" portkit "$pass" "$fail" "$skip"
	[ "$fail" = 0 ]
	exit
}
command -v qemu-ppc-static >/dev/null && command -v powerpc-linux-gnu-gcc >/dev/null || {
	echo "portkit: skipped: qemu-ppc-static or powerpc-linux-gnu-gcc not installed"
	skip=1; finish
}
[ -d arches/powerpc ] || { echo "portkit: skipped: no arches/powerpc to learn from"; skip=1; finish; }

copy_tree() {	# copy_tree DIR: the sources, without build/ and .git
	rm -rf "$1" && mkdir -p "$1" &&
	tar -C "$root" --exclude=./build --exclude=./.git -cf - . | tar -C "$1" -xf -
}
# refuse WHAT PATTERN ARGS...: new-arch must exit 2 with one line matching.
refuse() {
	local what=$1 pat=$2; shift 2
	local out; out=$("$ck" new-arch "$@" 2>&1 >/dev/null); local r=$?
	if [ $r -eq 2 ] && [ "$(grep -c . <<<"$out")" -eq 1 ] && grep -q -- "$pat" <<<"$out"; then ok
	else bad "new-arch $what: rc $r, want 2 and one line with '$pat', got: $out"; fi
}

# Stage 7 of the reference itself, in the repo (used at the end of 3): the
# suite cases that fail for powerpc fail for its copy too, and are no fault
# of the lessons.  It reads only the repo, so it runs beside 1 and 2.
ref=$work/ref-suite
mkdir -p "$work"
"$ck" check powerpc --stage suite --grade --root "$root" > "$ref.out" 2>&1 &
ref_pid=$!

# ---- 1. refusals and a second machine, in a full copy ----
T=$work/full
copy_tree "$T"
refuse "bad name (digit)" "bad arch name '9bad'" 9bad --from powerpc --root "$T"
refuse "bad name (case, dash)" "bad arch name" Bad-Name --from powerpc --root "$T"
refuse "no --from" "--from ARCH is required" newone --root "$T"
refuse "unknown --from" "--from nosuch: no arches/nosuch/arch.mk" newone --from nosuch --root "$T"
refuse "unknown machine" "unknown machine 'EM_NOSUCH'" newone --from powerpc --machine EM_NOSUCH \
	--triplet x-linux-gnu --qemu qemu-x-static --unicorn ppc/ppc32 --root "$T"
refuse "unknown Unicorn arch" "unknown Unicorn arch 'nosuch'" newone --from amd64 --machine EM_RISCV \
	--triplet riscv64-linux-gnu --qemu qemu-riscv64-static --unicorn nosuch/riscv64 --root "$T"
refuse "unknown Unicorn mode" "unknown Unicorn mode 'nosuch'" newone --from amd64 --machine EM_RISCV \
	--triplet riscv64-linux-gnu --qemu qemu-riscv64-static --unicorn riscv/nosuch --root "$T"
refuse "new identity without toolchain" "give --triplet, --qemu and --unicorn" newone --from powerpc --class 64 --root "$T"
refuse "bad class" "--class 48: want 32 or 64" newone --from powerpc --class 48 --root "$T"
refuse "existing arch" "arches/powerpc already exists" powerpc --from i386 --root "$T"
refuse "existing ABI" "'powerpc64le' is already an ABI of arches/powerpc64" powerpc64le --from powerpc --root "$T"
refuse "symbol clash" "clashes: ppc_" ppc --from powerpc --root "$T"
refuse "not a tree" "is not a compatkit source tree" newone --from powerpc --root "$work"
if [ -z "$(cd "$T" && find arches sigcode -name 'newone*' -o -name 'ppc' -o -name 'ppc.S' -o -name '.*.new' 2>/dev/null)" ]; then ok
else bad "a refused new-arch left files behind"; fi

# riscv64 seeded from amd64: identity from the options, amd64's own handler demoted
out=$("$ck" new-arch rv64 --from amd64 --machine EM_RISCV --class 64 --endian little \
	--triplet riscv64-linux-gnu --qemu qemu-riscv64-static --unicorn riscv/riscv64 --root "$T" 2>&1)
r=$?
a=$T/arches/rv64/abi.c
if [ $r -eq 0 ] && grep -q '\.machine = EM_RISCV, \.elfclass = ELFCLASS64, \.data = ELFDATA2LSB' "$a" &&
	grep -q '\.uc_arch = UC_ARCH_RISCV, \.uc_mode = UC_MODE_RISCV64,' "$a" &&
	grep -q 'TRIPLET_rv64 := riscv64-linux-gnu' "$T/arches/rv64/arch.mk"; then ok
else bad "new-arch rv64: rc $r, identity not in abi.c/arch.mk: $out"; fi
if grep -q "^[0-9]*[[:space:]]UNIMPL.*arch_prctl.*; VERIFY (amd64's handler arch_prctl" "$T/arches/rv64/syscalls.master" &&
	! grep -q "^[0-9]*[[:space:]]*STD.*arch_prctl" "$T/arches/rv64/syscalls.master"; then ok
else bad "rv64: amd64's own arch_prctl handler was not demoted to UNIMPL"; fi
# Every hook of struct abi (kit/abi.h) is set in the template's descriptor.
hooks=$(awk '/^struct abi \{/,/^\};/' kit/abi.h | grep -o '(\*[a-z_0-9]*)(' | tr -d '(*)')
missing=$(for h in $hooks; do grep -q "^[[:space:]]*\.$h = " "$a" || echo "$h"; done)
if [ -n "$hooks" ] && [ -z "$missing" ]; then ok
else bad "kit/templates/arches/@NAME@/abi.c.in sets no stub for hook(s): ${missing:-?} (add them to the template)"; fi
# Its code links next to every real arch's without a clash: the generated
# tables and its files, against every object of this build's libck.a
# (--whole-archive pulls in all of them, so any duplicate is an error).
# The same for an arch seeded from powerpc (its table names powerpc's own
# handler ppc_select, which must have been demoted, not linked twice).
links() {	# links NAME: compile arches/NAME of $T and link it with the build
	local n=$1 g=$work/$1-gen f o objs=()
	rm -rf "$g" && mkdir -p "$g/$n"
	if ! "$root/build/mksys" "$T/arches/$n/syscalls.master" "$n" "$g/$n" >/dev/null ||
		! "$root/build/mklayout" "$T/arches/$n/layouts.def" "$n" "$g/$n" >/dev/null; then
		bad "mksys/mklayout reject $n's seeded tables"; return
	fi
	local srcs=("$T/arches/$n"/*.c "$g/$n/sysent.c" "$g/$n/layouts.c")
	for f in "${srcs[@]}"; do
		o=$g/$(basename "$(dirname "$f")")-$(basename "$f" .c).o
		${CC:-gcc} -std=gnu11 -Wall -Werror=implicit-function-declaration -D_GNU_SOURCE -I"$root" -I"$root/kit" -I"$g" \
			$(pkg-config --cflags unicorn 2>/dev/null) -c -o "$o" "$f" 2>>"$g/err" && objs+=("$o")
	done
	if [ ${#objs[@]} -eq ${#srcs[@]} ] && ${CC:-gcc} -o "$g/link" "$root/build/obj/kit/main.o" "${objs[@]}" \
		-Wl,--whole-archive "$root/build/libck.a" -Wl,--no-whole-archive \
		$(pkg-config --libs unicorn libelf capstone 2>/dev/null) -lpthread 2>>"$g/err"; then ok
	else bad "$n's code does not compile or clashes with the tree's: $(grep -m3 -E 'error|multiple' "$g/err")"; fi
}
links rv64
if "$ck" new-arch myppc --from powerpc --root "$T" >/dev/null 2>&1; then links myppc
else bad "new-arch myppc --from powerpc failed in the full tree"; fi
# Every hook but auxv_extra (an arch may have no extra auxv entries) has a
# stub that says "not implemented yet: stage N".
missing=$(for h in $hooks; do [ "$h" = auxv_extra ] || grep -q "not_yet(\"$h\"" "$T"/arches/myppc/*.c || echo "$h"; done)
if [ -z "$missing" ] && grep -q 'not implemented yet: stage' "$T"/arches/myppc/cpu.c "$T"/arches/myppc/sigstubs.c; then ok
else bad "hook(s) without a 'not implemented yet: stage N' stub in kit/templates/arches/@NAME@/*.c.in:" $missing; fi
out=$("$ck" check rv64 --root "$T" 2>&1); r=$?
if [ $r -eq 2 ] && grep -q "lists ABI 'rv64' but .* has no descriptor ck_abi_rv64: run make" <<<"$out"; then ok
else bad "check of an arch this build lacks: rc $r: $out"; fi

# ---- 2. the blank arch, alone in its tree ----
T=$work/tree
copy_tree "$T"
for d in "$T"/arches/*/; do n=$(basename "$d"); rm -rf "$d" "$T/sigcode/$n.S"; done
# The manifest's per-ABI rows name ABIs this tree no longer has; keep the
# rows that apply to every ABI (a new arch inherits those).
awk -F'\t' '/^#/ || NF < 3 || $3 == "all"' "$T/tests/manifest.tsv" > "$T/tests/manifest.tsv.new" &&
	mv "$T/tests/manifest.tsv.new" "$T/tests/manifest.tsv"
out=$("$ck" new-arch scratchppc --from powerpc --root "$T" 2>&1); r=$?
files="arches/scratchppc/abi.c arches/scratchppc/cpu.c arches/scratchppc/sigstubs.c arches/scratchppc/arch.mk
       arches/scratchppc/syscalls.master arches/scratchppc/layouts.def sigcode/scratchppc.S"
miss=$(for f in $files; do [ -f "$T/$f" ] || echo "$f"; done)
if [ $r -eq 0 ] && [ -z "$miss" ]; then ok; else bad "new-arch scratchppc: rc $r, missing: $miss $out"; fi
refuse "overwrite" "arches/scratchppc already exists" scratchppc --from powerpc --root "$T"
# The core's objects do not depend on any arch (no arch names in kit/):
# start from the repo's, with the .d files that say which headers each
# includes, so make rebuilds only what the tree changes (the arch, the
# generated tables, and any core file edited since the repo's build).
for d in kit probes; do
	[ -d "$root/build/obj/$d" ] && mkdir -p "$T/build/obj" && cp -pR "$root/build/obj/$d" "$T/build/obj/"
done
if out=$(make -C "$T" -s -j2 all 2>&1); then ok
else bad "the blank arch does not build: $(grep -m3 -i error <<<"$out")"; finish; fi

out=$("$T/build/compatkit" check scratchppc 2>&1); r=$?
if [ $r -eq 1 ] && grep -q '^FAIL 1 probe: .*hello.dyn: it asks for /lib/ld.so.1' <<<"$out" &&
	grep -q 'hint: lesson 1, lessons/1-probe.md; look at arches/scratchppc/abi.c' <<<"$out" &&
	grep -q '^SKIP 2 table' <<<"$out"; then ok
else bad "check on the blank arch: rc $r, want FAIL at stage 1 with the lesson hint: $out"; fi
out=$("$T/build/compatkit" check scratchppc --json --stage table 2>&1)
if grep -q '"name": "table", "status": "FAIL"' <<<"$out" && grep -q 'still marked' <<<"$out"; then ok
else bad "check --json --stage table: $out"; fi

wait "$ref_pid"
sed -n 's/^  powerpc: \([a-z0-9_]*\) ([a-z]*) does what the manifest says.*: FAIL$/\1/p' "$ref.out" > "$ref"
if grep -q '^  stage 7 suite: ' "$ref.out"; then ok
else bad "stage 7 of powerpc in the repo did not run: $(tail -3 "$ref.out")"; fi
[ -s "$ref" ] && echo "portkit: the reference powerpc fails stage 7 at: $(tr '\n' ' ' < "$ref")"

rm -f "$T/learner.counts"
ROOT=$root T=$T REF_SUITE=$ref bash "$root/tests/portkit/learner.sh"; r=$?
read -r lp lf < "$T/learner.counts" 2>/dev/null || { lp=0 lf=1; bad "learner.sh did not finish (rc $r)"; }
pass=$((pass + lp)) fail=$((fail + lf))
finish
