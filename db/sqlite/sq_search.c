/* sq_search.c: full-text search over case_fts (title, body) and
 * event_fts (replies, messages, notes), and duplicate candidates.
 *
 * Search runs in two steps.  The ranking statement finds the cases,
 * applies the filter and the privacy condition in SQL (so a page is
 * full), and returns the top `limit` with where their best match was;
 * only then is a snippet made for each of those few, by rowid.  Ranking:
 * with at most BM25_MAX matching cases, bm25 over both tables (title
 * weighs 4, body 1, an event half a body), each case at its best; with
 * more, bm25 over all of them costs too much, so cases rank by where the
 * words are (title, then title or body, then replies and notes), newest
 * first, each tier read in rowid order and stopped at the page. */
#include "i18n.h"
#include "sq_case_row.h"
#include "sq_find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static bool filter_empty(const struct lp_case_filter *f, const struct lp_query_ctx *x)
{
	return x->content_all && !f->scope_path && !f->scope_agency && !f->scope_status_mask &&
	       !f->status_mask && !f->agency && !f->under_path && !f->assignee && f->kind < 0 &&
	       f->privacy < 0 && !f->escalated_to && !f->due_before && !f->updated_after;
}

static void build_rank(struct sqlbuf *b, const struct lp_case_filter *f,
		       const struct lp_query_ctx *x, const char *match, int limit)
{
	sqlbuf_put(b, "SELECT " SQ_CASE_COLS ", m.r, m.k, m.fr FROM (SELECT cid, min(r) AS r, k, fr"
		   " FROM (SELECT rowid AS cid, bm25(case_fts, 4.0, 1.0) AS r, 0 AS k,"
		   " rowid AS fr FROM case_fts WHERE case_fts MATCH ");
	sqlbuf_text(b, match);
	sqlbuf_put(b, " UNION ALL SELECT case_id, 0.5 * bm25(event_fts), 1, rowid FROM event_fts"
		   " WHERE event_fts MATCH ");
	sqlbuf_text(b, match);
	if (!x->notes)
		sqlbuf_put(b, " AND visibility <> 'internal'");
	sqlbuf_put(b, ") GROUP BY cid");
	bool empty = filter_empty(f, x);
	if (empty) {
		/* Nothing to filter: rank before reading any case row. */
		sqlbuf_put(b, " ORDER BY r LIMIT ");
		sqlbuf_int(b, limit);
	}
	sqlbuf_put(b, ") m JOIN kase c ON c.id = m.cid WHERE 1");
	if (!empty) {
		qsql_filter(b, &sq_sql, f, true);
		qsql_content(b, &sq_sql, x);
	}
	sqlbuf_put(b, " ORDER BY m.r, c.id LIMIT ");
	sqlbuf_int(b, limit);
}

static const char SQL_CASE_SNIP[] =
	"SELECT highlight(case_fts, 0, char(2), char(3)),"
	" snippet(case_fts, 1, char(2), char(3), '\xe2\x80\xa6', 24)"
	" FROM case_fts WHERE case_fts MATCH :m AND rowid = :r";
static const char SQL_EVENT_SNIP[] =
	"SELECT seq, action, snippet(event_fts, 0, char(2), char(3), '\xe2\x80\xa6', 24)"
	" FROM event_fts WHERE event_fts MATCH :m AND rowid = :r";

/* Fills where, seq and a malloc'd snippet for a ranked hit. */
static int snip(struct sq_store *q, const char *match, bool event, int64_t frow,
		struct lp_search_hit *h, char **text, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, event ? SQL_EVENT_SNIP : SQL_CASE_SNIP, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":m", match);
	sq_bind_int64(st, ":r", frow);
	sqb_trace(st);
	int rc = sq_step(q, st, err);
	bool oom = false;
	h->where = event ? "reply" : "title";
	if (rc == SQLITE_ROW && event) {
		h->seq = sqlite3_column_int64(st, 0);
		const char *a = (const char *)sqlite3_column_text(st, 1);
		h->where = a && !strcmp(a, "note") ? "note" : a && !strcmp(a, "message") ?
			   "message" : "reply";
		*text = sq_col_dup(st, 2, &oom);
	} else if (rc == SQLITE_ROW) {
		const char *t = (const char *)sqlite3_column_text(st, 0);
		if (t && strchr(t, '\x02')) {
			*text = sq_col_dup(st, 0, &oom);
		} else {
			h->where = "body";
			*text = sq_col_dup(st, 1, &oom);
		}
	}
	sq_release(q, st);
	if (oom)
		return sq_oom(err);
	return rc < 0 ? -rc : LP_OK;
}

/* More matching cases than this and bm25 over all of them costs too
 * much (about 2 us a match, with a docsize lookup each). */
#define BM25_MAX 5000

static int count_matches(struct sq_store *q, const char *match, int64_t *n,
			 struct lp_error *err)
{
	struct sqlbuf b = { 0 };
	sqlbuf_put(&b, "SELECT count(*) FROM (SELECT 1 FROM case_fts WHERE case_fts MATCH ");
	sqlbuf_text(&b, match);
	sqlbuf_put(&b, " LIMIT ");
	sqlbuf_int(&b, BM25_MAX + 1);
	sqlbuf_put(&b, ")");
	sqlite3_stmt *st = sqb_prepare(q, &b, err);
	int rc = st ? sq_step(q, st, err) : -err->code;
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	sqlbuf_free(&b);
	return rc < 0 ? -rc : LP_OK;
}

/* One tier of the recency ranking: cases whose title (tier 0), title or
 * body (1) or events (2) match, newest first. */
