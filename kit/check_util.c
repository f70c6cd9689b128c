/* compatkit check: plumbing shared by the stages (see kit/check.h). */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <libelf.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include "check.h"

/* Messages and paths are cut to their buffers on purpose. */
#pragma GCC diagnostic ignored "-Wformat-truncation"

int ck_exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

static int is_tree(const char *dir)
{
	char p[PATH_MAX + 32];
	snprintf(p, sizeof p, "%s/arches", dir);
	struct stat st;
	if (stat(p, &st) || !S_ISDIR(st.st_mode))
		return 0;
	snprintf(p, sizeof p, "%s/Makefile", dir);
	return ck_exists(p);
}

const char *ck_find_root(char *buf, size_t n)
{
	char exe[PATH_MAX];
	ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
	if (len > 0) {
		exe[len] = 0;
		/* <root>/build/compatkit */
		for (int up = 0; up < 2; up++) {
			char *s = strrchr(exe, '/');
			if (!s)
				break;
			*s = 0;
		}
		if (exe[0] && is_tree(exe)) {
			snprintf(buf, n, "%s", exe);
			return buf;
		}
	}
	if (getcwd(buf, n) && is_tree(buf))
		return buf;
	return NULL;
}

char *ck_slurp(const char *path, size_t *lenp)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return NULL;
	size_t cap = 8192, len = 0;
	char *s = malloc(cap);
	size_t r;
	while (s && (r = fread(s + len, 1, cap - len - 1, f)) > 0) {
		len += r;
		if (cap - len < 2) {
			char *t = realloc(s, cap *= 2);
			if (!t) {
				free(s);
				s = NULL;
			}
			s = t;
		}
	}
	fclose(f);
	if (s)
		s[len] = 0;
	if (lenp)
		*lenp = len;
	return s;
}

/* Lines of arches/<dir>/arch.mk as "word word ..." per line, via a callback. */
static char *arch_mk(const char *root, const char *dir)
{
	char p[PATH_MAX + 128];
	snprintf(p, sizeof p, "%s/arches/%s/arch.mk", root, dir);
	return ck_slurp(p, NULL);
}

int ck_arch_abis(const char *root, const char *dir, char names[][64], int max)
{
	char *s = arch_mk(root, dir);
	if (!s)
		return -1;
	int n = 0;
	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		char *p = line + strspn(line, " \t");
		if (strncmp(p, "ABIS", 4))
			continue;
		p += 4 + strspn(p + 4, " \t");
		if (strncmp(p, "+=", 2))
			continue;
		p += 2;
		char *hash = strchr(p, '#');
		if (hash)
			*hash = 0;
		for (char *w = strtok_r(p, " \t", &p); w; w = strtok_r(NULL, " \t", &p))
			if (n < max)
				snprintf(names[n++], 64, "%s", w);
	}
	free(s);
	return n;
}

void ck_arch_var(const char *root, const char *dir, const char *var, char *out, size_t n)
{
	out[0] = 0;
	char *s = arch_mk(root, dir);
	if (!s)
		return;
	size_t vl = strlen(var);
	for (char *line = strtok(s, "\n"); line; line = strtok(NULL, "\n")) {
		char *p = line + strspn(line, " \t");
		if (strncmp(p, var, vl) || (p[vl] != ' ' && p[vl] != '\t' && p[vl] != ':' && p[vl] != '='))
			continue;
		p += vl + strspn(p + vl, " \t");
		if (*p == ':')
			p++;
		if (*p != '=')
			continue;
		p++;
		p += strspn(p, " \t");
		size_t l = strcspn(p, " \t#");
		snprintf(out, n, "%.*s", (int)l, p);
		break;
	}
	free(s);
}

