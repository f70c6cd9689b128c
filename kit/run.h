/* Creating a guest task on the CPU engine and running it. */
#ifndef CK_RUN_H
#define CK_RUN_H
#include "task.h"

#define TRACE_SYSCALLS 1

struct run_opts {
	unsigned trace;
	const char *argv0;	/* override for argv[0] */
};

/* Open an engine for abi and an empty address space. */
int task_init(struct task *t, const struct abi *a, char *err, size_t errlen);
/* Open t's CPU engine (t->abi set) with the kit's hooks; tcg_buffer is
 * the translation buffer size (0: Unicorn's default). */
int task_engine(struct task *t, uint32_t tcg_buffer, char *err, size_t errlen);
void task_destroy(struct task *t);
/* Load path, build the stack, set the entry registers. */
int task_exec(struct task *t, int fd, const char *path, char *const argv[],
	      char *const envp[], char *err, size_t errlen);
/* Run until the guest exits; returns a wait(2)-style status (or -1 when
 * t was a thread other than the last: kit/thread.h). */
int task_run(struct task *t);
/* task_run's loop, for a caller holding the engine lock as t (kit/vfork.c). */
int task_loop(struct task *t);
/* The dispatcher: called by the engine hooks on a syscall trap. */
void syscall_trap(struct task *t);
/* kit/ucquirk.c: keep Unicorn from leaving a block in the middle for an
 * asynchronous stop (which would run part of the block twice).
 * engine_mid_block_exits: on=0 turns those exits off, on=1 back on; -1 if
 * this Unicorn build does not show where (nothing changed).
 * engine_safe_stops: off for a new engine, unless a debugger asked for
 * exact stops (engine_exact_stops, for the task's engine and every later
 * one). */
int engine_mid_block_exits(uc_engine *uc, const struct abi *a, int on);
int engine_safe_stops(uc_engine *uc, const struct abi *a);
void engine_exact_stops(struct task *t);
/* The guest's personality(2) value (kit/sys/sched.c): kept across fork and
 * carried across execve on the new kit's command line. */
uint32_t sys_personality(void);
void sys_set_personality(uint32_t p);
#endif
