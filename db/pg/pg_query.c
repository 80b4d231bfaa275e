/* pg_query.c: the query language (core/query.h) on PostgreSQL.  The tree
 * becomes ONE statement, as on SQLite (db/sqlite/sq_query.c, whose
 * semantics this mirrors term by term): the filter's scope and selection,
 * the query's condition, keyset order and limit, every value a $n
 * parameter.  The relation is kase, or case_visible for officers who may
 * not read every column (row-level security and masking also apply).
 *
 * Terms: lists become IN (...) or ORs of one fragment per value; a prefix
 * ("31.*") a range on the "C" collation (col >= p AND col < p || U+10FFFF);
 * dates are local days in x->tz_minutes; durations count from x->now; a
 * text term is a tsquery ('simple', as the GIN index kase_search) on the
 * search vector of title and body, with the privacy condition of x. */
#include "i18n.h"
#include "pg_find.h"

#include <stdlib.h>
#include <string.h>

#include "pg_case_sql.h"
#include "query.h"

#define DAY 86400

static const char *column_of(enum lp_qfield f)
{
	switch (f) {
	case LP_QF_STATUS: return "k.status";
	case LP_QF_AGENCY: return "k.agency";
	case LP_QF_KIND: return "k.kind";
	case LP_QF_CHANNEL: return "k.channel";
	case LP_QF_CATEGORY: return "k.category";
	case LP_QF_REGION: return "k.region";
	case LP_QF_ASSIGNEE: return "k.assignee";
	case LP_QF_PRIVACY: return "k.privacy";
	case LP_QF_PRIORITY: return "k.priority";
	case LP_QF_ID: return "k.id";
	case LP_QF_TRACKING: return "k.tracking_id";
	case LP_QF_CREATED: return "k.created_at";
	case LP_QF_UPDATED: return "k.updated_at";
	case LP_QF_AGE: return "k.created_at";
	default: return "k.id";
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

static const char *enum_name(enum lp_qfield f, int64_t v)
{
	switch (f) {
	case LP_QF_STATUS: return lp_status_name((enum lp_status)v);
	case LP_QF_KIND: return lp_kind_name((enum lp_kind)v);
	case LP_QF_CHANNEL: return lp_channel_name((enum lp_channel)v);
	default: return lp_privacy_name((enum lp_privacy)v);
	}
}

static void put_value(struct pgb *b, enum lp_qfield f, const struct lp_qvalue *v,
		      const struct lp_query_ctx *x)
{
	const char *col = column_of(f);
	if (f == LP_QF_UNDER) {
		pgb_put(b, "k.agency IN (SELECT a.code FROM agency u JOIN agency a"
			   " ON a.path >= u.path AND a.path < u.path || chr(1114111)"
			   " WHERE u.code = ");
		pgb_text(b, v->text);
		pgb_put(b, "::text)");
		return;
	}
	switch (v->kind) {
	case LP_QV_PREFIX:
		/* Byte order ("C"): the same as SQLite's, and indexable for the
		 * columns declared COLLATE "C". */
		pgb_put(b, col);
		pgb_put(b, " COLLATE \"C\" >= ");
		pgb_text(b, v->text);
		pgb_put(b, "::text AND ");
		pgb_put(b, col);
		pgb_put(b, " COLLATE \"C\" < ");
		pgb_text(b, v->text);
		pgb_put(b, "::text || chr(1114111)");
		return;
	case LP_QV_ENUM:
		pgb_put(b, col);
		pgb_put(b, " = ");
		pgb_text(b, enum_name(f, v->num));
		return;
	case LP_QV_INT:
		pgb_put(b, col);
		pgb_put(b, " = ");
		pgb_int(b, v->num);
		return;
	case LP_QV_ME:
		pgb_put(b, col);
		pgb_put(b, " = ");
		pgb_text(b, x->me && *x->me ? x->me : "\x01");
		pgb_put(b, " AND k.assignee <> ''");
		return;
	case LP_QV_NONE:
		pgb_put(b, col);
		pgb_put(b, " = ''");
		return;
	default:
		pgb_put(b, col);
		pgb_put(b, " = ");
		pgb_text(b, v->text);
		if (f == LP_QF_ASSIGNEE)
			pgb_put(b, " AND k.assignee <> ''");
		return;
	}
}

/* The literal term of a partial index (002_search.sql) when every value
 * implies it: priority > 0, privacy <> 'public'. */
static void put_partial(struct pgb *b, const struct lp_qnode *n)
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
		pgb_put(b, f == LP_QF_PRIORITY ? " AND k.priority > 0" :
						 " AND k.privacy <> 'public'");
}

static void put_list(struct pgb *b, const struct lp_qnode *n, const struct lp_query_ctx *x)
{
	enum lp_qfield f = lp_qnode_field(n);
	size_t k = lp_qnode_value_count(n);
	bool plain = f != LP_QF_UNDER;
	for (size_t i = 0; i < k && plain; i++) {
		enum lp_qvalue_kind vk = lp_qnode_value(n, i)->kind;
		plain = vk != LP_QV_PREFIX && vk != LP_QV_ME && vk != LP_QV_NONE;
	}
	if (plain && k > 1) {
		pgb_put(b, column_of(f));
		pgb_put(b, " IN (");
		for (size_t i = 0; i < k; i++) {
			const struct lp_qvalue *v = lp_qnode_value(n, i);
			if (i)
				pgb_put(b, ", ");
			if (v->kind == LP_QV_ENUM)
				pgb_text(b, enum_name(f, v->num));
			else if (v->kind == LP_QV_INT)
				pgb_int(b, v->num);
			else
				pgb_text(b, v->text);
		}
		pgb_put(b, ")");
		return;
	}
	pgb_put(b, "(");
	for (size_t i = 0; i < k; i++) {
		if (i)
			pgb_put(b, " OR ");
		pgb_put(b, "(");
		put_value(b, f, lp_qnode_value(n, i), x);
		pgb_put(b, ")");
	}
	pgb_put(b, ")");
}

static int64_t day_start(int64_t day, int tz_minutes)
{
	return day * DAY - (int64_t)tz_minutes * 60;
}

static void put_time(struct pgb *b, const struct lp_qnode *n, const struct lp_query_ctx *x)
{
	enum lp_qfield f = lp_qnode_field(n);
	enum lp_qop op = lp_qnode_op(n);
	const struct lp_qvalue *v = lp_qnode_value(n, 0);
	const char *col = f == LP_QF_DUE ? "k.due_key" : column_of(f);
	pgb_put(b, "(");
	if (f == LP_QF_DUE) /* a case without a clock has the largest due_key */
		pgb_put(b, "k.due_key < 9223372036854775807 AND ");
	pgb_put(b, col);
	if (v->kind == LP_QV_DATE) {
		int64_t start = day_start(v->num, x->tz_minutes);
		switch (op) {
		case LP_QOP_LT: pgb_put(b, " < "); pgb_int(b, start); break;
		case LP_QOP_LE: pgb_put(b, " < "); pgb_int(b, start + DAY); break;
		case LP_QOP_GT: pgb_put(b, " >= "); pgb_int(b, start + DAY); break;
		case LP_QOP_GE: pgb_put(b, " >= "); pgb_int(b, start); break;
		default:
			pgb_put(b, " >= ");
			pgb_int(b, start);
			pgb_put(b, " AND ");
			pgb_put(b, col);
			pgb_put(b, " < ");
			pgb_int(b, start + DAY);
		}
	} else if (f == LP_QF_DUE) {
		pgb_put(b, op_sql(op));
		pgb_int(b, x->now + lp_qvalue_seconds(v));
	} else {
		static const enum lp_qop flip[] = {
			[LP_QOP_LT] = LP_QOP_GT, [LP_QOP_LE] = LP_QOP_GE,
			[LP_QOP_GT] = LP_QOP_LT, [LP_QOP_GE] = LP_QOP_LE,
		};
		pgb_put(b, op_sql(op <= LP_QOP_GE && op >= LP_QOP_LT ? flip[op] : op));
		pgb_int(b, x->now - lp_qvalue_seconds(v));
	}
	pgb_put(b, ")");
}

/* A text term: the search vector matches (false, never NULL, when the
 * view hides the text), and the privacy condition. */
static void put_text(struct pgb *b, const struct lp_qvalue *v, const struct lp_query_ctx *x)
{
	const char *t = v->text ? v->text : "";
	pgb_put(b, "(coalesce(k.search @@ to_tsquery('simple'::regconfig, ");
	pgb_text_own(b, pg_ts_word(t, strlen(t), v->kind == LP_QV_PREFIX));
	pgb_put(b, "), false)");
	pgb_content(b, x);
	pgb_put(b, ")");
}

static void emit(struct pgb *b, const struct lp_qnode *n, const struct lp_query_ctx *x)
{
	switch (lp_qnode_type(n)) {
	case LP_QN_AND:
	case LP_QN_OR: {
		const char *sep = lp_qnode_type(n) == LP_QN_AND ? " AND " : " OR ";
		pgb_put(b, "(");
		for (size_t i = 0; i < lp_qnode_child_count(n); i++) {
			if (i)
				pgb_put(b, sep);
			emit(b, lp_qnode_child(n, i), x);
		}
		pgb_put(b, ")");
		return;
	}
	case LP_QN_NOT:
		pgb_put(b, "NOT (");
		emit(b, lp_qnode_child(n, 0), x);
		pgb_put(b, ")");
		return;
	case LP_QN_TERM:
		break;
	}
	enum lp_qfield f = lp_qnode_field(n);
	enum lp_qop op = lp_qnode_op(n);
	switch (f) {
	case LP_QF_ESCALATED:
		pgb_put(b, "k.escalated_to <> ''");
		return;
	case LP_QF_OVERDUE:
		pgb_put(b, "(k.status IN ('new', 'assigned', 'in_progress') AND k.due_key < ");
		pgb_int(b, x->now);
		pgb_put(b, ")");
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
	pgb_put(b, "(");
	if (op == LP_QOP_IN || op == LP_QOP_EQ) {
		put_list(b, n, x);
	} else {
		pgb_put(b, column_of(f));
		pgb_put(b, op_sql(op));
		pgb_int(b, lp_qnode_value(n, 0)->num);
	}
	put_partial(b, n);
	pgb_put(b, ")");
}

static const char *order_col(enum lp_case_order o)
{
	return o == LP_ORDER_DUE ? "k.due_key" : o == LP_ORDER_UPDATED ? "k.updated_at" : "k.id";
}

enum shape { SHAPE_LIST, SHAPE_COUNT, SHAPE_CAPPED };

static void build(struct pgb *b, const char *rel, const struct lp_case_filter *f,
		  const struct lp_query *q, const struct lp_query_ctx *x, enum shape shape,
		  int64_t cap)
{
	if (shape == SHAPE_COUNT)
		pgb_put(b, "SELECT count(*) FROM ");
	else if (shape == SHAPE_CAPPED)
		pgb_put(b, "SELECT count(*) FROM (SELECT 1 FROM ");
	else
		pgb_put(b, "SELECT " PG_CASE_COLS " FROM ");
	pgb_put(b, rel);
	pgb_put(b, " k WHERE true");
	pgb_filter(b, f, "k.", true);
	const struct lp_qnode *root = q ? lp_query_root(q) : NULL;
	if (root) {
		pgb_put(b, " AND ");
		emit(b, root, x);
	}
	if (shape == SHAPE_CAPPED) {
		pgb_put(b, " LIMIT ");
		pgb_int(b, cap);
		pgb_put(b, ") n");
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
			pgb_put(b, " AND (");
			pgb_put(b, order_col(o));
			pgb_put(b, ", k.id)");
			pgb_put(b, cmp);
			pgb_put(b, "(");
			pgb_int(b, key);
			pgb_put(b, "::bigint, ");
			pgb_int(b, f->after_id);
			pgb_put(b, "::bigint)");
		} else {
			pgb_put(b, " AND k.id");
			pgb_put(b, cmp);
			pgb_int(b, f->after_id);
		}
	}
	pgb_put(b, " ORDER BY ");
	if (o == LP_ORDER_DUE || o == LP_ORDER_UPDATED) {
		pgb_put(b, order_col(o));
		pgb_put(b, dir);
		pgb_put(b, ", ");
	}
	pgb_put(b, "k.id");
	pgb_put(b, dir);
	if (f->limit > 0) {
		pgb_put(b, " LIMIT ");
		pgb_int(b, f->limit);
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
		struct pgb b = { 0 };
		build(&b, rel, &page, q, x, SHAPE_LIST, 0);
		PGresult *r = pgb_run(g, &b, err);
		if (!r)
			return err->code;
		int n = PQntuples(r), stop = 0;
		for (int i = 0; !stop && i < n; i++) {
			struct lp_case c;
			stop = pg_read_case(r, i, &c, err);
			if (stop)
				break;
			page.has_after = true;
			page.after_id = c.id;
			page.after_key = page.order == LP_ORDER_DUE ? c.due_at
					 : page.order == LP_ORDER_UPDATED ? c.updated_at : 0;
			stop = cb(&c, ud);
			lp_case_clear(&c);
		}
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
	struct pgb b = { 0 };
	build(&b, rel, f, q, x, x->count_cap > 0 ? SHAPE_CAPPED : SHAPE_COUNT, x->count_cap);
	PGresult *r = pgb_run(g, &b, err);
	if (!r)
		return err->code;
	*out = pg_int(r, 0, 0);
	PQclear(r);
	return LP_OK;
}
