/*
 * i386: registers, int $0x80 convention, and segments.  Unicorn's 32-bit
 * mode starts with empty segment caches, so we build a flat GDT in guest
 * memory as Linux's does and load SS, then CS, DS and ES from it.  TLS
 * entries are GDT slots 12..14 (GDT_ENTRY_TLS_MIN, asm/segment.h), which
 * set_thread_area fills and glibc then loads into %gs.
 */
#include <errno.h>
#include <string.h>
#include <unicorn/unicorn.h>
#include "task.h"
#include "vm.h"
#include "arches/x86common.h"

#define GDT_ADDR 0xffffe000ULL	/* one read-only page at the top of the space */
#define GDT_ENTRIES 32
#define TLS_MIN 12
#define TLS_MAX 14
#define KERNEL_DS (2 << 3)	/* a CPL-0 stack segment for the first iret */
#define USER_CS (4 << 3 | 3)	/* __USER32_CS of an x86_64 kernel: 0x23 */
#define USER_DS (5 << 3 | 3)	/* __USER_DS: 0x2b */

static uint64_t reg(struct task *t, int r)
{
	uint64_t v = 0;
	uc_reg_read(t->uc, r, &v);
	return v & 0xffffffffu;
}

static void setreg(struct task *t, int r, uint64_t v)
{
	uc_reg_write(t->uc, r, &v);
}

/* Build a segment descriptor (Intel SDM vol. 3, 3.4.5). */
static uint64_t desc(uint32_t base, uint32_t limit, unsigned type, int g, int db, int present)
{
	return (uint64_t)(limit & 0xffff) | (uint64_t)(base & 0xffffff) << 16 |
	       (uint64_t)(type & 0xff) << 40 | (uint64_t)present << 47 |
	       (uint64_t)((limit >> 16) & 0xf) << 48 | (uint64_t)db << 54 | (uint64_t)g << 55 |
	       (uint64_t)(base >> 24) << 56;
}

/* Each thread has its own GDT page (its TLS entries differ); the first
 * thread's is at GDT_ADDR, t->tls_gdt says where. */
static uint64_t *gdt(struct task *t)
{
	return vm_host(t->vm, t->tls_gdt, GDT_ENTRIES * 8, 0);
}

/*
 * A fresh engine runs at CPL 0, and Unicorn refuses SS = __USER_DS there
 * (RPL must equal CPL).  So, like a kernel returning to user mode, we load
 * a CPL-0 stack segment and then run one `iret` to CPL 3 with the user
 * selectors.  All descriptors have their Accessed bit set beforehand: the
 * GDT page is read-only to the guest, and a CPU write of that bit would
 * fault (and leave Unicorn unable to map memory afterwards).
 */
int i386_cpu_init(struct task *t)
{
	if (x86_probe_hwcap(t))
		return -1;
	if (vm_map(t->vm, GDT_ADDR, VM_PAGE, VM_R, VMF_FIXED, -1, 0) < 0)
		return -1;
	t->tls_gdt = GDT_ADDR;
	uint64_t *g = gdt(t);
	g[KERNEL_DS >> 3] = desc(0, 0xfffff, 0x93, 1, 1, 1);	/* DPL 0 data, accessed */
	g[USER_CS >> 3] = desc(0, 0xfffff, 0xfb, 1, 1, 1);	/* DPL 3 code exec/read */
	g[USER_DS >> 3] = desc(0, 0xfffff, 0xf3, 1, 1, 1);	/* DPL 3 data read/write */
	uc_x86_mmr gdtr = { .base = GDT_ADDR, .limit = GDT_ENTRIES * 8 - 1 };
	if (uc_reg_write(t->uc, UC_X86_REG_GDTR, &gdtr) != UC_ERR_OK)
		return -1;
	uint64_t kds = KERNEL_DS, ucs = USER_CS;
	if (uc_reg_write(t->uc, UC_X86_REG_SS, &kds) || uc_reg_write(t->uc, UC_X86_REG_CS, &ucs))
		return -1;

	uint64_t page = vm_find_free(t->vm, VM_PAGE, t->vm->limit - VM_PAGE);
	if (!page || vm_map(t->vm, page, VM_PAGE, VM_R | VM_W | VM_X, VMF_FIXED, -1, 0) < 0)
		return -1;
	uint8_t iret = 0xcf;
	uint32_t frame[5] = { (uint32_t)page + 16, USER_CS, 0x202, (uint32_t)page + 0xf00, USER_DS };
	copyout(t, &iret, page, 1);
	copyout(t, frame, page + 0x800, sizeof frame);
	setreg(t, UC_X86_REG_ESP, page + 0x800);
	uc_err e = uc_emu_start(t->uc, page, page + 16, 0, 0);
	vm_unmap(t->vm, page, VM_PAGE);
	if (e != UC_ERR_OK || reg(t, UC_X86_REG_SS) != USER_DS)
		return -1;
	setreg(t, UC_X86_REG_DS, USER_DS);
	setreg(t, UC_X86_REG_ES, USER_DS);
	return 0;
}

/* Linux's ELF_PLAT_INIT for i386 zeroes the general registers; edx = 0
 * means "no function for atexit". */
