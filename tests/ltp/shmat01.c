/* shmat(2), shmdt(2), shmctl(2): two attaches of one segment share their
 * pages; a fixed, SHM_RND-rounded address; read-only attaches; IPC_STAT
 * (segsz, nattch); EINVAL for bad ids and addresses, EACCES-free paths. */
#define _GNU_SOURCE
#include <stdint.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/shm.h>
#include "tst.h"

static int id = -1;
static char *a1, *a2;

static void setup(void)
{
	if ((id = shmget(IPC_PRIVATE, 8192, IPC_CREAT | 0600)) < 0)
		tst_brk(TBROK | TERRNO, "shmget");
}

static void cleanup(void)
{
	if (id >= 0)
		shmctl(id, IPC_RMID, NULL);
}

static void run(unsigned int n)
{
	struct shmid_ds ds;
	char *p;
	switch (n) {
	case 0:
		a1 = shmat(id, NULL, 0);
		a2 = shmat(id, NULL, 0);
		if (a1 == (void *)-1 || a2 == (void *)-1)
			tst_brk(TBROK | TERRNO, "shmat");
		strcpy(a1 + 5000, "shared");
		if (a1 != a2 && !strcmp(a2 + 5000, "shared"))
			tst_res(TPASS, "two attaches see the same pages");
		else
			tst_res(TFAIL, "second attach does not see the data");
		break;
	case 1:
		TST_EXP_PASS(shmctl(id, IPC_STAT, &ds));
		if (ds.shm_segsz != 8192 || ds.shm_nattch != 2 || (ds.shm_perm.mode & 0777) != 0600)
			tst_res(TFAIL, "segsz %lu nattch %lu mode %o", (unsigned long)ds.shm_segsz,
				(unsigned long)ds.shm_nattch, ds.shm_perm.mode);
		break;
	case 2:
		TST_EXP_PASS(shmdt(a2));
		TST_EXP_FAIL(shmdt(a2), EINVAL);
		TST_EXP_FAIL(shmdt(a1 + 1), EINVAL);
		shmctl(id, IPC_STAT, &ds);
		if (ds.shm_nattch != 1)
			tst_res(TFAIL, "nattch %lu after shmdt", (unsigned long)ds.shm_nattch);
		break;
	case 3:
		/* a free, page-aligned address: reserve it, release it, attach there */
		p = mmap(NULL, 8192, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		munmap(p, 8192);
		TST_EXP_FAIL((long)shmat(id, p + 100, 0), EINVAL);
		a2 = shmat(id, p + 100, SHM_RND);
		if (a2 != p || strcmp(a2 + 5000, "shared"))
			tst_res(TFAIL, "SHM_RND attach at %p, wanted %p", (void *)a2, (void *)p);
		else
			tst_res(TPASS, "SHM_RND attach rounds down");
		TST_EXP_FAIL((long)shmat(id, p, 0), EINVAL);
		shmdt(a2);
		break;
	case 4:
		a2 = shmat(id, NULL, SHM_RDONLY);
		if (a2 == (void *)-1 || strcmp(a2 + 5000, "shared"))
			tst_res(TFAIL | TERRNO, "read-only attach");
		else
			tst_res(TPASS, "read-only attach reads the data");
		TST_EXP_FAIL(mprotect(a2, 4096, PROT_READ | PROT_WRITE) ? -1 : 0, EACCES);
		shmdt(a2);
		break;
	case 5:
		TST_EXP_FAIL((long)shmat(-1, NULL, 0), EINVAL);
		TST_EXP_FAIL(shmctl(id, 12345, &ds), EINVAL);
		TST_EXP_FAIL(shmget(IPC_PRIVATE, 0, IPC_CREAT | 0600), EINVAL);
		TST_EXP_PASS(shmdt(a1));
		TST_EXP_PASS(shmctl(id, IPC_RMID, NULL));
		id = -1;
		break;
	}
}

struct tst_test test = { .setup = setup, .cleanup = cleanup, .test = run, .tcnt = 6 };
