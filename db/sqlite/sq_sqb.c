/* sq_sqb.c: the SQL builder of sq_find.h: text with "?" placeholders and
 * the values bound to them, the filter's conditions, FTS5 word lists. */
#include "sq_find.h"

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

void sqb_put(struct sqb *b, const char *sql)
{
	size_t n = strlen(sql);
	if (b->oom || !grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
		b->oom = true;
		return;
	}
	memcpy(b->s + b->len, sql, n + 1);
	b->len += n;
}

static void add_value(struct sqb *b, struct sqb_value v)
{
	if (b->oom || !grow((void **)&b->v, &b->capv, b->nv + 1, sizeof *b->v)) {
		b->oom = true;
		return;
	}
	b->v[b->nv++] = v;
	sqb_put(b, "?");
}

void sqb_int(struct sqb *b, int64_t v)
{
	add_value(b, (struct sqb_value){ false, v, NULL });
}

void sqb_text(struct sqb *b, const char *v)
{
	add_value(b, (struct sqb_value){ true, 0, v ? v : "" });
}

void sqb_text_own(struct sqb *b, char *v)
{
	if (!v || b->oom || !grow((void **)&b->own, &b->capown, b->nown + 1, sizeof *b->own)) {
		free(v);
		b->oom = true;
		return;
	}
	b->own[b->nown++] = v;
	sqb_text(b, v);
}

void sqb_free(struct sqb *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < b->nown; i++)
		free(b->own[i]);
	free(b->own);
	free(b->v);
	free(b->s);
	memset(b, 0, sizeof *b);
}

sqlite3_stmt *sqb_prepare(struct sq_store *q, struct sqb *b, struct lp_error *err)
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

static bool set(const char *s)
{
	return s && *s;
}

void sqb_under_path(struct sqb *b, const char *path)
{
	sqb_put(b, " AND c.agency IN (SELECT code FROM agency WHERE path >= ");
	sqb_text(b, path);
	sqb_put(b, " AND path < ");
	sqb_text(b, path);
	sqb_put(b, " || x'ff')");
}

void sqb_filter(struct sqb *b, const struct lp_case_filter *f, bool with_status)
{
	if (with_status) {
		unsigned all = (1u << LP_STATUS_COUNT) - 1u;
		unsigned m = f->status_mask ? f->status_mask & all : all;
		if (f->scope_status_mask)
			m &= f->scope_status_mask;
		if (!m) {
			sqb_put(b, " AND 0");
		} else if (m != all) {
			sqb_put(b, " AND c.status IN (");
			const char *sep = "";
			for (int i = 0; i < LP_STATUS_COUNT; i++) {
				if (!(m & 1u << i))
					continue;
				sqb_put(b, sep);
				sqb_text(b, lp_status_name((enum lp_status)i));
				sep = ", ";
			}
			sqb_put(b, ")");
		}
	}
	if (set(f->scope_path))
		sqb_under_path(b, f->scope_path);
	if (f->scope_agency) {
		sqb_put(b, " AND c.agency = ");
		sqb_text(b, f->scope_agency);
	}
	if (set(f->under_path))
		sqb_under_path(b, f->under_path);
	if (set(f->agency)) {
		sqb_put(b, " AND c.agency = ");
		sqb_text(b, f->agency);
	}
	if (set(f->assignee)) {
		sqb_put(b, " AND c.assignee = ");
		sqb_text(b, f->assignee);
		sqb_put(b, " AND c.assignee <> ''");
	} else if (f->assignee) {
		sqb_put(b, " AND c.assignee = ''");
	}
	if (f->kind >= 0) {
		sqb_put(b, " AND c.kind = ");
		sqb_text(b, lp_kind_name((enum lp_kind)f->kind));
	}
	if (f->privacy >= 0) {
		sqb_put(b, " AND c.privacy = ");
		sqb_text(b, lp_privacy_name((enum lp_privacy)f->privacy));
	}
	if (set(f->escalated_to)) {
		sqb_put(b, " AND c.escalated_to = ");
		sqb_text(b, f->escalated_to);
		sqb_put(b, " AND c.escalated_to <> ''");
	}
	if (f->due_before) {
		sqb_put(b, " AND c.due_key < ");
		sqb_int(b, f->due_before);
	}
	if (f->updated_after) {
		sqb_put(b, " AND c.updated_at >= ");
		sqb_int(b, f->updated_after);
	}
}

void sqb_content(struct sqb *b, const struct lp_query_ctx *x)
{
	if (x->content_all)
		return;
	if (!set(x->content_agency)) {
		sqb_put(b, " AND c.privacy <> 'secret'");
		return;
	}
	sqb_put(b, " AND (c.privacy <> 'secret' OR c.agency = ");
	sqb_text(b, x->content_agency);
	sqb_put(b, ")");
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
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
