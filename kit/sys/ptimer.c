/* POSIX per-process timers: timer_create/settime/gettime/getoverrun/delete
 * (and the time64 forms of 32-bit ABIs).  Each guest timer is a host
 * kernel timer of the kit process, created with the raw syscall (glibc's
 * wrapper keeps ids of its own and emulates SIGEV_THREAD).  Its signal
 * reaches the kit's host handler with si_code SI_TIMER, si_timerid and the
 * guest's sigev_value, and is posted to the guest like any host signal
 * (kit/sighost.c), so the ids the guest sees are the host's.
 *
 * struct sigevent (asm-generic/siginfo.h): sigev_value (a union of int
 * and pointer: the ABI's pointer width), int sigev_signo, int sigev_notify,
 * then the union whose first int is the thread id of SIGEV_THREAD_ID: the
 * "sigevent" layout of arches/<arch>/layouts.def, checked against each
 * cross toolchain by make check-layouts. */
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/syscall.h>
#include "sys.h"
#include "sys/evsys.h"
#include "layout.h"
#include "ksig.h"
#include "thread.h"

/* What the host signal of a timer cannot say by itself, per timer id:
 * - gsig: the guest signal, when it is one the kit cannot catch on the
 *   host (32 and 33: the guest's glibc uses them for SIGEV_THREAD timers
 *   and cancellation, the kit's own glibc keeps them): such a timer is
 *   created with the kick signal, which the kit always catches;
 * - tid: the target thread of SIGEV_THREAD_ID: the signal is the
 *   thread's, not the process's (glibc's SIGEV_THREAD helper waits for it
 *   with the signal blocked everywhere else).
 * - pending, overrun, last: Linux queues a timer's signal once; while it
 *   is pending, further expirations only count (it_overrun), and the
 *   count moves to si_overrun and timer_getoverrun when it is taken.  The
 *   host cannot count for the kit: its handler takes every host signal at
 *   once, so the kit coalesces here (sig_post and sig_dequeue call in).
 * Written under the engine lock; read by the host signal handler and the
 * drain, hence plain volatile ints.
 *
 * Linux has no count of a process's timers (a queued signal is charged to
 * RLIMIT_SIGPENDING, a timer is not), so the notes grow: chunk k holds
 * 64 << k of them.  A chunk is filled before its pointer is published and
 * is never freed or moved, so the signal handler can walk the chunks at
 * any time without a lock (a realloc'd array could move under it). */
struct note { volatile int used, id, gsig, tid, pending, overrun, last; };
#define CHUNKS 24	/* 64 * (2^24 - 1) notes: far past RLIMIT_SIGPENDING */
static struct note *chunk[CHUNKS];

static struct note *chunk_get(int k, unsigned *len)
{
	*len = 64u << k;
	return __atomic_load_n(&chunk[k], __ATOMIC_ACQUIRE);
}

static struct note *note_find(int id)
{
	unsigned len;
	struct note *c;
	for (int k = 0; k < CHUNKS && (c = chunk_get(k, &len)); k++)
		for (unsigned i = 0; i < len; i++)
			if (c[i].used && c[i].id == id)
				return &c[i];
	return NULL;
}

int ptimer_guest_sig(int timerid)
{
	struct note *n = note_find(timerid);
	return n ? n->gsig : 0;
}

int ptimer_thread(int timerid)
{
	struct note *n = note_find(timerid);
	return n ? n->tid : 0;
}

int ptimer_posted(int timerid, int host_overrun)
{
	struct note *n = note_find(timerid);
	if (!n)
		return 0;
	if (n->pending) {
		n->overrun += 1 + host_overrun;
		return 1;
	}
	n->pending = 1;
	n->overrun = host_overrun;
	return 0;
}

int ptimer_taken(int timerid, int overrun)
{
	struct note *n = note_find(timerid);
	if (!n)
		return overrun;
	n->pending = 0;
	n->last = n->overrun;
	n->overrun = 0;
	return n->last;
}

static void note_forget(int id)
{
	struct note *n = note_find(id);
	if (n)
		n->used = 0;
}

static void note_fill(struct note *n, int id, int gsig, int tid)
{
	n->id = id;
	n->gsig = gsig;
	n->tid = tid;
	n->pending = n->overrun = n->last = 0;
	n->used = 1;
}

