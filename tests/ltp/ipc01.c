/* ipc(2), the System V IPC multiplexer of i386 and powerpc: semget, semop,
 * semctl (union semun read from memory), msgsnd and the kludge form of
 * msgrcv, shmget/shmat (the address stored through `third`), with the
 * IPC_64 version flag in commands; unknown calls give ENOSYS. */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include <sys/shm.h>
#include <sys/syscall.h>
#include "tst.h"

#ifdef SYS_ipc
enum { SEMOP = 1, SEMGET, SEMCTL, MSGSND = 11, MSGRCV, MSGGET, MSGCTL, SHMAT = 21, SHMDT, SHMGET, SHMCTL };
#define V64 0x100

static void run(unsigned int n)
{
	long id, v;
	switch (n) {
	case 0: {
		struct sembuf op = { 0, 4, 0 };
		unsigned long arg = 0;
		id = syscall(SYS_ipc, SEMGET, IPC_PRIVATE, 1, IPC_CREAT | 0600, 0, 0);
		if (id < 0)
			tst_brk(TBROK | TERRNO, "ipc(SEMGET)");
		TST_EXP_PASS(syscall(SYS_ipc, SEMOP, id, 1, 0, &op, 0));
		TST_EXP_PASS(v = syscall(SYS_ipc, SEMCTL, id, 0, GETVAL | V64, &arg, 0));
		if (v != 4)
			tst_res(TFAIL, "GETVAL %ld", v);
		TST_EXP_FAIL(syscall(SYS_ipc, SEMCTL, id, 0, GETVAL | V64, NULL, 0), EINVAL);
		TST_EXP_PASS(syscall(SYS_ipc, SEMCTL, id, 0, IPC_RMID | V64, &arg, 0));
		break;
	}
	case 1: {
		struct { long type; char t[8]; } m = { 3, "ipc" }, r;
		struct { void *msgp; long typ; } k = { &r, 0 };
		id = syscall(SYS_ipc, MSGGET, IPC_PRIVATE, IPC_CREAT | 0600, 0, 0, 0);
		if (id < 0)
			tst_brk(TBROK | TERRNO, "ipc(MSGGET)");
		TST_EXP_PASS(syscall(SYS_ipc, MSGSND, id, 4, 0, &m, 0));
		memset(&r, 0, sizeof r);
		TST_EXP_PASS(v = syscall(SYS_ipc, MSGRCV, id, 8, 0, &k, 0));
		if (v != 4 || r.type != 3 || strcmp(r.t, "ipc"))
			tst_res(TFAIL, "msgrcv %ld type %ld", v, r.type);
		TST_EXP_PASS(syscall(SYS_ipc, MSGCTL, id, IPC_RMID | V64, 0, NULL, 0));
		break;
	}
	case 2: {
		unsigned long at = 0;
		struct shmid_ds ds;
		id = syscall(SYS_ipc, SHMGET, IPC_PRIVATE, 4096, IPC_CREAT | 0600, 0, 0);
		if (id < 0)
			tst_brk(TBROK | TERRNO, "ipc(SHMGET)");
		TST_EXP_PASS(syscall(SYS_ipc, SHMAT, id, 0, &at, NULL, 0));
		strcpy((char *)at, "via ipc");
		char *p = shmat(id, NULL, SHM_RDONLY);
		if (p == (void *)-1 || strcmp(p, "via ipc"))
			tst_res(TFAIL, "second attach does not share");
		TST_EXP_PASS(syscall(SYS_ipc, SHMCTL, id, IPC_STAT | V64, 0, &ds, 0));
		if (ds.shm_nattch != 2 || ds.shm_segsz != 4096)
			tst_res(TFAIL, "nattch %lu segsz %lu", (unsigned long)ds.shm_nattch,
				(unsigned long)ds.shm_segsz);
		TST_EXP_PASS(syscall(SYS_ipc, SHMDT, 0, 0, 0, (void *)at, 0));
		shmdt(p);
		TST_EXP_PASS(syscall(SYS_ipc, SHMCTL, id, IPC_RMID | V64, 0, NULL, 0));
		break;
	}
	case 3:
		TST_EXP_FAIL(syscall(SYS_ipc, 99, 0, 0, 0, NULL, 0), ENOSYS);
		break;
	}
}

struct tst_test test = { .test = run, .tcnt = 4 };
#else
static void run(void) { tst_res(TCONF, "no ipc(2) on this ABI"); }
struct tst_test test = { .test_all = run };
#endif
