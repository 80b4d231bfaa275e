/* sq_query.c: the query language (core/query.h) on SQLite.  The tree
 * becomes ONE statement: the filter's scope and selection, the query's
 * condition (db/query_sql.c, in the dialect sq_sql: a text term matches
 * case_fts), keyset order and limit, and the plan choices below; every
 * value is a bound parameter. */
#include "i18n.h"
#include "sq_case_row.h"
#include "sq_find.h"

#include <stdlib.h>
#include <string.h>

#include "query.h"

/* Binds a text value as an FTS5 phrase (its '"' doubled), "*" for a prefix. */
static void put_match(struct sqlbuf *b, const struct lp_qvalue *v)
{
	size_t n = strlen(v->text);
	char *m = malloc(n * 2 + 4);
	if (m) {
		size_t o = 0;
		m[o++] = '"';
		for (size_t i = 0; i < n; i++) {
			if (v->text[i] == '"')
				m[o++] = '"';
			m[o++] = v->text[i];
		}
		m[o++] = '"';
		if (v->kind == LP_QV_PREFIX)
			m[o++] = '*';
		m[o] = '\0';
	}
	sqlbuf_text_own(b, m);
}

/* A text term's match: the case's title and body (case_fts). */
static void put_text(struct sqlbuf *b, const struct lp_qvalue *v)
{
	sqlbuf_put(b, "c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ");
	put_match(b, v);
	sqlbuf_put(b, ")");
}

const struct qsql_dialect sq_sql = {
	.alias = "c.",
	.as = " c",
	.yes = "1",
	.no = "0",
	.cast = "",
	.collate = "",
	.top = " || x'ff'",
	.status_term = true,
	.match = put_text,
};

static const char *order_col(enum lp_case_order o)
{
	return o == LP_ORDER_DUE ? "c.due_key" : o == LP_ORDER_UPDATED ? "c.updated_at" : "c.id";
}

/* A text term the whole query needs (qsql_text_driver): in id order the
 * statement reads case_fts in rowid order and joins the cases, so a page
 * costs `limit` matches, not every match. */
static const struct lp_qnode *text_driver(const struct lp_query *q)
{
	return qsql_text_driver(q ? lp_query_root(q) : NULL);
}

enum shape {
	SHAPE_LIST,     /* the page */
	SHAPE_COUNT,    /* count(*) */
	SHAPE_PROBE,    /* count(*) of at most plan.cap rows, without order */
};

/* Below this many matches an index read and a sort of the ids is cheap;
 * at or above it, reading the table in id order finds a page sooner. */
#define PROBE_CAP 10000

struct plan {
	enum shape shape;
	const struct lp_qnode *driver; /* read case_fts first (id order only) */
	bool scan;                     /* read kase in id order (NOT INDEXED) */
	int64_t cap;                   /* SHAPE_PROBE: count at most this many */
};

static int popcount(unsigned m)
{
	int n = 0;
	for (; m; m &= m - 1)
		n++;
	return n;
}

/* A page in due or update order over several statuses: one arm per
 * status, merged in order (UNION ALL ... ORDER BY), as sq_case_list.c
 * does.  One statement with status IN (...) cannot read any index in
 * that order: SQLite reads every match (its whole row) and sorts; the
 * console's "To verify" limited to a large agency read 40,000 rows for
 * 200 (0.15 s warm, over 1 s cold).  An arm reads (agency, status,
 * due_key) or (status, due_key) in order and stops after a page.  Not
 * for a text term (each arm would build its IN list from case_fts). */
static bool per_status(const struct lp_case_filter *f, const struct lp_query *q,
		       const struct plan *p)
{
	if (p->shape != SHAPE_LIST || p->driver || p->scan)
		return false;
	if (f->order != LP_ORDER_DUE && f->order != LP_ORDER_UPDATED)
		return false;
	if (popcount(qsql_statuses(f)) < 2)
		return false;
	return !qsql_has_text(q ? lp_query_root(q) : NULL); /* an IN list from case_fts */
}

