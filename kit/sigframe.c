/*
 * Pieces of a signal frame that every arch shares, written through the
 * ABI's layout tables (arches/<arch>/layouts.def, checked against the
 * cross compilers): siginfo, sigset, stack_t, the altstack rules, and the
 * way to run a kit helper from the sigcode page.
 */
#include <errno.h>
#include <signal.h>
#include <string.h>
#include "ksig.h"
#include "layout.h"

static void put(struct task *t, const struct layout *l, uint8_t *buf, const char *f, uint64_t v)
{
	layout_put(t->abi, l, buf, f, v);
}

static uint64_t get(struct task *t, const struct layout *l, const uint8_t *buf, const char *f)
{
	uint64_t v = 0;
	layout_get_field(t->abi, l, buf, f, &v);
	return v;
}

/* Which union member of siginfo is live: Linux's siginfo_layout(). */
int sig_info_layout(int sig, int code)
{
	if (code > 0 && code < K_SI_KERNEL) {
		switch (sig) {
		case SIGILL: case SIGFPE: case SIGSEGV: case SIGBUS: case SIGTRAP:
			return SIL_FAULT;
		case SIGCHLD:
			return SIL_CHLD;
		case SIGIO:
			return SIL_POLL;
		case SIGSYS:
			return SIL_SYS;
		}
		return SIL_KILL;
	}
	if (code == K_SI_TIMER)
		return SIL_TIMER;
	if (code == -5)			/* SI_SIGIO */
		return SIL_POLL;
	if (code < 0 && code != K_SI_TKILL)
		return SIL_RT;
	return SIL_KILL;		/* SI_USER, SI_KERNEL, SI_TKILL */
}

/* The field names of the two guest forms of a siginfo. */
const struct siginfo_names sig_names_siginfo = {
	"si_signo", "si_errno", "si_code", "si_pid", "si_uid", "si_status", "si_utime",
	"si_stime", "si_timerid", "si_overrun", "si_ptr", "si_int", "si_band", "si_fd",
	"si_addr", "si_call_addr",
};
const struct siginfo_names sig_names_signalfd = {
	"ssi_signo", "ssi_errno", "ssi_code", "ssi_pid", "ssi_uid", "ssi_status", "ssi_utime",
	"ssi_stime", "ssi_tid", "ssi_overrun", "ssi_ptr", "ssi_int", "ssi_band", "ssi_fd",
	"ssi_addr", "ssi_call_addr",
};

void sig_store_info(const struct abi *A, const struct layout *l, uint8_t *b,
		    const struct ksiginfo *si, const struct siginfo_names *n)
{
	/* sival_int is the first int of the sigval: the high half of the
	 * value on a big-endian 64-bit ABI, the low half elsewhere.  In
	 * siginfo it overlays si_ptr's first bytes, which hold just that. */
	uint32_t sival_int = A->big_endian && A->ptr_size == 8 ? (uint32_t)(si->value >> 32)
							       : (uint32_t)si->value;
	memset(b, 0, l ? l->size : 128);
	layout_put(A, l, b, n->signo, (uint64_t)si->signo);
	layout_put(A, l, b, n->errno_, (uint64_t)si->errno_);
	layout_put(A, l, b, n->code, (uint64_t)si->code);
	switch (sig_info_layout(si->signo, si->code)) {
	case SIL_FAULT:
		layout_put(A, l, b, n->addr, si->addr);
		break;
	case SIL_CHLD:
		layout_put(A, l, b, n->pid, (uint64_t)si->pid);
		layout_put(A, l, b, n->uid, si->uid);
		layout_put(A, l, b, n->status, (uint64_t)si->status);
		layout_put(A, l, b, n->utime, (uint64_t)si->utime);
		layout_put(A, l, b, n->stime, (uint64_t)si->stime);
		break;
	case SIL_TIMER:
		layout_put(A, l, b, n->timerid, (uint64_t)si->tid);
		layout_put(A, l, b, n->overrun, (uint64_t)si->overrun);
		layout_put(A, l, b, n->ptr, si->value);
		layout_put(A, l, b, n->int_, sival_int);
		break;
	case SIL_POLL:
		layout_put(A, l, b, n->band, (uint64_t)si->band);
		layout_put(A, l, b, n->fd, (uint64_t)si->fd);
		break;
	case SIL_RT:
		layout_put(A, l, b, n->pid, (uint64_t)si->pid);
		layout_put(A, l, b, n->uid, si->uid);
		layout_put(A, l, b, n->ptr, si->value);
		layout_put(A, l, b, n->int_, sival_int);
		break;
	case SIL_SYS:
		layout_put(A, l, b, n->call_addr, si->addr);
		break;
	default:	/* SIL_KILL */
		layout_put(A, l, b, n->pid, (uint64_t)si->pid);
		layout_put(A, l, b, n->uid, si->uid);
	}
}

void sig_put_siginfo(struct task *t, uint8_t *buf, const struct ksiginfo *si)
{
	sig_store_info(t->abi, layout_get(t->abi, "siginfo"), buf, si, &sig_names_siginfo);
}

void sig_get_siginfo(struct task *t, const uint8_t *buf, struct ksiginfo *si)
{
	const struct layout *l = layout_get(t->abi, "siginfo");
	memset(si, 0, sizeof *si);
	si->signo = (int)get(t, l, buf, "si_signo");
	si->errno_ = (int)get(t, l, buf, "si_errno");
	si->code = (int)get(t, l, buf, "si_code");
	si->pid = (int)get(t, l, buf, "si_pid");
	si->uid = (uint32_t)get(t, l, buf, "si_uid");
	si->value = get(t, l, buf, "si_ptr");
	si->addr = get(t, l, buf, "si_addr");
}

