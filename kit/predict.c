/*
 * The static syscall scan behind `compatkit predict`.  Every executable
 * section is disassembled (capstone, linear sweep; the descriptor's
 * `struct scan` says how, and decodes each instruction into control flow
 * and register writes).  Each syscall instruction's number register is then
 * traced backwards over the control-flow graph: through jumps into the
 * block, through register copies, and from a function's entry to the
 * direct calls of it, which is how glibc's syscall(nr, ...) wrapper gets
 * its number from its callers.  A path that ends at a constant load gives a
 * number; a path that ends anywhere else (a load from memory, an indirect
 * caller, a clobbering call, the search budget) makes the site "unknown".
 */
#include <capstone/capstone.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <gelf.h>
#include <libelf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "predict.h"

struct insn {
	uint64_t addr;
	uint8_t len, trap;
	struct scan_insn d;
};

struct edge {
	uint64_t target;
	uint32_t from;
	uint8_t call;
};

struct sym {
	uint64_t addr, size;
	const char *name;
};

struct ctx {
	const struct scan *sc;
	struct insn *in;
	size_t n, cap;
	struct edge *e;
	size_t ne;
	struct sym *sym;
	size_t nsym;
	/* search state */
	uint64_t *seen;		/* hash set of (insn << 16 | reg) + 1, 0 = empty */
	size_t nseen;
	struct { uint32_t i; uint16_t r; } *work;
	size_t nwork;
	int64_t vals[16];
	int nvals, unknown;
};

#define BUDGET 4096	/* states one site may visit before it counts as unknown */
#define SEEN_SLOTS 16384

static int grow(void **p, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return 0;
	size_t c = *cap ? *cap * 2 : 4096;
	while (c < need)
		c *= 2;
	void *q = realloc(*p, c * elem);
	if (!q)
		return -1;
	*p = q;
	*cap = c;
	return 0;
}

static int is_trap(const struct scan *sc, const uint8_t *b, size_t left)
{
	for (int i = 0; i < 4 && sc->trap[i].len; i++)
		if (sc->trap[i].len <= left && !memcmp(b, sc->trap[i].b, sc->trap[i].len))
			return sc->trap[i].len;
	return 0;
}

/* Linear sweep of one section.  Bytes capstone cannot decode are skipped
 * by insn_align, unless they are a syscall instruction it does not know
 * (capstone 4 has no `scv`), which becomes a plain falling-through insn. */
static int sweep(struct ctx *c, csh h, const uint8_t *code, size_t size, uint64_t addr)
{
	cs_insn *ci = cs_malloc(h);
	size_t cap_unused = c->cap;
	(void)cap_unused;
	const uint8_t *p = code;
	uint64_t a = addr;
	size_t left = size;
	while (left) {
		if (grow((void **)&c->in, &c->cap, c->n + 1, sizeof *c->in)) {
			cs_free(ci, 1);
			return -1;
		}
		struct insn *x = &c->in[c->n];
		memset(x, 0, sizeof *x);
		x->addr = a;
		const uint8_t *q = p;
		uint64_t qa = a;
		size_t ql = left;
		int t = is_trap(c->sc, p, left);
		if (cs_disasm_iter(h, &q, &ql, &qa, ci)) {
			x->len = (uint8_t)ci->size;
			c->sc->decode(h, ci, &x->d);
			x->trap = t == ci->size;
		} else if (t) {
			x->len = (uint8_t)t;
			x->trap = 1;
		} else {
			size_t skip = c->sc->insn_align < left ? c->sc->insn_align : left;
			p += skip;
			a += skip;
			left -= skip;
			continue;
		}
		if (x->trap)
			x->d.kind = SK_OTHER;	/* a syscall returns to the next insn */
		p += x->len;
		a += x->len;
		left -= x->len;
		c->n++;
	}
	cs_free(ci, 1);
	return 0;
}

