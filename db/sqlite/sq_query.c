/* sq_query.c: the query language (core/query.h) on SQLite.  The tree
 * becomes ONE statement: the filter's scope and selection, the query's
 * condition, keyset order and limit; every value is a bound parameter.
 *
 * Terms: lists become IN (...) or ORs of one fragment per value; a
 * prefix ("31.*") becomes a range (col >= p AND col < p || x'ff'), which
 * an index can read and which is case-sensitive, unlike LIKE; dates are
 * local days in x->tz_minutes; durations count from x->now; a text term
 * matches case_fts (title, body) and carries the privacy condition of x,
 * so "-word" never tells anything about a secret case's text either. */
#include "i18n.h"
#include "sq_case_row.h"
#include "sq_find.h"

#include <stdlib.h>
#include <string.h>

#include "query.h"

#define DAY 86400

static const char *column_of(enum lp_qfield f)
{
	switch (f) {
	case LP_QF_STATUS: return "c.status";
	case LP_QF_AGENCY: return "c.agency";
	case LP_QF_KIND: return "c.kind";
	case LP_QF_CHANNEL: return "c.channel";
	case LP_QF_CATEGORY: return "c.category";
	case LP_QF_REGION: return "c.region";
	case LP_QF_ASSIGNEE: return "c.assignee";
	case LP_QF_PRIVACY: return "c.privacy";
	case LP_QF_PRIORITY: return "c.priority";
	case LP_QF_ID: return "c.id";
	case LP_QF_TRACKING: return "c.tracking_id";
	case LP_QF_CREATED: return "c.created_at";
	case LP_QF_UPDATED: return "c.updated_at";
	case LP_QF_AGE: return "c.created_at";
	default: return "c.id";
	}
}

static const char *op_sql(enum lp_qop op)
{
	switch (op) {
	case LP_QOP_LT: return " < ";
	case LP_QOP_LE: return " <= ";
	case LP_QOP_GT: return " > ";
	case LP_QOP_GE: return " >= ";
	default: return " = ";
	}
}

/* The name stored for an enum value of field f. */
static const char *enum_name(enum lp_qfield f, int64_t v)
{
	switch (f) {
	case LP_QF_STATUS: return lp_status_name((enum lp_status)v);
	case LP_QF_KIND: return lp_kind_name((enum lp_kind)v);
	case LP_QF_CHANNEL: return lp_channel_name((enum lp_channel)v);
	default: return lp_privacy_name((enum lp_privacy)v);
	}
}

/* One value of a field compared for equality (or prefix). */
static void put_value(struct sqb *b, enum lp_qfield f, const struct lp_qvalue *v,
		      const struct lp_query_ctx *x)
{
	const char *col = column_of(f);
	if (f == LP_QF_UNDER) {
		sqb_put(b, "c.agency IN (SELECT a.code FROM agency u JOIN agency a"
			   " ON a.path >= u.path AND a.path < u.path || x'ff' WHERE u.code = ");
		sqb_text(b, v->text);
		sqb_put(b, ")");
		return;
	}
	sqb_put(b, col);
	switch (v->kind) {
	case LP_QV_PREFIX:
		sqb_put(b, " >= ");
		sqb_text(b, v->text);
		sqb_put(b, " AND ");
		sqb_put(b, col);
		sqb_put(b, " < ");
		sqb_text(b, v->text);
		sqb_put(b, " || x'ff'");
		return;
	case LP_QV_ENUM:
		sqb_put(b, " = ");
		sqb_text(b, enum_name(f, v->num));
		return;
	case LP_QV_INT:
		sqb_put(b, " = ");
		sqb_int(b, v->num);
		return;
	case LP_QV_ME:
		sqb_put(b, " = ");
		sqb_text(b, x->me && *x->me ? x->me : "\x01");
		sqb_put(b, " AND c.assignee <> ''"); /* the partial index's term */
		return;
	case LP_QV_NONE:
		sqb_put(b, " = ''");
		return;
	default:
		sqb_put(b, " = ");
		sqb_text(b, v->text);
		if (f == LP_QF_ASSIGNEE)
			sqb_put(b, " AND c.assignee <> ''");
		return;
	}
}