/* The kernel's sigset_t: 64 bits as words of the ABI's long, word 0 =
 * signals 1..32 (or 1..64); "sigset" in layouts.def. */
void sig_put_set(struct task *t, uint8_t *buf, ksigset_t s)
{
	const struct layout *l = layout_get(t->abi, "sigset");
	const struct lfield *f = l ? layout_field(l, "sig") : NULL;
	if (!f)
		return;
	unsigned bits = f->size * 8, n = f->count ? f->count : 1;
	for (unsigned i = 0; i < n; i++)
		lf_put_elem(t->abi, buf, f, i, bits == 64 ? s : (s >> (bits * i)) & 0xffffffffu);
}

ksigset_t sig_get_set(struct task *t, const uint8_t *buf)
{
	const struct layout *l = layout_get(t->abi, "sigset");
	const struct lfield *f = l ? layout_field(l, "sig") : NULL;
	if (!f)
		return 0;
	unsigned bits = f->size * 8, n = f->count ? f->count : 1;
	ksigset_t s = 0;
	for (unsigned i = 0; i < n; i++)
		s |= bits == 64 ? lf_get_elem(t->abi, buf, f, i)
				: (lf_get_elem(t->abi, buf, f, i) & 0xffffffffu) << (bits * i);
	return s;
}

int sig_on_altstack(struct task *t, uint64_t sp)
{
	const struct sigstate *s = t->sig;
	return !(s->ss_flags & K_SS_DISABLE) && sp > s->ss_sp && sp - s->ss_sp <= s->ss_size;
}

/* get_sigframe()'s "X/Open sanctioned signal stack switching". */
uint64_t sig_frame_sp(struct task *t, uint64_t sp, const struct kaction *act)
{
	const struct sigstate *s = t->sig;
	if ((act->flags & K_SA_ONSTACK) && !(s->ss_flags & K_SS_DISABLE) && !sig_on_altstack(t, sp))
		return s->ss_sp + s->ss_size;
	return sp;
}

/* __save_altstack(): ss_flags says whether sp is on the altstack. */
void sig_put_stack(struct task *t, uint8_t *buf, uint64_t sp)
{
	const struct sigstate *s = t->sig;
	const struct layout *l = layout_get(t->abi, "stack_t");
	int fl = (s->ss_flags & K_SS_DISABLE) ? K_SS_DISABLE : sig_on_altstack(t, sp) ? K_SS_ONSTACK : 0;
	put(t, l, buf, "ss_sp", s->ss_sp);
	put(t, l, buf, "ss_flags", (uint64_t)(uint32_t)(fl | (s->ss_flags & K_SS_AUTODISARM)));
	put(t, l, buf, "ss_size", s->ss_size);
}

/* restore_altstack(): as sigaltstack(2) from the frame; errors ignored
 * (Linux only fails on an unreadable frame). */
void sig_restore_stack(struct task *t, const uint8_t *buf, uint64_t sp)
{
	struct sigstate *s = t->sig;
	const struct layout *l = layout_get(t->abi, "stack_t");
	uint64_t ssp = get(t, l, buf, "ss_sp"), size = get(t, l, buf, "ss_size");
	uint32_t fl = (uint32_t)get(t, l, buf, "ss_flags");
	if (sig_on_altstack(t, sp))
		return;
	uint32_t mode = fl & ~K_SS_AUTODISARM;
	if (mode == K_SS_DISABLE) {
		s->ss_sp = s->ss_size = 0;
		s->ss_flags = K_SS_DISABLE;
	} else if ((mode == 0 || mode == K_SS_ONSTACK) &&
		   size >= (t->abi->minsigstksz ? t->abi->minsigstksz : K_MINSIGSTKSZ)) {
		s->ss_sp = ssp;
		s->ss_size = size;
		s->ss_flags = (int)(fl & K_SS_AUTODISARM);
	}
}

int sig_run_helper(struct task *t, uint64_t off, uint64_t end, int reg, uint64_t addr)
{
	uint64_t pc = t->abi->get_pc(t), saved = 0;
	uc_reg_read(t->uc, reg, &saved);
	if (t->abi->ptr_size == 4) {
		uint32_t a32 = (uint32_t)addr;
		uc_reg_write(t->uc, reg, &a32);
	} else
		uc_reg_write(t->uc, reg, &addr);
	int stop = t->stop, fsig = t->fault_sig, fcode = t->fault_code;
	uint64_t faddr = t->fault_addr;
	/* A host signal's uc_emu_stop may cut the helper short: run it again
	 * (saving or loading the same state twice is harmless). */
	uc_err e;
	int tries = 0;
	do
		e = uc_emu_start(t->uc, t->sigcode + off, t->sigcode + end, 0, 0);
	while (e == UC_ERR_OK && t->stop != STOP_FAULT && t->abi->get_pc(t) != t->sigcode + end &&
	       ++tries < 100);
	int bad = e != UC_ERR_OK || t->stop == STOP_FAULT || t->abi->get_pc(t) != t->sigcode + end;
	t->stop = stop;
	t->fault_sig = fsig;
	t->fault_code = fcode;
	t->fault_addr = faddr;
	if (t->abi->ptr_size == 4) {
		uint32_t s32 = (uint32_t)saved;
		uc_reg_write(t->uc, reg, &s32);
	} else
		uc_reg_write(t->uc, reg, &saved);
	t->abi->set_pc(t, pc);
	return bad ? -EFAULT : 0;
}
