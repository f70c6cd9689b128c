/*
 * The CPU backend (Unicorn) and the run loop: run guest code until a trap,
 * hand syscalls to the dispatcher, and turn every other interrupt or fault
 * into the guest signal Linux would send.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/resource.h>
#include "exec.h"
#include "gdbstub.h"
#include "run.h"
#include "ksig.h"
#include "thread.h"
#include "vm.h"

static void on_syscall_insn(uc_engine *uc, void *user)
{
	syscall_trap(user);
}

static void on_intr(uc_engine *uc, uint32_t intno, void *user)
{
	struct task *t = user;
	if ((int)intno == t->abi->syscall_intno && t->abi->syscall_intno >= 0) {
		syscall_trap(t);
		return;
	}
	int code = 0;
	uint64_t addr = t->abi->get_pc(t);
	int sig = t->abi->intr_signal ? t->abi->intr_signal(t, intno, &code, &addr) : SIGILL;
	t->stop = STOP_FAULT;
	t->fault_sig = sig ? sig : SIGILL;
	t->fault_code = code;
	t->fault_addr = addr;
	uc_emu_stop(uc);
}

/* Unmapped or protection faults: record them; the engine then stops with
 * an error and the run loop turns it into SIGSEGV. */
static bool on_bad_mem(uc_engine *uc, uc_mem_type type, uint64_t addr, int size,
		       int64_t value, void *user)
{
	struct task *t = user;
	t->stop = STOP_FAULT;
	t->fault_sig = SIGSEGV;
	t->fault_code = (type == UC_MEM_READ_UNMAPPED || type == UC_MEM_WRITE_UNMAPPED ||
			 type == UC_MEM_FETCH_UNMAPPED) ? 1 /* SEGV_MAPERR */ : 2 /* SEGV_ACCERR */;
	t->fault_addr = addr;
	return false;
}

/* One CPU engine for t's ABI with the kit's hooks (a task, or a new
 * thread of one); tcg_buffer: the translation buffer size, 0 = Unicorn's. */
int task_engine(struct task *t, uint32_t tcg_buffer, char *err, size_t errlen)
{
	const struct abi *a = t->abi;
	uc_err e = uc_open(a->uc_arch, a->uc_mode, &t->uc);
	if (e != UC_ERR_OK) {
		snprintf(err, errlen, "cannot open a CPU engine for %s: %s", a->name, uc_strerror(e));
		return -1;
	}
	engine_safe_stops(t->uc, a);	/* kit/ucquirk.c */
	if (tcg_buffer)	/* before anything initialises the engine */
		uc_ctl_set_tcg_buffer_size(t->uc, tcg_buffer);
	if (a->uc_cpu_model >= 0 && (e = uc_ctl_set_cpu_model(t->uc, a->uc_cpu_model)) != UC_ERR_OK) {
		snprintf(err, errlen, "cannot select CPU model %d: %s", a->uc_cpu_model, uc_strerror(e));
		return -1;
	}
	uc_hook h;
	if (a->syscall_insn)
		uc_hook_add(t->uc, &h, UC_HOOK_INSN, on_syscall_insn, t, 1, 0, a->syscall_insn);
	uc_hook_add(t->uc, &h, UC_HOOK_INTR, on_intr, t, 1, 0);
	uc_hook_add(t->uc, &h, UC_HOOK_MEM_INVALID, on_bad_mem, t, 1, 0);
	return 0;
}