/* The literal term of a partial index (002_search.sql) when every value
 * of the term implies it: priority > 0, privacy <> 'public'. */
static void put_partial(struct sqb *b, const struct lp_qnode *n)
{
	enum lp_qfield f = lp_qnode_field(n);
	enum lp_qop op = lp_qnode_op(n);
	if (f != LP_QF_PRIORITY && f != LP_QF_PRIVACY)
		return;
	bool all = true;
	for (size_t i = 0; i < lp_qnode_value_count(n); i++) {
		int64_t v = lp_qnode_value(n, i)->num;
		if (op == LP_QOP_GT)
			all &= v >= 0;
		else if (op == LP_QOP_GE)
			all &= v >= 1;
		else if (op == LP_QOP_IN || op == LP_QOP_EQ)
			all &= f == LP_QF_PRIORITY ? v > 0 : v != LP_PRIVACY_PUBLIC;
		else
			all = false;
	}
	if (all)
		sqb_put(b, f == LP_QF_PRIORITY ? " AND c.priority > 0" :
						 " AND c.privacy <> 'public'");
}

/* field:a,b,c as "(v1 OR v2 ...)", or "col IN (...)" for plain values. */
static void put_list(struct sqb *b, const struct lp_qnode *n, const struct lp_query_ctx *x)
{
	enum lp_qfield f = lp_qnode_field(n);
	size_t k = lp_qnode_value_count(n);
	bool plain = f != LP_QF_UNDER;
	for (size_t i = 0; i < k && plain; i++) {
		enum lp_qvalue_kind vk = lp_qnode_value(n, i)->kind;
		plain = vk != LP_QV_PREFIX && vk != LP_QV_ME && vk != LP_QV_NONE;
	}
	if (plain && k > 1) {
		sqb_put(b, column_of(f));
		sqb_put(b, " IN (");
		for (size_t i = 0; i < k; i++) {
			const struct lp_qvalue *v = lp_qnode_value(n, i);
			if (i)
				sqb_put(b, ", ");
			if (v->kind == LP_QV_ENUM)
				sqb_text(b, enum_name(f, v->num));
			else if (v->kind == LP_QV_INT)
				sqb_int(b, v->num);
			else
				sqb_text(b, v->text);
		}
		sqb_put(b, ")");
		return;
	}
	sqb_put(b, "(");
	for (size_t i = 0; i < k; i++) {
		if (i)
			sqb_put(b, " OR ");
		sqb_put(b, "(");
		put_value(b, f, lp_qnode_value(n, i), x);
		sqb_put(b, ")");
	}
	sqb_put(b, ")");
}

/* The first second of local day `day` in the zone. */
static int64_t day_start(int64_t day, int tz_minutes)
{
	return day * DAY - (int64_t)tz_minutes * 60;
}

/* due, created, updated, age with a comparison (or ':' / '=' on a date). */
static void put_time(struct sqb *b, const struct lp_qnode *n, const struct lp_query_ctx *x)
{
	enum lp_qfield f = lp_qnode_field(n);
	enum lp_qop op = lp_qnode_op(n);
	const struct lp_qvalue *v = lp_qnode_value(n, 0);
	const char *col = f == LP_QF_DUE ? "c.due_key" : column_of(f);
	/* A case without a clock has the largest due_key: excluded within the
	 * index, without reading the row. */
	const char *guard = f == LP_QF_DUE ? "c.due_key < 9223372036854775807 AND " : "";
	sqb_put(b, "(");
	/* Every status: lets SQLite read (status, due_key) or (status,
	 * updated_at) for a narrow range instead of the whole table. */
	if (f == LP_QF_DUE || f == LP_QF_UPDATED)
		sqb_put(b, "c.status IN ('new', 'postponed', 'assigned', 'in_progress',"
			   " 'responded', 'closed', 'archived') AND ");
	sqb_put(b, guard);
	sqb_put(b, col);
	if (v->kind == LP_QV_DATE) {
		int64_t start = day_start(v->num, x->tz_minutes);
		switch (op) {
		case LP_QOP_LT: sqb_put(b, " < "); sqb_int(b, start); break;
		case LP_QOP_LE: sqb_put(b, " < "); sqb_int(b, start + DAY); break;
		case LP_QOP_GT: sqb_put(b, " >= "); sqb_int(b, start + DAY); break;
		case LP_QOP_GE: sqb_put(b, " >= "); sqb_int(b, start); break;
		default:
			sqb_put(b, " >= ");
			sqb_int(b, start);
			sqb_put(b, " AND ");
			sqb_put(b, col);
			sqb_put(b, " < ");
			sqb_int(b, start + DAY);
		}
	} else if (f == LP_QF_DUE) {
		/* Forward from now: due<2d is due_at < now + 2d. */
		sqb_put(b, op_sql(op));
		sqb_int(b, x->now + lp_qvalue_seconds(v));
	} else {
		/* Backward from now: age>7d is created_at < now - 7d. */
		static const enum lp_qop flip[] = {
			[LP_QOP_LT] = LP_QOP_GT, [LP_QOP_LE] = LP_QOP_GE,
			[LP_QOP_GT] = LP_QOP_LT, [LP_QOP_GE] = LP_QOP_LE,
		};
		sqb_put(b, op_sql(op <= LP_QOP_GE && op >= LP_QOP_LT ? flip[op] : op));
		sqb_int(b, x->now - lp_qvalue_seconds(v));
	}
	sqb_put(b, ")");
}

