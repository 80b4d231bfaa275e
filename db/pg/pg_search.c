/* pg_search.c: full-text search and duplicate candidates on PostgreSQL,
 * mirroring db/sqlite/sq_search.c.
 *
 * Cases match on kase.search (title weighted A and body, GIN index
 * kase_scope_search with the case's agencies, 006_pg_scope.sql);
 * replies, messages and notes on the vector of the index event_search.
 * The matches come from lapor_case_matches, lapor_event_matches
 * (004_search_fn.sql) and lapor_case_rank (005, 006_pg_scope.sql), which read
 * those indexes with the owner's rights and apply the row and text rules
 * of case_visible and event_visible to the officer (under row-level
 * security the operator @@, not leakproof, could not use them); the ids
 * are joined to the officer's own relations (case_visible and
 * event_visible, or kase and event), so a row or text the officer may not
 * read never matches.  One statement returns the top `limit` with where
 * their best match was and their snippets (ts_headline, matches between
 * LP_HL_ON and LP_HL_OFF), made for those few rows only.  Ranking: with
 * at most RANK_MAX matching cases, ts_rank_cd (cover density) over both
 * (title weighs 4, body 1, an event half a body), each case at its best,
 * negated so lower is better as bm25, computed and cut to the page by
 * lapor_case_rank, which also says when there are more; with more, by
 * tiers as on SQLite: title, then title or body, then replies and notes,
 * newest first.  Either is first asked for the page alone, and reads
 * every match only when the officer's filter dropped one of it. */
#include "i18n.h"
#include "pg_find.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_case_sql.h"

#define NCASE_COLS 30 /* columns in PG_CASE_COLS */
#define RANK_MAX 5000

#define TSQ "to_tsquery('simple'::regconfig, $1)"
/* Title weighs A (1.0), the rest of the vector D (0.25): 4 to 1. */
#define WEIGHTS "'{0.25, 0.25, 0.25, 1.0}'::real[]"
#define TITLE_TSV_H "to_tsvector('simple'::regconfig, coalesce(h.title, ''))"
/* The matches the officer may find, through the GIN indexes
 * (004_search_fn.sql): case ids, and (case, seq) of events.  Written as
 * "k.id = ANY (ARRAY(...))" and "(...) IN (SELECT ...)": conditions the
 * security-barrier views let through to their primary key, where a join
 * with the function made PostgreSQL read the whole view (2 to 5 s for a
 * supervisor at 1M cases). */
static void case_matches(struct sqlbuf *b, bool title_only, int lim)
{
	sqlbuf_put(b, " k.id = ANY (ARRAY(SELECT lapor_case_matches($1, ");
	sqlbuf_put(b, title_only ? "true, " : "false, ");
	if (lim > 0)
		sqlbuf_int(b, lim);
	else
		sqlbuf_put(b, "NULL");
	sqlbuf_put(b, ")))");
}

static void event_matches(struct sqlbuf *b, bool notes, int lim)
{
	sqlbuf_put(b, " (e.case_id, e.seq) IN (SELECT hit_case, hit_seq FROM lapor_event_matches($1, ");
	sqlbuf_put(b, notes ? "true, " : "false, ");
	if (lim > 0)
		sqlbuf_int(b, lim);
	else
		sqlbuf_put(b, "NULL");
	sqlbuf_put(b, "))");
}
#define HL_OPTS "'StartSel=' || chr(2) || ', StopSel=' || chr(3)"

static bool filter_empty(const struct lp_case_filter *f, const struct lp_query_ctx *x)
{
	return x->content_all && !f->scope_path && !f->scope_agency && !f->scope_status_mask &&
	       !f->status_mask && !f->agency && !f->under_path && !f->assignee && f->kind < 0 &&
	       f->privacy < 0 && !f->escalated_to && !f->due_before && !f->updated_after;
}

/* The officer's filter and content rule on the row k, when they say
 * anything. */
static void put_filter(struct sqlbuf *b, const struct lp_case_filter *f,
		       const struct lp_query_ctx *x)
{
	if (filter_empty(f, x))
		return;
	qsql_filter(b, &pg_sql, f, true);
	qsql_content(b, &pg_sql, x);
}

/* $1 is always the tsquery text. */
static void start(struct sqlbuf *b, const char *tsq)
{
	sqlbuf_text_copy(b, tsq);
	if (!b->oom) {
		b->len = 0;
		b->s[0] = '\0';
	}
}

