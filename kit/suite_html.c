/* compatkit suite --html: one self-contained page.  The heat-map table is
 * plain HTML (it shows without scripts); the cases ride along as JSON and a
 * few lines of script list a cell's failing cases when it is clicked. */
#include <string.h>
#include "suite.h"

static const char *const lane_names[NLANES] = { "kit", "qemu" };

static const char head[] =
"<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n"
"<title>compatkit suite</title>\n<style>\n"
"body{font-family:sans-serif;margin:1.5em;color:#222}\n"
"table{border-collapse:collapse}\n"
"th,td{border:1px solid #999;padding:.3em .6em;text-align:center}\n"
"th.fam{text-align:left}\n"
"td.cell{cursor:pointer;font-family:monospace;min-width:4em}\n"
"td.cell.none{background:#eee;color:#888;cursor:default}\n"
"td.cell.reg{outline:3px solid #000;outline-offset:-3px}\n"
"td.sel{box-shadow:inset 0 0 0 3px #06c}\n"
"#detail pre{background:#f4f4f4;padding:.5em;max-height:20em;overflow:auto;font-size:90%}\n"
".case{margin:.8em 0}\n.bad{color:#a00;font-weight:bold}\n.note{color:#555}\n"
"</style></head><body>\n<h1>compatkit suite</h1>\n";

/* red (0%) through yellow to green (100%) */
static void heat(FILE *f, int pass, int total)
{
	int hue = total ? pass * 120 / total : 0;
	fprintf(f, "background:hsl(%d,70%%,%d%%)", hue, 65);
}

static void esc(FILE *f, const char *s)
{
	for (; *s; s++) {
		if (*s == '<') fputs("&lt;", f);
		else if (*s == '&') fputs("&amp;", f);
		else if (*s == '"') fputs("&quot;", f);
		else fputc(*s, f);
	}
}

static const char script[] =
"<script>\n"
"const data = JSON.parse(document.getElementById('data').textContent);\n"
"function esc(s){return String(s).replace(/[&<>]/g,c=>({'&':'&amp;','<':'&lt;','>':'&gt;'}[c]));}\n"
"function show(td){\n"
"  document.querySelectorAll('td.sel').forEach(e=>e.classList.remove('sel'));\n"
"  td.classList.add('sel');\n"
"  const fam=td.dataset.fam, abi=td.dataset.abi, lane=td.dataset.lane;\n"
"  const cs=data.cases.filter(c=>c.abi==abi&&c.lane==lane&&(fam==''||c.family==fam)&&c.result!='not-run');\n"
"  const bad=cs.filter(c=>c.result!='pass');\n"
"  let h='<h2>'+esc(lane+' / '+abi+' / '+(fam||'all families'))+'</h2>';\n"
"  h+='<p>'+(cs.length-bad.length)+' of '+cs.length+' passed'+(bad.length?'; not passing:':'.')+'</p>';\n"
"  for(const c of bad){\n"
"    h+='<div class=\"case\"><b>'+esc(c.case)+'</b>: <span class=\"'+(c.judgement=='regression'?'bad':'note')+'\">'\n"
"      +esc(c.result)+' ('+esc(c.judgement)+')</span> manifest: '+esc(c.expected)+(c.reason?' &mdash; '+esc(c.reason):'')\n"
"      +'<pre>'+esc(c.output||'(no output)')+'</pre></div>';\n"
"  }\n"
"  document.getElementById('detail').innerHTML=h;\n"
"}\n"
"document.querySelectorAll('td.cell:not(.none)').forEach(td=>td.addEventListener('click',()=>show(td)));\n"
/* page.html#cell=LANE/ABI/FAMILY opens with that cell selected (a link to
 * share, and what the headless test uses) */
"const m=location.hash.match(/^#cell=([^/]*)\\/([^/]*)\\/(.*)$/);\n"
"if(m)document.querySelectorAll('td.cell').forEach(td=>{if(td.dataset.lane==m[1]&&td.dataset.abi==m[2]&&td.dataset.fam==decodeURIComponent(m[3]))show(td);});\n"
"</script>\n";

