/* Inside the gdb stub: shared by kit/gdbstub.c (run loop side),
 * kit/gdbcmd.c (packets), kit/gdbwire.c (connection) and kit/gdbregs.c. */
#ifndef CK_GDBPRIV_H
#define CK_GDBPRIV_H

#include <stdint.h>
#include <stddef.h>
#include "task.h"

#define GDB_PKT 0x4000		/* PacketSize we announce (bytes of packet data) */
#define GDB_NSIG 152		/* gdb signal numbers (include/gdb/signals.def) */

struct gdbbp {
	uint64_t addr;
	uc_hook h;
};

enum { RUN_CONT, RUN_STEP };
enum { HIT_NONE, HIT_BP, HIT_STEP };

struct gdbstub {
	struct task *t;
	int fd;			/* the debugger's connection */
	int noack;		/* QStartNoAckMode accepted */
	char in[GDB_PKT + 8];	/* the packet being served */
	unsigned char rbuf[4096];	/* socket read buffer */
	size_t rpos, rlen;
	char *last;		/* last packet sent, for a '-' retransmit */
	/* breakpoints: one UC_HOOK_CODE hook each, over just its address */
	struct gdbbp *bp;
	unsigned nbp, capbp;
	/* how the debugger resumed */
	int mode;		/* RUN_CONT or RUN_STEP */
	int resumed;		/* gdb just resumed the guest */
	int over;		/* stepping off a breakpoint before continuing */
	uc_hook steph;		/* the step hook (whole space), while stepping */
	int stepping;
	unsigned step_n;	/* instructions the step hook saw */
	int hit;		/* HIT_*: why a hook stopped the engine */
	int pending;		/* HIT_*: a stop to show gdb after the safe point */
	int armed;		/* the run loop's own uc_emu_start is running (not,
				 * e.g., a sigreturn helper: kit/sigframe.c) */
	uint8_t pass[GDB_NSIG];	/* QPassSignals: deliver without stopping */
	char stop[64];		/* the last stop reply, for '?' */
	/* registers in regnum order and the target description */
	const struct gdbreg **regs;
	unsigned nregs;
	char *xml;
	size_t xmllen;
	/* the guest's auxv as it sits on the initial stack (qXfer:auxv:read:
	 * gdb finds a PIE's load address and ld.so by it), or NULL */
	uint8_t *auxv;
	size_t auxvlen;
};

/* kit/gdbwire.c: the connection and packet framing. */
int gdbw_listen(int port, int *out_port, char *err, size_t errlen);
int gdbw_accept(int lfd, char *err, size_t errlen);
/* Next packet into g->in (NUL-terminated, unescaped for binary X data:
 * length returned).  -1 when the connection is gone. */
int gdbw_get(struct gdbstub *g);
/* Send one packet (escaping what must be); 0 or -1. */
int gdbw_put(struct gdbstub *g, const char *data, size_t len);
int gdbw_puts(struct gdbstub *g, const char *s);
int gdbw_hex(int c);
/* hex digits -> bytes: number of bytes, or -1. */
long gdbw_unhex(const char *s, uint8_t *out, size_t max);
void gdbw_tohex(char *out, const uint8_t *in, size_t n);

/* kit/gdbstub.c: breakpoints (0 or -1) and the end of the session (frees
 * g, t->gdb = NULL). */
int gdbs_bp_add(struct gdbstub *g, uint64_t addr);
void gdbs_bp_del(struct gdbstub *g, uint64_t addr);
void gdbs_drop(struct gdbstub *g);

/* kit/gdbcmd.c: serve gdb until it resumes the guest: the Linux signal it
 * resumes with (0: none), or -1 if the debugger is gone (detached or lost:
 * the guest runs on alone). */
int gdbc_serve(struct gdbstub *g);
unsigned gdbc_tid(void);	/* the one thread's id in packets */

/* kit/gdbregs.c: registers, target description, signal numbers. */
int gdbr_init(struct gdbstub *g);
/* One register in the guest's byte order; its size in bytes, or -1. */
int gdbr_get(struct gdbstub *g, const struct gdbreg *r, uint8_t *out);
int gdbr_set(struct gdbstub *g, const struct gdbreg *r, const uint8_t *in);
const struct gdbreg *gdbr_find(struct gdbstub *g, unsigned regnum);
int gdb_sig_to_gdb(int sig);	/* Linux -> gdb numbering */
int gdb_sig_from_gdb(int gsig);	/* gdb -> Linux (0: none) */

#endif
