/* System V shared memory, and the ipc(2) multiplexer.  shmat attaches the
 * segment in the kit's own (host) address space and enters that memory as
 * a guest region (vm_map_host), so the guest, the kit and other processes
 * share the very same pages. */
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include "evsys.h"
#include "sysvipc.h"
#include "layout.h"

/* The attaches, so shmdt knows where each one ends (its region may have
 * been split by mprotect, and two attaches may sit side by side). */
struct attach { const struct vm *vm; uint64_t addr, len; };
static struct attach *att;
static size_t natt, catt;

static int att_add(const struct vm *vm, uint64_t addr, uint64_t len)
{
	if (natt == catt) {
		size_t c = catt ? 2 * catt : 16;
		struct attach *p = realloc(att, c * sizeof *p);
		if (!p)
			return -ENOMEM;
		att = p;
		catt = c;
	}
	att[natt++] = (struct attach){ vm, addr, len };
	return 0;
}

/* Forget attaches that [addr, addr+len) replaces. */
static void att_drop(const struct vm *vm, uint64_t addr, uint64_t len)
{
	for (size_t i = 0; i < natt;)
		if (att[i].vm == vm && att[i].addr < addr + len && addr < att[i].addr + att[i].len)
			att[i] = att[--natt];
		else
			i++;
}

SYS(shmget) { return HOST(shmget((key_t)a_int(a[0]), (size_t)a_ptr(t, a[1]), a_int(a[2]))); }

/* SHMLBA is the page size on every ABI here (asm/shmparam.h). */
long ev_shmat(struct task *t, int id, uint64_t addr, int flg, uint64_t *out)
{
	struct shmid_ds ds;
	if (id < 0)
		return -EINVAL;
	if (addr & (VM_PAGE - 1)) {
		if (!(flg & SHM_RND))
			return -EINVAL;
		addr &= ~(VM_PAGE - 1);
	}
	if (!addr && (flg & SHM_REMAP))
		return -EINVAL;
	void *h = shmat(id, NULL, flg & (SHM_RDONLY | SHM_EXEC));
	if (h == (void *)-1)
		return -errno;
	if (shmctl(id, IPC_STAT, &ds) < 0) {
		long e = -errno;
		shmdt(h);
		return e;
	}
	uint64_t len = (ds.shm_segsz + VM_PAGE - 1) & ~(VM_PAGE - 1);
	int prot = VM_R | (flg & SHM_RDONLY ? 0 : VM_W) | (flg & SHM_EXEC ? VM_X : 0);
	int vf = VMF_SHARED | VMF_SHM | (addr ? (flg & SHM_REMAP ? VMF_FIXED : VMF_NOREPLACE) : 0);
	/* VMF_FILE: like a shared file mapping, mprotect must get the host
	 * mapping's permission too (no write access to a SHM_RDONLY attach) */
	vf |= VMF_FILE;
	int64_t r = vm_map_host(t->vm, addr, len, prot, vf, h,
				PROT_READ | (flg & SHM_RDONLY ? 0 : PROT_WRITE));
	if (r < 0) {
		shmdt(h);
		return r == -EEXIST ? -EINVAL : (long)r;	/* Linux: EINVAL over a mapping */
	}
	att_drop(t->vm, (uint64_t)r, len);
	if (att_add(t->vm, (uint64_t)r, len)) {
		vm_unmap(t->vm, (uint64_t)r, len);
		return -ENOMEM;
	}
	*out = (uint64_t)r;
	return 0;
}

SYS(shmat)
{
	uint64_t addr;
	long e = ev_shmat(t, a_int(a[0]), a_ptr(t, a[1]), a_int(a[2]), &addr);
	return e ? e : (long)addr;
}

/* Detach the attach that starts at addr: the parts of it that are still
 * attach regions (the guest may have unmapped or replaced some). */
