#!/usr/bin/env bash
# sighost.sh: host-originated signals reach the guest.  For every ABI, run
# build/guest/<abi>/sigext under the kit, then from this shell
#   - send SIGUSR1: the guest's handler must see si_code SI_USER (0) and
#     si_pid = this shell's pid;
#   - send SIGTERM (default action): the kit must die by SIGTERM (143).
# Counts go to `tests/record.sh signals-host`.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.." || exit 2
read -ra abis <<<"${ABIS:-$(sed -n 's/^ABIS[[:space:]]*+=//p' arches/*/arch.mk | tr '\n' ' ')}"
pass=0 fail=0 skip=0
work=build/sighost; mkdir -p "$work"
wait_ready() {	# wait_ready FILE: up to 10 s for the guest's "ready"
	for _ in $(seq 100); do grep -q '^ready' "$1" 2>/dev/null && return 0; sleep 0.1; done
	return 1
}
for abi in "${abis[@]}"; do
	bin=build/guest/$abi/sigext
	[ -x "$bin" ] || { echo "FAIL $abi: $bin missing"; fail=$((fail + 1)); continue; }
	out=$work/$abi.usr1
	build/compatkit run --abi "$abi" "$bin" >"$out" 2>&1 &
	kp=$!
	if wait_ready "$out"; then
		kill -USR1 "$kp"
		timeout 10 tail --pid="$kp" -f /dev/null; wait "$kp"; rc=$?
		if [ $rc = 0 ] && grep -q "^got SIGUSR1 si_code=0 si_pid=$$\$" "$out"; then
			echo "PASS $abi SIGUSR1 from pid $$"; pass=$((pass + 1))
		else
			echo "FAIL $abi SIGUSR1: status $rc, output: $(tail -1 "$out")"; fail=$((fail + 1))
		fi
	else
		kill -KILL "$kp" 2>/dev/null; echo "FAIL $abi: guest never ready"; fail=$((fail + 1))
	fi
	out=$work/$abi.term
	build/compatkit run --abi "$abi" "$bin" >"$out" 2>&1 &
	kp=$!
	if wait_ready "$out"; then
		kill -TERM "$kp"
		wait "$kp"; rc=$?
		if [ $rc = 143 ]; then echo "PASS $abi SIGTERM kills (143)"; pass=$((pass + 1))
		else echo "FAIL $abi SIGTERM: status $rc"; fail=$((fail + 1)); fi
	else
		kill -KILL "$kp" 2>/dev/null; echo "FAIL $abi: guest never ready"; fail=$((fail + 1))
	fi
done
echo "signals-host: $pass passed, $fail failed, $skip skipped"
bash tests/record.sh signals-host "$pass" "$fail" "$skip"
[ "$fail" = 0 ]
