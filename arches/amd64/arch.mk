# amd64: x86_64, `syscall` instruction.
ABIS += amd64
TRIPLET_amd64 := x86_64-linux-gnu
QEMU_amd64    := qemu-x86_64-static