/* The partial index that holds every match, when the query is a term
 * that one names or an AND with one among its children: "assignee:LOGIN"
 * (one officer, or me) or "escalated" (escalated_to <> ''); NULL if none. */
static const char *narrow_index(const struct lp_qnode *n)
{
	if (!n)
		return NULL;
	if (lp_qnode_type(n) == LP_QN_AND) {
		const char *found = NULL;
		for (size_t i = 0; i < lp_qnode_child_count(n); i++) {
			const char *ix = narrow_index(lp_qnode_child(n, i));
			if (ix && (!found || strcmp(ix, "kase_assignee_status") == 0))
				found = ix;
		}
		return found;
	}
	if (lp_qnode_type(n) != LP_QN_TERM)
		return NULL;
	if (lp_qnode_field(n) == LP_QF_ESCALATED)
		return "kase_escalated";
	if (lp_qnode_field(n) != LP_QF_ASSIGNEE || lp_qnode_value_count(n) != 1)
		return NULL;
	enum lp_qvalue_kind k = lp_qnode_value(n, 0)->kind;
	return k == LP_QV_CODE || k == LP_QV_ME ? "kase_assignee_status" : NULL;
}

/* The FROM of a statement reading kase.  Without statistics SQLite reads
 * a status or agency index in id order and filters: "assignee:X status:S"
 * read all of that status (186,704 rows for none, 155 ms at 1,000,000
 * cases), a supervisor's "escalated" all 148,329 cases of the subtree
 * (950 ms).  One officer's cases, or the few escalated ones, are read
 * from their partial index (the WHERE holds its term), then sorted, or
 * read in id order when many (choose). */
static void put_from(struct sqlbuf *b, const struct lp_query *q, const struct plan *p)
{
	const char *ix = p->scan ? NULL : narrow_index(q ? lp_query_root(q) : NULL);
	if (p->scan) {
		sqlbuf_put(b, "kase c NOT INDEXED WHERE 1");
	} else if (ix) {
		sqlbuf_put(b, "kase c INDEXED BY ");
		sqlbuf_put(b, ix);
		sqlbuf_put(b, " WHERE 1");
	} else {
		sqlbuf_put(b, "kase c WHERE 1");
	}
}

/* WHERE's conditions after the FROM: the filter (with `status` alone when
 * >= 0, else its status set), the query, and the keyset. */
static void put_where(struct sqlbuf *b, const struct lp_case_filter *f, const struct lp_query *q,
		      const struct lp_query_ctx *x, const struct plan *p, int status)
{
	const char *id = p->driver ? "f.rowid" : "c.id";
	if (status >= 0) {
		sqlbuf_put(b, " AND c.status = ");
		sqlbuf_text(b, lp_status_name((enum lp_status)status));
	}
	qsql_filter(b, &sq_sql, f, status < 0);
	const struct lp_qnode *root = q ? lp_query_root(q) : NULL;
	if (root) {
		sqlbuf_put(b, " AND ");
		qsql_cond(b, &sq_sql, root, x, p->driver);
	}
	if (p->shape != SHAPE_LIST || !f->has_after)
		return;
	enum lp_case_order o = f->order;
	const char *cmp = f->descending ? " < " : " > ";
	if (o == LP_ORDER_DUE || o == LP_ORDER_UPDATED) {
		int64_t key = f->after_key;
		if (o == LP_ORDER_DUE && key == 0)
			key = INT64_MAX;
		sqlbuf_put(b, " AND (");
		sqlbuf_put(b, order_col(o));
		sqlbuf_put(b, ", c.id)");
		sqlbuf_put(b, cmp);
		sqlbuf_put(b, "(");
		sqlbuf_int(b, key);
		sqlbuf_put(b, ", ");
		sqlbuf_int(b, f->after_id);
		sqlbuf_put(b, ")");
	} else {
		sqlbuf_put(b, " AND ");
		sqlbuf_put(b, id);
		sqlbuf_put(b, cmp);
		sqlbuf_int(b, f->after_id);
	}
}

