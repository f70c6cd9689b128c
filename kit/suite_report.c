/* The suite's text matrix, JSON and JUnit XML. */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include "suite.h"

static const char *const lane_names[NLANES] = { "kit", "qemu" };
static const char *const judge_names[] = {
	[J_OK] = "ok", [J_REGRESSION] = "regression", [J_UNEXPECTED_PASS] = "unexpected-pass",
	[J_CHANGED] = "changed", [J_NOTRUN] = "not-run", [J_UNLISTED] = "unlisted",
};

struct cell {
	int pass, total, regress, unexpected;
};

static struct cell count(const struct suite_view *v, const char *fam, const char *abi, int lane)
{
	struct cell c = { 0 };
	for (int i = 0; i < v->n; i++) {
		const struct job *j = &v->jobs[i];
		if (j->lane != lane || strcmp(j->abi, abi) || (fam && strcmp(j->family, fam)))
			continue;
		if (j->result == R_NOTRUN)
			continue;
		c.total++;
		c.pass += j->result == R_PASS;
		c.regress += j->judgement == J_REGRESSION;
		c.unexpected += j->judgement == J_UNEXPECTED_PASS;
	}
	return c;
}

static void print_cell(FILE *f, struct cell c)
{
	char b[32];
	if (!c.total)
		snprintf(b, sizeof b, "-");
	else
		snprintf(b, sizeof b, "%d/%d%s", c.pass, c.total, c.regress ? "!" : c.unexpected ? "+" : "");
	fprintf(f, " %-8s", b);
}

/* The lines of a case's output worth showing first: the non-pass results. */
static void excerpt(FILE *f, const struct job *j, int max)
{
	int shown = 0;
	for (const char *s = j->out; s && *s && shown < max;) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		if ((memmem(s, len, "TFAIL", 5) || memmem(s, len, "TBROK", 5) || memmem(s, len, "TWARN", 5) || memmem(s, len, "TCONF", 5) ||
		     memmem(s, len, "compatkit", 9)) && len) {
			fprintf(f, "      %.*s\n", (int)(len > 200 ? 200 : len), s);
			shown++;
		}
		s = e ? e + 1 : NULL;
	}
	if (!shown && j->outlen) {
		/* nothing recognisable: the tail of the output */
		size_t from = j->outlen > 400 ? j->outlen - 400 : 0;
		fprintf(f, "      ...%s", j->out + from);
		if (j->out[j->outlen - 1] != '\n')
			fputc('\n', f);
	}
}

static void describe(FILE *f, const struct job *j)
{
	fprintf(f, "%s %s %s: %s", lane_names[j->lane], j->abi, j->name, result_names[j->result]);
	if (j->result == R_TIMEOUT)
		fprintf(f, " after %.0fs", j->secs);
	else if (j->result == R_CRASH)
		fprintf(f, " (signal %d)", WTERMSIG(j->wstatus));
	else if (j->result == R_MISSING)
		fprintf(f, " (%s not built)", j->bin);
	else if (j->result != R_NOTRUN && WIFEXITED(j->wstatus))
		fprintf(f, " (exit %d)", WEXITSTATUS(j->wstatus));
	if (j->row)
		fprintf(f, ", manifest: %s%s%s", expect_names[j->row->status],
			*j->row->reason ? " -- " : "", j->row->reason);
	fputc('\n', f);
}

/* Copy text to f without the blanks that end its lines. */
static void put_trimmed(FILE *f, const char *text)
{
	for (const char *s = text; *s;) {
		const char *e = strchr(s, '\n');
		size_t len = e ? (size_t)(e - s) : strlen(s);
		while (len && s[len - 1] == ' ')
			len--;
		fprintf(f, "%.*s\n", (int)len, s);
		s = e ? e + 1 : s + strlen(s);
	}
}

