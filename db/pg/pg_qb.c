/* pg_qb.c: statements built in a struct sqlbuf (db/sqlbuf.h) run on
 * PostgreSQL with their values bound, and tsquery words (pg_find.h). */
#include "i18n.h"
#include "pg_find.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* FNV-1a of the text: names the prepared statement on the connection. */
static uint64_t text_key(const char *s)
{
	uint64_t h = UINT64_C(14695981039346656037);
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= UINT64_C(1099511628211);
	}
	return PG_KEY_TAG | (h >> 1);
}

/* The values as text parameters (integers written in decimal into num). */
static const char **texts(const struct sqlbuf *b, char (*num)[24])
{
	const char **v = calloc(b->nv ? b->nv : 1, sizeof *v);
	for (size_t i = 0; v && i < b->nv; i++) {
		if (b->v[i].is_text) {
			v[i] = b->v[i].t;
		} else {
			snprintf(num[i], sizeof num[i], "%" PRId64, b->v[i].i);
			v[i] = num[i];
		}
	}
	return v;
}

PGresult *pgb_run(struct pg_store *g, struct sqlbuf *b, struct lp_error *err)
{
	PGresult *r = NULL;
	char (*num)[24] = b->oom || !b->s ? NULL : malloc((b->nv ? b->nv : 1) * sizeof *num);
	const char **v = num ? texts(b, num) : NULL;
	if (!v) {
		pg_oom(err);
	} else if (b->nv <= PG_MAX_PARAMS) {
		struct pg_params *p = calloc(1, sizeof *p);
		if (!p) {
			pg_oom(err);
		} else {
			for (size_t i = 0; i < b->nv; i++)
				pp_text(p, v[i]);
			/* Planned for its values at every run: the conditions
			 * (an agency subtree's codes, a status) select from a
			 * few rows to a million, and the generic plan that a
			 * prepared statement takes after five runs sorted a
			 * whole subtree for each page (30 ms a page instead of
			 * 3).  The statements that act on one case by its
			 * number stay prepared. */
			struct pg_sql st = { text_key(b->s), b->s, true, true };
			r = pg_run(g, &st, p, err);
			free(p);
		}
	} else {
		/* More values than a named statement takes: the unnamed one. */
		pg_trace(b->s, (int)b->nv, v, NULL);
		r = PQexecParams(g->conn, b->s, (int)b->nv, NULL, v, NULL, NULL, 0);
		ExecStatusType rs = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
		if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
			pg_fail(g, r, err);
			PQclear(r);
			r = NULL;
		}
	}
	free(v);
	free(num);
	sqlbuf_free(b);
	return r;
}

char *pg_ts_word(const char *w, size_t len, bool prefix)
{
	char *out = malloc(len * 2 + 6);
	if (!out)
		return NULL;
	size_t o = 0;
	out[o++] = '\'';
	for (size_t i = 0; i < len; i++) {
		if (w[i] == '\'' || w[i] == '\\')
			out[o++] = w[i];
		out[o++] = w[i];
	}
	out[o++] = '\'';
	if (prefix) {
		out[o++] = ':';
		out[o++] = '*';
	}
	out[o] = '\0';
	return out;
}

char *pg_ts_words(const char *text)
{
	size_t n = text ? strlen(text) : 0;
	char *out = malloc(n * 2 + n * 6 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	const char *p = text ? text : "";
	const char *w;
	size_t len;
	bool prefix;
	while ((w = qsql_word(&p, &len, &prefix))) {
		char *t = pg_ts_word(w, len, prefix);
		if (!t) {
			free(out);
			return NULL;
		}
		if (o > 0) {
			memcpy(out + o, " & ", 3);
			o += 3;
		}
		size_t tl = strlen(t);
		memcpy(out + o, t, tl);
		o += tl;
		free(t);
	}
	out[o] = '\0';
	return out;
}

const char *pg_case_rel(struct pg_store *g, struct lp_error *err)
{
	if (g->read_mode == PG_READ_UNKNOWN && pg_probe_privileges(g, err))
		return NULL;
	return g->read_mode == PG_READ_FULL ? "kase" : "case_visible";
}

const char *pg_event_rel(const struct pg_store *g)
{
	return g->read_mode == PG_READ_FULL ? "event" : "event_visible";
}