static void build_rank(struct sqlbuf *b, const char *crel, const char *erel,
		       const struct lp_case_filter *f, const struct lp_query_ctx *x, int limit)
{
	sqlbuf_put(b, "SELECT " PG_CASE_COLS ", m.r, m.w, m.fr FROM (SELECT DISTINCT ON (cid)"
		   " cid, r, w, fr FROM (SELECT k.id AS cid, -ts_rank_cd(" WEIGHTS ","
		   " coalesce(k.search, ''::tsvector), q) AS r, 0 AS w, 0::bigint AS fr FROM ");
	sqlbuf_put(b, crel);
	sqlbuf_put(b, " k, " TSQ " q WHERE");
	case_matches(b, false, 0);
	sqlbuf_put(b, " UNION ALL SELECT e.case_id, -0.5 * ts_rank_cd(" WEIGHTS ", " PG_EVENT_TSV
		   ", q), 1, e.seq FROM ");
	sqlbuf_put(b, erel);
	sqlbuf_put(b, " e, " TSQ " q WHERE");
	event_matches(b, x->notes, 0);
	/* Each ranked case read by its id (LATERAL, kept apart by OFFSET 0):
	 * a join let PostgreSQL read the officer's whole view. */
	sqlbuf_put(b, ") u ORDER BY cid, r, w, fr) m, LATERAL (SELECT * FROM ");
	sqlbuf_put(b, crel);
	sqlbuf_put(b, " k WHERE k.id = m.cid OFFSET 0) k WHERE true");
	put_filter(b, f, x);
	sqlbuf_put(b, " ORDER BY m.r, k.id LIMIT ");
	sqlbuf_int(b, limit);
}

/* The ranking cut to the page inside the server (lapor_case_rank,
 * 005_pg_speed.sql: the same matches, ranks and rule as build_rank's,
 * on the base tables), each row then read through the officer's relation
 * and the filter: a row the filter drops comes with a NULL id (a LEFT
 * JOIN), so that the caller knows the page may be short. */
static void build_rank_page(struct sqlbuf *b, const char *crel, const struct lp_case_filter *f,
			    const struct lp_query_ctx *x, int limit)
{
	sqlbuf_put(b, "SELECT " PG_CASE_COLS ", m.r, m.w, m.fr FROM (SELECT hit_case AS cid,"
		   " hit_rank AS r, hit_where AS w, hit_seq AS fr FROM lapor_case_rank($1, ");
	sqlbuf_put(b, x->notes ? "true, " : "false, ");
	sqlbuf_int(b, limit);
	sqlbuf_put(b, ", ");
	sqlbuf_int(b, RANK_MAX);
	sqlbuf_put(b, ")) m LEFT JOIN LATERAL (SELECT * FROM ");
	sqlbuf_put(b, crel);
	sqlbuf_put(b, " k WHERE k.id = m.cid");
	put_filter(b, f, x);
	sqlbuf_put(b, " OFFSET 0) k ON true ORDER BY m.r, m.cid");
}

/* One tier of the recency ranking: title (0), title or body (1), events (2). */
static void build_tier(struct sqlbuf *b, const char *crel, const char *erel,
		       const struct lp_case_filter *f, const struct lp_query_ctx *x, int tier,
		       int limit)
{
	/* Without a filter the match functions stop at the page (newest
	 * first); with one they return every match, filtered here. */
	bool whole = filter_empty(f, x);
	sqlbuf_put(b, "SELECT " PG_CASE_COLS);
	if (tier < 2) {
		sqlbuf_put(b, tier == 0 ? ", 1.0 AS r, 0 AS w, 0::bigint AS fr FROM " :
				       ", 2.0 AS r, 0 AS w, 0::bigint AS fr FROM ");
		sqlbuf_put(b, crel);
		sqlbuf_put(b, " k WHERE");
		case_matches(b, tier == 0, whole ? limit : 0);
	} else {
		sqlbuf_put(b, ", 3.0 AS r, 1 AS w, e.seq AS fr FROM ");
		sqlbuf_put(b, erel);
		sqlbuf_put(b, " e JOIN ");
		sqlbuf_put(b, crel);
		sqlbuf_put(b, " k ON k.id = e.case_id WHERE");
		event_matches(b, x->notes, whole ? limit : 0);
	}
	qsql_filter(b, &pg_sql, f, true);
	qsql_content(b, &pg_sql, x);
	sqlbuf_put(b, tier < 2 ? " ORDER BY k.id DESC LIMIT " :
			      " ORDER BY e.at DESC, e.case_id DESC, e.seq DESC LIMIT ");
	sqlbuf_int(b, limit);
}

