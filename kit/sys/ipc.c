/* System V IPC: semaphores and message queues, the shared parts of the ds
 * structures, and the ipc(2) multiplexer.  Shared memory is in shm.c.
 *
 * The kit serves the "64" structures (struct ipc64_perm, semid64_ds,
 * msqid64_ds, shmid64_ds; layouts.def), which is what the direct syscalls
 * use and what glibc asks ipc() for (IPC_64 in the command).  The old
 * pre-IPC_64 structures of ipc() are refused with EINVAL.
 * Command numbers and IPC_* / SEM_* / MSG_* flags are linux/ipc.h,
 * linux/sem.h and linux/msg.h values, one set for every ABI. */
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include <sys/sem.h>
#include "evsys.h"
#include "sysvipc.h"
#include "layout.h"

#define IPC_64_FLAG 0x0100	/* linux/ipc.h IPC_64 */

/* A time as low word + "_high" word where the 32-bit layouts split it. */
void ipc_put_time(const struct abi *ab, const struct layout *l, void *buf, const char *f, int64_t v)
{
	char hi[48];
	layout_put(ab, l, buf, f, (uint64_t)v);
	snprintf(hi, sizeof hi, "%s_high", f);
	layout_put(ab, l, buf, hi, (uint64_t)v >> 32);
}

void ipc_put_perm(const struct abi *ab, const struct layout *l, void *buf, const struct ipc_perm *p)
{
	layout_put(ab, l, buf, "key", (uint32_t)p->__key);
	layout_put(ab, l, buf, "uid", p->uid);
	layout_put(ab, l, buf, "gid", p->gid);
	layout_put(ab, l, buf, "cuid", p->cuid);
	layout_put(ab, l, buf, "cgid", p->cgid);
	layout_put(ab, l, buf, "mode", p->mode);
	layout_put(ab, l, buf, "seq", p->__seq);
}

/* Copy a guest ds in and read what IPC_SET uses: uid, gid, mode. */
long ipc_get_ds(struct task *t, const char *lname, uint64_t addr, uint8_t *buf, struct ipc_perm *p)
{
	const struct layout *l = layout_get(t->abi, lname);
	if (!l || l->size > IPC_DSMAX)
		return -ENOSYS;
	if (copyin(t, addr, buf, l->size))
		return -EFAULT;
	uint64_t v = 0;
	layout_get_field(t->abi, l, buf, "uid", &v); p->uid = (uid_t)v;
	layout_get_field(t->abi, l, buf, "gid", &v); p->gid = (gid_t)v;
	layout_get_field(t->abi, l, buf, "mode", &v); p->mode = (unsigned short)v;
	return 0;
}

/* ints (seminfo, msginfo), in the guest's byte order */
long ipc_put_ints(struct task *t, uint64_t addr, const void *src, size_t n)
{
	uint8_t raw[64];
	const uint8_t *s = src;
	if (n > sizeof raw)
		return -ENOSYS;
	for (size_t i = 0; i + 4 <= n; i += 4) {
		uint32_t v;
		memcpy(&v, s + i, 4);
		abi_store(t->abi, raw + i, 4, v);
	}
	if (n % 4 == 2) {	/* msginfo's trailing unsigned short */
		uint16_t v;
		memcpy(&v, s + n - 2, 2);
		abi_store(t->abi, raw + n - 2, 2, v);
	}
	return copyout(t, raw, addr, n) ? -EFAULT : 0;
}

int ipc_cmd(int *cmd, int mux)
{
	/* ipc() tells the structure version by IPC_64 in the command (on the
	 * ABIs that parse it); the direct syscalls always use the 64 forms. */
	int v64 = (*cmd & IPC_64_FLAG) || !mux;
	*cmd &= ~IPC_64_FLAG;
	return v64;
}

/* ---- semaphores ---- */

SYS(semget) { return HOST(semget((key_t)a_int(a[0]), a_int(a[1]), a_int(a[2]))); }

#define SEMOPS_MAX 4096	/* beyond any SEMOPM: E2BIG before allocating */
long ev_semtimedop(struct task *t, int id, uint64_t usops, uint64_t nsops, uint64_t uts, unsigned w)
{
	if (nsops < 1 || id < 0)
		return -EINVAL;
	if (nsops > SEMOPS_MAX)
		return -E2BIG;
	const struct layout *l = layout_get(t->abi, "sembuf");
	if (!l)
		return -ENOSYS;
	size_t gsz = (size_t)nsops * l->size;
	uint8_t *raw = malloc(gsz);
	struct sembuf *s = malloc(nsops * sizeof *s);
	long r = -ENOMEM;
	if (!raw || !s)
		goto out;
	r = -EFAULT;
	if (copyin(t, usops, raw, gsz))
		goto out;
	for (uint64_t i = 0; i < nsops; i++) {
		uint64_t v = 0;
		layout_get_field(t->abi, l, raw + i * l->size, "sem_num", &v); s[i].sem_num = (unsigned short)v;
		layout_get_field(t->abi, l, raw + i * l->size, "sem_op", &v); s[i].sem_op = (short)v;
		layout_get_field(t->abi, l, raw + i * l->size, "sem_flg", &v); s[i].sem_flg = (short)v;
	}
	struct timespec ts;
	if (uts && (r = ev_get_ts(t, uts, w, &ts, 0)))
		goto out;
	r = HOST(semtimedop(id, s, nsops, uts ? &ts : NULL));
out:
	free(raw);
	free(s);
	return r;
}

