/* clone(CLONE_VM|CLONE_VFORK) without CLONE_THREAD, and vfork(2): a child
 * process sharing its parent's memory while the parent waits (kit/vfork.c). */
#ifndef CK_VFORK_H
#define CK_VFORK_H

#include <stdint.h>
#include "task.h"

struct vfork_req {
	uint64_t flags;		/* the guest's clone flags, exit signal apart */
	uint64_t host_flags;	/* those the host's clone takes as they are */
	int exit_signal;
	uint64_t stack;		/* the child's stack pointer; 0: the parent's */
	uint64_t tls;		/* with CLONE_SETTLS */
	uint64_t parent_tid, child_tid, pidfd;	/* guest addresses */
};

/* Returns the child's PID once it has exec'd or ended, or -errno. */
long vfork_clone(struct task *t, const struct vfork_req *r);

#endif
