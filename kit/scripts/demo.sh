#!/usr/bin/env bash
# The demo (`make demo`): for every ABI, what `compatkit probe` says about the
# bundled hello program, and hello run under `compatkit run` next to
# qemu-user-static.  Commands the build does not have yet are shown as such.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.." || exit 1
kit=build/compatkit
tmo=20

make -s all guests || { echo "demo: build failed" >&2; exit 1; }
read -ra abis <<<"$(sed -n 's/^ABIS[[:space:]]*+=//p' arches/*/arch.mk | tr '\n' ' ')"

have() { "$kit" "$1" --help >/dev/null 2>&1; }

# cut_to N TEXT: TEXT shortened to N columns.
cut_to() { local s=$2; [ ${#s} -le "$1" ] && printf '%s' "$s" || printf '%s~' "${s:0:$(($1 - 1))}"; }

# run_one CMD...: sets OUT (first line of stdout) and RC (exit status) of
# CMD, run quietly under timeout.
run_one() {
	OUT=$( (exec 2>/dev/null; timeout -k 2 "$tmo" "$@" </dev/null) ); RC=$?
	OUT=$(printf '%s\n' "$OUT" | head -n 1)
	case $RC in 124|137) OUT="(timed out after ${tmo}s)" RC=- ;; esac
}

have probe || echo "(compatkit probe is not in this build yet)"
have run || echo "(compatkit run is not in this build yet)"
echo
fmt='%-12s %-28s | %-26s %4s | %-26s %4s | %s\n'
printf "$fmt" ABI "probe verdict" "compatkit run: stdout" exit "qemu-user: stdout" exit match
printf '%s\n' "$(printf '%.0s-' {1..118})"
for abi in "${abis[@]}"; do
	bin=build/guest/$abi/hello
	if have probe; then
		# The first line of the verdict, without a leading "FILE:".
		verdict=$("$kit" probe "$bin" 2>&1 | sed -n '/./{p;q}')
		verdict=${verdict#"$bin"}; verdict=${verdict#:}; verdict=${verdict# }
	else
		verdict="(no probe)"
	fi
	run_one bash tests/ref/qemu-run.sh "$abi" "$bin"
	refout=$OUT refrc=$RC
	kitout="(no run)" kitrc=- same=""
	if have run; then
		run_one "$kit" run "$bin"
		kitout=$OUT kitrc=$RC
		[ "$kitout/$kitrc" = "$refout/$refrc" ] && same=same || same=DIFFERENT
	fi
	printf "$fmt" "$abi" "$(cut_to 28 "$verdict")" "$(cut_to 26 "$kitout")" "$kitrc" \
		"$(cut_to 26 "$refout")" "$refrc" "$same"
done
