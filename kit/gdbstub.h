/* The gdb remote stub (compatkit run --gdb PORT): gdb's remote serial
 * protocol over a TCP connection on the loopback.  The run loop (kit/run.c)
 * and signal delivery (kit/signal.c) consult it only when t->gdb is set. */
#ifndef CK_GDBSTUB_H
#define CK_GDBSTUB_H

#include <stddef.h>
#include "task.h"

/* Listen on 127.0.0.1:port (0: any free port; the port is printed on
 * stderr), accept one debugger and serve it until it resumes the guest,
 * which is stopped at its first instruction.  0, or -1 with err set. */
int gdb_attach(struct task *t, int port, char *err, size_t errlen);

/* Run loop, after the safe point, just before the engine starts: show gdb
 * a breakpoint or finished step and serve it (then returns 1: go around
 * the loop to deliver what gdb resumed with), else arm the single-step
 * hook if gdb asked for a step (or one to leave a breakpoint): 0. */
int gdb_before_run(struct task *t);
/* Run loop, after the engine returned with e: 1 if the stop was the
 * debugger's (a breakpoint or a finished step, shown to gdb at the next
 * gdb_before_run), 0 if the loop handles it as usual. */
int gdb_after_run(struct task *t, uc_err e);
/* Signal delivery, for a signal about to act: the debugger sees it first.
 * Returns the signal to deliver instead (0: none, the debugger ate it). */
int gdb_signal(struct task *t, int sig);
/* The guest ends: exited with code (sig 0) or killed by sig. */
void gdb_exit(struct task *t, int code, int sig);
/* gdb asked to interrupt the guest (^C) and no thread has stopped for it
 * yet: a blocking call ends as for a signal (kit/signal.c). */
int gdb_interrupted(struct task *t);
/* The guest thread t goes (exit(2)): the debugger forgets its engine. */
void gdb_thread_exit(struct task *t);
/* A forked child: drop the debugger (its connection is the parent's). */
void gdb_forget(struct task *t);

#endif
