/* semctl(2): SETVAL/GETVAL (union semun by value -- its int member sits in
 * the high half of the register on big-endian 64-bit), SETALL/GETALL,
 * IPC_STAT/IPC_SET through struct semid64_ds, GETPID, IPC_RMID; EINVAL,
 * EFAULT, ERANGE. */
#define _GNU_SOURCE
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include "tst.h"

union semun { int val; struct semid_ds *buf; unsigned short *array; };
static int id = -1;
static void *volatile bad_ptr = (void *)16;

static void setup(void)
{
	if ((id = semget(IPC_PRIVATE, 3, IPC_CREAT | 0640)) < 0)
		tst_brk(TBROK | TERRNO, "semget");
}

static void cleanup(void)
{
	if (id >= 0)
		semctl(id, 0, IPC_RMID);
}

static void run(unsigned int n)
{
	union semun u;
	unsigned short v[3] = { 7, 8, 9 }, g[3] = { 0 };
	struct semid_ds ds;
	switch (n) {
	case 0:
		u.val = 42;
		TST_EXP_PASS(semctl(id, 1, SETVAL, u));
		TST_EXP_PASS(semctl(id, 1, GETVAL));
		if (TST_RET != 42)
			tst_res(TFAIL, "GETVAL %ld", TST_RET);
		break;
	case 1:
		u.array = v;
		TST_EXP_PASS(semctl(id, 0, SETALL, u));
		u.array = g;
		TST_EXP_PASS(semctl(id, 0, GETALL, u));
		if (g[0] != 7 || g[1] != 8 || g[2] != 9)
			tst_res(TFAIL, "GETALL %u %u %u", g[0], g[1], g[2]);
		break;
	case 2:
		u.buf = &ds;
		TST_EXP_PASS(semctl(id, 0, IPC_STAT, u));
		if (ds.sem_nsems != 3 || (ds.sem_perm.mode & 0777) != 0640 || ds.sem_perm.uid != getuid() ||
		    ds.sem_ctime == 0)
			tst_res(TFAIL, "IPC_STAT nsems %lu mode %o uid %u", (unsigned long)ds.sem_nsems,
				ds.sem_perm.mode, ds.sem_perm.uid);
		ds.sem_perm.mode = 0600;
		TST_EXP_PASS(semctl(id, 0, IPC_SET, u));
		TST_EXP_PASS(semctl(id, 0, IPC_STAT, u));
		if ((ds.sem_perm.mode & 0777) != 0600)
			tst_res(TFAIL, "IPC_SET mode %o", ds.sem_perm.mode);
		break;
	case 3:
		TST_EXP_PASS(semctl(id, 0, GETPID));
		TST_EXP_PASS(semctl(id, 0, GETNCNT));
		break;
	case 4:
		u.val = 40000;
		TST_EXP_FAIL(semctl(id, 0, SETVAL, u), ERANGE);
		TST_EXP_FAIL(semctl(id, 5, GETVAL), EINVAL);
		TST_EXP_FAIL(semctl(id, 0, 12345), EINVAL);
		/* glibc converts struct semid_ds itself on 32-bit ABIs: raw call */
		TST_EXP_FAIL(syscall(SYS_semctl, id, 0, IPC_STAT, bad_ptr), EFAULT);
		break;
	case 5:
		TST_EXP_PASS(semctl(id, 0, IPC_RMID));
		TST_EXP_FAIL(semctl(id, 0, GETVAL), EINVAL);
		id = -1;
		break;
	}
}

struct tst_test test = { .setup = setup, .cleanup = cleanup, .test = run, .tcnt = 6 };