SYS(shmdt)
{
	uint64_t addr = a_ptr(t, a[0]);
	if (addr & (VM_PAGE - 1))
		return -EINVAL;
	for (size_t i = 0; i < natt; i++) {
		if (att[i].vm != t->vm || att[i].addr != addr)
			continue;
		struct attach at = att[i];
		att[i] = att[--natt];
		int found = 0;
		for (uint64_t p = at.addr; p < at.addr + at.len;) {
			struct region *r = vm_find(t->vm, p);
			if (!r) {
				p += VM_PAGE;
				continue;
			}
			uint64_t end = r->end < at.addr + at.len ? r->end : at.addr + at.len;
			if (r->flags & VMF_SHM) {
				vm_unmap(t->vm, p, end - p);
				found = 1;
			}
			p = end;
		}
		return found ? 0 : -EINVAL;
	}
	return -EINVAL;
}

long ev_shmctl(struct task *t, int id, int cmd, uint64_t p, int v64)
{
	struct shmid_ds ds;
	long r;
	const struct abi *ab = t->abi;
	switch (cmd) {
	case IPC_RMID:
	case SHM_LOCK:
	case SHM_UNLOCK:
		return HOST(shmctl(id, cmd, NULL));
	case IPC_STAT:
	case SHM_STAT:
	case SHM_STAT_ANY: {
		const struct layout *l = layout_get(ab, "shmid64_ds");
		uint8_t buf[IPC_DSMAX];
		if (!v64)
			return -EINVAL;
		if (!l || l->size > sizeof buf)
			return -ENOSYS;
		if ((r = HOST(shmctl(id, cmd, &ds))) < 0)
			return r;
		memset(buf, 0, l->size);
		ipc_put_perm(ab, l, buf, &ds.shm_perm);
		layout_put(ab, l, buf, "shm_segsz", ds.shm_segsz);
		ipc_put_time(ab, l, buf, "shm_atime", ds.shm_atime);
		ipc_put_time(ab, l, buf, "shm_dtime", ds.shm_dtime);
		ipc_put_time(ab, l, buf, "shm_ctime", ds.shm_ctime);
		layout_put(ab, l, buf, "shm_cpid", (uint32_t)ds.shm_cpid);
		layout_put(ab, l, buf, "shm_lpid", (uint32_t)ds.shm_lpid);
		layout_put(ab, l, buf, "shm_nattch", ds.shm_nattch);
		return copyout(t, buf, p, l->size) ? -EFAULT : r;
	}
	case IPC_SET: {
		uint8_t buf[IPC_DSMAX];
		if (!v64)
			return -EINVAL;
		memset(&ds, 0, sizeof ds);
		if ((r = ipc_get_ds(t, "shmid64_ds", p, buf, &ds.shm_perm)))
			return r;
		return HOST(shmctl(id, IPC_SET, &ds));
	}
	case IPC_INFO: {
		/* struct shminfo64: nine unsigned longs of the ABI */
		struct shminfo si;
		uint8_t raw[9 * 8];
		unsigned w = ab->ptr_size;
		if ((r = HOST(shmctl(id, IPC_INFO, (struct shmid_ds *)&si))) < 0)
			return r;
		memset(raw, 0, sizeof raw);
		unsigned long v[5] = { si.shmmax, si.shmmin, si.shmmni, si.shmseg, si.shmall };
		for (int i = 0; i < 5; i++)
			abi_store(ab, raw + i * w, w, w == 4 && v[i] > 0xffffffffUL ? 0xffffffffUL : v[i]);
		return copyout(t, raw, p, 9 * w) ? -EFAULT : r;
	}
	case SHM_INFO: {
		/* struct shm_info: int used_ids, then five unsigned longs */
		struct shm_info si;
		uint8_t raw[6 * 8];
		unsigned w = ab->ptr_size;
		if ((r = HOST(shmctl(id, SHM_INFO, (struct shmid_ds *)&si))) < 0)
			return r;
		memset(raw, 0, sizeof raw);
		abi_store(ab, raw, 4, (uint32_t)si.used_ids);
		unsigned long v[5] = { si.shm_tot, si.shm_rss, si.shm_swp, si.swap_attempts, si.swap_successes };
		for (int i = 0; i < 5; i++)
			abi_store(ab, raw + (i + 1) * w, w, v[i]);
		return copyout(t, raw, p, 6 * w) ? -EFAULT : r;
	}
	}
	return -EINVAL;
}