/* A free note, or a new chunk for it; -1 only when memory runs out. */
static int note_add(int id, int gsig, int tid)
{
	unsigned len;
	struct note *c;
	int k = 0;
	for (; k < CHUNKS && (c = chunk_get(k, &len)); k++)
		for (unsigned i = 0; i < len; i++)
			if (!c[i].used) {
				note_fill(&c[i], id, gsig, tid);
				return 0;
			}
	if (k == CHUNKS || !(c = calloc(64u << k, sizeof *c)))
		return -1;
	note_fill(&c[0], id, gsig, tid);
	__atomic_store_n(&chunk[k], c, __ATOMIC_RELEASE);
	return 0;
}

long guest_get_sigevent(struct task *t, uint64_t addr, struct sigevent *hs)
{
	const struct layout *l = layout_get(t->abi, "sigevent");
	uint8_t raw[64];
	uint64_t v[4] = { 0 };
	static const char *const f[4] = { "sigev_value", "sigev_signo", "sigev_notify", "sigev_tid" };
	if (!l || l->size > sizeof raw)
		return -ENOSYS;
	if (copyin(t, addr, raw, l->size))
		return -EFAULT;
	for (int i = 0; i < 4; i++)
		layout_get_field(t->abi, l, raw, f[i], &v[i]);
	memset(hs, 0, sizeof *hs);
	hs->sigev_value.sival_ptr = (void *)(uintptr_t)v[0];
	hs->sigev_signo = (int)v[1];
	hs->sigev_notify = (int)v[2];
	hs->_sigev_un._tid = (int)v[3];
	return 0;
}

SYS(timer_create)
{
	uint64_t usev = a_ptr(t, a[1]), uid = a_ptr(t, a[2]);
	struct sigevent hs, *hp = NULL;
	if (usev) {
		long e = guest_get_sigevent(t, usev, &hs);
		if (e)
			return e;
		hp = &hs;
	}
	int gsig = 0;
	if (hp && hp->sigev_notify != SIGEV_NONE && hp->sigev_signo >= 1 && hp->sigev_signo <= CK_NSIG &&
	    !sig_host_catchable(hp->sigev_signo)) {
		gsig = hp->sigev_signo;
		hp->sigev_signo = THREAD_KICK_SIG;
	}
	int id;
	long r = HOST(syscall(SYS_timer_create, a_int(a[0]), hp, &id));
	if (r < 0)
		return r;
	note_forget(id);	/* an id the host reuses */
	int tid = hp && (hp->sigev_notify & SIGEV_THREAD_ID) ? hp->_sigev_un._tid : 0;
	if (note_add(id, gsig, tid)) {
		syscall(SYS_timer_delete, id);
		return -EAGAIN;	/* as the kernel when it is out of memory for one */
	}
	uint8_t out[4];
	abi_store(t->abi, out, 4, (uint32_t)id);
	if (copyout(t, out, uid, 4)) {
		syscall(SYS_timer_delete, id);
		return -EFAULT;
	}
	return 0;
}

static long settime(struct task *t, const uint64_t *a, unsigned w)
{
	struct itimerspec nv, ov;
	if (ev_get_its(t, a_ptr(t, a[2]), w, &nv))
		return -EFAULT;
	uint64_t uold = a_ptr(t, a[3]);
	long r = HOST(syscall(SYS_timer_settime, a_int(a[0]), a_int(a[1]), &nv, uold ? &ov : NULL));
	if (r < 0 || !uold)
		return r;
	return ev_put_its(t, uold, w, &ov);
}

static long gettime(struct task *t, const uint64_t *a, unsigned w)
{
	struct itimerspec cv;
	long r = HOST(syscall(SYS_timer_gettime, a_int(a[0]), &cv));
	if (r < 0)
		return r;
	return ev_put_its(t, a_ptr(t, a[1]), w, &cv);
}

SYS(timer_settime) { return settime(t, a, t->abi->ptr_size); }
SYS(timer_settime64) { return settime(t, a, 8); }
SYS(timer_gettime) { return gettime(t, a, t->abi->ptr_size); }
SYS(timer_gettime64) { return gettime(t, a, 8); }
SYS(timer_getoverrun)
{
	long r = HOST(syscall(SYS_timer_getoverrun, a_int(a[0])));
	struct note *n = r < 0 ? NULL : note_find(a_int(a[0]));
	return n ? n->last : r;
}
SYS(timer_delete)
{
	long r = HOST(syscall(SYS_timer_delete, a_int(a[0])));
	if (r == 0)
		note_forget(a_int(a[0]));
	return r;
}