static int cmp_insn(const void *a, const void *b)
{
	const struct insn *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

static int cmp_edge(const void *a, const void *b)
{
	const struct edge *x = a, *y = b;
	return x->target < y->target ? -1 : x->target > y->target;
}

static int cmp_sym(const void *a, const void *b)
{
	const struct sym *x = a, *y = b;
	return x->addr < y->addr ? -1 : x->addr > y->addr;
}

/* The first of n sorted elements of `size` bytes whose uint64_t key (at
 * byte `off` of each) is >= key (> key with after), or n: the one binary
 * search behind the instruction, edge and symbol lookups. */
static size_t bound(const void *base, size_t n, size_t size, size_t off, uint64_t key, int after)
{
	size_t lo = 0, hi = n;
	while (lo < hi) {
		size_t m = (lo + hi) / 2;
		uint64_t k;
		memcpy(&k, (const char *)base + m * size + off, sizeof k);
		if (k < key || (after && k == key))
			lo = m + 1;
		else
			hi = m;
	}
	return lo;
}

/* First edge to target, or ne. */
static size_t edges_to(const struct ctx *c, uint64_t target)
{
	return bound(c->e, c->ne, sizeof *c->e, offsetof(struct edge, target), target, 0);
}

static void push(struct ctx *c, uint32_t i, uint16_t r)
{
	uint64_t key = ((uint64_t)i << 16 | r) + 1;
	size_t s = (size_t)(key * 0x9e3779b97f4a7c15ULL >> 50) % SEEN_SLOTS;
	while (c->seen[s]) {
		if (c->seen[s] == key)
			return;
		s = (s + 1) % SEEN_SLOTS;
	}
	if (c->nseen + 1 >= BUDGET) {
		c->unknown = 1;
		return;
	}
	c->seen[s] = key;
	c->nseen++;
	c->work[c->nwork].i = i;
	c->work[c->nwork].r = r;
	c->nwork++;
}

static void add_val(struct ctx *c, int64_t v)
{
	for (int k = 0; k < c->nvals; k++)
		if (c->vals[k] == v)
			return;
	if (c->nvals < 16)
		c->vals[c->nvals++] = v;
	else
		c->unknown = 1;
}

static size_t insn_at(const struct ctx *c, uint64_t a)
{
	size_t i = bound(c->in, c->n, sizeof *c->in, offsetof(struct insn, addr), a, 0);
	return i < c->n && c->in[i].addr == a ? i : c->n;
}

/* Does a call to target leave r alone?  Yes for a short straight-line
 * leaf that returns without writing r, such as i386's PIC helper
 * __x86.get_pc_thunk.si between `mov eax, N` and the syscall. */
static int leaf_keeps(const struct ctx *c, uint64_t target, uint16_t r)
{
	size_t i = insn_at(c, target);
	for (int k = 0; k < 16 && i < c->n; k++, i++) {
		const struct scan_insn *d = &c->in[i].d;
		for (int j = 0; j < d->nw; j++)
			if (d->w[j] == r)
				return 0;
		if (d->kind == SK_RET)
			return 1;
		if (d->kind != SK_OTHER || c->in[i].trap)
			return 0;
	}
	return 0;
}

/* The value of r just before instruction p's successor, given that p is a
 * predecessor reached without a call edge. */
static void through(struct ctx *c, uint32_t p, uint16_t r)
{
	const struct scan_insn *d = &c->in[p].d;
	for (int k = 0; k < d->nw; k++) {
		if (d->w[k] != r)
			continue;
		if (k == 0 && d->def == SD_CONST)
			add_val(c, d->imm);
		else if (k == 0 && d->def == SD_COPY)
			push(c, p, d->src);
		else
			c->unknown = 1;
		return;
	}
	if (d->kind == SK_CALL && !(d->has_target && leaf_keeps(c, d->target, r))) {
		/* the callee may have changed it */
		c->unknown = 1;
		return;
	}
	push(c, p, r);
}

static int func_starts(const struct ctx *c, uint64_t a)
{
	size_t i = bound(c->sym, c->nsym, sizeof *c->sym, offsetof(struct sym, addr), a, 0);
	return i < c->nsym && c->sym[i].addr == a;
}

/* All values of register r on entry to instruction i. */
static void search(struct ctx *c, uint32_t i, uint16_t r)
{
	memset(c->seen, 0, SEEN_SLOTS * sizeof *c->seen);
	c->nseen = c->nwork = 0;
	c->nvals = c->unknown = 0;
	push(c, i, r);
	while (c->nwork && !c->unknown) {
		c->nwork--;
		uint32_t x = c->work[c->nwork].i;
		uint16_t reg = c->work[c->nwork].r;
		uint64_t at = c->in[x].addr;
		int preds = 0, called = 0;
		for (size_t k = edges_to(c, at); k < c->ne && c->e[k].target == at; k++) {
			preds++;
			if (c->e[k].call) {	/* function entry: the caller's value */
				called = 1;
				push(c, c->e[k].from, reg);
			} else
				through(c, c->e[k].from, reg);
		}
		if (x > 0 && !called) {
			const struct insn *pv = &c->in[x - 1];
			if (pv->addr + pv->len == at && pv->d.kind != SK_JUMP && pv->d.kind != SK_RET) {
				preds++;
				through(c, x - 1, reg);
			}
		}
		/* No way in: a function entered only indirectly (its caller's
		 * value is unknowable), or, if no symbol starts here, padding or
		 * dead code after a jump, which adds no value.  Without symbols
		 * every such place counts as an entry. */
		if (!preds && (!c->nsym || func_starts(c, at)))
			c->unknown = 1;
	}
}

static const char *func_of(const struct ctx *c, uint64_t a)
{
	size_t lo = bound(c->sym, c->nsym, sizeof *c->sym, offsetof(struct sym, addr), a, 1);
	if (lo && a < c->sym[lo - 1].addr + (c->sym[lo - 1].size ? c->sym[lo - 1].size : 1))
		return c->sym[lo - 1].name;
	return "";
}

static int add_site(struct pscan *o, uint64_t addr, int64_t nr, const char *obj, const char *fn)
{
	if (grow((void **)&o->s, &o->cap, o->n + 1, sizeof *o->s))
		return -1;
	struct psite *s = &o->s[o->n++];
	s->addr = addr;
	s->nr = nr;
	s->obj = obj;
	snprintf(s->func, sizeof s->func, "%s", fn);
	return 0;
}

#define FAIL(...) do { snprintf(err, errlen, __VA_ARGS__); goto out; } while (0)

/* A function symbol's code address.  One whose value lies in a data
 * section points at a function descriptor (ppc64 ELFv1 .opd: the psABI's
 * "entry point, TOC, environment"), whose first word is the code. */
static uint64_t code_addr(Elf *e, const GElf_Ehdr *eh, const GElf_Sym *sy)
{
	Elf_Scn *s = sy->st_shndx && sy->st_shndx < SHN_LORESERVE ? elf_getscn(e, sy->st_shndx) : NULL;
	GElf_Shdr sh;
	if (!s || !gelf_getshdr(s, &sh) || (sh.sh_flags & SHF_EXECINSTR) || sh.sh_type != SHT_PROGBITS)
		return sy->st_value;
	unsigned w = eh->e_ident[EI_CLASS] == ELFCLASS64 ? 8 : 4;
	Elf_Data *d = elf_rawdata(s, NULL);
	uint64_t off = sy->st_value - sh.sh_addr;
	if (!d || !d->d_buf || sy->st_value < sh.sh_addr || off + w > d->d_size)
		return sy->st_value;
	const uint8_t *b = (const uint8_t *)d->d_buf + off;
	uint64_t v = 0;
	for (unsigned i = 0; i < w; i++)
		v |= (uint64_t)b[eh->e_ident[EI_DATA] == ELFDATA2MSB ? i : w - 1 - i] << (8 * (w - 1 - i));
	return v;
}

int predict_scan(const struct abi *a, const char *path, struct pscan *out, char *err, size_t errlen)
{
	int rc = -1, fd = -1;
	Elf *e = NULL;
	csh h = 0;
	struct ctx c = { .sc = a->scan };
	if (!c.sc)
		FAIL("the %s descriptor has no scan data", a->name);
	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) < 0)
		FAIL("%s", strerror(errno));
	elf_version(EV_CURRENT);
	GElf_Ehdr eh;
	if (!(e = elf_begin(fd, ELF_C_READ, NULL)) || elf_kind(e) != ELF_K_ELF || !gelf_getehdr(e, &eh))
		FAIL("not an ELF file");
	if (eh.e_machine != a->brand.machine)
		FAIL("e_machine %u is not %s's", eh.e_machine, a->name);
	if (cs_open(c.sc->cs_arch, c.sc->cs_mode, &h) != CS_ERR_OK)
		FAIL("capstone cannot open a disassembler for %s", a->name);
	cs_option(h, CS_OPT_DETAIL, CS_OPT_ON);

	size_t shstrndx;
	if (elf_getshdrstrndx(e, &shstrndx))
		FAIL("no section header string table");
	size_t symcap = 0;
	for (Elf_Scn *s = NULL; (s = elf_nextscn(e, s));) {
		GElf_Shdr sh;
		if (!gelf_getshdr(s, &sh))
			continue;
		if (sh.sh_type == SHT_PROGBITS && (sh.sh_flags & SHF_EXECINSTR) && sh.sh_size) {
			Elf_Data *d = elf_rawdata(s, NULL);
			if (d && d->d_buf && sweep(&c, h, d->d_buf, d->d_size, sh.sh_addr))
				FAIL("out of memory");
		}
		if (sh.sh_type == SHT_SYMTAB || sh.sh_type == SHT_DYNSYM) {
			Elf_Data *d = elf_getdata(s, NULL);
			size_t n = sh.sh_entsize ? sh.sh_size / sh.sh_entsize : 0;
			for (size_t k = 0; d && k < n; k++) {
				GElf_Sym sy;
				if (!gelf_getsym(d, (int)k, &sy) || GELF_ST_TYPE(sy.st_info) != STT_FUNC || !sy.st_value)
					continue;
				if (grow((void **)&c.sym, &symcap, c.nsym + 1, sizeof *c.sym))
					FAIL("out of memory");
				c.sym[c.nsym].addr = code_addr(e, &eh, &sy);
				c.sym[c.nsym].size = sy.st_size;
				c.sym[c.nsym].name = elf_strptr(e, sh.sh_link, sy.st_name);
				if (c.sym[c.nsym].name)
					c.nsym++;
			}
		}
	}
	qsort(c.in, c.n, sizeof *c.in, cmp_insn);
	qsort(c.sym, c.nsym, sizeof *c.sym, cmp_sym);
	size_t ecap = 0;
	for (size_t i = 0; i < c.n; i++) {
		const struct insn *x = &c.in[i];
		if (!x->d.has_target || x->d.kind == SK_OTHER || x->d.kind == SK_RET)
			continue;
		if (grow((void **)&c.e, &ecap, c.ne + 1, sizeof *c.e))
			FAIL("out of memory");
		c.e[c.ne].target = x->d.target;
		c.e[c.ne].from = (uint32_t)i;
		c.e[c.ne].call = x->d.kind == SK_CALL;
		c.ne++;
	}
	qsort(c.e, c.ne, sizeof *c.e, cmp_edge);

	c.seen = calloc(SEEN_SLOTS, sizeof *c.seen);
	c.work = malloc(BUDGET * sizeof *c.work);
	if (!c.seen || !c.work)
		FAIL("out of memory");
	char *obj = strdup(path);
	if (!obj)
		FAIL("out of memory");
	size_t before = out->n;
	for (size_t i = 0; i < c.n; i++) {
		if (!c.in[i].trap)
			continue;
		out->traps++;
		search(&c, (uint32_t)i, c.sc->nr_reg);
		const char *fn = func_of(&c, c.in[i].addr);
		for (int k = 0; k < c.nvals; k++)
			if (add_site(out, c.in[i].addr, c.vals[k], obj, fn))
				FAIL("out of memory");
		if ((c.unknown || !c.nvals) && add_site(out, c.in[i].addr, -1, obj, fn))
			FAIL("out of memory");
	}
	if (out->n == before)
		free(obj);
	out->insns += c.n;
	rc = 0;
out:
	if (h)
		cs_close(&h);
	if (e)
		elf_end(e);
	if (fd >= 0)
		close(fd);
	free(c.in);
	free(c.e);
	free(c.sym);
	free(c.seen);
	free(c.work);
	return rc;
}

void pscan_free(struct pscan *p)
{
	/* obj strings are shared per file: free each distinct one once */
	for (size_t i = 0; i < p->n; i++)
		if (p->s[i].obj && (i == 0 || p->s[i].obj != p->s[i - 1].obj))
			free((void *)p->s[i].obj);
	free(p->s);
	memset(p, 0, sizeof *p);
}