/* Binds a text value as an FTS5 phrase (its '"' doubled), "*" for a prefix. */
static void put_match(struct sqb *b, const struct lp_qvalue *v)
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
	sqb_text_own(b, m);
}

/* A text term: title and body match, and the privacy condition. */
static void put_text(struct sqb *b, const struct lp_qvalue *v, const struct lp_query_ctx *x)
{
	sqb_put(b, "(c.id IN (SELECT rowid FROM case_fts WHERE case_fts MATCH ");
	put_match(b, v);
	sqb_put(b, ")");
	sqb_content(b, x);
	sqb_put(b, ")");
}

/* How to emit: the context, and the text term that drives the statement
 * from case_fts (emitted as its privacy condition only), or NULL. */
struct emitter {
	const struct lp_query_ctx *x;
	const struct lp_qnode *driver;
};

static void emit(struct sqb *b, const struct lp_qnode *n, const struct emitter *e)
{
	const struct lp_query_ctx *x = e->x;
	if (n == e->driver) {
		sqb_put(b, "(1");
		sqb_content(b, x);
		sqb_put(b, ")");
		return;
	}
	switch (lp_qnode_type(n)) {
	case LP_QN_AND:
	case LP_QN_OR: {
		const char *sep = lp_qnode_type(n) == LP_QN_AND ? " AND " : " OR ";
		sqb_put(b, "(");
		for (size_t i = 0; i < lp_qnode_child_count(n); i++) {
			if (i)
				sqb_put(b, sep);
			emit(b, lp_qnode_child(n, i), e);
		}
		sqb_put(b, ")");
		return;
	}
	case LP_QN_NOT:
		sqb_put(b, "NOT (");
		emit(b, lp_qnode_child(n, 0), e);
		sqb_put(b, ")");
		return;
	case LP_QN_TERM:
		break;
	}
	enum lp_qfield f = lp_qnode_field(n);
	enum lp_qop op = lp_qnode_op(n);
	switch (f) {
	case LP_QF_ESCALATED:
		/* escalated_to is set exactly while escalation > 0 (a transfer
		 * clears both); the partial index kase_escalated holds them. */
		sqb_put(b, "c.escalated_to <> ''");
		return;
	case LP_QF_OVERDUE:
		/* A running clock of the agency's past due (not the citizen's
		 * feedback window; a paused clock is a postponed case's). */
		sqb_put(b, "(c.status IN ('new', 'assigned', 'in_progress') AND c.due_key < ");
		sqb_int(b, x->now);
		sqb_put(b, ")");
		return;
	case LP_QF_TEXT:
		put_text(b, lp_qnode_value(n, 0), x);
		return;
	case LP_QF_DUE:
	case LP_QF_AGE:
	case LP_QF_CREATED:
	case LP_QF_UPDATED:
		put_time(b, n, x);
		return;
	default:
		break;
	}
	sqb_put(b, "(");
	if (op == LP_QOP_IN || op == LP_QOP_EQ) {
		put_list(b, n, x);
	} else { /* priority, id with a comparison */
		sqb_put(b, column_of(f));
		sqb_put(b, op_sql(op));
		sqb_int(b, lp_qnode_value(n, 0)->num);
	}
	put_partial(b, n);
	sqb_put(b, ")");
}

