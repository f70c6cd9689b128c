/* A guest task: the ABI it runs, its CPU engine and its address space. */
#ifndef CK_TASK_H
#define CK_TASK_H

#include <stdint.h>
#include <stddef.h>
#include <unicorn/unicorn.h>
#include "abi.h"

struct vm;
struct sigstate;
struct gdbstub;

/* What the loader learned from the ELF image; setregs and the auxv use it. */
struct exec_image {
	uint64_t entry;		/* where the CPU starts: e_entry (+ load bias) of the
				 * interpreter if any, else of the program; on ELFv1 a
				 * descriptor address */
	uint64_t prog_entry;	/* the program's own entry (AT_ENTRY) */
	uint64_t phdr;		/* guest address of the program headers */
	uint64_t phent, phnum;
	uint64_t base;		/* interpreter base (0 for static) */
	uint64_t brk;		/* initial program break */
	uint64_t tls_addr, tls_filesz, tls_memsz, tls_align;	/* PT_TLS */
	uint64_t load_lo, load_hi;
	int exec_stack;		/* PT_GNU_STACK asked for PF_X */
	const char *path;
};

enum task_stop { STOP_NONE, STOP_EXIT, STOP_FAULT, STOP_EXEC };

struct task {
	const struct abi *abi;
	uc_engine *uc;
	struct vm *vm;
	int tid;
	int exiting;		/* 1 exit, 2 exit_group called */
	int exit_status;
	uint64_t sigcode;	/* guest address of the sigcode page (0 = none) */
	uint64_t tls_gdt;	/* arch private: e.g. i386 GDT base */
	uint64_t thread_page;	/* a guest page the arch's clone_child mapped for
				 * this task alone (i386: its GDT); unmapped
				 * when the task goes (kit/thread.c) */
	void *arch;		/* arch private state */
	unsigned trace;		/* --trace flags */
	char exe[4096];		/* absolute path of the running image (/proc/self/exe) */
	uint64_t clear_child_tid;	/* set_tid_address */
	uint64_t hwcap, hwcap2;	/* what the engine's CPU really has (cpu_init may refine) */
	/* Why the engine stopped, for the run loop. */
	int stop;		/* enum task_stop */
	int fault_sig;		/* guest signal for a fault/interrupt */
	uint64_t fault_addr;
	int fault_code;		/* si_code */
	struct sigstate *sig;	/* signal state (kit/signal.h) */
	/* threads (kit/thread.h) */
	uint64_t robust_head;	/* set_robust_list */
	int kicked;		/* a kick was sent and not yet seen */
	int in_host_call;	/* blocked in a host call, engine lock dropped */
	int stop_asked;		/* leave the engine at the next block (kit/thread.c) */
	int block_hooked;	/* the engine has that block hook */
	struct task *vfork_parent;	/* a vfork child sharing this task's memory
					 * (kit/vfork.c), else NULL */
	struct gdbstub *gdb;	/* the debugger attached (kit/gdbstub.h), or NULL */
};

/* Guest memory access: 0 on success, -EFAULT (Linux value) if any byte of
 * the range is not mapped with the needed protection. */
int copyin(struct task *t, uint64_t gaddr, void *dst, size_t n);
int copyout(struct task *t, const void *src, uint64_t gaddr, size_t n);
/* Copy a NUL-terminated string of at most max bytes (incl. NUL): length or
 * -EFAULT / -ENAMETOOLONG. */
long copyinstr(struct task *t, uint64_t gaddr, char *dst, size_t max);
/* Host pointer for [gaddr, gaddr+n) if it lies in one mapping, else NULL. */
void *guest_ptr(struct task *t, uint64_t gaddr, size_t n, int prot);

/* Guest-endian scalar helpers for arch code. */
uint64_t abi_load(const struct abi *a, const void *p, unsigned size);
void abi_store(const struct abi *a, void *p, unsigned size, uint64_t v);

#endif
