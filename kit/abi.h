/*
 * The contract between the arch-independent core (kit/) and one Linux ABI
 * (arches/<arch>/).  Modelled on FreeBSD's struct sysentvec: one
 * designated-initializer `struct abi` per ABI is everything the core knows.
 */
#ifndef CK_ABI_H
#define CK_ABI_H

#include <stdint.h>
#include <stddef.h>

struct task;
struct cpu;
struct exec_image;

/* ---- syscall table (generated from arches/<arch>/syscalls.master) ---- */

/* How the tracer prints one argument; the generator derives it from the
 * C type in the prototype. */
enum sysarg_kind {
	SA_INT,		/* int, pid_t, ... : signed decimal */
	SA_UINT,	/* unsigned int, mode_t (printed octal by name) */
	SA_LONG,	/* long, ssize_t, off_t */
	SA_ULONG,	/* size_t, unsigned long */
	SA_U64,		/* loff_t, u64 ... (two slots on 32-bit ABIs) */
	SA_PTR,		/* any pointer */
	SA_STR,		/* const char * (NUL-terminated path/string) */
	SA_FD,		/* int fd / dirfd */
	SA_FLAGS,	/* flags: printed hex */
};

struct sysarg {
	const char *type;	/* C type as written in syscalls.master */
	const char *name;	/* parameter name */
	uint8_t kind;		/* enum sysarg_kind */
	uint8_t slot;		/* first register slot it occupies */
	uint8_t nslots;		/* 1, or 2 for a 64-bit value on a 32-bit ABI */
};

/* Handler: args are logical arguments (64-bit pairs already combined).
 * Returns a result >= 0 or -errno with Linux (generic) errno values. */
typedef long sy_call_t(struct task *t, const uint64_t *args);

enum sy_type { SY_STD, SY_NOARGS, SY_UNIMPL, SY_OBSOL };

struct sysent {
	const char *name;	/* NULL for a hole in the numbering */
	sy_call_t *call;	/* NULL unless STD/NOARGS */
	uint8_t type;		/* enum sy_type */
	uint8_t nargs;		/* logical argument count */
	const char *rettype;
	const struct sysarg *args;
};

struct systable {
	const char *name;	/* table name, e.g. "powerpc64" */
	const struct sysent *ent;	/* indexed by syscall number - base */
	unsigned base;		/* first number (0, or e.g. 0 for x86) */
	unsigned n;		/* entries */
	/* How a 64-bit argument is passed on a 32-bit ABI (from the table's
	 * %pairs / %endian directives): in two register slots, optionally
	 * starting at an even slot (ppc32: r3/r5/r7/r9 pairs), high word first
	 * or low word first. */
	uint8_t bits;		/* 32 or 64 */
	uint8_t pair_aligned;
	uint8_t pair_hi_first;
};

/* ---- struct layouts (generated from arches/<arch>/layouts.def) ---- */

struct lfield {
	const char *name;
	uint32_t off;
	uint16_t size;		/* bytes of one element (of the whole field if count 1) */
	uint8_t is_signed;	/* lf_get sign-extends */
	uint8_t pad;
	uint32_t count;		/* array elements (1 for scalars; 0 = flexible array) */
};

struct layout {
	const char *name;	/* e.g. "stat64" */
	uint32_t size;
	const struct lfield *f;
	unsigned nf;
};

struct layouts {
	const struct layout *l;
	unsigned n;
};

/* ---- exec identity (used by probes/, data only) ---- */

struct brand {
	uint16_t machine;	/* EM_* */
	uint8_t elfclass;	/* ELFCLASS32/64 */
	uint8_t data;		/* ELFDATA2LSB/MSB */
	uint8_t elfv;		/* ppc64 ABI level: 0 = n/a, 1 = ELFv1, 2 = ELFv2 */
	const char *interp[4];	/* known PT_INTERP paths, NULL-terminated */
};

/* ---- flag translation ---- */

struct flagmap {
	uint32_t guest, host;
};

/* ---- static syscall scan (compatkit predict, kit/predict.c) ---- */

/* One instruction as the arch's decoder sees it: control flow, and which
 * registers it writes and how.  Register ids are the decoder's canonical
 * ones (capstone ids, sub-registers folded into the full register). */
enum scan_kind {
	SK_OTHER,	/* falls through */
	SK_JUMP,	/* unconditional jump: never falls through */
	SK_CJUMP,	/* conditional jump: may fall through */
	SK_CALL,	/* call: returns to the next instruction, clobbers */
	SK_RET,		/* return: never falls through */
};
enum scan_def {
	SD_UNKNOWN,	/* w[] get values the scan cannot follow */
	SD_CONST,	/* w[0] = imm */
	SD_COPY,	/* w[0] = the register src */
};
struct scan_insn {
	uint8_t kind;		/* enum scan_kind */
	uint8_t has_target;	/* direct jump/call: target is its destination */
	uint8_t def;		/* enum scan_def */
	uint8_t nw;		/* registers written, in w[] */
	uint16_t w[6];
	uint16_t src;
	int64_t imm;
	uint64_t target;
};

