#!/usr/bin/env bash
# cli.sh COMPATKIT PROBEDIR: `compatkit probe` exit codes, one-line errors,
# --help, --json.  Expectations come from how the inputs were built.
set -uo pipefail
ck=$1; pd=$2
pass=0; fail=0; skip=0
ok()  { pass=$((pass+1)); }
bad() { fail=$((fail+1)); echo "check-probe-cli: FAIL: $*"; }
run() { timeout 20 "$ck" probe "$@"; }	# a hang is a failure too
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT

run --help >"$tmp/out" 2>&1; rc=$?
[ $rc = 0 ] && grep -q '^usage: compatkit probe' "$tmp/out" && ok || bad "--help: rc $rc"
run >/dev/null 2>&1; rc=$?; [ $rc = 2 ] && ok || bad "no FILE: rc $rc, want 2"
run --frobnicate x >/dev/null 2>&1; rc=$?; [ $rc = 2 ] && ok || bad "bad option: rc $rc, want 2"

good=build/guest/amd64/hello
run "$good" >"$tmp/out"; rc=$?
[ $rc = 0 ] && head -1 "$tmp/out" | grep -q "^$good: linux-amd64$" && ok || bad "$good: rc $rc"
# every signature is listed, in chain order, on every file
n=$(grep -c '^    [-+!] ' "$tmp/out"); [ "$n" -ge 7 ] && ok || bad "only $n signature lines"
run "$good" "$pd/free/amd64/bare" >/dev/null; rc=$?; [ $rc = 1 ] && ok || bad "match+nomatch: rc $rc, want 1"
run "$good" "$pd/corpus/empty" "$pd/free/amd64/bare" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && ok || bad "with an error: rc $rc, want 2"

# ppc64 ABI level decided by endianness is said so
run "$pd/corpus/ppc64-be-level0" >"$tmp/out"; rc=$?
[ $rc = 0 ] && grep -q 'ELFv1 .*decided by endianness' "$tmp/out" && ok || bad "ppc64 level 0: rc $rc"

# every malformed corpus file: exit 2, exactly one stderr line naming it
while IFS=$'\t' read -r name kind expect flag; do
	[ "$kind" = error ] || continue
	f="$pd/corpus/$name"
	run "$f" >/dev/null 2>"$tmp/err"; rc=$?
	lines=$(wc -l <"$tmp/err")
	if [ $rc = 2 ] && [ "$lines" = 1 ] && grep -qF "compatkit probe: $f: " "$tmp/err" && grep -qF "$expect" "$tmp/err"; then ok
	else bad "$name: rc $rc, stderr: $(head -3 "$tmp/err")"; fi
done <"$pd/corpus/MANIFEST"
run "$pd/corpus" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q "$pd/corpus: is a directory" "$tmp/err" && ok || bad "directory: rc $rc"

mkfifo "$tmp/fifo"
run "$tmp/fifo" >/dev/null 2>"$tmp/err"; rc=$?
[ $rc = 2 ] && grep -q "fifo: not a regular file" "$tmp/err" && ok || bad "FIFO: rc $rc (124 = hung)"

# --json: valid JSON, one object per file, statuses as built
files=("$good" build/guest/powerpc64le/hello.dyn "$pd/free/amd64/netbsd" "$pd/corpus/note-namesz" "$pd/go/ppc64/hello")
run --json "${files[@]}" >"$tmp/json" 2>/dev/null; rc=$?
[ $rc = 2 ] && ok || bad "--json: rc $rc, want 2"
if command -v python3 >/dev/null; then
	got=$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(" ".join(o["status"]+":"+str(o.get("abi") or o.get("foreign") or "") for o in d))' "$tmp/json" 2>&1)
	want="linux:amd64 linux:powerpc64le nomatch:NetBSD error: linux:powerpc64"
	[ "$got" = "$want" ] && ok || bad "--json: got '$got', want '$want'"
else
	skip=$((skip+1)); echo "check-probe-cli: SKIP --json validation: python3 not installed"
fi

echo "check-probe-cli: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh check-probe-cli $pass $fail $skip
[ $fail = 0 ]
