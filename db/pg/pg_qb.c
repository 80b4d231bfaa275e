/* pg_qb.c: the SQL builder of pg_find.h: text with $n placeholders and
 * the values bound to them, the filter's conditions, tsquery words. */
#include "i18n.h"
#include "pg_find.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, n * size);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

void pgb_put(struct pgb *b, const char *sql)
{
	size_t n = strlen(sql);
	if (b->oom || !grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
		b->oom = true;
		return;
	}
	memcpy(b->s + b->len, sql, n + 1);
	b->len += n;
}

void pgb_text_own(struct pgb *b, char *v)
{
	if (!v || b->oom || !grow((void **)&b->v, &b->capv, b->nv + 1, sizeof *b->v)) {
		free(v);
		b->oom = true;
		return;
	}
	b->v[b->nv++] = v;
	char num[24];
	snprintf(num, sizeof num, "$%zu", b->nv);
	pgb_put(b, num);
}

void pgb_text(struct pgb *b, const char *v)
{
	pgb_text_own(b, strdup(v ? v : ""));
}

void pgb_int(struct pgb *b, int64_t v)
{
	char num[24];
	snprintf(num, sizeof num, "%" PRId64, v);
	pgb_text(b, num);
}

void pgb_free(struct pgb *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nv; i++)
		free(b->v[i]);
	free(b->v);
	free(b->s);
	memset(b, 0, sizeof *b);
}

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

static void trace(const struct pgb *b)
{
	static int on = -1;
	if (on < 0)
		on = getenv("LAPOR_TRACE_SQL") != NULL;
	if (!on)
		return;
	fprintf(stderr, "%s;", b->s);
	for (size_t i = 0; i < b->nv; i++)
		fprintf(stderr, " $%zu=%zu bytes", i + 1, strlen(b->v[i]));
	fprintf(stderr, "\n");
}

PGresult *pgb_run(struct pg_store *g, struct pgb *b, struct lp_error *err)
{
	PGresult *r = NULL;
	if (b->oom || !b->s) {
		pg_oom(err);
	} else if (b->nv <= PG_MAX_PARAMS) {
		struct pg_params *p = calloc(1, sizeof *p);
		if (!p) {
			pg_oom(err);
		} else {
			for (size_t i = 0; i < b->nv; i++)
				pp_text(p, b->v[i]);
			struct pg_sql st = { text_key(b->s), b->s, true };
			trace(b);
			r = pg_run(g, &st, p, err);
			free(p);
		}
	} else {
		/* More values than a named statement takes: the unnamed one. */
		trace(b);
		r = PQexecParams(g->conn, b->s, (int)b->nv, NULL, (const char *const *)b->v, NULL,
				 NULL, 0);
		ExecStatusType rs = r ? PQresultStatus(r) : PGRES_FATAL_ERROR;
		if (rs != PGRES_TUPLES_OK && rs != PGRES_COMMAND_OK) {
			pg_fail(g, r, err);
			PQclear(r);
			r = NULL;
		}
	}
	pgb_free(b);
	return r;
}

static bool set(const char *s)
{
	return s && *s;
}

void pgb_under_path(struct pgb *b, const char *a, const char *path)
{
	pgb_put(b, " AND ");
	pgb_put(b, a);
	pgb_put(b, "agency IN (SELECT code FROM agency WHERE path >= ");
	pgb_text(b, path);
	pgb_put(b, "::text AND path < ");
	pgb_text(b, path);
	pgb_put(b, "::text || chr(1114111))");
}

static void cond(struct pgb *b, const char *a, const char *col, const char *op)
{
	pgb_put(b, " AND ");
	pgb_put(b, a);
	pgb_put(b, col);
	pgb_put(b, op);
}

void pgb_filter(struct pgb *b, const struct lp_case_filter *f, const char *a, bool with_status)
{
	if (with_status) {
		unsigned all = (1u << LP_STATUS_COUNT) - 1u;
		unsigned m = f->status_mask ? f->status_mask & all : all;
		if (f->scope_status_mask)
			m &= f->scope_status_mask;
		if (!m) {
			pgb_put(b, " AND false");
		} else if (m != all) {
			cond(b, a, "status", " IN (");
			const char *sep = "";
			for (int i = 0; i < LP_STATUS_COUNT; i++) {
				if (!(m & 1u << i))
					continue;
				pgb_put(b, sep);
				pgb_text(b, lp_status_name((enum lp_status)i));
				sep = ", ";
			}
			pgb_put(b, ")");
		}
	}
	if (set(f->scope_path))
		pgb_under_path(b, a, f->scope_path);
	if (f->scope_agency) {
		cond(b, a, "agency", " = ");
		pgb_text(b, f->scope_agency);
	}
	if (set(f->under_path))
		pgb_under_path(b, a, f->under_path);
	if (set(f->agency)) {
		cond(b, a, "agency", " = ");
		pgb_text(b, f->agency);
	}
	if (set(f->assignee)) {
		cond(b, a, "assignee", " = ");
		pgb_text(b, f->assignee);
		cond(b, a, "assignee", " <> ''");
	} else if (f->assignee) {
		cond(b, a, "assignee", " = ''");
	}
	if (f->kind >= 0) {
		cond(b, a, "kind", " = ");
		pgb_text(b, lp_kind_name((enum lp_kind)f->kind));
	}
	if (f->privacy >= 0) {
		cond(b, a, "privacy", " = ");
		pgb_text(b, lp_privacy_name((enum lp_privacy)f->privacy));
	}
	if (set(f->escalated_to)) {
		cond(b, a, "escalated_to", " = ");
		pgb_text(b, f->escalated_to);
		cond(b, a, "escalated_to", " <> ''");
	}
	if (f->due_before) {
		cond(b, a, "due_key", " < ");
		pgb_int(b, f->due_before);
	}
	if (f->updated_after) {
		cond(b, a, "updated_at", " >= ");
		pgb_int(b, f->updated_after);
	}
}

void pgb_content(struct pgb *b, const struct lp_query_ctx *x)
{
	if (x->content_all)
		return;
	if (!set(x->content_agency)) {
		pgb_put(b, " AND k.privacy <> 'secret'");
		return;
	}
	pgb_put(b, " AND (k.privacy <> 'secret' OR k.agency = ");
	pgb_text(b, x->content_agency);
	pgb_put(b, ")");
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

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

char *pg_ts_words(const char *text)
{
	size_t n = text ? strlen(text) : 0;
	char *out = malloc(n * 2 + n * 6 + 1);
	if (!out)
		return NULL;
	size_t o = 0;
	const char *p = text ? text : "";
	while (*p) {
		while (space(*p))
			p++;
		const char *w = p;
		while (*p && !space(*p))
			p++;
		size_t len = (size_t)(p - w);
		bool prefix = len > 1 && w[len - 1] == '*';
		if (prefix)
			len--;
		if (len == 0 || (len == 1 && *w == '*'))
			continue;
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