int ck_abi_dir(const char *root, const char *abi, char *dir, size_t n)
{
	char p[PATH_MAX + 16];
	snprintf(p, sizeof p, "%s/arches", root);
	DIR *d = opendir(p);
	if (!d)
		return -1;
	int rc = -1;
	struct dirent *e;
	while (rc && (e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		char names[CK_MAXABI][64];
		int k = ck_arch_abis(root, e->d_name, names, CK_MAXABI);
		for (int i = 0; i < k && rc; i++)
			if (!strcmp(names[i], abi)) {
				snprintf(dir, n, "%s", e->d_name);
				rc = 0;
			}
	}
	closedir(d);
	return rc;
}

int ck_run(const char *dir, char *const env[], char *const argv[], char **out)
{
	int fd[2];
	*out = NULL;
	if (pipe(fd))
		return -1;
	fflush(NULL);
	pid_t pid = fork();
	if (pid < 0) {
		close(fd[0]);
		close(fd[1]);
		return -1;
	}
	if (pid == 0) {
		int nul = open("/dev/null", O_RDONLY);
		if (nul >= 0)
			dup2(nul, 0);
		dup2(fd[1], 1);
		dup2(fd[1], 2);
		close(fd[0]);
		close(fd[1]);
		if (dir && chdir(dir)) {
			fprintf(stderr, "cannot cd to %s: %s\n", dir, strerror(errno));
			_exit(127);
		}
		for (int i = 0; env && env[i]; i++)
			putenv(env[i]);
		execvp(argv[0], argv);
		fprintf(stderr, "cannot run %s: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	close(fd[1]);
	size_t cap = 16384, len = 0;
	char *s = malloc(cap);
	ssize_t r;
	for (;;) {
		if (s && cap - len < 4096) {
			char *t = realloc(s, cap *= 2);
			if (!t)
				free(s);
			s = t;
		}
		char sink[4096];
		r = read(fd[0], s ? s + len : sink, s ? cap - len - 1 : sizeof sink);
		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			break;
		if (s)
			len += (size_t)r;
	}
	close(fd[0]);
	if (s)
		s[len] = 0;
	*out = s ? s : strdup("");
	int st;
	while (waitpid(pid, &st, 0) < 0)
		if (errno != EINTR)
			return -1;
	return WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
}

int ck_make(struct ck_ctx *c, char *const targets[], char **out)
{
	/* guest binaries are independent: build them in parallel */
	char jobs[32];
	long ncpu = sysconf(_SC_NPROCESSORS_ONLN);
	snprintf(jobs, sizeof jobs, "-j%ld", ncpu > 0 ? ncpu : 1);
	char *argv[300] = { "make", "-C", c->root, "--no-print-directory", "-s", jobs };
	int n = 6;
	for (int i = 0; targets[i] && n < 299; i++)
		argv[n++] = targets[i];
	argv[n] = NULL;
	return ck_run(NULL, NULL, argv, out);
}

const char *ck_line(const char *s, const char *needle, char *buf, size_t n)
{
	buf[0] = 0;
	if (!s)
		return buf;
	const char *p = needle ? strstr(s, needle) : s;
	if (!p)
		return buf;
	while (p > s && p[-1] != '\n')
		p--;
	size_t l = strcspn(p, "\n");
	snprintf(buf, n, "%.*s", (int)l, p);
	return buf;
}

int ck_count_lines(const char *s, const char *needle)
{
	int k = 0;
	for (const char *p = s; p && (p = strstr(p, needle)); k++) {
		p = strchr(p, '\n');
		if (!p)
			return k + 1;
	}
	return k;
}

void ck_guest_cc(const char *triplet, char *out, size_t n)
{
	/* Same rule as tests/guest/guest.mk: the host compiler builds its own
	 * ABI's guests. */
	if (!strcmp(triplet, "x86_64-linux-gnu"))
		snprintf(out, n, "gcc");
	else
		snprintf(out, n, "%s-gcc", triplet);
}

int ck_symbolize(const char *path, unsigned long long addr, char *name, size_t n,
		 unsigned long long *off)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return -1;
	elf_version(EV_CURRENT);
	Elf *e = elf_begin(fd, ELF_C_READ, NULL);
	int rc = -1;
	unsigned long long best = 0;
	Elf_Scn *scn = NULL;
	while (e && (scn = elf_nextscn(e, scn))) {
		GElf_Shdr sh;
		if (!gelf_getshdr(scn, &sh) || sh.sh_type != SHT_SYMTAB || !sh.sh_entsize)
			continue;
		Elf_Data *d = elf_getdata(scn, NULL);
		size_t cnt = sh.sh_size / sh.sh_entsize;
		for (size_t i = 0; d && i < cnt; i++) {
			GElf_Sym sym;
			if (!gelf_getsym(d, (int)i, &sym) || GELF_ST_TYPE(sym.st_info) != STT_FUNC)
				continue;
			unsigned long long lo = sym.st_value, hi = lo + (sym.st_size ? sym.st_size : 1);
			if (addr < lo || addr >= hi || (rc == 0 && lo < best))
				continue;
			const char *s = elf_strptr(e, sh.sh_link, sym.st_name);
			if (!s)
				continue;
			snprintf(name, n, "%s", s);
			best = lo;
			*off = addr - lo;
			rc = 0;
		}
	}
	if (e)
		elf_end(e);
	close(fd);
	return rc;
}
