/* The LTP protocol as the runner reads it: result lines, the Summary block,
 * and the exit status, whose bits are the result types seen (LTP's
 * include/tst_res_flags.h: TFAIL 1, TBROK 2, TWARN 4, TCONF 32). */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "suite.h"

const char *const result_names[R_NRESULT] = {
	[R_PASS] = "pass", [R_CONF] = "skip", [R_FAIL] = "fail", [R_BROK] = "broken",
	[R_TIMEOUT] = "timeout", [R_CRASH] = "crash", [R_MISSING] = "missing", [R_NOTRUN] = "not-run",
};

static const struct {
	const char *tok;
	size_t off;
} types[] = {
	{ "TPASS", offsetof(struct ltp_counts, pass) }, { "TFAIL", offsetof(struct ltp_counts, fail) },
	{ "TBROK", offsetof(struct ltp_counts, brok) }, { "TCONF", offsetof(struct ltp_counts, conf) },
	{ "TWARN", offsetof(struct ltp_counts, warn) }, { "TINFO", offsetof(struct ltp_counts, info) },
};

/* The result type of one line, or -1.  The type is the first T-token that
 * stands alone (after ": " or blanks) and is followed by blanks and ':'. */
static int line_type(const char *s, size_t n)
{
	if (n > 300)
		n = 300;	/* the type comes early; don't read messages */
	for (size_t i = 0; i + 5 <= n; i++) {
		if (s[i] != 'T' || (i && s[i - 1] != ' ' && s[i - 1] != '\t'))
			continue;
		for (size_t k = 0; k < sizeof types / sizeof types[0]; k++) {
			if (memcmp(s + i, types[k].tok, 5))
				continue;
			size_t j = i + 5;
			while (j < n && s[j] == ' ')
				j++;
			if (j < n && s[j] == ':')
				return (int)k;
		}
		return -1;	/* the first standalone word starting with T decides */
	}
	return -1;
}

static int summary_field(const char *s, size_t n, const char *key, int *val)
{
	size_t k = strlen(key);
	if (n <= k || memcmp(s, key, k) || (s[k] != ' ' && s[k] != '\t'))
		return 0;
	*val = atoi(s + k);
	return 1;
}

void ltp_parse(const char *out, size_t n, struct ltp_counts *c)
{
	memset(c, 0, sizeof *c);
	struct ltp_counts sum = { 0 };
	int in_summary = 0;
	for (size_t i = 0; i < n;) {
		const char *e = memchr(out + i, '\n', n - i);
		size_t len = e ? (size_t)(e - (out + i)) : n - i;
		const char *s = out + i;
		int t = line_type(s, len);
		if (t >= 0)
			(*(int *)((char *)c + types[t].off))++;
		else if (len >= 8 && !memcmp(s, "Summary:", 8))
			in_summary = c->summary = 1;
		else if (in_summary) {
			int v;
			if (summary_field(s, len, "passed", &v)) sum.pass = v;
			else if (summary_field(s, len, "failed", &v)) sum.fail = v;
			else if (summary_field(s, len, "broken", &v)) sum.brok = v;
			else if (summary_field(s, len, "skipped", &v)) sum.conf = v;
			else if (summary_field(s, len, "warnings", &v)) sum.warn = v;
		}
		i += len + 1;
	}
	/* Results a child printed may be missing from the parent's summary and
	 * vice versa (real LTP counts children's results in shared memory):
	 * take the larger of each. */
	if (sum.pass > c->pass) c->pass = sum.pass;
	if (sum.fail > c->fail) c->fail = sum.fail;
	if (sum.brok > c->brok) c->brok = sum.brok;
	if (sum.conf > c->conf) c->conf = sum.conf;
	if (sum.warn > c->warn) c->warn = sum.warn;
}

int ltp_verdict(const struct ltp_counts *c, int wstatus, int timed_out)
{
	if (timed_out)
		return R_TIMEOUT;
	if (WIFSIGNALED(wstatus))
		return R_CRASH;
	int e = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 255;
	if (e & ~(LTP_TFAIL | LTP_TBROK | LTP_TWARN | LTP_TCONF))
		return R_BROK;	/* not an LTP status: exec failure, usage error ... */
	if (c->brok || (e & LTP_TBROK))
		return R_BROK;
	if (c->fail || c->warn || (e & (LTP_TFAIL | LTP_TWARN)))
		return R_FAIL;
	if (c->pass)
		return R_PASS;	/* LTP drops TCONF from the status once something passed */
	if (c->conf || (e & LTP_TCONF))
		return R_CONF;
	return R_BROK;		/* ran, said nothing: not a pass */
}

int result_class(int r)
{
	switch (r) {
	case R_PASS: return 0;
	case R_CONF: return 1;
	case R_NOTRUN: return -1;
	default: return 2;
	}
}

void suite_judge(struct job *j)
{
	if (j->result == R_NOTRUN)
		j->judgement = J_NOTRUN;
	else if (!j->row)
		j->judgement = J_UNLISTED;
	else {
		int cls = result_class(j->result);
		if (cls > j->expect)
			j->judgement = J_REGRESSION;
		else if (j->expect == 2 && cls == 0)
			j->judgement = J_UNEXPECTED_PASS;
		else if (cls != j->expect)
			j->judgement = J_CHANGED;
		else
			j->judgement = J_OK;
	}
}