static const char *order_col(enum lp_case_order o)
{
	return o == LP_ORDER_DUE ? "c.due_key" : o == LP_ORDER_UPDATED ? "c.updated_at" : "c.id";
}

/* A text term the whole query needs (the root, or a child of a root AND):
 * in id order the statement reads case_fts in rowid order and joins the
 * cases, so a page costs `limit` matches, not every match. */
static const struct lp_qnode *text_driver(const struct lp_query *q)
{
	const struct lp_qnode *root = q ? lp_query_root(q) : NULL;
	if (!root)
		return NULL;
	if (lp_qnode_type(root) == LP_QN_TERM)
		return lp_qnode_field(root) == LP_QF_TEXT ? root : NULL;
	if (lp_qnode_type(root) != LP_QN_AND)
		return NULL;
	for (size_t i = 0; i < lp_qnode_child_count(root); i++) {
		const struct lp_qnode *c = lp_qnode_child(root, i);
		if (lp_qnode_type(c) == LP_QN_TERM && lp_qnode_field(c) == LP_QF_TEXT)
			return c;
	}
	return NULL;
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

/* A query's terms include full-text (an IN list from case_fts). */
static bool has_text(const struct lp_qnode *n)
{
	if (!n)
		return false;
	if (lp_qnode_type(n) == LP_QN_TERM)
		return lp_qnode_field(n) == LP_QF_TEXT;
	for (size_t i = 0; i < lp_qnode_child_count(n); i++)
		if (has_text(lp_qnode_child(n, i)))
			return true;
	return false;
}

/* The statuses a filter selects (never 0 unless it selects none). */
static unsigned statuses_of(const struct lp_case_filter *f)
{
	unsigned all = (1u << LP_STATUS_COUNT) - 1u;
	unsigned m = f->status_mask ? f->status_mask & all : all;
	if (f->scope_status_mask)
		m &= f->scope_status_mask;
	return m;
}

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
	if (popcount(statuses_of(f)) < 2)
		return false;
	return !has_text(q ? lp_query_root(q) : NULL);
}

/* WHERE's conditions after the FROM: the filter (with `status` alone when
 * >= 0, else its status set), the query, and the keyset. */
static void put_where(struct sqb *b, const struct lp_case_filter *f, const struct lp_query *q,
		      const struct lp_query_ctx *x, const struct plan *p, int status)
{
	const char *id = p->driver ? "f.rowid" : "c.id";
	if (status >= 0) {
		sqb_put(b, " AND c.status = ");
		sqb_text(b, lp_status_name((enum lp_status)status));
	}
	sqb_filter(b, f, status < 0);
	const struct lp_qnode *root = q ? lp_query_root(q) : NULL;
	struct emitter e = { x, p->driver };
	if (root) {
		sqb_put(b, " AND ");
		emit(b, root, &e);
	}
	if (p->shape != SHAPE_LIST || !f->has_after)
		return;
	enum lp_case_order o = f->order;
	const char *cmp = f->descending ? " < " : " > ";
	if (o == LP_ORDER_DUE || o == LP_ORDER_UPDATED) {
		int64_t key = f->after_key;
		if (o == LP_ORDER_DUE && key == 0)
			key = INT64_MAX;
		sqb_put(b, " AND (");
		sqb_put(b, order_col(o));
		sqb_put(b, ", c.id)");
		sqb_put(b, cmp);
		sqb_put(b, "(");
		sqb_int(b, key);
		sqb_put(b, ", ");
		sqb_int(b, f->after_id);
		sqb_put(b, ")");
	} else {
		sqb_put(b, " AND ");
		sqb_put(b, id);
		sqb_put(b, cmp);
		sqb_int(b, f->after_id);
	}
}

