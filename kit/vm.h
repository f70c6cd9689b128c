/* The guest address space: a sorted list of regions, each backed by host
 * memory the kit owns and mirrored 1:1 into the CPU engine with
 * uc_mem_map_ptr.  The list is the truth; the engine copy is rebuilt for a
 * region whenever it is split. */
#ifndef CK_VM_H
#define CK_VM_H

#include <stdint.h>
#include <stddef.h>
#include <unicorn/unicorn.h>

#define VM_PAGE 4096ULL

/* protections (same bits as PROT_* and UC_PROT_*) */
#define VM_R 1
#define VM_W 2
#define VM_X 4

/* region kinds/flags */
#define VMF_SHARED  0x1		/* host MAP_SHARED: stays shared across fork */
#define VMF_FILE    0x2
#define VMF_STACK   0x4
#define VMF_BRK     0x8
#define VMF_SHM     0x10	/* a System V shared memory attach (shmat) */
#define VMF_FIXED   0x100	/* request flags for vm_map */
#define VMF_NOREPLACE 0x200

struct region {
	uint64_t start, end;	/* [start, end), page aligned */
	uint8_t *host;		/* host address of start */
	int prot;
	int flags;
	int hostprot;		/* protection of the host mapping */
};

#define VM_MAX_ENGINES 64

struct vm {
	/* Every engine that sees this address space (one per guest thread);
	 * each region is mapped into all of them over the same host memory. */
	uc_engine *uc[VM_MAX_ENGINES];
	unsigned nuc;
	struct region *r;	/* sorted by start, non-overlapping */
	unsigned n, cap;
	unsigned hint;		/* last region found, for fast lookup */
	uint64_t limit;		/* first address above the guest space */
	uint64_t mmap_base;	/* non-fixed mmaps are placed below this */
	uint64_t brk_start, brk_cur, brk_mapped;
	uint64_t max_map;	/* upper bound of a single mapping request */
	/* mlockall(MCL_FUTURE): new regions' host memory is locked (host
	 * mlock2 flags + 1, so MLOCK_ONFAULT survives; 0: off).  Not kept
	 * across fork, as on Linux. */
	int lock_future;
};

struct vm *vm_new(uc_engine *uc, uint64_t limit, uint64_t mmap_base);
void vm_free(struct vm *vm);
/* Another engine (a new thread) joins the address space: every region is
 * mapped into it.  0 or -ENOMEM / -EAGAIN (too many engines). */
int vm_attach(struct vm *vm, uc_engine *uc);
void vm_detach(struct vm *vm, uc_engine *uc);

/* Map [addr, addr+len).  Returns the guest address or -errno.  fd < 0 for
 * anonymous memory. */
int64_t vm_map(struct vm *vm, uint64_t addr, uint64_t len, int prot, int flags,
	       int fd, uint64_t off);
int vm_unmap(struct vm *vm, uint64_t addr, uint64_t len);
/* Enter host memory the caller mapped already (a host shmat, the ELF
 * loader's segments) as a guest region of len bytes (page multiple) with
 * the given flags (VMF_FIXED or VMF_NOREPLACE place it at addr;
 * VMF_SHARED, VMF_SHM and VMF_FILE are kept).  From then on the
 * region owns it: unmapping the region unmaps the host memory.  Returns the
 * guest address or -errno (then the caller still owns host). */
int64_t vm_map_host(struct vm *vm, uint64_t addr, uint64_t len, int prot, int flags,
		    void *host, int hostprot);
int vm_protect(struct vm *vm, uint64_t addr, uint64_t len, int prot);
/* Linux brk(): returns the new (or unchanged, on failure) break. */
uint64_t vm_brk(struct vm *vm, uint64_t newbrk);
/* Lock (host mlock2 with flags) or unlock the host memory of every region;
 * regions the host cannot read are left alone.  0 or -errno (locking stops
 * at the first failure and undoes nothing: the caller unlocks). */
int vm_lock_all(struct vm *vm, int lock, int flags);
int64_t vm_remap(struct vm *vm, uint64_t old, uint64_t oldlen, uint64_t newlen,
		 int may_move, int fixed, uint64_t newaddr);

/* Walk [addr, addr+len) region by region: fn(ctx, host, n) for each
 * piece, in address order, with the host memory of that piece.  Without a
 * cap on the pieces, so a range over many mappings is one call.  Returns
 * -ENOMEM if the range has a hole (then fn is not called at all: Linux's
 * msync/mincore/mlock refuse such a range), else the first nonzero fn
 * result, else 0.  fn must not change the address space.  fn NULL only
 * checks that the range is mapped. */
typedef int (*vm_piece_fn)(void *ctx, uint8_t *host, uint64_t n);
int vm_walk(struct vm *vm, uint64_t addr, uint64_t len, vm_piece_fn fn, void *ctx);
/* Region holding addr, or NULL. */
struct region *vm_find(struct vm *vm, uint64_t addr);
/* Host pointer for [addr, addr+n) with protection prot, or NULL. */
void *vm_host(struct vm *vm, uint64_t addr, uint64_t n, int prot);
/* First free gap of len bytes below `below` (top-down), or 0. */
uint64_t vm_find_free(struct vm *vm, uint64_t len, uint64_t below);

#endif
