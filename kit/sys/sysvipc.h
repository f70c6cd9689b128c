/* Internal to the System V IPC family (kit/sys/ipc*.c, shm.c). */
#ifndef CK_IPC_H
#define CK_IPC_H
#include <sys/ipc.h>
#include "evsys.h"
#define IPC_DSMAX 160	/* larger than any ABI's *64_ds */
struct layout;
/* A time field and its "<name>_high" word: 32-bit ABIs keep the high half
 * apart in their *64_ds; a layout without it ignores the second store. */
void ipc_put_time(const struct abi *ab, const struct layout *l, void *buf, const char *f, int64_t v);
void ipc_put_perm(const struct abi *ab, const struct layout *l, void *buf, const struct ipc_perm *p);
long ipc_get_ds(struct task *t, const char *lname, uint64_t addr, uint8_t *buf, struct ipc_perm *p);
long ipc_put_ints(struct task *t, uint64_t addr, const void *src, size_t n);
/* Strip IPC_64 from *cmd; 1 if the 64 structures are meant.  mux: called
 * from ipc(), where a command without IPC_64 means the old structures. */
int ipc_cmd(int *cmd, int mux);
#endif