struct scan {
	int cs_arch, cs_mode;	/* capstone engine for the ABI's code */
	unsigned insn_align;	/* where to resume after undecodable bytes (1 or 4) */
	/* The syscall instructions, by their bytes (x86 `syscall`, `int $0x80`,
	 * i386 glibc's `call *%gs:0x10` into the vDSO; ppc `sc`, `scv 0`). */
	struct { uint8_t len, b[7]; } trap[4];
	uint16_t nr_reg;	/* canonical id of the register holding the number */
	/* Decode one capstone instruction (a cs_insn with detail) into *out. */
	void (*decode)(size_t cs_handle, const void *cs_insn, struct scan_insn *out);
};

/* A multi-bit field value map: guest bits (g & gmask) == gval become hval
 * on the host (and back: (h & hmask) == hval gives gval).  Bits outside
 * every entry's mask pass through unchanged.  Ends with gmask == 0. */
struct valmap {
	uint32_t gmask, gval, hmask, hval;
};

/* ---- signals (kit/signal.h has the core side) ---- */

struct sigframe_req;

/* The ABI's trampoline page (sigcode/<arch>.S, assembled at build time):
 * mapped read-only and executable into every guest, like a vDSO. */
struct sigcode {
	const unsigned char *code;
	unsigned len;
};

/* ---- remote debugging (kit/gdbstub.c, compatkit run --gdb) ---- */

/* One register in gdb's numbering: the target description the stub sends
 * (qXfer:features:read) lists it, and the 'g' packet carries it at its
 * place in regnum order, in the guest's byte order. */
struct gdbreg {
	const char *name;	/* gdb's name: "rip", "r3", "f0" */
	uint16_t regnum;	/* gdb's register number */
	uint16_t bits;		/* its size in the packets */
	const char *type;	/* a gdb predefined type or one of the feature's types */
	const char *group;	/* "float", "vector" ...; NULL: gdb decides */
	int uc;			/* Unicorn register id; 0: the engine has none
				 * (reads as zero, writes are ignored) */
	int readonly;		/* writes ignored (x86 selectors: a load would fault) */
};

/* One <feature> of gdb's own (gdb/features/): gdb checks the names. */
struct gdbfeature {
	const char *name;	/* "org.gnu.gdb.power.core" */
	const char *types;	/* XML <vector>/<union>/<flags> its registers use, or NULL */
	const struct gdbreg *regs;	/* ends with name == NULL */
};

struct gdbtarget {
	const char *arch;	/* BFD architecture name: "i386:x86-64", "powerpc:common64" */
	const struct gdbfeature *features;	/* ends with name == NULL */
};

/* ---- the descriptor ---- */

struct abi {
	const char *name;	/* "powerpc64le" : the ABI's short name */
	const char *emul;	/* "linux-powerpc64 (ELFv2)" : shown by probe/trace */
	const char *arch;	/* directory under arches/ */
	struct brand brand;
	const char *qemu;	/* reference runner, e.g. "qemu-ppc64le-static" */
	const char *triplet;	/* cross toolchain triplet */

	const struct systable *sys;
	const struct layouts *layouts;
	const char *platform;	/* AT_PLATFORM string (NULL: none) */
	const char *uname_machine;	/* utsname.machine, e.g. "ppc64le" */
	/* Flag bits whose value differs from the host's (x86_64) Linux value,
	 * {guest, host} pairs ending with {0, 0}; NULL: all bits are equal. */
	const struct flagmap *open_flags;
	/* SOL_SOCKET option numbers that differ from the host's (asm/socket.h),
	 * {guest, host} pairs ending with {0, 0}; NULL: all equal. */
	const struct flagmap *sockopts;
	/* ioctl command numbers that differ from the host's, {guest, host}
	 * ending with {0, 0}; NULL: all equal (kit/xlate.h). */
	const struct flagmap *ioctl_cmds;
	/* mlockall(2) MCL_* bits that differ from the host's (ppc asm/mman.h),
	 * {guest, host} ending with {0, 0}; NULL: the host's (asm-generic). */
	const struct flagmap *mlockall_flags;
	/* struct termios c_iflag, c_oflag, c_cflag, c_lflag bit maps; NULL
	 * entries: the bits are the host's. */
	const struct valmap *termios_flags[4];
	/* host c_cc index of each guest c_cc index (0xff: no host slot);
	 * NULL: same indices.  termios_ncc is its length. */
	const uint8_t *termios_cc;
	unsigned termios_ncc;
	uint64_t hwcap, hwcap2;

