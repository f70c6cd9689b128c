/* A freestanding program: no C library, so none of glibc's marks (ABI tag,
 * __libc_atexit, IFUNC's EI_OSABI).  Linked with or without a BSD ident note
 * (netbsd-note.S, freebsd-note.S) and with or without GCC's .comment
 * (-fno-ident), it lets the probe tests vary one mark at a time.  Never run. */
void _start(void)
{
	for (;;)
		;
}
