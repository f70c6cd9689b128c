/* msgsnd(2), msgrcv(2), msgctl(2): struct msgbuf has the ABI's long
 * mtype; receive by type, MSG_NOERROR truncation, E2BIG, ENOMSG, EINVAL,
 * EFAULT; IPC_STAT counts. */
#define _GNU_SOURCE
#include <string.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/ipc.h>
#include <sys/msg.h>
#include "tst.h"

struct m { long type; char text[32]; };
static int id = -1;
static void *volatile bad_ptr = (void *)16;

static void setup(void)
{
	if ((id = msgget(IPC_PRIVATE, IPC_CREAT | 0600)) < 0)
		tst_brk(TBROK | TERRNO, "msgget");
}

static void cleanup(void)
{
	if (id >= 0)
		msgctl(id, IPC_RMID, NULL);
}

static void run(unsigned int n)
{
	struct m s1 = { 5, "five" }, s2 = { 0x12345678, "big type" }, r;
	struct msqid_ds ds;
	switch (n) {
	case 0:
		TST_EXP_PASS(msgsnd(id, &s1, 5, 0));
		TST_EXP_PASS(msgsnd(id, &s2, 9, 0));
		TST_EXP_PASS(msgctl(id, IPC_STAT, &ds));
		if (ds.msg_qnum != 2 || ds.__msg_cbytes != 14)
			tst_res(TFAIL, "qnum %lu cbytes %lu", (unsigned long)ds.msg_qnum,
				(unsigned long)ds.__msg_cbytes);
		break;
	case 1:
		memset(&r, 0, sizeof r);
		TST_EXP_PASS(msgrcv(id, &r, sizeof r.text, 0x12345678, 0));
		if (TST_RET != 9 || r.type != 0x12345678 || strcmp(r.text, "big type"))
			tst_res(TFAIL, "got %ld bytes type %ld '%s'", TST_RET, r.type, r.text);
		break;
	case 2:
		TST_EXP_FAIL(msgrcv(id, &r, 2, 0, 0), E2BIG);
		memset(&r, 0, sizeof r);
		TST_EXP_PASS(msgrcv(id, &r, 2, 0, MSG_NOERROR));
		if (TST_RET != 2 || r.type != 5 || strcmp(r.text, "fi"))
			tst_res(TFAIL, "truncated: %ld bytes type %ld '%s'", TST_RET, r.type, r.text);
		break;
	case 3:
		TST_EXP_FAIL(msgrcv(id, &r, sizeof r.text, 0, IPC_NOWAIT), ENOMSG);
		s1.type = 0;
		TST_EXP_FAIL(msgsnd(id, &s1, 5, 0), EINVAL);
		TST_EXP_FAIL(msgsnd(id, bad_ptr, 5, 0), EFAULT);
		TST_EXP_FAIL(msgsnd(-1, &s2, 5, 0), EINVAL);
		TST_EXP_FAIL(msgsnd(id, &s2, (size_t)-1, 0), EINVAL);
		TST_EXP_FAIL(syscall(SYS_msgctl, id, IPC_STAT, bad_ptr), EFAULT);	/* glibc converts on 32-bit */
		break;
	case 4:
		TST_EXP_PASS(msgctl(id, IPC_STAT, &ds));
		ds.msg_qbytes = 4096;
		TST_EXP_PASS(msgctl(id, IPC_SET, &ds));
		TST_EXP_PASS(msgctl(id, IPC_STAT, &ds));
		if (ds.msg_qbytes != 4096)
			tst_res(TFAIL, "qbytes %lu after IPC_SET", (unsigned long)ds.msg_qbytes);
		TST_EXP_PASS(msgctl(id, IPC_RMID, NULL));
		id = -1;
		break;
	}
}

struct tst_test test = { .setup = setup, .cleanup = cleanup, .test = run, .tcnt = 5 };
