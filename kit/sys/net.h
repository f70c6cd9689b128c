/* Internal to the socket family (kit/sys/net*.c). */
#ifndef CK_NET_H
#define CK_NET_H
#include <sys/socket.h>
#include "evsys.h"

enum { NET_BIND, NET_DEST };
#define NET_OPTMAX 256	/* longest option value the kit passes */

/* Guest sockaddr (len bytes at uaddr) to host; enforces the loopback-only
 * policy for `use`.  0 or -errno. */
long net_get_addr(struct task *t, uint64_t uaddr, int64_t len, struct sockaddr_storage *ss,
		  socklen_t *hlen, int use);
/* Host sockaddr to the guest's buffer: at most *ulenp bytes, then *ulenp =
 * the full length (as Linux's move_addr_to_user). */
long net_put_addr(struct task *t, const struct sockaddr_storage *ss, socklen_t hlen,
		  uint64_t uaddr, uint64_t ulenp);
/* A send that failed with EPIPE raises SIGPIPE in the calling thread
 * unless the guest passed MSG_NOSIGNAL (Linux's sk_stream_error and
 * unix_stream_sendmsg).  The host call always has MSG_NOSIGNAL, so the
 * kit posts the guest's signal itself.  Returns r. */
long net_sigpipe(struct task *t, long r, uint64_t guest_flags);
/* sendmsg/recvmsg of one guest msghdr (netmsg.c), for those syscalls and
 * each entry of sendmmsg/recvmmsg (netmmsg.c).  The fd is checked. */
long net_sendmsg(struct task *t, int fd, uint64_t umsg, uint64_t gflags, int *part);
long net_recvmsg(struct task *t, int fd, uint64_t umsg, uint64_t gflags, int *oob);
#endif