static void build_tier(struct sqlbuf *b, const struct lp_case_filter *f,
		       const struct lp_query_ctx *x, const char *match, int tier, int limit)
{
	sqlbuf_put(b, "SELECT " SQ_CASE_COLS_C);
	if (tier < 2) {
		sqlbuf_put(b, tier == 0 ? ", 1.0, 0, f.rowid" : ", 2.0, 0, f.rowid");
		sqlbuf_put(b, " FROM case_fts f JOIN kase c ON c.id = f.rowid WHERE case_fts MATCH ");
		if (tier == 0) {
			size_t n = strlen(match) + 16;
			char *m = malloc(n);
			if (m)
				snprintf(m, n, "title : (%s)", match);
			sqlbuf_text_own(b, m);
		} else {
			sqlbuf_text(b, match);
		}
	} else {
		sqlbuf_put(b, ", 3.0, 1, f.rowid FROM event_fts f JOIN kase c ON c.id = f.case_id"
			   " WHERE event_fts MATCH ");
		sqlbuf_text(b, match);
		if (!x->notes)
			sqlbuf_put(b, " AND f.visibility <> 'internal'");
	}
	qsql_filter(b, &sq_sql, f, true);
	qsql_content(b, &sq_sql, x);
	sqlbuf_put(b, " ORDER BY f.rowid DESC LIMIT ");
	sqlbuf_int(b, limit);
}

struct seen {
	int64_t id[1000];
	int n;
};

static bool seen_add(struct seen *s, int64_t id)
{
	for (int i = 0; i < s->n; i++)
		if (s->id[i] == id)
			return false;
	if (s->n < 1000)
		s->id[s->n++] = id;
	return true;
}

/* Runs a ranking statement: a hit per row, snippets made by rowid. */
static int emit_hits(struct sq_store *q, struct sqlbuf *b, const char *match, struct seen *seen,
		     int *left, lp_search_cb cb, void *ud, struct lp_error *err)
{
	sqlite3_stmt *st = sqb_prepare(q, b, err);
	int rc = st ? LP_OK : err->code, stop = 0;
	while (st && *left > 0 && (rc = sq_step(q, st, err)) == SQLITE_ROW) {
		if (seen && !seen_add(seen, sqlite3_column_int64(st, 0)))
			continue;
		struct lp_case c;
		stop = sq_case_read(st, &c, err);
		if (stop)
			break;
		struct lp_search_hit h = { &c, sqlite3_column_double(st, SQ_NCASE_COLS), "title", 0,
					   NULL };
		char *sn = NULL;
		stop = snip(q, match, sqlite3_column_int(st, SQ_NCASE_COLS + 1) == 1,
			    sqlite3_column_int64(st, SQ_NCASE_COLS + 2), &h, &sn, err);
		h.snippet = sn;
		if (!stop)
			stop = cb(&h, ud);
		(*left)--;
		free(sn);
		lp_case_clear(&c);
		if (stop)
			break;
	}
	sqlite3_finalize(st);
	sqlbuf_free(b);
	return stop ? stop : rc < 0 ? -rc : rc == SQLITE_ROW || rc == SQLITE_DONE ? LP_OK : rc;
}

int sq_case_search(struct lp_store *s, const struct lp_case_filter *f,
		   const struct lp_query_ctx *x, const char *text, int limit, lp_search_cb cb,
		   void *ud, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	struct lp_case_filter none;
	if (!x || !cb)
		return lp_error_set(err, LP_EINTERNAL, "search: missing argument");
	if (limit < 1 || limit > 1000)
		return lp_error_set(err, LP_EUSAGE, _("search: the limit must be 1 to 1000"));
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	char *match = sq_fts_words(text, false);
	if (!match)
		return sq_oom(err);
	if (!*match) {
		free(match);
		return lp_error_set(err, LP_EUSAGE, _("search: no words to search for"));
	}
	int64_t n = 0;
	int rc = count_matches(q, match, &n, err), left = limit;
	struct sqlbuf b = { 0 };
	if (!rc && n <= BM25_MAX) {
		build_rank(&b, f, x, match, limit);
		rc = emit_hits(q, &b, match, NULL, &left, cb, ud, err);
	} else if (!rc) {
		struct seen *seen = calloc(1, sizeof *seen);
		if (!seen)
			rc = sq_oom(err);
		for (int tier = 0; !rc && tier < 3 && left > 0; tier++) {
			build_tier(&b, f, x, match, tier, left + seen->n);
			rc = emit_hits(q, &b, match, seen, &left, cb, ud, err);
		}
		free(seen);
	}
	free(match);
	return rc;
}

int sq_case_similar(struct lp_store *s, const struct lp_case_filter *f, int64_t id,
		    const char *region, const char *category, int limit, lp_case_cb cb, void *ud,
		    struct lp_error *err)
{
	struct sq_store *q = sq(s);
	struct lp_case_filter none;
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, _("similar cases: no callback"));
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	bool by_region = region && *region, by_category = category && *category;
	if (limit <= 0 || (!by_region && !by_category))
		return LP_OK;
	struct sqlbuf b = { 0 };
	qsql_similar(&b, &sq_sql, "SELECT * FROM (SELECT " SQ_CASE_COLS " FROM ", "kase", f, id,
		     region, category, limit);
	sqlite3_stmt *st = sqb_prepare(q, &b, err);
	int rc = st ? LP_OK : err->code, stop = 0;
	while (st && (rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_case c;
		stop = sq_case_read(st, &c, err);
		if (stop)
			break;
		stop = cb(&c, ud);
		lp_case_clear(&c);
		if (stop)
			break;
	}
	sqlite3_finalize(st);
	sqlbuf_free(&b);
	return stop ? stop : rc < 0 ? -rc : rc == SQLITE_DONE ? LP_OK : rc;
}