/* One tier cut to the page by the match function (newest first, under
 * the finder's rule), each row then read through the officer's relations
 * and the filter: a row the filter drops comes with a NULL id, so that
 * the caller knows when build_tier must read every match. */
static void build_tier_page(struct sqlbuf *b, const char *crel, const char *erel,
			    const struct lp_case_filter *f, const struct lp_query_ctx *x,
			    int tier, int limit)
{
	sqlbuf_put(b, "SELECT " PG_CASE_COLS);
	if (tier < 2) {
		sqlbuf_put(b, tier == 0 ? ", 1.0 AS r, 0 AS w, 0::bigint AS fr" :
				       ", 2.0 AS r, 0 AS w, 0::bigint AS fr");
		sqlbuf_put(b, " FROM (SELECT lapor_case_matches($1, ");
		sqlbuf_put(b, tier == 0 ? "true, " : "false, ");
		sqlbuf_int(b, limit);
		sqlbuf_put(b, ") AS cid) m LEFT JOIN LATERAL (SELECT * FROM ");
		sqlbuf_put(b, crel);
		sqlbuf_put(b, " k WHERE k.id = m.cid");
	} else {
		sqlbuf_put(b, ", 3.0 AS r, 1 AS w, m.hit_seq AS fr FROM (SELECT hit_case, hit_seq,"
			   " row_number() OVER () AS o FROM lapor_event_matches($1, ");
		sqlbuf_put(b, x->notes ? "true, " : "false, ");
		sqlbuf_int(b, limit);
		sqlbuf_put(b, ")) m LEFT JOIN LATERAL (SELECT k.* FROM ");
		sqlbuf_put(b, erel);
		sqlbuf_put(b, " e JOIN ");
		sqlbuf_put(b, crel);
		sqlbuf_put(b, " k ON k.id = e.case_id WHERE e.case_id = m.hit_case"
			   " AND e.seq = m.hit_seq");
	}
	qsql_filter(b, &pg_sql, f, true);
	qsql_content(b, &pg_sql, x);
	sqlbuf_put(b, tier < 2 ? " OFFSET 0) k ON true ORDER BY m.cid DESC" :
			      " OFFSET 0) k ON true ORDER BY m.o");
}

/* Adds "…" where the headline h (markers removed) is cut from text t. */
static char *ellipsis(const char *t, const char *h)
{
	size_t n = strlen(h), k = 0;
	char *plain = malloc(n + 1);
	if (!plain)
		return NULL;
	for (size_t i = 0; i < n; i++)
		if (h[i] != '\x02' && h[i] != '\x03')
			plain[k++] = h[i];
	plain[k] = '\0';
	size_t tl = strlen(t);
	bool head = strncmp(t, plain, k) != 0;
	bool tail = tl < k || strcmp(t + tl - k, plain) != 0;
	free(plain);
	char *out = malloc(n + 7);
	if (out)
		snprintf(out, n + 7, "%s%s%s", head ? "\xe2\x80\xa6" : "", h,
			 tail ? "\xe2\x80\xa6" : "");
	return out;
}

/* The snippets of a ranking statement's rows, in the same statement: it
 * is wrapped as h, whose columns are PG_CASE_COLS, r, w (0: title or
 * body, 1: the event fr) and o (its rows' order, kept by ORDER BY h.o),
 * and given after them whether the title matches, the title's and the
 * body's headlines (for w = 0), and the event's action, headline and
 * text (for w = 1), read from the officer's relations.  Only the page's
 * rows are wrapped: one round trip, where a statement per hit made 50. */
#define COL_R NCASE_COLS
#define COL_W (NCASE_COLS + 1)
#define COL_FR (NCASE_COLS + 2)
#define COL_SNIP (NCASE_COLS + 4) /* after o, the statement's order */
#define COL_BODY 12 /* k.body in PG_CASE_COLS */

static void snippets_open(struct sqlbuf *b)
{
	sqlbuf_put(b, "SELECT h.*, CASE WHEN h.w = 0 THEN " TITLE_TSV_H " @@ " TSQ " END,"
		   " CASE WHEN h.w = 0 THEN ts_headline('simple'::regconfig, h.title, " TSQ ", "
		   HL_OPTS " || ', HighlightAll=true') END,"
		   " CASE WHEN h.w = 0 THEN ts_headline('simple'::regconfig, h.body, " TSQ ", "
		   HL_OPTS " || ', MaxWords=24, MinWords=12') END,"
		   " s.action, s.hl, s.text FROM (SELECT i.*, row_number() OVER () AS o FROM (");
}