	/* Unicorn engine identity and CPU setup (mode flags, cpu model). */
	int uc_arch, uc_mode, uc_cpu_model;	/* uc_cpu_model < 0: default */
	/* Unicorn's check_exit_request_<target> for this engine, a weak
	 * reference (NULL if the library lacks it): kit/ucquirk.c reads from
	 * it where the engine keeps its "no mid-block exits" flag. */
	const void *uc_exit_check;
	unsigned ptr_size;	/* 4 or 8 */
	int big_endian;
	uint64_t stack_top;	/* guest address just above the initial stack */
	uint64_t mmap_base;	/* where non-fixed mmaps start searching */

	/* Arch-specific auxv entries, put first as Linux's ARCH_DLINFO does
	 * (ppc: AT_IGNOREPPC and the cache block sizes).  Writes up to max
	 * (key, value) pairs and returns how many. */
	int (*auxv_extra)(struct task *t, uint64_t (*pairs)[2], int max);

	/* hooks */
	int (*cpu_init)(struct task *t);	/* after engine open: MSR, GDT ... */
	int (*setregs)(struct task *t, const struct exec_image *img, uint64_t sp);
	uint64_t (*fetch_syscall_args)(struct task *t, uint64_t *slots);	/* returns number */
	void (*set_syscall_retval)(struct task *t, long ret);
	uint64_t (*get_pc)(struct task *t);
	void (*set_pc)(struct task *t, uint64_t pc);
	uint64_t (*get_sp)(struct task *t);
	/* A CPU interrupt that is not a syscall: the guest signal Linux would
	 * send (SIGILL, SIGTRAP, SIGFPE, SIGSEGV, SIGBUS), with si_code and
	 * fault address.  Never returns 0: every interrupt becomes a signal. */
	int (*intr_signal)(struct task *t, uint32_t intno, int *code, uint64_t *addr);
	/* which trap the backend reports as a syscall */
	int syscall_intno;	/* UC_HOOK_INTR number, or -1 for an insn hook */
	int syscall_insn;	/* UC_X86_INS_SYSCALL etc., or 0 */
	const struct scan *scan;	/* for compatkit predict; NULL: cannot scan */

	/* Signals (arches/<arch>/signal.c; kit/signal.c drives them). */
	const struct sigcode *sigcode;
	unsigned minsigstksz;	/* MINSIGSTKSZ (asm/signal.h); 0: 2048 */
	/* Build the frame Linux builds for one handler invocation and set the
	 * registers to enter the handler: 0, or -EFAULT (frame unwritable). */
	int (*sendsig)(struct task *t, const struct sigframe_req *r);
	/* sigreturn (rt 0) / rt_sigreturn (rt 1), run outside the engine:
	 * restore the context from the frame at the stack pointer (handler
	 * edits included), the mask (sig_setmask) and, for rt, the altstack.
	 * 0, or -EFAULT for a bad frame. */
	int (*sigreturn)(struct task *t, int rt);
	/* After a data access fault Unicorn leaves PC at the start of the
	 * translation block (the registers are as before the faulting
	 * instruction): move PC to the instruction that accesses addr. */
	void (*mem_fault_pc)(struct task *t, uint64_t addr);
	/* Re-execute the syscall just made: PC back to the trap instruction,
	 * number and first-argument registers as they were on entry. */
	void (*syscall_restart)(struct task *t, uint64_t nr, uint64_t arg0);
	/* Optional fast path for the dispatcher: the Unicorn ids of the
	 * registers holding the syscall number and argument slots 0..5
	 * (ptr_size wide, zero-extended).  When set, the dispatcher reads the
	 * number and then only the slots the call uses, in one batch each,
	 * instead of calling fetch_syscall_args.  All zero: not used. */
	int syscall_regs[7];

	/* Threads (kit/thread.c).  clone(CLONE_VM|CLONE_THREAD): the new
	 * thread's engine c holds a raw copy of the parent's CPU state taken
	 * in its syscall trap; make c return 0 from that syscall, on stack sp
	 * (0: the parent's) and, when settls, with tls as its thread pointer
	 * (amd64 FS base, i386 a struct user_desc for the thread's own GDT,
	 * ppc r2 / r13).  0 or -errno. */
	int (*clone_child)(struct task *c, struct task *parent, uint64_t sp, int settls, uint64_t tls);

	/* Registers as gdb numbers them (kit/gdbstub.c); NULL: no --gdb. */
	const struct gdbtarget *gdb;
};

extern const struct abi *const ck_abis[];	/* generated list, NULL-terminated */
const struct abi *abi_find(const char *name);

#endif
