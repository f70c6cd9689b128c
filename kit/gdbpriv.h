/* Inside the gdb stub: shared by kit/gdbstub.c (run loop side),
 * kit/gdbcmd.c (packets), kit/gdbwire.c (connection) and kit/gdbregs.c. */
#ifndef CK_GDBPRIV_H
#define CK_GDBPRIV_H

#include <stdint.h>
#include <stddef.h>
#include <pthread.h>
#include "task.h"
#include "vm.h"

#define GDB_PKT 0x4000		/* PacketSize we announce (bytes of packet data) */
#define GDB_NSIG 152		/* gdb signal numbers (include/gdb/signals.def) */
#define GDB_MAXENG VM_MAX_ENGINES	/* one per guest thread */

/* A watchpoint: Z2 write, Z3 read, Z4 access (the packet's type digit). */
struct gdbwp {
	uint64_t addr, len;
	int type;
};

enum { RUN_CONT, RUN_STEP, RUN_HOLD };	/* HOLD: gdb left it stopped */
enum { HIT_NONE, HIT_BP, HIT_STEP, HIT_WATCH };

/* One guest thread's engine as the stub sees it (kit/gdbhook.c).  Each
 * engine carries its own hooks; they follow the stub's lists (the
 * generation numbers) at the thread's next safe point, in its own host
 * thread, never from another. */
struct gdbeng {
	struct gdbstub *g;
	struct task *t;
	unsigned gen, rgen, cgen;	/* g's counters it has caught up with */
	struct gdbhk { uint64_t addr; uc_hook h; } *bp;	/* one code hook per breakpoint */
	unsigned nbp, capbp;
	uc_hook memh;		/* reads and writes, while watchpoints exist */
	int watching;
	uc_hook codeh;		/* every instruction: a step, or after a watch hit */
	int coded;
	int mode;		/* RUN_*: how gdb resumed this thread */
	int over;		/* stepping off a breakpoint before continuing */
	unsigned step_n;	/* instructions the code hook saw while stepping */
	int hit;		/* HIT_*: why a hook stopped the engine */
	int whit;		/* a watched access happened in this instruction */
	uint64_t waddr;		/* ... at this watchpoint */
	int wtype;
	int pending;		/* HIT_*: a stop to show gdb after the safe point */
	int armed;		/* the run loop's own uc_emu_start is running (not,
				 * e.g., a sigreturn helper: kit/sigframe.c) */
};

struct gdbstub {
	struct task *t;		/* the task gdb attached to */
	struct task *self;	/* the thread serving gdb now (it reported the stop) */
	struct task *cur;	/* Hg: the thread whose registers gdb reads */
	struct task *cont;	/* Hc: the thread c and s act on (NULL: self) */
	int fd;			/* the debugger's connection */
	int noack;		/* QStartNoAckMode accepted */
	char in[GDB_PKT + 8];	/* the packet being served */
	unsigned char rbuf[4096];	/* socket read buffer */
	size_t rpos, rlen;
	char *last;		/* last packet sent, for a '-' retransmit */
	/* what gdb asked for; each engine catches up (struct gdbeng) */
	uint64_t *bp;		/* breakpoint addresses */
	unsigned nbp, capbp;
	struct gdbwp *wp;
	unsigned nwp, capwp;
	unsigned gen;		/* the lists changed */
	unsigned rgen;		/* gdb resumed the guest */
	unsigned cgen;		/* gdb wrote guest memory: translations may be stale */
	struct gdbeng *eng[GDB_MAXENG];
	unsigned neng;
	uint8_t pass[GDB_NSIG];	/* QPassSignals: deliver without stopping */
	char stop[96];		/* the last stop reply, for '?' */
	/* gdb's ^C while the guest runs (kit/gdbintr.c) */
	pthread_t watcher;
	int watching;		/* the watcher thread exists */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	int running;		/* the guest runs: the socket is the watcher's */
	int quit;
	int intr;		/* a ^C came: the next safe point reports SIGINT */
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

/* kit/gdbhook.c: what gdb asks for (0, or -1: no room), and each
 * engine's hooks that carry it out. */
int gdbh_bp_add(struct gdbstub *g, uint64_t addr);
void gdbh_bp_del(struct gdbstub *g, uint64_t addr);
int gdbh_wp_add(struct gdbstub *g, int type, uint64_t addr, uint64_t len);
void gdbh_wp_del(struct gdbstub *g, int type, uint64_t addr, uint64_t len);
int gdbh_bp_at(struct gdbstub *g, uint64_t addr);
/* t's record, made on first use (NULL: out of memory). */
struct gdbeng *gdbh_eng(struct gdbstub *g, struct task *t);
/* Before t's engine runs: its hooks as g's lists and resume say. */
void gdbh_sync(struct gdbeng *e);
/* Remove e's hooks (own: the caller is e's thread or e's engine is idle)
 * and forget e. */
void gdbh_forget(struct gdbeng *e, int hooks);

/* kit/gdbintr.c: the watcher that turns gdb's ^C into g->intr. */
int gdbi_start(struct gdbstub *g);
void gdbi_stop(struct gdbstub *g);
/* The guest runs (1) or the stub serves gdb (0). */
void gdbi_running(struct gdbstub *g, int on);

/* kit/gdbstub.c: gdb resumed the guest (held threads look again), and
 * the end of the session (frees g, every thread's t->gdb
 * = NULL). */
void gdbs_resumed(void);
void gdbs_drop(struct gdbstub *g);

/* kit/gdbcmd.c: serve gdb until it resumes the guest: the Linux signal it
 * resumes with (0: none), or -1 if the debugger is gone (detached or lost:
 * the guest runs on alone). */
int gdbc_serve(struct gdbstub *g);

/* kit/gdbregs.c: registers, target description, signal numbers. */
int gdbr_init(struct gdbstub *g);
/* One register in the guest's byte order; its size in bytes, or -1. */
int gdbr_get(struct gdbstub *g, const struct gdbreg *r, uint8_t *out);
int gdbr_set(struct gdbstub *g, const struct gdbreg *r, const uint8_t *in);
const struct gdbreg *gdbr_find(struct gdbstub *g, unsigned regnum);
int gdb_sig_to_gdb(int sig);	/* Linux -> gdb numbering */
int gdb_sig_from_gdb(int gsig);	/* gdb -> Linux (0: none) */

#endif