int i386_setregs(struct task *t, const struct exec_image *img, uint64_t sp)
{
	static const int zero[] = { UC_X86_REG_EAX, UC_X86_REG_EBX, UC_X86_REG_ECX, UC_X86_REG_EDX,
				    UC_X86_REG_ESI, UC_X86_REG_EDI, UC_X86_REG_EBP };
	for (unsigned i = 0; i < sizeof zero / sizeof zero[0]; i++)
		setreg(t, zero[i], 0);
	setreg(t, UC_X86_REG_ESP, sp);
	setreg(t, UC_X86_REG_EIP, img->entry);
	return 0;
}

/* int $0x80: eax = number; ebx, ecx, edx, esi, edi, ebp = arguments. */
uint64_t i386_fetch_args(struct task *t, uint64_t *s)
{
	static const int r[6] = { UC_X86_REG_EBX, UC_X86_REG_ECX, UC_X86_REG_EDX,
				  UC_X86_REG_ESI, UC_X86_REG_EDI, UC_X86_REG_EBP };
	for (int i = 0; i < 6; i++)
		s[i] = reg(t, r[i]);
	return reg(t, UC_X86_REG_EAX);
}

void i386_set_retval(struct task *t, long ret)
{
	setreg(t, UC_X86_REG_EAX, (uint32_t)ret);
}

uint64_t i386_get_pc(struct task *t) { return reg(t, UC_X86_REG_EIP); }
void i386_set_pc(struct task *t, uint64_t pc) { setreg(t, UC_X86_REG_EIP, pc); }
uint64_t i386_get_sp(struct task *t) { return reg(t, UC_X86_REG_ESP); }

/* struct user_desc (asm/ldt.h): entry_number, base_addr, limit, then a
 * word of bit fields: seg_32bit:1 contents:2 read_exec_only:1
 * limit_in_pages:1 seg_not_present:1 useable:1. */
static long set_tls_desc(struct task *t, uint64_t uaddr, int can_alloc)
{
	uint32_t u[4];
	if (copyin(t, uaddr, u, sizeof u))
		return -EFAULT;
	int32_t idx = (int32_t)u[0];
	uint64_t *g = gdt(t);
	if (idx == -1 && can_alloc) {
		for (idx = TLS_MIN; idx <= TLS_MAX; idx++)
			if (!(g[idx] >> 47 & 1))
				break;
		if (idx > TLS_MAX)
			return -ESRCH;
		u[0] = (uint32_t)idx;
		if (copyout(t, &u[0], uaddr, 4))
			return -EFAULT;
	}
	if (idx < TLS_MIN || idx > TLS_MAX)
		return -EINVAL;
	unsigned bits = u[3];
	int seg32 = bits & 1, contents = bits >> 1 & 3, ro = bits >> 3 & 1;
	int pages = bits >> 4 & 1, notpresent = bits >> 5 & 1;
	if (u[1] == 0 && u[2] == 0 && ro && notpresent) {	/* LDT_empty: clear */
		g[idx] = 0;
		return 0;
	}
	unsigned type = 0x11 | (contents << 2) | (!ro << 1);	/* S=1, accessed, data/code bits, writable */
	type |= 3 << 5;	/* DPL 3 */
	g[idx] = desc(u[1], u[2], type, pages, seg32, !notpresent);
	/* Reload %gs if it uses this entry so the engine sees the new base. */
	uint64_t gs = reg(t, UC_X86_REG_GS);
	if ((gs >> 3) == (uint64_t)idx)
		setreg(t, UC_X86_REG_GS, gs);
	return 0;
}

long linux_sys_set_thread_area(struct task *t, const uint64_t *a)
{
	return set_tls_desc(t, a[0], 1);
}

/* A new thread (kit/thread.c; Linux's copy_thread): eax = 0 (EIP is past
 * `int $0x80` already), esp = the new stack, a GDT page of its own (a copy
 * of the parent's, so CS/SS/DS stay valid) and with CLONE_SETTLS the
 * user_desc at tls put in it as do_set_thread_area(.., can_allocate 0)
 * does.  %gs is reloaded from the new table. */
int i386_clone_child(struct task *c, struct task *parent, uint64_t sp, int settls, uint64_t tls)
{
	setreg(c, UC_X86_REG_EAX, 0);
	if (sp)
		setreg(c, UC_X86_REG_ESP, sp);
	uint64_t page = vm_find_free(c->vm, VM_PAGE, c->vm->mmap_base);
	if (!page || vm_map(c->vm, page, VM_PAGE, VM_R, VMF_FIXED, -1, 0) < 0)
		return -ENOMEM;
	memcpy(vm_host(c->vm, page, VM_PAGE, 0), gdt(parent), GDT_ENTRIES * 8);
	c->tls_gdt = page;
	c->thread_page = page;	/* unmapped when the thread goes (kit/thread.c) */
	uc_x86_mmr gdtr = { .base = page, .limit = GDT_ENTRIES * 8 - 1 };
	if (uc_reg_write(c->uc, UC_X86_REG_GDTR, &gdtr) != UC_ERR_OK)
		return -ENOMEM;
	if (settls) {
		long e = set_tls_desc(c, tls, 0);
		if (e)
			return (int)e;
	}
	setreg(c, UC_X86_REG_GS, reg(c, UC_X86_REG_GS));
	return 0;
}
