/* NetBSD's ident note, as NetBSD's crt0 emits it (sys/exec_elf.h):
 * owner "NetBSD" (namesz 7), type ELF_NOTE_TYPE_NETBSD_TAG = 1,
 * descriptor: __NetBSD_Version__ (here 9.3, 903000000). */
	.section .note.netbsd.ident, "a", @note
	.p2align 2
	.long 7
	.long 4
	.long 1
	.asciz "NetBSD"
	.p2align 2
	.long 903000000

	.section .note.GNU-stack, "", @progbits
