#!/usr/bin/env bash
# arch-lines.sh [ROOT]: hand-written lines per arch, as a Markdown table.
# Counted: every file of arches/<arch>/ and sigcode/<arch>.S, except the
# data the checks verify against the toolchain (syscalls.master,
# layouts.def), notes (*.md) and generated code (which lives in build/).
# "code" leaves out blank lines and comment-only lines.  Files directly in
# arches/ (shared by several arches) are a row of their own.  The goal is
# at most 600 lines per arch.
set -euo pipefail
root=${1:-.}
cd "$root"
count() {	# count FILE...: "lines code"
	awk 'FNR == 1 { mk = FILENAME ~ /\.mk$/ }
	     { n++; t = $0; sub(/^[ \t]+/, "", t)
	       if (t == "" || t ~ /^(\/\*|\*|\/\/)/ || (mk && t ~ /^#/)) next; c++ }
	     END { print n + 0, c + 0 }' "$@" /dev/null
}
echo "| arch | files | lines | code lines |"
echo "|---|---|---|---|"
worst=0
for d in arches/*/; do
	a=$(basename "$d")
	files=()
	for f in "$d"*; do
		case $(basename "$f") in syscalls.master|layouts.def|*.md) continue ;; esac
		[ -f "$f" ] && files+=("$f")
	done
	[ -f "sigcode/$a.S" ] && files+=("sigcode/$a.S")
	read -r n c < <(count "${files[@]}")
	names=$(for f in "${files[@]}"; do printf '%s ' "${f#arches/$a/}"; done)
	echo "| $a | ${names% } | $n | $c |"
	[ "$n" -gt "$worst" ] && worst=$n
done
shared=(arches/*.[ch])
if [ -e "${shared[0]}" ]; then
	read -r n c < <(count "${shared[@]}")
	echo "| (shared, arches/*.[ch]) | ${shared[*]#arches/} | $n | $c |"
fi
echo
echo "Largest arch: $worst lines (goal: at most 600)."
# An arch whose files another arch includes serves that one too (its lines
# are the family's, not one ABI's).
for d in arches/*/; do
	a=$(basename "$d")
	users=$(grep -l "#include \"arches/$a/" arches/*/*.[ch] 2>/dev/null | grep -v "^arches/$a/" |
		cut -d/ -f2 | sort -u | tr "\n" " " || true)
	[ -z "$users" ] || echo "arches/$a/ is also built on by: ${users% } (they include its headers and use its code)."
done
exit 0
