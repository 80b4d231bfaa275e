/* sq_sqb.c: statements built in a struct sqlbuf (db/sqlbuf.h) prepared
 * and bound on SQLite, and FTS5 word lists (sq_find.h). */
#include "sq_find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

sqlite3_stmt *sqb_prepare(struct sq_store *q, struct sqlbuf *b, struct lp_error *err)
{
	if (b->oom || !b->s) {
		sq_oom(err);
		return NULL;
	}
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(q->db, b->s, (int)b->len + 1, &st, NULL);
	if (rc != SQLITE_OK) {
		sq_fail(q, rc, err);
		sqlite3_finalize(st);
		return NULL;
	}
	for (size_t i = 0; i < b->nv; i++) {
		int k = (int)i + 1;
		if (b->v[i].is_text)
			rc = sqlite3_bind_text(st, k, b->v[i].t, -1, SQLITE_STATIC);
		else
			rc = sqlite3_bind_int64(st, k, b->v[i].i);
		if (rc != SQLITE_OK) {
			sq_fail(q, rc, err);
			sqlite3_finalize(st);
			return NULL;
		}
	}
	sqb_trace(st);
	return st;
}

void sqb_trace(sqlite3_stmt *st)
{
	static int on = -1;
	if (on < 0)
		on = getenv("LAPOR_TRACE_SQL") != NULL;
	if (!on || !st)
		return;
	char *sql = sqlite3_expanded_sql(st);
	if (sql)
		fprintf(stderr, "%s;\n", sql);
	sqlite3_free(sql);
}

char *sq_fts_words(const char *text, bool any)
{
	size_t n = text ? strlen(text) : 0;
	/* Worst case: every byte a quote (doubled), plus quotes, " OR " and "*". */
	char *out = malloc(n * 8 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	const char *p = text ? text : "";
	const char *w;
	size_t len;
	bool prefix;
	while ((w = qsql_word(&p, &len, &prefix))) {
		if (o > 0) {
			const char *sep = any ? " OR " : " ";
			memcpy(out + o, sep, strlen(sep));
			o += strlen(sep);
		}
		out[o++] = '"';
		for (size_t i = 0; i < len; i++) {
			if (w[i] == '"')
				out[o++] = '"';
			out[o++] = w[i];
		}
		out[o++] = '"';
		if (prefix)
			out[o++] = '*';
	}
	out[o] = '\0';
	return out;
}
