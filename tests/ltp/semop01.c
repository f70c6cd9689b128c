/* semop(2), semtimedop(2): decrement, wait-for-zero with IPC_NOWAIT, a
 * timed wait that times out; E2BIG, EINVAL, EFAULT, EFBIG. */
#define _GNU_SOURCE
#include <time.h>
#include <sys/ipc.h>
#include <sys/sem.h>
#include "tst.h"

static int id = -1;
static void *volatile bad_ptr = (void *)16;

static void setup(void)
{
	if ((id = semget(IPC_PRIVATE, 2, IPC_CREAT | 0600)) < 0)
		tst_brk(TBROK | TERRNO, "semget");
}

static void cleanup(void)
{
	if (id >= 0)
		semctl(id, 0, IPC_RMID);
}

static void run(unsigned int n)
{
	struct sembuf up[2] = { { 0, 3, 0 }, { 1, 1, 0 } }, down = { 0, -2, IPC_NOWAIT },
		      zero = { 1, 0, IPC_NOWAIT }, big[600];
	struct timespec ts = { 0, 10000000 };
	switch (n) {
	case 0:
		TST_EXP_PASS(semop(id, up, 2));
		TST_EXP_PASS(semop(id, &down, 1));
		if (semctl(id, 0, GETVAL) != 1 || semctl(id, 1, GETVAL) != 1)
			tst_res(TFAIL, "values %d %d", semctl(id, 0, GETVAL), semctl(id, 1, GETVAL));
		break;
	case 1:
		TST_EXP_FAIL(semop(id, &down, 1), EAGAIN);
		TST_EXP_FAIL(semop(id, &zero, 1), EAGAIN);
		break;
	case 2:
		down.sem_flg = 0;
		TST_EXP_FAIL(semtimedop(id, &down, 1, &ts), EAGAIN);
		break;
	case 3:
		for (int i = 0; i < 600; i++)
			big[i] = (struct sembuf){ 0, 0, IPC_NOWAIT };
		TST_EXP_FAIL(semop(id, big, 600), E2BIG);
		TST_EXP_FAIL(semop(id, up, 0), EINVAL);
		TST_EXP_FAIL(semop(-1, up, 1), EINVAL);
		TST_EXP_FAIL(semop(id, bad_ptr, 1), EFAULT);
		up[0].sem_num = 5;
		TST_EXP_FAIL(semop(id, up, 1), EFBIG);
		break;
	}
}

struct tst_test test = { .setup = setup, .cleanup = cleanup, .test = run, .tcnt = 4 };
