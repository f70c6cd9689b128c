#!/usr/bin/env bash
# qemu-run.sh [-o OUT] [-e ERR] ABI FILE [ARGS...]
# Run a Linux binary under the ABI's qemu-user-static, the reference the
# kit is compared with.  The runner for ABI is QEMU_<abi> from
# arches/*/arch.mk (an environment variable of that name overrides it).
# stdout/stderr pass through, or go to OUT/ERR.  The exit status is the
# guest's; a guest killed by signal N gives 128+N, as a shell reports it
# (qemu re-raises the guest's fatal signal on itself).
set -uo pipefail
out= err=
while getopts o:e: opt; do
	case $opt in
	o) out=$OPTARG ;;
	e) err=$OPTARG ;;
	*) echo "usage: qemu-run.sh [-o OUT] [-e ERR] ABI FILE [ARGS...]" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -ge 2 ] || { echo "usage: qemu-run.sh [-o OUT] [-e ERR] ABI FILE [ARGS...]" >&2; exit 2; }
abi=$1; shift
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

var=QEMU_$abi
qemu=${!var:-}
if [ -z "$qemu" ]; then
	qemu=$(sed -n "s/^[[:space:]]*QEMU_${abi}[[:space:]]*:\?=[[:space:]]*\([^[:space:]#]*\).*/\1/p" \
		"$here"/arches/*/arch.mk | head -1)
fi
[ -n "$qemu" ] || { echo "qemu-run.sh: no QEMU_$abi in arches/*/arch.mk" >&2; exit 2; }
command -v "$qemu" >/dev/null || { echo "qemu-run.sh: $qemu not installed (apt install qemu-user-static)" >&2; exit 2; }
[ -f "$1" ] || { echo "qemu-run.sh: $1: no such file" >&2; exit 2; }

# Dynamic guests take ld.so and libraries from the cross toolchain's sysroot,
# /usr/<triplet> (qemu's -L); the kit's `run` uses the same by default.
# qemu's -L falls back to the host for a path the prefix lacks, so the guest
# ld.so would read the host's /etc/ld.so.cache, which names host libraries:
# on an x86_64 host with libc6-i386 it lists /lib32/libc.so.6, the i386 ld.so
# loads it next to itself, and that mix of two glibc builds spins in the
# first pthread_create.  The kit looks the loader's two files up in the
# sysroot only (kit/sysroot.c); qemu gets the same view from a prefix under
# build/ holding links to the sysroot's entries and an empty etc/ld.so.cache
# and etc/ld.so.preload (ld.so ignores empty ones).  A sysroot with an etc/
# of its own is used as it is.
loader_prefix() {	# SYSROOT ABI: print the prefix for qemu
	local sr=$1 dir=$here/build/qemu-sysroot/$2 tmp e
	if [ -e "$sr/etc" ] || [ -f "$dir/etc/ld.so.cache" ]; then
		[ -e "$sr/etc" ] && echo "$sr" || echo "$dir"
		return
	fi
	mkdir -p "$here/build/qemu-sysroot" &&
		tmp=$(mktemp -d "$here/build/qemu-sysroot/.$2.XXXXXX") && chmod 755 "$tmp" || { echo "$sr"; return; }
	for e in "$sr"/*; do ln -s "$e" "$tmp/"; done
	mkdir "$tmp/etc" && : >"$tmp/etc/ld.so.cache" && : >"$tmp/etc/ld.so.preload"
	# Another run may have made it meanwhile: the first rename wins.
	mv -T "$tmp" "$dir" 2>/dev/null || rm -rf "$tmp"
	echo "$dir"
}
if [ -z "${QEMU_LD_PREFIX:-}" ]; then
	triplet=$(sed -n "s/^[[:space:]]*TRIPLET_${abi}[[:space:]]*:\?=[[:space:]]*\([^[:space:]#]*\).*/\1/p" \
		"$here"/arches/*/arch.mk | head -1)
	[ -n "$triplet" ] && [ -d "/usr/$triplet" ] && export QEMU_LD_PREFIX=$(loader_prefix "/usr/$triplet" "$abi")
fi

# No core files from a guest that dies (qemu writes qemu_*.core in the cwd).
ulimit -c 0
# The guest gets the original stderr (fd 3); the shell's own goes to
# /dev/null.  A guest killed by signal N kills qemu by N, which the caller's
# shell reports as 128+N.
# Without -o/-e the streams are duplicated, not reopened by name: opening
# /dev/stdout would truncate a caller's regular file.
if [ -n "$out" ]; then exec 4>"$out"; else exec 4>&1; fi
if [ -n "$err" ]; then exec 3>"$err"; else exec 3>&2; fi
# qemu replaces this shell (exec): a signal sent to the runner's pid (a
# timeout, tests/faults/check.sh's SIGALRM/SIGTERM) reaches qemu itself and
# cannot leave an orphaned qemu spinning behind a dead wrapper.
exec 2>/dev/null
exec "$qemu" "$@" >&4 2>&3 3>&- 4>&-
