/* Shared by the two x86 ABIs (arches/i386 and arches/amd64). */
#ifndef CK_X86COMMON_H
#define CK_X86COMMON_H
#include "task.h"
int x86_probe_hwcap(struct task *t);
int x86_intr_signal(struct task *t, uint32_t intno, int *code, uint64_t *addr);
void x86_mem_fault_pc(struct task *t, uint64_t addr);
#endif
