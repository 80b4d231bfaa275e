/* pg_query.c: the query language (core/query.h) on PostgreSQL.  The tree
 * becomes ONE statement, as on SQLite (db/sqlite/sq_query.c, whose
 * semantics this mirrors term by term): the filter's scope and selection,
 * the query's condition, keyset order and limit, every value a $n
 * parameter.  The relation is kase, or case_visible for officers who may
 * not read every column (row-level security and masking also apply).
 *
 * The condition is db/query_sql.c's in the dialect pg_sql: a prefix
 * ("31.*") a range on the "C" collation (col >= p AND col < p || U+10FFFF),
 * a text term a tsquery ('simple', as the GIN index kase_scope_search) on the
 * search vector of title and body, with the privacy condition of x. */
#include "i18n.h"
#include "pg_find.h"

#include <stdlib.h>
#include <string.h>

#include "pg_case_sql.h"
#include "query.h"

/* A text term's match: the search vector of title and body (false, never
 * NULL, when the view hides the text). */
static void put_text(struct sqlbuf *b, const struct lp_qvalue *v)
{
	const char *t = v->text ? v->text : "";
	sqlbuf_put(b, "coalesce(k.search @@ to_tsquery('simple'::regconfig, ");
	sqlbuf_text_own(b, pg_ts_word(t, strlen(t), v->kind == LP_QV_PREFIX));
	sqlbuf_put(b, "), false)");
}

const struct qsql_dialect pg_sql = {
	.alias = "k.",
	.as = " k",
	.yes = "true",
	.no = "false",
	.cast = "::text",
	.collate = " COLLATE \"C\"",
	.top = " || chr(1114111)",
	.status_term = false,
	.match = put_text,
};

static const char *order_col(enum lp_case_order o)
{
	return o == LP_ORDER_DUE ? "k.due_key" : o == LP_ORDER_UPDATED ? "k.updated_at" : "k.id";
}

enum shape { SHAPE_LIST, SHAPE_COUNT, SHAPE_CAPPED };

PG_SQL(SQL_SUBTREE, true,
       "SELECT coalesce(array_agg(code ORDER BY code)::text, '{}') FROM agency"
       " WHERE path >= $1::text AND path < $1::text || chr(1114111)");

const char *pg_subtree_codes(struct pg_store *g, const char *path, struct lp_error *err)
{
	const unsigned n = sizeof g->subtree / sizeof *g->subtree;
	struct pg_subtree *t = &g->subtree[0];
	for (unsigned i = 0; i < n; i++) {
		struct pg_subtree *c = &g->subtree[i];
		if (c->path && !strcmp(c->path, path) && c->changes == g->changes) {
			c->used = ++g->subtree_clock;
			return c->codes;
		}
		if (c->used < t->used)
			t = c; /* the least recently used: a statement's two stay */
	}
	struct pg_params p = { 0 };
	pp_text(&p, path);
	PGresult *r = pg_run(g, &SQL_SUBTREE, &p, err);
	if (!r)
		return NULL;
	t->used = ++g->subtree_clock;
	free(t->path);
	free(t->codes);
	t->path = strdup(path);
	t->codes = strdup(PQgetvalue(r, 0, 0));
	t->changes = g->changes;
	PQclear(r);
	if (!t->path || !t->codes) {
		free(t->path);
		free(t->codes);
		t->path = t->codes = NULL;
		pg_oom(err);
		return NULL;
	}
	return t->codes;
}

/* The filter's agency subtrees (scope and --under) as "k.agency = ANY
 * (codes)", *g2 the filter without them; -1 with err set on failure.
 * Written as IN (SELECT ...) they were a join, which neither an ordered
 * index scan of kase nor the security-barrier view case_visible can use:
 * PostgreSQL then sorted the whole subtree for a page (0.7 to 2.5 s for a
 * supervisor with 150,000 cases); an array of codes, known when the
 * statement is planned, is a condition of kase's own rows. */
