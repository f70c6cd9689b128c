/* Shared by the event, poll, socket and System V IPC families
 * (kit/sys/ev*.c, poll.c, net*.c, ipc*.c). */
#ifndef CK_EVSYS_H
#define CK_EVSYS_H
#include <time.h>
#include "sys.h"

extern int ck_kit_fd_min;	/* kit/sys/file.c: the kit's own descriptors start here */
static inline int ev_fd_ok(long fd) { return fd >= 0 && fd < ck_kit_fd_min; }
#define EV_CHECK_FD(fd) do { if (!ev_fd_ok(fd)) return -EBADF; } while (0)

/* A descriptor the host just created: refuse it if it collides with the
 * kit's own range, like dup does in file.c. */
long ev_new_fd(long r);

/* Flags that are O_NONBLOCK / O_CLOEXEC of the ABI (SOCK_*, EFD_*, TFD_*,
 * IN_*, SFD_*, EPOLL_CLOEXEC are defined as those): translate them to
 * the host's, keeping the other bits of `keep`; any bit outside
 * allowed|those two gives -EINVAL. */
long ev_flags(const struct abi *a, uint64_t f, uint32_t allowed);

/* struct timespec of width w (4: the ABI's old 32-bit longs, 8: 64-bit)
 * in and out of guest memory; -EFAULT, or -EINVAL for a bad tv_nsec when
 * check is set. */
long ev_get_ts(struct task *t, uint64_t addr, unsigned w, struct timespec *ts, int check);
long ev_put_ts(struct task *t, uint64_t addr, unsigned w, const struct timespec *ts);
/* struct itimerspec (interval, then value) of width w, the same way;
 * ev_put_its gives -EOVERFLOW for a value the 32-bit form cannot hold. */
long ev_get_its(struct task *t, uint64_t addr, unsigned w, struct itimerspec *its);
long ev_put_its(struct task *t, uint64_t addr, unsigned w, const struct itimerspec *its);

/* A guest sigset_t (the ABI's "sigset" layout: words of the ABI's long,
 * signal n is bit (n-1) of the array) as a 64-bit kernel mask.  size is the
 * caller's sigsetsize: -EINVAL unless it is the kernel's 8 bytes. */
long ev_get_sigset(struct task *t, uint64_t addr, uint64_t size, uint64_t *mask);

/* SOL_SOCKET option numbers (abi->sockopts). */
int sockopt_to_host(const struct abi *a, int v);
int sockopt_to_guest(const struct abi *a, int v);

/* Records read from/written to event descriptors are host-endian; on a
 * big-endian guest read/write of eventfd, timerfd, signalfd and inotify
 * descriptors go through here.  Returns 1 and sets *ret if it handled the
 * call, 0 to let the caller do a plain transfer. */
int ev_fd_rw(struct task *t, int fd, uint64_t buf, uint64_t len, int write_, long *ret);
/* ev_new_fd for a descriptor whose records ev_fd_rw converts (eventfd,
 * timerfd, inotify); ev_fds_received: the guest got descriptors from
 * elsewhere (SCM_RIGHTS), which may be such descriptors too. */
long ev_rec_fd(long r);
void ev_fds_received(void);

/* signalfd (sigfd.c): the guest's signalfds are host pipes the kit
 * serves.  sigfd_rw handles read/write of one (1, *ret set) or returns 0;
 * sigfd_sync makes their readiness match the pending signals before a
 * host wait.  sigfd_count is 0 while the guest has none. */
extern unsigned sigfd_count;
int sigfd_rw(struct task *t, int fd, uint64_t buf, uint64_t len, int write_, long *ret);
void sigfd_sync(struct task *t);

/* An interruptible wait of the poll/select/epoll family, as Linux's: the
 * guest's sigmask argument (NULL: none) is in force during the wait; it
 * ends with -EINTR once a signal the guest does not block is pending
 * (after a last look at what is ready; zero_ends: a nothing-ready answer
 * then stays 0, epoll's rule for a zero timeout), while host signals the
 * guest blocks only re-sync signalfd readiness and the wait goes on.
 * call(arg, hostmask) is the host wait: with hostmask it may sleep, with
 * those host signals unblocked atomically (ppoll/epoll_pwait2's sigmask),
 * and returns -EINTR when one came; with NULL it must not sleep.  On
 * -EINTR the timeout it keeps in arg must already be the time left. */
#include <signal.h>
long ev_wait(struct task *t, const uint64_t *gmask, int zero_ends,
	     long (*call)(void *arg, const sigset_t *hostmask), void *arg);

/* Handlers the multiplexers (socketcall, ipc) call. */
#define EV_DECL(n) long linux_sys_##n(struct task *t, const uint64_t *a)
EV_DECL(socket); EV_DECL(bind); EV_DECL(connect); EV_DECL(listen); EV_DECL(accept);
EV_DECL(getsockname); EV_DECL(getpeername); EV_DECL(socketpair); EV_DECL(send);
EV_DECL(recv); EV_DECL(sendto); EV_DECL(recvfrom); EV_DECL(shutdown); EV_DECL(setsockopt);
EV_DECL(getsockopt); EV_DECL(sendmsg); EV_DECL(recvmsg); EV_DECL(accept4);
EV_DECL(recvmmsg); EV_DECL(sendmmsg);
EV_DECL(semget); EV_DECL(semctl); EV_DECL(msgget); EV_DECL(msgsnd); EV_DECL(msgctl);
EV_DECL(shmget); EV_DECL(shmctl); EV_DECL(shmdt);
EV_DECL(select); EV_DECL(old_select);
/* with the IPC version (ipc() multiplexer) or timeout width explicit */
long ev_semtimedop(struct task *t, int id, uint64_t sops, uint64_t nsops, uint64_t ts, unsigned w);
long ev_msgrcv(struct task *t, int id, uint64_t msgp, uint64_t sz, int64_t type, int flg);
long ev_shmat(struct task *t, int id, uint64_t addr, int flg, uint64_t *out);
long ev_semctl(struct task *t, int id, int num, int cmd, uint64_t arg, int old);
long ev_shmctl(struct task *t, int id, int cmd, uint64_t buf, int old);
long ev_msgctl(struct task *t, int id, int cmd, uint64_t buf, int old);
#endif