SYS(shmctl)
{
	int cmd = a_int(a[1]);
	int v64 = ipc_cmd(&cmd, 0);
	return ev_shmctl(t, a_int(a[0]), cmd, a_ptr(t, a[2]), v64);
}

/* ipc(call, first, second, third, ptr, fifth) (ipc/syscall.c).  The call
 * number's high 16 bits are a version; the numbers are linux/ipc.h's. */
enum { SEMOP = 1, SEMGET, SEMCTL, SEMTIMEDOP, MSGSND = 11, MSGRCV, MSGGET, MSGCTL,
       SHMAT = 21, SHMDT, SHMGET, SHMCTL };

SYS(ipc)
{
	unsigned call = (uint32_t)a[0] & 0xffff, version = (uint32_t)a[0] >> 16;
	int first = a_int(a[1]);
	uint64_t second = a_ptr(t, a[2]), third = a_ptr(t, a[3]), ptr = a_ptr(t, a[4]);
	uint64_t fifth = a_ptr(t, a[5]);
	unsigned w = t->abi->ptr_size;
	uint8_t raw[16];
	int cmd;
	switch (call) {
	case SEMOP:
		return ev_semtimedop(t, first, ptr, (uint32_t)second, 0, 0);
	case SEMTIMEDOP:
		return ev_semtimedop(t, first, ptr, (uint32_t)second, fifth, w);
	case SEMGET: {
		uint64_t b[3] = { a[1], a[2], a[3] };
		return linux_sys_semget(t, b);
	}
	case SEMCTL: {
		if (!ptr)
			return -EINVAL;
		if (copyin(t, ptr, raw, w))
			return -EFAULT;
		cmd = (int)third;
		int v64 = ipc_cmd(&cmd, 1);
		return ev_semctl(t, first, (int)second, cmd, abi_load(t->abi, raw, w), v64);
	}
	case MSGSND: {
		uint64_t b[4] = { a[1], ptr, second, third };
		return linux_sys_msgsnd(t, b);
	}
	case MSGRCV:
		if (version == 0) {
			/* struct ipc_kludge { struct msgbuf *msgp; long msgtyp; } */
			if (!ptr)
				return -EINVAL;
			if (copyin(t, ptr, raw, 2 * w))
				return -EFAULT;
			int64_t typ = (int64_t)abi_load(t->abi, raw + w, w);
			if (w == 4)
				typ = (int32_t)typ;
			return ev_msgrcv(t, first, abi_load(t->abi, raw, w), second, typ, (int)third);
		}
		return ev_msgrcv(t, first, ptr, second, a_long(t, a[5]), (int)third);
	case MSGGET: {
		uint64_t b[2] = { a[1], a[2] };
		return linux_sys_msgget(t, b);
	}
	case MSGCTL: {
		cmd = (int)second;
		int v64 = ipc_cmd(&cmd, 1);
		return ev_msgctl(t, first, cmd, ptr, v64);
	}
	case SHMAT: {
		if (version == 1)
			return -EINVAL;	/* iBCS2 emulator entry */
		uint64_t at;
		long e = ev_shmat(t, first, ptr, (int)second, &at);
		if (e)
			return e;
		abi_store(t->abi, raw, w, at);
		return copyout(t, raw, third, w) ? -EFAULT : 0;
	}
	case SHMDT: {
		uint64_t b[1] = { ptr };
		return linux_sys_shmdt(t, b);
	}
	case SHMGET: {
		uint64_t b[3] = { a[1], a[2], a[3] };
		return linux_sys_shmget(t, b);
	}
	case SHMCTL: {
		cmd = (int)second;
		int v64 = ipc_cmd(&cmd, 1);
		return ev_shmctl(t, first, cmd, ptr, v64);
	}
	}
	return -ENOSYS;
}
