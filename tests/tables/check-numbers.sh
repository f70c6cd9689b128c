#!/usr/bin/env bash
# Compare a syscall table with the cross toolchain's <asm/unistd.h>, both ways.
#
#   check-numbers.sh LABEL TRIPLET MASTER           a syscalls.master (via mksys)
#   check-numbers.sh LABEL TRIPLET --cli COMPATKIT  `compatkit syscalls LABEL`
#
# The header side is every `#define __NR_<name> <decimal>` that
# `TRIPLET-gcc -E -dM -include asm/unistd.h` yields.  Rule for what is not a
# syscall: a macro whose value is not a plain decimal number (an alias or an
# expression) is skipped, and so is __NR_syscalls (a table size some kernels
# export).  Exit 0 if both sides agree, 1 with one line per difference, 77 if
# the toolchain is missing (the caller reports that as a skip).
set -uo pipefail
label=$1 triplet=$2 src=$3
mksys=${MKSYS:-build/mksys}
cc=$triplet-gcc
command -v "$cc" >/dev/null || { echo "$label: skipped: $cc not installed"; exit 77; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo | "$cc" -E -dM -include asm/unistd.h - 2>"$tmp/err" |
	awk '$1 == "#define" && $2 ~ /^__NR_/ && $3 ~ /^[0-9]+$/ && $2 != "__NR_syscalls" { print $3, substr($2, 6) }' \
	> "$tmp/hdr" || { cat "$tmp/err"; exit 1; }
# Name the file that really defines them (i386: asm/unistd_32.h, x86_64: asm/unistd_64.h).
hdr=$(echo | "$cc" -E -include asm/unistd.h - 2>/dev/null | grep -o 'asm/unistd_[0-9a-z]*\.h' | head -1)
hdr=${hdr:-asm/unistd.h}
[ -s "$tmp/hdr" ] || { echo "$label: no __NR_ macros from $cc asm/unistd.h"; exit 1; }

if [ "$src" = --cli ]; then
	what="compatkit syscalls $label"
	"$4" syscalls "$label" > "$tmp/cli" || { echo "$label: '$what' failed"; exit 1; }
	awk '$1 ~ /^[0-9]+$/ { print $1, $2, "-" }' "$tmp/cli" > "$tmp/tab"
else
	what=syscalls.master
	"$mksys" "$src" checked "$tmp" || { echo "$src: mksys failed"; exit 1; }
	# #define LINUX_checked_SYS_<name> <nr>	/* <file>:<line> */
	awk '$1 == "#define" && $4 == "/*" { print $3, substr($2, 19), $5 }' "$tmp/sysnum.h" > "$tmp/tab"
fi

awk -v label="$label" -v hdr="$hdr" -v what="$what" '
	FNR == NR { h[$1] = $2; hn[$2] = $1; next }
	{ t[$1] = $2; tn[$2] = $1; loc[$1] = $3 == "-" ? "" : $3 ": " }
	END {
		bad = 0
		for (n in h) {
			if (!(n in t)) {
				where = h[n] in tn ? sprintf(" (it has %s as %d)", h[n], tn[h[n]]) : ""
				printf "%s: syscall %d is %s in %s but missing from %s%s\n", label, n, h[n], hdr, what, where
				bad++
			} else if (t[n] != h[n]) {
				printf "%s%s: syscall %d is %s in %s but %s in %s\n", loc[n], label, n, h[n], hdr, t[n], what
				bad++
			}
		}
		for (n in t)
			if (!(n in h)) {
				where = t[n] in hn ? sprintf(" (%s is %d there)", t[n], hn[t[n]]) : ""
				printf "%s%s: syscall %d is %s in %s but %s defines no syscall %d%s\n", loc[n], label, n, t[n], what, hdr, n, where
				bad++
			}
		exit bad > 0
	}' "$tmp/hdr" "$tmp/tab"
