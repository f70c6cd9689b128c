# powerpc: 32-bit big-endian, `sc` with CR0.SO error convention.
ABIS += powerpc
TRIPLET_powerpc := powerpc-linux-gnu
QEMU_powerpc    := qemu-ppc-static