static void snippets_close(struct sqlbuf *b, const char *erel)
{
	sqlbuf_put(b, ") i) h LEFT JOIN LATERAL (SELECT e.action, ts_headline('simple'::regconfig,"
		   " e.text, " TSQ ", " HL_OPTS " || ', MaxWords=24, MinWords=12') AS hl, e.text"
		   " FROM ");
	sqlbuf_put(b, erel);
	sqlbuf_put(b, " e WHERE h.w = 1 AND e.case_id = h.id AND e.seq = h.fr OFFSET 0) s ON true"
		   " ORDER BY h.o");
}

/* Fills where, seq and a malloc'd snippet of row i (snippets_open's
 * columns); false when out of memory. */
static bool row_snippet(const PGresult *r, int i, struct lp_search_hit *h, char **text)
{
	bool oom = false;
	const int c = COL_SNIP;
	if (pg_int(r, i, COL_W) == 1) {
		h->seq = pg_int(r, i, COL_FR);
		h->where = "reply";
		if (PQgetisnull(r, i, c + 3))
			return true; /* the event is not there to read */
		const char *a = PQgetvalue(r, i, c + 3);
		h->where = !strcmp(a, "note") ? "note" : !strcmp(a, "message") ? "message" :
			   "reply";
		if (!PQgetisnull(r, i, c + 4))
			oom = !(*text = ellipsis(PQgetvalue(r, i, c + 5), PQgetvalue(r, i, c + 4)));
	} else if (pg_bool(r, i, c) && !PQgetisnull(r, i, c + 1)) {
		h->where = "title";
		*text = pg_dup(r, i, c + 1, &oom);
	} else {
		h->where = "body";
		if (!PQgetisnull(r, i, c + 2))
			oom = !(*text = ellipsis(PQgetvalue(r, i, COL_BODY),
						 PQgetvalue(r, i, c + 2)));
	}
	return !oom;
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

struct run {
	struct pg_store *g;
	const char *crel, *erel, *tsq;
	lp_search_cb cb;
	void *ud;
};

/* A hit per row of a ranking statement (snippets_open's columns). */
static int emit_rows(struct run *u, const PGresult *r, struct seen *seen, int *left,
		     struct lp_error *err)
{
	int stop = 0;
	for (int i = 0; !stop && *left > 0 && i < PQntuples(r); i++) {
		if (PQgetisnull(r, i, 0) || (seen && !seen_add(seen, pg_int(r, i, 0))))
			continue;
		struct lp_case c;
		stop = pg_read_case(r, i, &c, err);
		if (stop)
			break;
		struct lp_search_hit h = { &c, strtod(PQgetvalue(r, i, COL_R), NULL), "title", 0,
					   NULL };
		char *sn = NULL;
		if (!row_snippet(r, i, &h, &sn))
			stop = pg_oom(err);
		h.snippet = sn;
		if (!stop)
			stop = u->cb(&h, u->ud);
		(*left)--;
		free(sn);
		lp_case_clear(&c);
	}
	return stop;
}

/* Runs a ranking statement built by `build` between snippets_open and
 * snippets_close; NULL with err set on failure. */
static PGresult *run_ranked(struct run *u, struct sqlbuf *b, struct lp_error *err)
{
	snippets_close(b, u->erel);
	return pgb_run(u->g, b, err);
}

static int emit_hits(struct run *u, struct sqlbuf *b, struct seen *seen, int *left,
		     struct lp_error *err)
{
	PGresult *r = run_ranked(u, b, err);
	if (!r)
		return err->code;
	int stop = emit_rows(u, r, seen, left, err);
	PQclear(r);
	return stop;
}

/* True when a page statement (build_rank_page, build_tier_page) is the
 * page: none of its rows was dropped by the filter, or its function gave
 * fewer than `limit` rows (every match). */
static bool page_complete(const PGresult *r, int limit)
{
	int n = PQntuples(r);
	bool dropped = false;
	for (int i = 0; i < n && !dropped; i++)
		dropped = PQgetisnull(r, i, 0);
	return !dropped || n < limit;
}

/* The page ranked in the server (build_rank_page), when it is the page:
 * *done false, nothing emitted, when the filter dropped one of a full
 * page (lapor_case_rank gave `limit` rows: there may be more), so that
 * build_rank must rank every match. */
static int emit_rank_page(struct run *u, const struct lp_case_filter *f,
			  const struct lp_query_ctx *x, int limit, bool *done, bool *many,
			  struct lp_error *err)
{
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	start(&b, u->tsq);
	snippets_open(&b);
	build_rank_page(&b, u->crel, f, x, limit);
	PGresult *r = run_ranked(u, &b, err);
	if (!r)
		return err->code;
	int left = limit, stop = 0;
	*many = PQntuples(r) > 0 && PQgetisnull(r, 0, COL_R);
	*done = !*many && page_complete(r, limit);
	if (*done)
		stop = emit_rows(u, r, NULL, &left, err);
	PQclear(r);
	return stop;
}

/* A tier through build_tier_page; *whole set, nothing emitted, when
 * build_tier must read every match instead. */
static int emit_tier_page(struct run *u, const struct lp_case_filter *f,
			  const struct lp_query_ctx *x, int tier, int limit, struct seen *seen,
			  int *left, bool *whole, struct lp_error *err)
{
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	start(&b, u->tsq);
	snippets_open(&b);
	build_tier_page(&b, u->crel, u->erel, f, x, tier, limit);
	PGresult *r = run_ranked(u, &b, err);
	if (!r)
		return err->code;
	int stop = 0;
	*whole = !page_complete(r, limit);
	if (!*whole)
		stop = emit_rows(u, r, seen, left, err);
	PQclear(r);
	return stop;
}

int pg_case_search(struct lp_store *s, const struct lp_case_filter *f,
		   const struct lp_query_ctx *x, const char *text, int limit, lp_search_cb cb,
		   void *ud, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	struct lp_case_filter none;
	if (!x || !cb)
		return lp_error_set(err, LP_EINTERNAL, _("search: missing argument"));
	if (limit < 1 || limit > 1000)
		return lp_error_set(err, LP_EUSAGE, _("search: the limit must be 1 to 1000"));
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	const char *crel = pg_case_rel(g, err);
	if (!crel)
		return err->code;
	char *tsq = pg_ts_words(text);
	if (!tsq)
		return pg_oom(err);
	if (!*tsq) {
		free(tsq);
		return lp_error_set(err, LP_EUSAGE, _("search: no words to search for"));
	}
	struct run u = { g, crel, pg_event_rel(g), tsq, cb, ud };
	bool done = false, many = false;
	int rc = emit_rank_page(&u, f, x, limit, &done, &many, err), left = limit;
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	if (!rc && !done && !many) {
		start(&b, tsq);
		snippets_open(&b);
		build_rank(&b, u.crel, u.erel, f, x, limit);
		rc = emit_hits(&u, &b, NULL, &left, err);
	} else if (!rc && !done) {
		struct seen *seen = calloc(1, sizeof *seen);
		if (!seen)
			rc = pg_oom(err);
		for (int tier = 0; !rc && tier < 3 && left > 0; tier++) {
			bool whole = filter_empty(f, x);
			if (!whole)
				rc = emit_tier_page(&u, f, x, tier, left + seen->n, seen, &left,
						    &whole, err);
			if (rc || !whole)
				continue;
			start(&b, tsq);
			snippets_open(&b);
			build_tier(&b, u.crel, u.erel, f, x, tier, left + seen->n);
			rc = emit_hits(&u, &b, seen, &left, err);
		}
		free(seen);
	}
	sqlbuf_free(&b);
	free(tsq);
	return rc;
}

int pg_case_similar(struct lp_store *s, const struct lp_case_filter *f, int64_t id,
		    const char *region, const char *category, int limit, lp_case_cb cb, void *ud,
		    struct lp_error *err)
{
	struct pg_store *g = pg(s);
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
	const char *rel = pg_case_rel(g, err);
	if (!rel)
		return err->code;
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	qsql_similar(&b, &pg_sql, "(SELECT " PG_CASE_COLS " FROM ", rel, f, id, region, category,
		     limit);
	PGresult *r = pgb_run(g, &b, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0; !stop && i < PQntuples(r); i++) {
		struct lp_case c;
		stop = pg_read_case(r, i, &c, err);
		if (!stop) {
			stop = cb(&c, ud);
			lp_case_clear(&c);
		}
	}
	PQclear(r);
	return stop;
}