static void matrix_table(FILE *f, const struct suite_view *v)
{
	int lanes = v->lanes[LANE_KIT] + v->lanes[LANE_QEMU];
	int w = 9 * lanes;
	fprintf(f, "%-16s", "family");
	for (int a = 0; a < v->nabis; a++)
		fprintf(f, " %-*s", w, v->abis[a]);
	fprintf(f, "\n%-16s", "");
	for (int a = 0; a < v->nabis; a++) {
		fputc(' ', f);
		for (int l = 0; l < NLANES; l++)
			if (v->lanes[l])
				fprintf(f, " %-8s", lane_names[l]);
	}
	fputc('\n', f);
	for (int r = 0; r <= v->nfam; r++) {
		const char *fam = r < v->nfam ? v->families[r] : NULL;
		fprintf(f, "%-16s", fam ? fam : "total");
		for (int a = 0; a < v->nabis; a++) {
			fputc(' ', f);
			for (int l = 0; l < NLANES; l++)
				if (v->lanes[l])
					print_cell(f, count(v, fam, v->abis[a], l));
		}
		fputc('\n', f);
	}
	fprintf(f, "(cells: passed/run; ! a regression, + an unexpected pass)\n");
}

void report_matrix(FILE *f, const struct suite_view *v)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	if (m) {
		matrix_table(m, v);
		fclose(m);
		put_trimmed(f, buf);
		free(buf);
	}

	int reg = 0, unexp = 0, changed = 0, run = 0, pass = 0;
	for (int i = 0; i < v->n; i++) {
		const struct job *j = &v->jobs[i];
		run += j->result != R_NOTRUN;
		pass += j->result == R_PASS;
		if (j->judgement == J_REGRESSION) {
			if (!reg++)
				fprintf(f, "\nRegressions (worse than the manifest says):\n");
			fprintf(f, "  REGRESSION ");
			describe(f, j);
			excerpt(f, j, 6);
		}
	}
	for (int i = 0; i < v->n; i++) {
		const struct job *j = &v->jobs[i];
		if (j->judgement == J_UNEXPECTED_PASS) {
			if (!unexp++)
				fprintf(f, "\n");
			fprintf(f, "  unexpected pass: update the manifest: ");
			describe(f, j);
		} else if (j->judgement == J_CHANGED) {
			if (!changed++)
				fprintf(f, "\n");
			fprintf(f, "  changed (not worse): ");
			describe(f, j);
		}
	}
	fprintf(f, "\nsuite: %d run, %d passed, %d regressions, %d unexpected passes\n", run, pass, reg, unexp);
}

void json_str(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 32 || c == '<' || c == '>' || c == '&' || c >= 127)
			fprintf(f, "\\u%04x", c);	/* bytes >= 127 shown as Latin-1: the output is not always UTF-8 */
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void jstr(FILE *f, const char *s)
{
	json_str(f, s ? s : "", s ? strlen(s) : 0);
}

int report_json(const char *path, const struct suite_view *v)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "{\n\"abis\": [");
	for (int a = 0; a < v->nabis; a++) {
		fprintf(f, "%s", a ? ", " : "");
		jstr(f, v->abis[a]);
	}
	fprintf(f, "],\n\"lanes\": [");
	for (int l = 0, k = 0; l < NLANES; l++)
		if (v->lanes[l])
			fprintf(f, "%s\"%s\"", k++ ? ", " : "", lane_names[l]);
	fprintf(f, "],\n\"families\": [");
	for (int i = 0; i < v->nfam; i++) {
		fprintf(f, "%s", i ? ", " : "");
		jstr(f, v->families[i]);
	}
	fprintf(f, "],\n\"cases\": [\n");
	for (int i = 0; i < v->n; i++) {
		const struct job *j = &v->jobs[i];
		fprintf(f, "{\"case\": ");
		jstr(f, j->name);
		fprintf(f, ", \"family\": ");
		jstr(f, j->family);
		fprintf(f, ", \"abi\": \"%s\", \"lane\": \"%s\", \"expected\": ", j->abi, lane_names[j->lane]);
		jstr(f, j->row ? expect_names[j->row->status] : "unlisted");
		fprintf(f, ", \"reason\": ");
		jstr(f, j->row ? j->row->reason : (j->why_notrun ? j->why_notrun : ""));
		fprintf(f, ", \"result\": \"%s\", \"judgement\": \"%s\"", result_names[j->result],
			judge_names[j->judgement]);
		if (j->result != R_NOTRUN && j->result != R_MISSING) {
			if (WIFSIGNALED(j->wstatus))
				fprintf(f, ", \"signal\": %d", WTERMSIG(j->wstatus));
			else if (!j->timed_out)
				fprintf(f, ", \"exit\": %d", WEXITSTATUS(j->wstatus));
			fprintf(f, ", \"seconds\": %.3f, \"counts\": {\"pass\": %d, \"fail\": %d, \"broken\": %d, "
				"\"skip\": %d, \"warn\": %d}, \"output\": ", j->secs, j->c.pass, j->c.fail,
				j->c.brok, j->c.conf, j->c.warn);
			json_str(f, j->out, j->outlen);
		}
		fprintf(f, "}%s\n", i + 1 < v->n ? "," : "");
	}
	fprintf(f, "]\n}\n");
	return fclose(f);
}

