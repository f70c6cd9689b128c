/*
 * The host calls a syscall handler makes that may sleep, each wrapped so
 * the engine lock is dropped while it sleeps (kit/thread.h): another guest
 * thread runs meanwhile, as on Linux.  Included by sys.h, so every handler
 * in kit/sys gets it without naming it; a function-like macro does not
 * expand inside its own body, so BLOCKING(read(...)) calls the real read.
 * Only the host call itself runs unlocked: the handler computes its host
 * pointers before and looks at kit state again only after.
 *
 * syscall(2) is wrapped for the numbers that sleep (ppoll, waitid,
 * epoll_pwait2, ...): every other one (clone3 for fork above all: the
 * child must be a copy of a consistent kit) stays under the lock.
 */
#ifndef CK_SYS_BLOCKING_H
#define CK_SYS_BLOCKING_H

/* The declarations first: the macros below must not touch them. */
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <unistd.h>
#include <sys/epoll.h>
#include <sys/file.h>
#include <sys/ioctl.h>
#include <sys/msg.h>
#include <sys/select.h>
#include <sys/sem.h>
#include <sys/sendfile.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <sys/wait.h>
#include "thread.h"

#define BLOCKING(call) ({ thread_block_begin(); __typeof__(call) r__ = (call); thread_block_end(); r__; })

static inline int blocking_nr(long nr)
{
	switch (nr) {
	case SYS_ppoll: case SYS_pselect6: case SYS_waitid: case SYS_wait4:
	case SYS_epoll_wait: case SYS_epoll_pwait: case SYS_epoll_pwait2:
	case SYS_rt_sigtimedwait: case SYS_rt_sigsuspend: case SYS_nanosleep:
	case SYS_clock_nanosleep: case SYS_msgrcv: case SYS_msgsnd: case SYS_semtimedop:
	case SYS_mq_timedreceive: case SYS_mq_timedsend: case SYS_io_getevents:
	case SYS_read: case SYS_write: case SYS_readv: case SYS_writev:
	case SYS_recvfrom: case SYS_recvmsg: case SYS_recvmmsg: case SYS_sendto:
	case SYS_sendmsg: case SYS_sendmmsg: case SYS_accept: case SYS_accept4:
	case SYS_connect: case SYS_flock: case SYS_splice: case SYS_tee:
	case SYS_sendfile: case SYS_copy_file_range: case SYS_preadv2: case SYS_pwritev2:
	case SYS_vmsplice: case SYS_membarrier:	/* a full pipe; an RCU grace period */
		return 1;
	default:
		return 0;
	}
}
#define syscall(nr, ...) ({ long n__ = (nr); \
	blocking_nr(n__) ? BLOCKING(syscall(n__, ##__VA_ARGS__)) : syscall(n__, ##__VA_ARGS__); })

#define read(...) BLOCKING(read(__VA_ARGS__))
#define write(...) BLOCKING(write(__VA_ARGS__))
#define readv(...) BLOCKING(readv(__VA_ARGS__))
#define writev(...) BLOCKING(writev(__VA_ARGS__))
#define pread(...) BLOCKING(pread(__VA_ARGS__))
#define pwrite(...) BLOCKING(pwrite(__VA_ARGS__))
#define preadv(...) BLOCKING(preadv(__VA_ARGS__))
#define pwritev(...) BLOCKING(pwritev(__VA_ARGS__))
#define preadv2(...) BLOCKING(preadv2(__VA_ARGS__))
#define pwritev2(...) BLOCKING(pwritev2(__VA_ARGS__))
#define recv(...) BLOCKING(recv(__VA_ARGS__))
#define recvfrom(...) BLOCKING(recvfrom(__VA_ARGS__))
#define recvmsg(...) BLOCKING(recvmsg(__VA_ARGS__))
#define send(...) BLOCKING(send(__VA_ARGS__))
#define sendto(...) BLOCKING(sendto(__VA_ARGS__))
#define sendmsg(...) BLOCKING(sendmsg(__VA_ARGS__))
#define accept(...) BLOCKING(accept(__VA_ARGS__))
#define accept4(...) BLOCKING(accept4(__VA_ARGS__))
#define connect(...) BLOCKING(connect(__VA_ARGS__))
#define poll(...) BLOCKING(poll(__VA_ARGS__))
#define ppoll(...) BLOCKING(ppoll(__VA_ARGS__))
#define select(...) BLOCKING(select(__VA_ARGS__))
#define pselect(...) BLOCKING(pselect(__VA_ARGS__))
#define epoll_wait(...) BLOCKING(epoll_wait(__VA_ARGS__))
#define epoll_pwait(...) BLOCKING(epoll_pwait(__VA_ARGS__))
#define nanosleep(...) BLOCKING(nanosleep(__VA_ARGS__))
#define clock_nanosleep(...) BLOCKING(clock_nanosleep(__VA_ARGS__))
#define wait4(...) BLOCKING(wait4(__VA_ARGS__))
#define waitpid(...) BLOCKING(waitpid(__VA_ARGS__))
#define waitid(...) BLOCKING(waitid(__VA_ARGS__))
#define msgrcv(...) BLOCKING(msgrcv(__VA_ARGS__))
#define msgsnd(...) BLOCKING(msgsnd(__VA_ARGS__))
#define semop(...) BLOCKING(semop(__VA_ARGS__))
#define semtimedop(...) BLOCKING(semtimedop(__VA_ARGS__))
#define flock(...) BLOCKING(flock(__VA_ARGS__))
#define fcntl(...) BLOCKING(fcntl(__VA_ARGS__))	/* F_SETLKW, F_OFD_SETLKW */
#define open(...) BLOCKING(open(__VA_ARGS__))	/* a FIFO waits for its peer */
#define openat(...) BLOCKING(openat(__VA_ARGS__))
#define ioctl(...) BLOCKING(ioctl(__VA_ARGS__))	/* tcdrain, TIOCSTI ... */
#define sendfile(...) BLOCKING(sendfile(__VA_ARGS__))
#define copy_file_range(...) BLOCKING(copy_file_range(__VA_ARGS__))
#define splice(...) BLOCKING(splice(__VA_ARGS__))
#define tee(...) BLOCKING(tee(__VA_ARGS__))
#define vmsplice(...) BLOCKING(vmsplice(__VA_ARGS__))
#define fsync(...) BLOCKING(fsync(__VA_ARGS__))
#define fdatasync(...) BLOCKING(fdatasync(__VA_ARGS__))
#define sync_file_range(...) BLOCKING(sync_file_range(__VA_ARGS__))
#define sched_yield(...) BLOCKING(sched_yield(__VA_ARGS__))	/* lets a waiting thread run */

#endif