SYS(semop) { return ev_semtimedop(t, a_int(a[0]), a[1], (uint32_t)a[2], 0, 0); }
SYS(semtimedop) { return ev_semtimedop(t, a_int(a[0]), a[1], (uint32_t)a[2], a[3], t->abi->ptr_size); }
SYS(semtimedop_time64) { return ev_semtimedop(t, a_int(a[0]), a[1], (uint32_t)a[2], a[3], 8); }

static long sem_stat_out(struct task *t, const struct semid_ds *ds, uint64_t addr)
{
	const struct layout *l = layout_get(t->abi, "semid64_ds");
	uint8_t buf[IPC_DSMAX];
	if (!l || l->size > sizeof buf)
		return -ENOSYS;
	memset(buf, 0, l->size);
	ipc_put_perm(t->abi, l, buf, &ds->sem_perm);
	ipc_put_time(t->abi, l, buf, "sem_otime", ds->sem_otime);
	ipc_put_time(t->abi, l, buf, "sem_ctime", ds->sem_ctime);
	layout_put(t->abi, l, buf, "sem_nsems", ds->sem_nsems);
	return copyout(t, buf, addr, l->size) ? -EFAULT : 0;
}

/* arg is union semun as passed in a register (or read from memory by
 * ipc()): a long of the ABI.  Its int member `val` is the first four
 * bytes of the union's memory image -- on a big-endian 64-bit ABI the high
 * half of the register (ipc/sem.c, SETVAL). */
static int semun_val(const struct abi *ab, uint64_t arg)
{
	uint8_t img[8];
	abi_store(ab, img, ab->ptr_size, arg);
	return (int)(int32_t)abi_load(ab, img, 4);
}

long ev_semctl(struct task *t, int id, int num, int cmd, uint64_t arg, int v64)
{
	uint64_t p = a_ptr(t, arg);
	struct semid_ds ds;
	long r;
	switch (cmd) {
	case IPC_RMID:
	case GETPID:
	case GETVAL:
	case GETNCNT:
	case GETZCNT:
		return HOST(semctl(id, num, cmd));
	case SETVAL:
		return HOST(semctl(id, num, SETVAL, semun_val(t->abi, arg)));
	case IPC_STAT:
	case SEM_STAT:
	case SEM_STAT_ANY:
		if (!v64)
			return -EINVAL;
		r = HOST(semctl(id, num, cmd, &ds));
		if (r < 0)
			return r;
		return sem_stat_out(t, &ds, p) ? -EFAULT : r;
	case IPC_SET: {
		uint8_t buf[IPC_DSMAX];
		if (!v64)
			return -EINVAL;
		memset(&ds, 0, sizeof ds);
		if ((r = ipc_get_ds(t, "semid64_ds", p, buf, &ds.sem_perm)))
			return r;
		return HOST(semctl(id, num, IPC_SET, &ds));
	}
	case IPC_INFO:
	case SEM_INFO: {
		struct seminfo si;
		r = HOST(semctl(id, num, cmd, &si));
		return r < 0 ? r : ipc_put_ints(t, p, &si, sizeof si) ? -EFAULT : r;
	}
	case GETALL:
	case SETALL: {
		if ((r = HOST(semctl(id, 0, IPC_STAT, &ds))) < 0)
			return r;
		size_t n = ds.sem_nsems;	/* bounded by the host's SEMMSL */
		unsigned short *v = malloc((n ? n : 1) * sizeof *v);
		uint8_t *raw = malloc(n ? 2 * n : 1);
		r = -ENOMEM;
		if (v && raw) {
			if (cmd == GETALL) {
				r = HOST(semctl(id, 0, GETALL, v));
				for (size_t i = 0; r >= 0 && i < n; i++)
					abi_store(t->abi, raw + 2 * i, 2, v[i]);
				if (r >= 0 && copyout(t, raw, p, 2 * n))
					r = -EFAULT;
			} else if (copyin(t, p, raw, 2 * n)) {
				r = -EFAULT;
			} else {
				for (size_t i = 0; i < n; i++)
					v[i] = (unsigned short)abi_load(t->abi, raw + 2 * i, 2);
				r = HOST(semctl(id, 0, SETALL, v));
			}
		}
		free(v);
		free(raw);
		return r;
	}
	}
	return -EINVAL;
}

SYS(semctl)
{
	int cmd = a_int(a[2]);
	int v64 = ipc_cmd(&cmd, 0);
	return ev_semctl(t, a_int(a[0]), a_int(a[1]), cmd, a[3], v64);
}

