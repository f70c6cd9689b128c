# powerpc64: one syscall table, two ABIs: ELFv1 big-endian and ELFv2 little-endian.
ABIS += powerpc64 powerpc64le
TRIPLET_powerpc64   := powerpc64-linux-gnu
QEMU_powerpc64      := qemu-ppc64-static
TRIPLET_powerpc64le := powerpc64le-linux-gnu
QEMU_powerpc64le    := qemu-ppc64le-static
