# i386: 32-bit x86, int $0x80 syscalls.
ABIS += i386
TRIPLET_i386 := i686-linux-gnu
QEMU_i386    := qemu-i386-static