/* ---- message queues ----
 * struct msgbuf is { long mtype; char mtext[]; } with the ABI's long. */

#define MSG_CAP (1 << 22)	/* far above any MSGMAX; bounds the kit's buffer */

SYS(msgget) { return HOST(msgget((key_t)a_int(a[0]), a_int(a[1]))); }

SYS(msgsnd)
{
	int id = a_int(a[0]), flg = a_int(a[3]);
	int64_t sz = a_long(t, a[2]);
	unsigned w = t->abi->ptr_size;
	if (sz < 0 || sz > MSG_CAP || id < 0)
		return -EINVAL;
	long *m = malloc(sizeof(long) + (size_t)sz);
	uint8_t raw[8];
	long r = -ENOMEM;
	if (!m)
		return r;
	r = -EFAULT;
	if (copyin(t, a[1], raw, w) || copyin(t, a[1] + w, m + 1, (size_t)sz))
		goto out;
	m[0] = w == 4 ? (int32_t)abi_load(t->abi, raw, 4) : (long)abi_load(t->abi, raw, 8);
	r = HOST(msgsnd(id, m, (size_t)sz, flg));
out:
	free(m);
	return r;
}

long ev_msgrcv(struct task *t, int id, uint64_t msgp, uint64_t usz, int64_t type, int flg)
{
	int64_t sz = a_long(t, usz);
	unsigned w = t->abi->ptr_size;
	if (sz < 0 || id < 0)
		return -EINVAL;
	size_t n = sz > MSG_CAP ? MSG_CAP : (size_t)sz;
	long *m = malloc(sizeof(long) + n);
	if (!m)
		return -ENOMEM;
	long r = HOST(msgrcv(id, m, n, type, flg));
	if (r >= 0) {
		uint8_t raw[8];
		abi_store(t->abi, raw, w, (uint64_t)m[0]);
		if (copyout(t, raw, msgp, w) || copyout(t, m + 1, msgp + w, (size_t)r))
			r = -EFAULT;
	}
	free(m);
	return r;
}

SYS(msgrcv) { return ev_msgrcv(t, a_int(a[0]), a[1], a[2], a_long(t, a[3]), a_int(a[4])); }

long ev_msgctl(struct task *t, int id, int cmd, uint64_t p, int v64)
{
	struct msqid_ds ds;
	long r;
	switch (cmd) {
	case IPC_RMID:
		return HOST(msgctl(id, IPC_RMID, NULL));
	case IPC_STAT:
	case MSG_STAT:
	case MSG_STAT_ANY: {
		const struct layout *l = layout_get(t->abi, "msqid64_ds");
		uint8_t buf[IPC_DSMAX];
		if (!v64)
			return -EINVAL;
		if (!l || l->size > sizeof buf)
			return -ENOSYS;
		if ((r = HOST(msgctl(id, cmd, &ds))) < 0)
			return r;
		memset(buf, 0, l->size);
		ipc_put_perm(t->abi, l, buf, &ds.msg_perm);
		ipc_put_time(t->abi, l, buf, "msg_stime", ds.msg_stime);
		ipc_put_time(t->abi, l, buf, "msg_rtime", ds.msg_rtime);
		ipc_put_time(t->abi, l, buf, "msg_ctime", ds.msg_ctime);
		layout_put(t->abi, l, buf, "msg_cbytes", ds.__msg_cbytes);
		layout_put(t->abi, l, buf, "msg_qnum", ds.msg_qnum);
		layout_put(t->abi, l, buf, "msg_qbytes", ds.msg_qbytes);
		layout_put(t->abi, l, buf, "msg_lspid", (uint32_t)ds.msg_lspid);
		layout_put(t->abi, l, buf, "msg_lrpid", (uint32_t)ds.msg_lrpid);
		return copyout(t, buf, p, l->size) ? -EFAULT : r;
	}
	case IPC_SET: {
		uint8_t buf[IPC_DSMAX];
		if (!v64)
			return -EINVAL;
		memset(&ds, 0, sizeof ds);
		if ((r = ipc_get_ds(t, "msqid64_ds", p, buf, &ds.msg_perm)))
			return r;
		uint64_t q = 0;
		layout_get_field(t->abi, layout_get(t->abi, "msqid64_ds"), buf, "msg_qbytes", &q);
		ds.msg_qbytes = q;
		return HOST(msgctl(id, IPC_SET, &ds));
	}
	case IPC_INFO:
	case MSG_INFO: {
		struct msginfo mi;
		r = HOST(msgctl(id, cmd, (struct msqid_ds *)&mi));
		return r < 0 ? r : ipc_put_ints(t, p, &mi, sizeof mi) ? -EFAULT : r;
	}
	}
	return -EINVAL;
}

SYS(msgctl)
{
	int cmd = a_int(a[1]);
	int v64 = ipc_cmd(&cmd, 0);
	return ev_msgctl(t, a_int(a[0]), cmd, a_ptr(t, a[2]), v64);
}