static int put_subtrees(struct sqlbuf *b, struct pg_store *g, const struct lp_case_filter *f,
			struct lp_case_filter *g2, struct lp_error *err)
{
	*g2 = *f;
	const char *paths[2] = { f->scope_path, f->under_path };
	for (int i = 0; i < 2; i++) {
		if (!paths[i] || !*paths[i])
			continue;
		const char *codes = pg_subtree_codes(g, paths[i], err);
		if (!codes)
			return -1;
		sqlbuf_put(b, " AND k.agency = ANY (");
		sqlbuf_text(b, codes);
		sqlbuf_put(b, "::text[])");
	}
	g2->scope_path = NULL;
	g2->under_path = NULL;
	return 0;
}

/* The page's order, for the keyset: " ORDER BY ..." */
static void put_order(struct sqlbuf *b, const struct lp_case_filter *f)
{
	enum lp_case_order o = f->order;
	const char *dir = f->descending ? " DESC" : "";
	sqlbuf_put(b, " ORDER BY ");
	if (o == LP_ORDER_DUE || o == LP_ORDER_UPDATED) {
		sqlbuf_put(b, order_col(o));
		sqlbuf_put(b, dir);
		sqlbuf_put(b, ", ");
	}
	sqlbuf_put(b, "k.id");
	sqlbuf_put(b, dir);
}

/* A masked reader (rel case_visible) whose query reads no text finds the
 * page's ids in kase, under row-level security (the same row rule as
 * case_visible's, on the columns every group may read), where the
 * keyset's ordered index scans work, and reads only those rows through
 * case_visible by their ids (a condition the view lets through to its
 * primary key): the view itself cannot be read in order, so a page of it
 * sorted every row the officer may see.  Counts are kase's alone.
 * A query whose one text term is a whole-query condition (qsql_text_driver,
 * "jalan status:assigned") does the same: the term's matches come from
 * lapor_case_matches (the GIN index, under the same row and text rules),
 * where the view tested the words on every case the officer may see (a
 * supervisor's "ls jalan": 148,329 cases read for a page). */
static int build(struct sqlbuf *b, struct pg_store *g, const char *rel,
		 const struct lp_case_filter *f0, const struct lp_query *q,
		 const struct lp_query_ctx *x, enum shape shape, int64_t cap, struct lp_error *err)
{
	const struct lp_qnode *root = q ? lp_query_root(q) : NULL;
	/* A text term reads k.search, which a masked reader reads in
	 * case_visible only, unless the term drives the statement. */
	bool masked = strcmp(rel, "kase") != 0;
	size_t n_text = qsql_text_terms(root);
	const struct lp_qnode *driver = masked && n_text == 1 ? qsql_text_driver(root) : NULL;
	bool by_ids = masked && (driver || n_text == 0);
	struct lp_case_filter fs, *f = &fs;
	if (shape == SHAPE_COUNT)
		sqlbuf_put(b, "SELECT count(*) FROM ");
	else if (shape == SHAPE_CAPPED)
		sqlbuf_put(b, "SELECT count(*) FROM (SELECT 1 FROM ");
	else if (by_ids)
		sqlbuf_put(b, "SELECT " PG_CASE_COLS " FROM case_visible k WHERE k.id = ANY (ARRAY("
			   "SELECT k.id FROM ");
	else
		sqlbuf_put(b, "SELECT " PG_CASE_COLS " FROM ");
	sqlbuf_put(b, by_ids ? "kase" : rel);
	sqlbuf_put(b, " k WHERE true");
	if (put_subtrees(b, g, f0, f, err))
		return err->code;
	qsql_filter(b, &pg_sql, f, true);
	if (driver) {
		const struct lp_qvalue *v = lp_qnode_value(driver, 0);
		const char *t = v->text ? v->text : "";
		sqlbuf_put(b, " AND k.id = ANY (ARRAY(SELECT lapor_case_matches(");
		sqlbuf_text_own(b, pg_ts_word(t, strlen(t), v->kind == LP_QV_PREFIX));
		sqlbuf_put(b, ", false, NULL)))");
	}
	if (root) {
		sqlbuf_put(b, " AND ");
		qsql_cond(b, &pg_sql, root, x, driver);
	}
	if (shape == SHAPE_CAPPED) {
		sqlbuf_put(b, " LIMIT ");
		sqlbuf_int(b, cap);
		sqlbuf_put(b, ") n");
	}
	if (shape != SHAPE_LIST)
		return LP_OK;
	enum lp_case_order o = f->order;
	if (f->has_after) {
		const char *cmp = f->descending ? " < " : " > ";
		if (o == LP_ORDER_DUE || o == LP_ORDER_UPDATED) {
			int64_t key = f->after_key;
			if (o == LP_ORDER_DUE && key == 0)
				key = INT64_MAX;
			sqlbuf_put(b, " AND (");
			sqlbuf_put(b, order_col(o));
			sqlbuf_put(b, ", k.id)");
			sqlbuf_put(b, cmp);
			sqlbuf_put(b, "(");
			sqlbuf_int(b, key);
			sqlbuf_put(b, "::bigint, ");
			sqlbuf_int(b, f->after_id);
			sqlbuf_put(b, "::bigint)");
		} else {
			sqlbuf_put(b, " AND k.id");
			sqlbuf_put(b, cmp);
			sqlbuf_int(b, f->after_id);
		}
	}
	put_order(b, f);
	if (f->limit > 0) {
		sqlbuf_put(b, " LIMIT ");
		sqlbuf_int(b, f->limit);
	}
	if (by_ids) {
		sqlbuf_put(b, "))");
		put_order(b, f);
	}
	return LP_OK;
}