int report_html(const char *path, const struct suite_view *v)
{
	FILE *f = fopen(path, "w");
	if (!f)
		return -1;
	fputs(head, f);
	int lanes = v->lanes[LANE_KIT] + v->lanes[LANE_QEMU];
	int reg = 0, run = 0, pass = 0;
	for (int i = 0; i < v->n; i++) {
		reg += v->jobs[i].judgement == J_REGRESSION;
		run += v->jobs[i].result != R_NOTRUN;
		pass += v->jobs[i].result == R_PASS;
	}
	fprintf(f, "<p id=\"summary\">%d runs, %d passed, <span class=\"%s\">%d regressions</span>. "
		"Cells: passed/run, coloured by pass rate; a framed cell holds a regression. "
		"Click a cell to list its cases that did not pass.</p>\n", run, pass, reg ? "bad" : "", reg);
	fprintf(f, "<table id=\"matrix\">\n<tr><th rowspan=\"2\" class=\"fam\">family</th>");
	for (int a = 0; a < v->nabis; a++) {
		fprintf(f, "<th colspan=\"%d\">", lanes);
		esc(f, v->abis[a]);
		fprintf(f, "</th>");
	}
	fprintf(f, "</tr>\n<tr>");
	for (int a = 0; a < v->nabis; a++)
		for (int l = 0; l < NLANES; l++)
			if (v->lanes[l])
				fprintf(f, "<th>%s</th>", lane_names[l]);
	fprintf(f, "</tr>\n");
	for (int r = 0; r <= v->nfam; r++) {
		const char *fam = r < v->nfam ? v->families[r] : NULL;
		fprintf(f, "<tr><th class=\"fam\">");
		esc(f, fam ? fam : "total");
		fprintf(f, "</th>");
		for (int a = 0; a < v->nabis; a++) {
			for (int l = 0; l < NLANES; l++) {
				if (!v->lanes[l])
					continue;
				int p = 0, t = 0, rg = 0;
				for (int i = 0; i < v->n; i++) {
					const struct job *j = &v->jobs[i];
					if (j->lane != l || strcmp(j->abi, v->abis[a]) ||
					    (fam && strcmp(j->family, fam)) || j->result == R_NOTRUN)
						continue;
					t++;
					p += j->result == R_PASS;
					rg += j->judgement == J_REGRESSION;
				}
				fprintf(f, "<td class=\"cell%s%s\" data-fam=\"", t ? "" : " none", rg ? " reg" : "");
				esc(f, fam ? fam : "");
				fprintf(f, "\" data-abi=\"%s\" data-lane=\"%s\"", v->abis[a], lane_names[l]);
				if (t) {
					fprintf(f, " style=\"");
					heat(f, p, t);
					fprintf(f, "\">%d/%d</td>", p, t);
				} else
					fprintf(f, ">-</td>");
			}
		}
		fprintf(f, "</tr>\n");
	}
	fprintf(f, "</table>\n<div id=\"detail\"><p class=\"note\">(no cell selected)</p></div>\n");
	/* The data: json_str escapes '<', so no "</script>" can end it early. */
	fprintf(f, "<script type=\"application/json\" id=\"data\">{\"cases\": [\n");
	for (int i = 0; i < v->n; i++) {
		const struct job *j = &v->jobs[i];
		fprintf(f, "{\"case\": ");
		json_str(f, j->name, strlen(j->name));
		fprintf(f, ", \"family\": ");
		json_str(f, j->family, strlen(j->family));
		fprintf(f, ", \"abi\": \"%s\", \"lane\": \"%s\", \"result\": \"%s\", \"judgement\": \"%s\", \"expected\": \"%s\", \"reason\": ",
			j->abi, lane_names[j->lane], result_names[j->result],
			j->judgement == J_REGRESSION ? "regression" : j->judgement == J_UNEXPECTED_PASS ? "unexpected pass"
			: j->judgement == J_UNLISTED ? "not in the manifest" : j->judgement == J_CHANGED ? "changed, not worse" : "as listed",
			j->row ? expect_names[j->row->status] : "unlisted");
		const char *why = j->row ? j->row->reason : "";
		json_str(f, why, strlen(why));
		fprintf(f, ", \"output\": ");
		json_str(f, j->out ? j->out : "", j->out ? j->outlen : 0);
		fprintf(f, "}%s\n", i + 1 < v->n ? "," : "");
	}
	fprintf(f, "]}</script>\n%s</body></html>\n", script);
	return fclose(f);
}