static void xml_str(FILE *f, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		switch (c) {
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '&': fputs("&amp;", f); break;
		case '"': fputs("&quot;", f); break;
		default:
			/* XML 1.0 forbids most control characters even as references */
			if ((c < 32 && c != '\n' && c != '\t') || c >= 127)
				fprintf(f, "\\x%02x", c);
			else
				fputc(c, f);
		}
	}
}

static void xstr(FILE *f, const char *s)
{
	xml_str(f, s, strlen(s));
}

int report_junit(const char *path, const struct suite_view *v)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fprintf(f, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"compatkit suite\">\n");
	for (int l = 0; l < NLANES; l++) {
		if (!v->lanes[l])
			continue;
		for (int a = 0; a < v->nabis; a++) {
			int tests = 0, fail = 0, skip = 0;
			double secs = 0;
			for (int i = 0; i < v->n; i++) {
				const struct job *j = &v->jobs[i];
				if (j->lane != l || strcmp(j->abi, v->abis[a]))
					continue;
				tests++;
				secs += j->secs;
				fail += j->judgement == J_REGRESSION;
				skip += j->judgement != J_REGRESSION && j->result != R_PASS;
			}
			fprintf(f, "<testsuite name=\"%s.%s\" tests=\"%d\" failures=\"%d\" errors=\"0\" skipped=\"%d\" time=\"%.3f\">\n",
				lane_names[l], v->abis[a], tests, fail, skip, secs);
			for (int i = 0; i < v->n; i++) {
				const struct job *j = &v->jobs[i];
				if (j->lane != l || strcmp(j->abi, v->abis[a]))
					continue;
				fprintf(f, "  <testcase classname=\"%s.%s.", lane_names[l], j->abi);
				xstr(f, j->family);
				fprintf(f, "\" name=\"");
				xstr(f, j->name);
				fprintf(f, "\" time=\"%.3f\">\n", j->secs);
				char msg[300];
				snprintf(msg, sizeof msg, "%s (manifest: %s%s%s)", result_names[j->result],
					 j->row ? expect_names[j->row->status] : "unlisted",
					 j->row && *j->row->reason ? ": " : "", j->row ? j->row->reason : "");
				if (j->judgement == J_REGRESSION) {
					fprintf(f, "    <failure message=\"");
					xstr(f, msg);
					fprintf(f, "\"/>\n");
				} else if (j->result != R_PASS) {
					fprintf(f, "    <skipped message=\"");
					xstr(f, j->why_notrun && j->result == R_NOTRUN ? j->why_notrun : msg);
					fprintf(f, "\"/>\n");
				}
				if (j->outlen) {
					fprintf(f, "    <system-out>");
					xml_str(f, j->out, j->outlen);
					fprintf(f, "</system-out>\n");
				}
				fprintf(f, "  </testcase>\n");
			}
			fprintf(f, "</testsuite>\n");
		}
	}
	fprintf(f, "</testsuites>\n");
	return fclose(f);
}