/* SELECT ... FROM kase c WHERE filter AND query [keyset ORDER LIMIT]. */
static void build(struct sqlbuf *b, const struct lp_case_filter *f, const struct lp_query *q,
		  const struct lp_query_ctx *x, const struct plan *p)
{
	const char *id = p->driver ? "f.rowid" : "c.id";
	enum lp_case_order o = f->order;
	const char *dir = f->descending ? " DESC" : "";
	if (per_status(f, q, p)) {
		unsigned m = qsql_statuses(f);
		bool first = true;
		for (int i = 0; i < LP_STATUS_COUNT; i++) {
			if (!(m & 1u << i))
				continue;
			if (!first)
				sqlbuf_put(b, " UNION ALL ");
			first = false;
			sqlbuf_put(b, "SELECT " SQ_CASE_COLS_C ", ");
			sqlbuf_put(b, order_col(o));
			sqlbuf_put(b, " AS k_ord FROM ");
			put_from(b, q, p);
			put_where(b, f, q, x, p, i);
		}
		sqlbuf_put(b, " ORDER BY k_ord");
		sqlbuf_put(b, dir);
		sqlbuf_put(b, ", id");
		sqlbuf_put(b, dir);
		if (f->limit > 0) {
			sqlbuf_put(b, " LIMIT ");
			sqlbuf_int(b, f->limit);
		}
		return;
	}
	if (p->shape == SHAPE_COUNT)
		sqlbuf_put(b, "SELECT count(*) FROM ");
	else if (p->shape == SHAPE_PROBE)
		sqlbuf_put(b, "SELECT count(*) FROM (SELECT 1 FROM ");
	else
		sqlbuf_put(b, "SELECT " SQ_CASE_COLS_C " FROM ");
	if (p->driver) {
		sqlbuf_put(b, "case_fts f JOIN kase c ON c.id = f.rowid WHERE case_fts MATCH ");
		put_match(b, lp_qnode_value(p->driver, 0));
	} else {
		put_from(b, q, p);
	}
	put_where(b, f, q, x, p, -1);
	if (p->shape == SHAPE_PROBE) {
		sqlbuf_put(b, " LIMIT ");
		sqlbuf_int(b, p->cap);
		sqlbuf_put(b, ")");
	}
	if (p->shape != SHAPE_LIST)
		return;
	sqlbuf_put(b, " ORDER BY ");
	if (o == LP_ORDER_DUE || o == LP_ORDER_UPDATED) {
		sqlbuf_put(b, order_col(o));
		sqlbuf_put(b, dir);
		sqlbuf_put(b, ", ");
	}
	sqlbuf_put(b, id);
	sqlbuf_put(b, dir);
	if (f->limit > 0) {
		sqlbuf_put(b, " LIMIT ");
		sqlbuf_int(b, f->limit);
	}
}

/* True when SQLite would read an index and sort for this statement. */
static bool sorts(struct sq_store *q, const char *sql)
{
	static const char eqp[] = "EXPLAIN QUERY PLAN ";
	size_t n = strlen(sql);
	char *t = malloc(sizeof eqp + n);
	if (!t)
		return false;
	memcpy(t, eqp, sizeof eqp - 1);
	memcpy(t + sizeof eqp - 1, sql, n + 1);
	sqlite3_stmt *st = NULL;
	bool sort = false;
	if (sqlite3_prepare_v2(q->db, t, -1, &st, NULL) == SQLITE_OK)
		while (!sort && sqlite3_step(st) == SQLITE_ROW) {
			const char *d = (const char *)sqlite3_column_text(st, 3);
			sort = d && strstr(d, "TEMP B-TREE FOR ORDER BY");
		}
	sqlite3_finalize(st);
	free(t);
	return sort;
}

