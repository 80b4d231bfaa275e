/* pg_query.c: the query language (core/query.h) on PostgreSQL.  The tree
 * becomes ONE statement, as on SQLite (db/sqlite/sq_query.c, whose
 * semantics this mirrors term by term): the filter's scope and selection,
 * the query's condition, keyset order and limit, every value a $n
 * parameter.  The relation is kase, or case_visible for officers who may
 * not read every column (row-level security and masking also apply).
 *
 * The condition is db/query_sql.c's in the dialect pg_sql: a prefix
 * ("31.*") a range on the "C" collation (col >= p AND col < p || U+10FFFF),
 * a text term a tsquery ('simple', as the GIN index kase_search) on the
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

static void build(struct sqlbuf *b, const char *rel, const struct lp_case_filter *f,
		  const struct lp_query *q, const struct lp_query_ctx *x, enum shape shape,
		  int64_t cap)
{
	if (shape == SHAPE_COUNT)
		sqlbuf_put(b, "SELECT count(*) FROM ");
	else if (shape == SHAPE_CAPPED)
		sqlbuf_put(b, "SELECT count(*) FROM (SELECT 1 FROM ");
	else
		sqlbuf_put(b, "SELECT " PG_CASE_COLS " FROM ");
	sqlbuf_put(b, rel);
	sqlbuf_put(b, " k WHERE true");
	qsql_filter(b, &pg_sql, f, true);
	const struct lp_qnode *root = q ? lp_query_root(q) : NULL;
	if (root) {
		sqlbuf_put(b, " AND ");
		qsql_cond(b, &pg_sql, root, x, NULL);
	}
	if (shape == SHAPE_CAPPED) {
		sqlbuf_put(b, " LIMIT ");
		sqlbuf_int(b, cap);
		sqlbuf_put(b, ") n");
	}
	if (shape != SHAPE_LIST)
		return;
	enum lp_case_order o = f->order;
	const char *dir = f->descending ? " DESC" : "";
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
	sqlbuf_put(b, " ORDER BY ");
	if (o == LP_ORDER_DUE || o == LP_ORDER_UPDATED) {
		sqlbuf_put(b, order_col(o));
		sqlbuf_put(b, dir);
		sqlbuf_put(b, ", ");
	}
	sqlbuf_put(b, "k.id");
	sqlbuf_put(b, dir);
	if (f->limit > 0) {
		sqlbuf_put(b, " LIMIT ");
		sqlbuf_int(b, f->limit);
	}
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
		build(&b, rel, &page, q, x, SHAPE_LIST, 0);
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
	build(&b, rel, f, q, x, x->count_cap > 0 ? SHAPE_CAPPED : SHAPE_COUNT, x->count_cap);
	PGresult *r = pgb_run(g, &b, err);
	if (!r)
		return err->code;
	*out = pg_int(r, 0, 0);
	PQclear(r);
	return LP_OK;
}
