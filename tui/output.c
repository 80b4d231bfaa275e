/* output.c: safe text, tables, JSON and CSV for the subcommands. */
#include "output.h"

#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <csv.h>

#include "safetext.h"
#include "timefmt.h"

char *lp_out_safe(const char *s, bool multiline)
{
	char *r = lp_safe_text(s, s ? strlen(s) : 0, multiline ? LP_SAFE_MULTILINE : 0);
	if (!r) {
		fputs("lapor: out of memory\n", stderr);
		abort();
	}
	return r;
}

int lp_out_width(void)
{
	if (!isatty(STDOUT_FILENO))
		return 0;
	const char *env = getenv("COLUMNS");
	if (env && atoi(env) > 0)
		return atoi(env);
	struct winsize ws;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	return 80;
}

struct lp_table {
	int ncols;
	size_t nrows, cap;   /* rows not printed yet (the header until the first print) */
	char **cells;        /* nrows * ncols safe strings */
	size_t w[LP_TABLE_MAX_COLS]; /* column widths, fixed by the first print */
	bool sized;
};

struct lp_table *lp_table_create(int ncols, const char *const *headers)
{
	if (ncols < 1 || ncols > LP_TABLE_MAX_COLS)
		return NULL;
	struct lp_table *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->ncols = ncols;
	if (lp_table_add(t, headers) < 0) {
		lp_table_destroy(t);
		return NULL;
	}
	return t;
}

void lp_table_destroy(struct lp_table *t)
{
	if (!t)
		return;
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	free(t->cells);
	free(t);
}

int lp_table_add(struct lp_table *t, const char *const *cells)
{
	if (t->nrows == t->cap) {
		size_t cap = t->cap ? t->cap * 2 : 16;
		char **nc = realloc(t->cells, cap * (size_t)t->ncols * sizeof *nc);
		if (!nc)
			return -1;
		t->cells = nc;
		t->cap = cap;
	}
	char **row = t->cells + t->nrows * (size_t)t->ncols;
	for (int i = 0; i < t->ncols; i++)
		row[i] = lp_out_safe(cells[i] ? cells[i] : "-", false);
	t->nrows++;
	return 0;
}

size_t lp_table_rows(const struct lp_table *t)
{
	return t ? t->nrows : 0;
}

/* Sizes the columns to the rows held, cutting fit_col to width. */
static void size_columns(struct lp_table *t, int fit_col, int width)
{
	size_t *w = t->w;
	int nc = t->ncols;
	for (size_t r = 0; r < t->nrows; r++)
		for (int i = 0; i < nc; i++) {
			size_t cw = lp_text_width(t->cells[r * (size_t)t->ncols + i]);
			if (cw > w[i])
				w[i] = cw;
		}
	if (width > 0 && fit_col >= 0 && fit_col < nc) {
		size_t others = 0;
		for (int i = 0; i < nc; i++)
			if (i != fit_col)
				others += w[i] + 2;
		size_t room = (size_t)width > others + 10 ? (size_t)width - others : 10;
		if (w[fit_col] > room)
			w[fit_col] = room;
	}
	t->sized = true;
}

void lp_table_print(struct lp_table *t, FILE *f, int fit_col, int width)
{
	if (!t->sized)
		size_columns(t, fit_col, width);
	const size_t *w = t->w;
	int nc = t->ncols;
	char buf[4096];
	for (size_t r = 0; r < t->nrows; r++) {
		for (int i = 0; i < nc; i++) {
			const char *cell = t->cells[r * (size_t)t->ncols + i];
			size_t cw = lp_text_width(cell);
			if (cw > w[i] && i == fit_col) {
				cw = lp_text_fit(cell, w[i], buf, sizeof buf);
				cell = buf;
			}
			fputs(cell, f);
			if (i + 1 < nc)
				for (size_t k = cw; k < w[i] + 2 || k == cw; k++)
					fputc(' ', f);
		}
		fputc('\n', f);
	}
	for (size_t i = 0; i < t->nrows * (size_t)t->ncols; i++)
		free(t->cells[i]);
	t->nrows = 0;
}

json_t *lp_json_str(const char *s)
{
	if (!s)
		return json_null();
	json_t *j = json_string(s);
	if (j)
		return j;
	/* Not valid UTF-8 (or holds NUL): keep what can be kept. */
	char *safe = lp_out_safe(s, true);
	j = json_string(safe);
	free(safe);
	return j ? j : json_null();
}

json_t *lp_json_time(int64_t t)
{
	if (t == 0)
		return json_null();
	char buf[40];
	return json_string(lp_time_rfc3339(t, buf, sizeof buf));
}

int lp_json_print(json_t *j, FILE *f, bool pretty)
{
	size_t flags = JSON_ENSURE_ASCII | (pretty ? JSON_INDENT(2) : JSON_COMPACT);
	int rc = j ? json_dumpf(j, f, flags) : -1;
	json_decref(j);
	if (rc == 0 && fputc('\n', f) == EOF)
		rc = -1;
	return rc;
}

void lp_csv_field(FILE *f, const char *s, bool first)
{
	if (!first)
		fputc(',', f);
	char *safe = lp_out_safe(s, true);
	if (strchr("=+-@", safe[0]) && safe[0]) {
		size_t n = strlen(safe);
		char *g = malloc(n + 2);
		if (!g)
			abort();
		g[0] = '\'';
		memcpy(g + 1, safe, n + 1);
		free(safe);
		safe = g;
	}
	csv_fwrite(f, safe, strlen(safe));
	free(safe);
}

void lp_csv_end(FILE *f)
{
	fputs("\r\n", f);
}