int pg_case_query(struct lp_store *s, const struct lp_case_filter *f, const struct lp_query *q,
		  const struct lp_query_ctx *x, lp_case_cb cb, void *ud, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	struct lp_case_filter none;
	if (!x)
		return lp_error_set(err, LP_EINTERNAL, _("case query: no query context"));
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, _("case query: no callback"));
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	const char *rel = pg_case_rel(g, err);
	if (!rel)
		return err->code;
	/* Keyset pages of PG_PAGE_ROWS, so memory does not grow with the table. */
	struct lp_case_filter page = *f;
	int64_t remaining = f->limit > 0 ? f->limit : INT64_MAX;
	for (;;) {
		page.limit = remaining < PG_PAGE_ROWS ? (int)remaining : PG_PAGE_ROWS;
		struct sqlbuf b = SQLBUF_INIT_DOLLAR;
		if (build(&b, g, rel, &page, q, x, SHAPE_LIST, 0, err)) {
			sqlbuf_free(&b);
			return err->code;
		}
		PGresult *r = pgb_run(g, &b, err);
		if (!r)
			return err->code;
		int n = PQntuples(r), stop = pg_emit_page(r, &page, cb, ud, err);
		PQclear(r);
		if (stop)
			return stop;
		remaining -= n;
		if (n < page.limit || remaining <= 0)
			return LP_OK;
	}
}

int pg_case_query_count(struct lp_store *s, const struct lp_case_filter *f,
			const struct lp_query *q, const struct lp_query_ctx *x, int64_t *out,
			struct lp_error *err)
{
	struct pg_store *g = pg(s);
	struct lp_case_filter none;
	if (!x)
		return lp_error_set(err, LP_EINTERNAL, _("case query: no query context"));
	if (!out)
		return lp_error_set(err, LP_EINTERNAL,
				    _("case query count: no place for the result"));
	*out = 0;
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	const char *rel = pg_case_rel(g, err);
	if (!rel)
		return err->code;
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	if (build(&b, g, rel, f, q, x, x->count_cap > 0 ? SHAPE_CAPPED : SHAPE_COUNT, x->count_cap,
		  err)) {
		sqlbuf_free(&b);
		return err->code;
	}
	PGresult *r = pgb_run(g, &b, err);
	if (!r)
		return err->code;
	*out = pg_int(r, 0, 0);
	PQclear(r);
	return LP_OK;
}
