/* pg_search.c: full-text search and duplicate candidates on PostgreSQL,
 * mirroring db/sqlite/sq_search.c.
 *
 * Cases match on kase.search (title and body, GIN index kase_search);
 * replies, messages and notes on the vector of the index event_search.
 * The matches come from lapor_case_matches and lapor_event_matches
 * (004_search_fn.sql), which read those indexes with the owner's rights
 * and apply the row and text rules of case_visible and event_visible to
 * the officer (under row-level security the operator @@, not leakproof,
 * could not use them); the ids are joined to the officer's own relations
 * (case_visible and event_visible, or kase and event), so a row or text
 * the officer may not read never matches.  Two steps: the ranking statement applies the filter
 * and the privacy condition and returns the top `limit` with where
 * their best match was; then a snippet is made for each of those few
 * (ts_headline, matches between LP_HL_ON and LP_HL_OFF).  Ranking: with
 * at most RANK_MAX matching cases, ts_rank_cd (cover density) over both
 * (title weighs 4, body 1, an event half a body), each case at its best,
 * negated so lower is better as bm25; with more, by tiers as on SQLite:
 * title, then title or body, then replies and notes, newest first.  The
 * matching cases are counted first, up to RANK_MAX + 1. */
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
#define TITLE_TSV "to_tsvector('simple'::regconfig, coalesce(k.title, ''))"
/* The matches the officer may find, through the GIN indexes
 * (004_search_fn.sql): case ids, and (case, seq) of events. */
/* (004_search_fn.sql): case ids, and (case, seq) of events.  Written as
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
		   " setweight(" TITLE_TSV ", 'A') || to_tsvector('simple'::regconfig,"
		   " left(coalesce(k.body, ''), 262144)), q) AS r, 0 AS w, 0::bigint AS fr FROM ");
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
	if (!filter_empty(f, x)) {
		qsql_filter(b, &pg_sql, f, true);
		qsql_content(b, &pg_sql, x);
	}
	sqlbuf_put(b, " ORDER BY m.r, k.id LIMIT ");
	sqlbuf_int(b, limit);
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
		sqlbuf_put(b, tier == 0 ? ", 1.0, 0, 0::bigint FROM " : ", 2.0, 0, 0::bigint FROM ");
		sqlbuf_put(b, crel);
		sqlbuf_put(b, " k WHERE");
		case_matches(b, tier == 0, whole ? limit : 0);
	} else {
		sqlbuf_put(b, ", 3.0, 1, e.seq FROM ");
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

/* Fills where, seq and a malloc'd snippet for a ranked hit. */
static int snip(struct pg_store *g, const char *crel, const char *erel, const char *tsq,
		int64_t id, bool event, int64_t seq, struct lp_search_hit *h, char **text,
		struct lp_error *err)
{
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	start(&b, tsq);
	if (event) {
		sqlbuf_put(&b, "SELECT e.seq, e.action, ts_headline('simple'::regconfig, e.text, "
			    TSQ ", " HL_OPTS " || ', MaxWords=24, MinWords=12'), e.text FROM ");
		sqlbuf_put(&b, erel);
		sqlbuf_put(&b, " e WHERE e.case_id = ");
		sqlbuf_int(&b, id);
		sqlbuf_put(&b, " AND e.seq = ");
		sqlbuf_int(&b, seq);
	} else {
		sqlbuf_put(&b, "SELECT " TITLE_TSV " @@ " TSQ ", ts_headline('simple'::regconfig,"
			    " k.title, " TSQ ", " HL_OPTS " || ', HighlightAll=true'),"
			    " ts_headline('simple'::regconfig, k.body, " TSQ ", " HL_OPTS
			    " || ', MaxWords=24, MinWords=12'), k.body FROM ");
		sqlbuf_put(&b, crel);
		sqlbuf_put(&b, " k WHERE k.id = ");
		sqlbuf_int(&b, id);
	}
	PGresult *r = pgb_run(g, &b, err);
	if (!r)
		return err->code;
	bool oom = false;
	h->where = event ? "reply" : "title";
	if (PQntuples(r) > 0 && event) {
		h->seq = pg_int(r, 0, 0);
		const char *a = PQgetvalue(r, 0, 1);
		h->where = !strcmp(a, "note") ? "note" : !strcmp(a, "message") ? "message" :
			   "reply";
		if (!PQgetisnull(r, 0, 2))
			oom = !(*text = ellipsis(PQgetvalue(r, 0, 3), PQgetvalue(r, 0, 2)));
	} else if (PQntuples(r) > 0) {
		if (pg_bool(r, 0, 0) && !PQgetisnull(r, 0, 1)) {
			*text = pg_dup(r, 0, 1, &oom);
		} else {
			h->where = "body";
			if (!PQgetisnull(r, 0, 2))
				oom = !(*text = ellipsis(PQgetvalue(r, 0, 3),
							 PQgetvalue(r, 0, 2)));
		}
	}
	PQclear(r);
	return oom ? pg_oom(err) : LP_OK;
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

/* Runs a ranking statement: a hit per row, snippets made per hit. */
static int emit_hits(struct run *u, struct sqlbuf *b, struct seen *seen, int *left,
		     struct lp_error *err)
{
	PGresult *r = pgb_run(u->g, b, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0; !stop && *left > 0 && i < PQntuples(r); i++) {
		if (seen && !seen_add(seen, pg_int(r, i, 0)))
			continue;
		struct lp_case c;
		stop = pg_read_case(r, i, &c, err);
		if (stop)
			break;
		struct lp_search_hit h = { &c, strtod(PQgetvalue(r, i, NCASE_COLS), NULL),
					   "title", 0, NULL };
		char *sn = NULL;
		stop = snip(u->g, u->crel, u->erel, u->tsq, c.id,
			    pg_int(r, i, NCASE_COLS + 1) == 1, pg_int(r, i, NCASE_COLS + 2), &h,
			    &sn, err);
		h.snippet = sn;
		if (!stop)
			stop = u->cb(&h, u->ud);
		(*left)--;
		free(sn);
		lp_case_clear(&c);
	}
	PQclear(r);
	return stop;
}

/* Counts the cases the officer may find, up to RANK_MAX + 1 (through the
 * GIN index: lapor_case_matches). */
static int count_matches(struct run *u, int64_t *n, struct lp_error *err)
{
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	start(&b, u->tsq);
	sqlbuf_put(&b, "SELECT lapor_case_match_count($1, ");
	sqlbuf_int(&b, RANK_MAX + 1);
	sqlbuf_put(&b, ")");
	PGresult *r = pgb_run(u->g, &b, err);
	if (!r)
		return err->code;
	*n = pg_int(r, 0, 0);
	PQclear(r);
	return LP_OK;
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
	int64_t n = 0;
	int rc = count_matches(&u, &n, err), left = limit;
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	if (!rc && n <= RANK_MAX) {
		start(&b, tsq);
		build_rank(&b, u.crel, u.erel, f, x, limit);
		rc = emit_hits(&u, &b, NULL, &left, err);
	} else if (!rc) {
		struct seen *seen = calloc(1, sizeof *seen);
		if (!seen)
			rc = pg_oom(err);
		for (int tier = 0; !rc && tier < 3 && left > 0; tier++) {
			start(&b, tsq);
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