/* SELECT ... FROM kase c WHERE filter AND query [keyset ORDER LIMIT]. */
static void build(struct sqb *b, const struct lp_case_filter *f, const struct lp_query *q,
		  const struct lp_query_ctx *x, const struct plan *p)
{
	const char *id = p->driver ? "f.rowid" : "c.id";
	enum lp_case_order o = f->order;
	const char *dir = f->descending ? " DESC" : "";
	if (per_status(f, q, p)) {
		unsigned m = statuses_of(f);
		bool first = true;
		for (int i = 0; i < LP_STATUS_COUNT; i++) {
			if (!(m & 1u << i))
				continue;
			if (!first)
				sqb_put(b, " UNION ALL ");
			first = false;
			sqb_put(b, "SELECT " SQ_CASE_COLS_C ", ");
			sqb_put(b, order_col(o));
			sqb_put(b, " AS k_ord FROM kase c WHERE 1");
			put_where(b, f, q, x, p, i);
		}
		sqb_put(b, " ORDER BY k_ord");
		sqb_put(b, dir);
		sqb_put(b, ", id");
		sqb_put(b, dir);
		if (f->limit > 0) {
			sqb_put(b, " LIMIT ");
			sqb_int(b, f->limit);
		}
		return;
	}
	if (p->shape == SHAPE_COUNT)
		sqb_put(b, "SELECT count(*) FROM ");
	else if (p->shape == SHAPE_PROBE)
		sqb_put(b, "SELECT count(*) FROM (SELECT 1 FROM ");
	else
		sqb_put(b, "SELECT " SQ_CASE_COLS_C " FROM ");
	if (p->driver) {
		sqb_put(b, "case_fts f JOIN kase c ON c.id = f.rowid WHERE case_fts MATCH ");
		put_match(b, lp_qnode_value(p->driver, 0));
	} else {
		sqb_put(b, p->scan ? "kase c NOT INDEXED WHERE 1" : "kase c WHERE 1");
	}
	put_where(b, f, q, x, p, -1);
	if (p->shape == SHAPE_PROBE) {
		sqb_put(b, " LIMIT ");
		sqb_int(b, p->cap);
		sqb_put(b, ")");
	}
	if (p->shape != SHAPE_LIST)
		return;
	sqb_put(b, " ORDER BY ");
	if (o == LP_ORDER_DUE || o == LP_ORDER_UPDATED) {
		sqb_put(b, order_col(o));
		sqb_put(b, dir);
		sqb_put(b, ", ");
	}
	sqb_put(b, id);
	sqb_put(b, dir);
	if (f->limit > 0) {
		sqb_put(b, " LIMIT ");
		sqb_int(b, f->limit);
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
	struct sqb b = { 0 };
	build(&b, f, qq, x, &p);
	sqlite3_stmt *st = sqb_prepare(q, &b, err);
	int rc = st ? sq_step(q, st, err) : -err->code;
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	sqb_free(&b);
	return rc < 0 ? -rc : LP_OK;
}

/* The page's statement: from case_fts for a needed text term in id
 * order; else as SQLite plans it, unless that sorts a large set in id
 * order, when reading the table in id order finds the page sooner. */
static int choose(struct sq_store *q, const struct lp_case_filter *f, const struct lp_query *qq,
		  const struct lp_query_ctx *x, struct sqb *b, struct lp_error *err)
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
	sqb_free(b);
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
	struct sqb b = { 0 };
	rc = choose(sqs, f, q, x, &b, err);
	sqlite3_stmt *st = rc ? NULL : sqb_prepare(sqs, &b, err);
	if (!st) {
		sqb_free(&b);
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
	sqb_free(&b);
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
	struct sqb b = { 0 };
	struct plan p = { SHAPE_COUNT, NULL, false, x->count_cap };
	if (x->count_cap > 0)
		p.shape = SHAPE_PROBE;
	build(&b, f, q, x, &p);
	sqlite3_stmt *st = sqb_prepare(sqs, &b, err);
	if (!st) {
		sqb_free(&b);
		return err->code;
	}
	rc = sq_step(sqs, st, err);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqb_free(&b);
	return rc < 0 ? -rc : LP_OK;
}
