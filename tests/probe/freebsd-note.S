/* FreeBSD's ABI tag note, as FreeBSD's crt1 emits it (sys/elf_common.h):
 * section .note.tag, owner "FreeBSD" (namesz 8), type NT_FREEBSD_ABI_TAG = 1,
 * descriptor: __FreeBSD_version (here 13.2-RELEASE, 1302001). */
	.section .note.tag, "a", @note
	.p2align 2
	.long 8
	.long 4
	.long 1
	.asciz "FreeBSD"
	.p2align 2
	.long 1302001

	.section .note.GNU-stack, "", @progbits
