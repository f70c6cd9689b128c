/* powerpc, powerpc64, powerpc64le: a new thread's registers (kit/thread.c).
 * Linux's copy_thread (arch/powerpc/kernel/process.c): the child returns 0
 * from sc (r3 = 0, CR0[SO] clear), r1 = the new stack, and with
 * CLONE_SETTLS the thread pointer is r2 on 32-bit, r13 on 64-bit (the ppc
 * ELF ABIs' TLS register).  PC already points past `sc` in the trap. */
#include "task.h"
#include "arches/powerpc/ppc.h"

void ppc_set_retval(struct task *t, long ret);

int ppc_clone_child(struct task *c, struct task *parent, uint64_t sp, int settls, uint64_t tls)
{
	ppc_set_retval(c, 0);
	if (sp)
		ppc_setreg(c, UC_PPC_REG_1, sp);
	if (settls)
		ppc_setreg(c, c->abi->ptr_size == 8 ? UC_PPC_REG_13 : UC_PPC_REG_2, tls);
	return 0;
}