/* Counts matches up to PROBE_CAP. */
static int probe(struct sq_store *q, const struct lp_case_filter *f, const struct lp_query *qq,
		 const struct lp_query_ctx *x, int64_t *n, struct lp_error *err)
{
	struct plan p = { SHAPE_PROBE, NULL, false, PROBE_CAP };
	struct sqlbuf b = { 0 };
	build(&b, f, qq, x, &p);
	sqlite3_stmt *st = sqb_prepare(q, &b, err);
	int rc = st ? sq_step(q, st, err) : -err->code;
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	sqlbuf_free(&b);
	return rc < 0 ? -rc : LP_OK;
}

/* The page's statement: from case_fts for a needed text term in id
 * order; else as SQLite plans it, unless that sorts a large set in id
 * order, when reading the table in id order finds the page sooner. */
static int choose(struct sq_store *q, const struct lp_case_filter *f, const struct lp_query *qq,
		  const struct lp_query_ctx *x, struct sqlbuf *b, struct lp_error *err)
{
	struct plan p = { SHAPE_LIST, NULL, false, 0 };
	if (f->order != LP_ORDER_DUE && f->order != LP_ORDER_UPDATED)
		p.driver = text_driver(qq);
	build(b, f, qq, x, &p);
	if (p.driver || b->oom || f->limit <= 0 || f->order == LP_ORDER_DUE ||
	    f->order == LP_ORDER_UPDATED || !sorts(q, b->s))
		return LP_OK;
	int64_t n = 0;
	int rc = probe(q, f, qq, x, &n, err);
	if (rc || n < PROBE_CAP)
		return rc;
	sqlbuf_free(b);
	p.scan = true;
	build(b, f, qq, x, &p);
	return LP_OK;
}

static int check_args(const struct lp_query_ctx *x, struct lp_error *err)
{
	if (!x)
		return lp_error_set(err, LP_EINTERNAL, _("case query: no query context"));
	return LP_OK;
}

int sq_case_query(struct lp_store *s, const struct lp_case_filter *f, const struct lp_query *q,
		  const struct lp_query_ctx *x, lp_case_cb cb, void *ud, struct lp_error *err)
{
	struct sq_store *sqs = sq(s);
	struct lp_case_filter none;
	int rc = check_args(x, err);
	if (rc)
		return rc;
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, _("case query: no callback"));
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	struct sqlbuf b = { 0 };
	rc = choose(sqs, f, q, x, &b, err);
	sqlite3_stmt *st = rc ? NULL : sqb_prepare(sqs, &b, err);
	if (!st) {
		sqlbuf_free(&b);
		return err->code;
	}
	int stop = 0;
	while ((rc = sq_step(sqs, st, err)) == SQLITE_ROW) {
		struct lp_case c;
		stop = sq_case_read(st, &c, err);
		if (!stop) {
			stop = cb(&c, ud);
			lp_case_clear(&c);
		}
		if (stop)
			break;
	}
	sqlite3_finalize(st);
	sqlbuf_free(&b);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}

int sq_case_query_count(struct lp_store *s, const struct lp_case_filter *f,
			const struct lp_query *q, const struct lp_query_ctx *x, int64_t *out,
			struct lp_error *err)
{
	struct sq_store *sqs = sq(s);
	struct lp_case_filter none;
	int rc = check_args(x, err);
	if (rc)
		return rc;
	if (!out)
		return lp_error_set(err, LP_EINTERNAL,
				    _("case query count: no place for the result"));
	*out = 0;
	if (!f) {
		lp_case_filter_init(&none);
		f = &none;
	}
	struct sqlbuf b = { 0 };
	struct plan p = { SHAPE_COUNT, NULL, false, x->count_cap };
	if (x->count_cap > 0)
		p.shape = SHAPE_PROBE;
	build(&b, f, q, x, &p);
	sqlite3_stmt *st = sqb_prepare(sqs, &b, err);
	if (!st) {
		sqlbuf_free(&b);
		return err->code;
	}
	rc = sq_step(sqs, st, err);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlbuf_free(&b);
	return rc < 0 ? -rc : LP_OK;
}
