/*
 * The probe chain: an ordered, declarative list of signatures, in the
 * spirit of NetBSD's linux_elf{32,64}_probe (native signature first, then
 * the Linux ones: interp, atexit, gcc, debuglink, go) and FreeBSD's brand
 * table (OSABI, ABI note, interpreter).
 *
 * Foreign-OS brands come first: a file that says it is NetBSD or FreeBSD is
 * never taken for Linux, whatever else it carries.  Every signature runs on
 * every file so that `compatkit probe` can show all the evidence; the
 * verdict (probe.c: decide) is the same whatever the order.
 */
#include "probe_impl.h"

int sig_netbsd_ident(struct probe_ctx *, struct probe_ev *);
int sig_freebsd_tag(struct probe_ctx *, struct probe_ev *);
int sig_osabi_foreign(struct probe_ctx *, struct probe_ev *);
int sig_interp(struct probe_ctx *, struct probe_ev *);
int sig_libc_atexit(struct probe_ctx *, struct probe_ev *);
int sig_abi_tag(struct probe_ctx *, struct probe_ev *);
int sig_gcc_comment(struct probe_ctx *, struct probe_ev *);
int sig_osabi_gnu(struct probe_ctx *, struct probe_ev *);
int sig_debuglink(struct probe_ctx *, struct probe_ev *);
int sig_go_buildid(struct probe_ctx *, struct probe_ev *);

const struct probe_sig probe_chain[] = {
	/* negative brands: a match means "another OS", not Linux */
	{ "netbsd-ident", 1, sig_netbsd_ident },	/* .note.netbsd.ident */
	{ "freebsd-tag", 1, sig_freebsd_tag },		/* FreeBSD .note.tag */
	{ "osabi-foreign", 1, sig_osabi_foreign },	/* EI_OSABI FreeBSD, NetBSD ... */
	/* Linux signatures, strongest first */
	{ "interp", 0, sig_interp },			/* PT_INTERP is a Linux loader */
	{ "libc-atexit", 0, sig_libc_atexit },		/* static glibc's __libc_atexit */
	{ "abi-tag", 0, sig_abi_tag },			/* .note.ABI-tag, OS = Linux */
	{ "gcc-comment", 0, sig_gcc_comment },		/* "GCC: " in .comment */
	{ "osabi-gnu", 0, sig_osabi_gnu },		/* EI_OSABI = GNU/Linux */
	{ "debuglink", 0, sig_debuglink },		/* .gnu_debuglink */
	{ "go-buildid", 0, sig_go_buildid },		/* Go's .note.go.buildid */
	{ 0, 0, 0 }
};