int task_init(struct task *t, const struct abi *a, char *err, size_t errlen)
{
	memset(t, 0, sizeof *t);
	t->abi = a;
	t->hwcap = a->hwcap;
	t->hwcap2 = a->hwcap2;
	/* Unicorn's default translation buffer is 1 GiB on some targets (x86),
	 * and every uc_emu_start after a flush memsets all of it: 1 GiB of RSS
	 * and half a second per start.  32 MiB holds the code of any guest
	 * here many times over; a full buffer is flushed, not an error. */
	if (task_engine(t, 32u << 20, err, errlen))
		return -1;
	uint64_t limit = a->ptr_size == 4 ? (1ULL << 32) : (1ULL << 47);
	t->vm = vm_new(t->uc, limit, a->mmap_base);
	if (!t->vm) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	/* signals: per-task state and the host handlers (kit/signal.h) */
	if (sig_init(t) || sig_host_init(t)) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

void task_destroy(struct task *t)
{
	if (t->uc)
		uc_close(t->uc);
	vm_free(t->vm);
	sig_state_free(t->sig);
	t->sig = NULL;
	t->uc = NULL;
	t->vm = NULL;
}

int task_exec(struct task *t, int fd, const char *path, char *const argv[],
	      char *const envp[], char *err, size_t errlen)
{
	struct exec_image img;
	if (!realpath(path, t->exe))
		snprintf(t->exe, sizeof t->exe, "%s", path);
	if (exec_load(t, fd, path, &img, err, errlen))
		return -1;
	if (t->abi->cpu_init && t->abi->cpu_init(t)) {
		snprintf(err, errlen, "%s: CPU setup failed", t->abi->name);
		return -1;
	}
	if (sig_exec(t)) {	/* handlers reset, sigcode page mapped */
		snprintf(err, errlen, "cannot map the sigcode page");
		return -1;
	}
	int64_t sp = exec_stack(t, &img, argv, envp, path);
	if (sp < 0) {
		snprintf(err, errlen, "cannot build the initial stack: %s", strerror((int)-sp));
		return -1;
	}
	if (!t->abi->setregs || t->abi->setregs(t, &img, (uint64_t)sp)) {
		snprintf(err, errlen, "%s: setregs failed (entry 0x%llx)", t->abi->name,
			 (unsigned long long)img.entry);
		return -1;
	}
	return 0;
}

static int fault_from_error(struct task *t, uc_err e)
{
	if (t->stop == STOP_FAULT)
		return t->fault_sig;
	t->stop = STOP_FAULT;
	t->fault_addr = t->abi->get_pc(t);
	switch (e) {
	case UC_ERR_READ_UNALIGNED:
	case UC_ERR_WRITE_UNALIGNED:
	case UC_ERR_FETCH_UNALIGNED:
		t->fault_code = 1;	/* BUS_ADRALN */
		return t->fault_sig = SIGBUS;
	case UC_ERR_READ_UNMAPPED:
	case UC_ERR_WRITE_UNMAPPED:
	case UC_ERR_FETCH_UNMAPPED:
	case UC_ERR_READ_PROT:
	case UC_ERR_WRITE_PROT:
	case UC_ERR_FETCH_PROT:
		t->fault_code = 1;	/* SEGV_MAPERR */
		return t->fault_sig = SIGSEGV;
	default:	/* UC_ERR_INSN_INVALID, UC_ERR_EXCEPTION, ... */
		t->fault_code = 2;	/* ILL_ILLOPN, as Linux's #UD trap */
		return t->fault_sig = SIGILL;
	}
}

int task_run(struct task *t)
{
	thread_enter(t);	/* the engine lock: uncontended while single-threaded */
	return task_loop(t);
}

int task_loop(struct task *t)
{
	for (;;) {
		t->stop = STOP_NONE;
		sig_deliver(t);	/* safe point: sigreturn, restart, handlers */
		if (t->gdb && gdb_before_run(t))
			continue;	/* a stop shown to gdb: deliver what it resumed with */
		uint64_t pc = t->abi->get_pc(t);
		thread_before_run(t);
		uc_err e = uc_emu_start(t->uc, pc, ~0ULL, 0, 0);
		if (t->exiting) {
			int st = thread_exit(t, t->exiting == 2);
			if (st < 0)
				return st;	/* a thread, not the process, ended */
			if (t->gdb)
				gdb_exit(t, st & 0xff, 0);
			return (st & 0xff) << 8;
		}
		if (t->gdb && gdb_after_run(t, e))
			continue;	/* a breakpoint or step, for gdb */
		if (e != UC_ERR_OK || t->stop == STOP_FAULT) {
			int sig = e != UC_ERR_OK ? fault_from_error(t, e) : t->fault_sig;
			if ((e == UC_ERR_READ_UNMAPPED || e == UC_ERR_WRITE_UNMAPPED || e == UC_ERR_READ_PROT ||
			     e == UC_ERR_WRITE_PROT) && t->abi->mem_fault_pc)
				t->abi->mem_fault_pc(t, t->fault_addr);
			sig_post_fault(t, sig, t->fault_code, t->fault_addr);
		} else if (thread_preempted())
			thread_yield();	/* the tick: others wait for the lock */
	}
}
