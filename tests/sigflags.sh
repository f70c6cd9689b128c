#!/usr/bin/env bash
# sigflags.sh: the sa_flags/ss_flags constants of kit/ksig.h (K_*) equal
# each ABI's <asm/signal.h> values (as the cross compiler's preprocessor
# expands them).  A constant an arch's header does not define is skipped
# for that arch.  Counts go to `tests/record.sh signals-flags`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
names=(SA_NOCLDSTOP SA_NOCLDWAIT SA_SIGINFO SA_RESTORER SA_ONSTACK SA_RESTART SA_NODEFER
       SA_RESETHAND SS_ONSTACK SS_DISABLE SS_AUTODISARM MINSIGSTKSZ SIG_BLOCK SIG_UNBLOCK SIG_SETMASK)
num() { sed -E 's/(0x[0-9a-fA-F]+|[0-9]+)[uUlL]+/\1/g'; }
# MINSIGSTKSZ is per ABI: the descriptor's .minsigstksz in the arch's abi.c
# (one value per arch directory), default 2048 (kit/ksig.h K_MINSIGSTKSZ).
abi_min() {
	local d; d=$(grep -l "^ABIS[[:space:]]*+=.*\b$1\b" arches/*/arch.mk | head -1); d=${d%/arch.mk}
	local v; v=$(sed -n 's/.*\.minsigstksz = \([0-9]*\).*/\1/p' "$d/abi.c" | head -1)
	echo "${v:-$(kitval MINSIGSTKSZ)}"
}
kitval() { printf '#include "kit/ksig.h"\nK_%s\n' "$1" | gcc -E -P -I. -Ikit -Ibuild/gen - 2>/dev/null | tail -1; }
pass=0 fail=0 skip=0
read -ra abis <<<"${ABIS:-$(sed -n 's/^ABIS[[:space:]]*+=//p' arches/*/arch.mk | tr '\n' ' ')}"
for abi in "${abis[@]}"; do
	trip=$(sed -n "s/^[[:space:]]*TRIPLET_$abi[[:space:]]*:\{0,1\}=[[:space:]]*\([^[:space:]#]*\).*/\1/p" arches/*/arch.mk | head -1)
	cc=gcc; [ "$trip" = "$(gcc -dumpmachine)" ] || cc=$trip-gcc
	for n in "${names[@]}"; do
		hv=$(printf '#include <linux/signal.h>\n%s\n' "$n" | $cc -E -P - 2>/dev/null | tail -1)
		case $n in	# kit/sys/signal.c's change_mask uses 0/1/2
		SIG_BLOCK) kv=0 ;; SIG_UNBLOCK) kv=1 ;; SIG_SETMASK) kv=2 ;;
		MINSIGSTKSZ) kv=$(abi_min "$abi") ;;
		*) kv=$(kitval "$n") ;;
		esac
		hv=$(printf '%s' "$hv" | num); kv=$(printf '%s' "$kv" | num)
		if [ "$hv" = "$n" ] || [ -z "$hv" ]; then skip=$((skip + 1)); continue; fi
		if [ $((hv)) = $((kv)) ]; then pass=$((pass + 1))
		else echo "FAIL $abi $n: <asm/signal.h> $hv, kit $kv"; fail=$((fail + 1)); fi
	done
done
echo "signals-flags: $pass passed, $fail failed, $skip skipped (constants an arch does not define)"
bash tests/record.sh signals-flags "$pass" "$fail" "$skip"
[ "$fail" = 0 ]
