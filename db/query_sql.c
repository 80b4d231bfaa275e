/* query_sql.c: the query tree, the case filter and the privacy condition
 * of a query context as SQL conditions (query_sql.h), for both backends.
 *
 * Terms: lists become IN (...) or ORs of one fragment per value; a prefix
 * ("31.*") becomes a range (col >= p AND col < p || top), which an index
 * can read and which is case-sensitive, unlike LIKE; dates are local days
 * in x->tz_minutes; durations count from x->now; a text term is the
 * dialect's full-text match with the privacy condition of x, so "-word"
 * never tells anything about a secret case's text either. */
#include "query_sql.h"

#include "model.h"

#define DAY 86400
#define ALL ((1u << LP_STATUS_COUNT) - 1u) /* every status */

static bool set(const char *s)
{
	return s && *s;
}

/* Appends the case table's column `name` ("status" -> "c.status"). */
static void col(struct sqlbuf *b, const struct qsql_dialect *d, const char *name)
{
	sqlbuf_put(b, d->alias);
	sqlbuf_put(b, name);
}

/* " AND <alias>name op" */
static void cond(struct sqlbuf *b, const struct qsql_dialect *d, const char *name, const char *op)
{
	sqlbuf_put(b, " AND ");
	col(b, d, name);
	sqlbuf_put(b, op);
}

void qsql_under_path(struct sqlbuf *b, const struct qsql_dialect *d, const char *path)
{
	cond(b, d, "agency", " IN (SELECT code FROM agency WHERE path >= ");
	sqlbuf_text(b, path);
	sqlbuf_put(b, d->cast);
	sqlbuf_put(b, " AND path < ");
	sqlbuf_text(b, path);
	sqlbuf_put(b, d->cast);
	sqlbuf_put(b, d->top);
	sqlbuf_put(b, ")");
}

unsigned qsql_statuses(const struct lp_case_filter *f)
{
	unsigned m = f->status_mask ? f->status_mask & ALL : ALL;
	if (f->scope_status_mask)
		m &= f->scope_status_mask;
	return m;
}

size_t qsql_text_terms(const struct lp_qnode *n)
{
	if (!n)
		return 0;
	if (lp_qnode_type(n) == LP_QN_TERM)
		return lp_qnode_field(n) == LP_QF_TEXT;
	size_t count = 0;
	for (size_t i = 0; i < lp_qnode_child_count(n); i++)
		count += qsql_text_terms(lp_qnode_child(n, i));
	return count;
}

bool qsql_has_text(const struct lp_qnode *n)
{
	return qsql_text_terms(n) > 0;
}

const struct lp_qnode *qsql_text_driver(const struct lp_qnode *root)
{
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

void qsql_status_in(struct sqlbuf *b, const struct qsql_dialect *d, unsigned m)
{
	cond(b, d, "status", " IN (");
	const char *sep = "";
	for (int i = 0; i < LP_STATUS_COUNT; i++) {
		if (!(m & 1u << i))
			continue;
		sqlbuf_put(b, sep);
		sqlbuf_text(b, lp_status_name((enum lp_status)i));
		sep = ", ";
	}
	sqlbuf_put(b, ")");
}

void qsql_filter(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_case_filter *f,
		 bool with_status)
{
	if (with_status) {
		unsigned m = qsql_statuses(f);
		if (!m) {
			sqlbuf_put(b, " AND ");
			sqlbuf_put(b, d->no);
		} else if (m != ALL) {
			qsql_status_in(b, d, m);
		}
	}
	if (set(f->scope_path))
		qsql_under_path(b, d, f->scope_path);
	if (f->scope_agency) {
		cond(b, d, "agency", " = ");
		sqlbuf_text(b, f->scope_agency);
	}
	if (set(f->under_path))
		qsql_under_path(b, d, f->under_path);
	if (set(f->agency)) {
		cond(b, d, "agency", " = ");
		sqlbuf_text(b, f->agency);
	}
	if (set(f->assignee)) {
		cond(b, d, "assignee", " = ");
		sqlbuf_text(b, f->assignee);
		cond(b, d, "assignee", " <> ''");
	} else if (f->assignee) {
		cond(b, d, "assignee", " = ''");
	}
	if (f->kind >= 0) {
		cond(b, d, "kind", " = ");
		sqlbuf_text(b, lp_kind_name((enum lp_kind)f->kind));
	}
	if (f->privacy >= 0) {
		cond(b, d, "privacy", " = ");
		sqlbuf_text(b, lp_privacy_name((enum lp_privacy)f->privacy));
	}
	if (set(f->escalated_to)) {
		cond(b, d, "escalated_to", " = ");
		sqlbuf_text(b, f->escalated_to);
		cond(b, d, "escalated_to", " <> ''");
	}
	if (f->due_before) {
		cond(b, d, "due_key", " < ");
		sqlbuf_int(b, f->due_before);
	}
	if (f->updated_after) {
		cond(b, d, "updated_at", " >= ");
		sqlbuf_int(b, f->updated_after);
	}
}

void qsql_content(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_query_ctx *x)
{
	if (x->content_all)
		return;
	if (!set(x->content_agency)) {
		cond(b, d, "privacy", " <> 'secret'");
		return;
	}
	sqlbuf_put(b, " AND (");
	col(b, d, "privacy");
	sqlbuf_put(b, " <> 'secret' OR ");
	col(b, d, "agency");
	sqlbuf_put(b, " = ");
	sqlbuf_text(b, x->content_agency);
	sqlbuf_put(b, ")");
}

/* The column of a field, without the alias. */
static const char *column_of(enum lp_qfield f)
{
	switch (f) {
	case LP_QF_STATUS: return "status";
	case LP_QF_AGENCY: return "agency";
	case LP_QF_KIND: return "kind";
	case LP_QF_CHANNEL: return "channel";
	case LP_QF_CATEGORY: return "category";
	case LP_QF_REGION: return "region";
	case LP_QF_ASSIGNEE: return "assignee";
	case LP_QF_PRIVACY: return "privacy";
	case LP_QF_PRIORITY: return "priority";
	case LP_QF_ID: return "id";
	case LP_QF_TRACKING: return "tracking_id";
	case LP_QF_CREATED: return "created_at";
	case LP_QF_UPDATED: return "updated_at";
	case LP_QF_AGE: return "created_at";
	case LP_QF_DUE: return "due_key";
	default: return "id";
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
static void put_value(struct sqlbuf *b, const struct qsql_dialect *d, enum lp_qfield f,
		      const struct lp_qvalue *v, const struct lp_query_ctx *x)
{
	const char *name = column_of(f);
	if (f == LP_QF_UNDER) {
		col(b, d, "agency IN (SELECT a.code FROM agency u JOIN agency a"
			  " ON a.path >= u.path AND a.path < u.path");
		sqlbuf_put(b, d->top);
		sqlbuf_put(b, " WHERE u.code = ");
		sqlbuf_text(b, v->text);
		sqlbuf_put(b, d->cast);
		sqlbuf_put(b, ")");
		return;
	}
	col(b, d, name);
	switch (v->kind) {
	case LP_QV_PREFIX:
		/* Byte order: the collation "C" on PostgreSQL, SQLite's own. */
		sqlbuf_put(b, d->collate);
		sqlbuf_put(b, " >= ");
		sqlbuf_text(b, v->text);
		sqlbuf_put(b, d->cast);
		sqlbuf_put(b, " AND ");
		col(b, d, name);
		sqlbuf_put(b, d->collate);
		sqlbuf_put(b, " < ");
		sqlbuf_text(b, v->text);
		sqlbuf_put(b, d->cast);
		sqlbuf_put(b, d->top);
		return;
	case LP_QV_ENUM:
		sqlbuf_put(b, " = ");
		sqlbuf_text(b, enum_name(f, v->num));
		return;
	case LP_QV_INT:
		sqlbuf_put(b, " = ");
		sqlbuf_int(b, v->num);
		return;
	case LP_QV_ME:
		sqlbuf_put(b, " = ");
		sqlbuf_text(b, x->me && *x->me ? x->me : "\x01");
		cond(b, d, "assignee", " <> ''"); /* the partial index's term */
		return;
	case LP_QV_NONE:
		sqlbuf_put(b, " = ''");
		return;
	default:
		sqlbuf_put(b, " = ");
		sqlbuf_text(b, v->text);
		if (f == LP_QF_ASSIGNEE)
			cond(b, d, "assignee", " <> ''");
		return;
	}
}

/* The literal term of a partial index (002_search.sql) when every value
 * of the term implies it: priority > 0, privacy <> 'public'. */
static void put_partial(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_qnode *n)
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
		cond(b, d, f == LP_QF_PRIORITY ? "priority" : "privacy",
		     f == LP_QF_PRIORITY ? " > 0" : " <> 'public'");
}

/* field:a,b,c as "(v1 OR v2 ...)", or "col IN (...)" for plain values. */
static void put_list(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_qnode *n,
		     const struct lp_query_ctx *x)
{
	enum lp_qfield f = lp_qnode_field(n);
	size_t k = lp_qnode_value_count(n);
	bool plain = f != LP_QF_UNDER;
	for (size_t i = 0; i < k && plain; i++) {
		enum lp_qvalue_kind vk = lp_qnode_value(n, i)->kind;
		plain = vk != LP_QV_PREFIX && vk != LP_QV_ME && vk != LP_QV_NONE;
	}
	if (plain && k > 1) {
		col(b, d, column_of(f));
		sqlbuf_put(b, " IN (");
		for (size_t i = 0; i < k; i++) {
			const struct lp_qvalue *v = lp_qnode_value(n, i);
			if (i)
				sqlbuf_put(b, ", ");
			if (v->kind == LP_QV_ENUM)
				sqlbuf_text(b, enum_name(f, v->num));
			else if (v->kind == LP_QV_INT)
				sqlbuf_int(b, v->num);
			else
				sqlbuf_text(b, v->text);
		}
		sqlbuf_put(b, ")");
		return;
	}
	sqlbuf_put(b, "(");
	for (size_t i = 0; i < k; i++) {
		if (i)
			sqlbuf_put(b, " OR ");
		sqlbuf_put(b, "(");
		put_value(b, d, f, lp_qnode_value(n, i), x);
		sqlbuf_put(b, ")");
	}
	sqlbuf_put(b, ")");
}

/* The first second of local day `day` in the zone. */
static int64_t day_start(int64_t day, int tz_minutes)
{
	return day * DAY - (int64_t)tz_minutes * 60;
}

/* due, created, updated, age with a comparison (or ':' / '=' on a date). */
static void put_time(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_qnode *n,
		     const struct lp_query_ctx *x)
{
	enum lp_qfield f = lp_qnode_field(n);
	enum lp_qop op = lp_qnode_op(n);
	const struct lp_qvalue *v = lp_qnode_value(n, 0);
	const char *name = column_of(f);
	sqlbuf_put(b, "(");
	/* Every status: lets SQLite read (status, due_key) or (status,
	 * updated_at) for a narrow range instead of the whole table. */
	if (d->status_term && (f == LP_QF_DUE || f == LP_QF_UPDATED)) {
		col(b, d, "status IN ('new', 'postponed', 'assigned', 'in_progress',"
			  " 'responded', 'closed', 'archived') AND ");
	}
	/* A case without a clock has the largest due_key: excluded within the
	 * index, without reading the row. */
	if (f == LP_QF_DUE)
		col(b, d, "due_key < 9223372036854775807 AND ");
	col(b, d, name);
	if (v->kind == LP_QV_DATE) {
		int64_t start = day_start(v->num, x->tz_minutes);
		switch (op) {
		case LP_QOP_LT: sqlbuf_put(b, " < "); sqlbuf_int(b, start); break;
		case LP_QOP_LE: sqlbuf_put(b, " < "); sqlbuf_int(b, start + DAY); break;
		case LP_QOP_GT: sqlbuf_put(b, " >= "); sqlbuf_int(b, start + DAY); break;
		case LP_QOP_GE: sqlbuf_put(b, " >= "); sqlbuf_int(b, start); break;
		default:
			sqlbuf_put(b, " >= ");
			sqlbuf_int(b, start);
			sqlbuf_put(b, " AND ");
			col(b, d, name);
			sqlbuf_put(b, " < ");
			sqlbuf_int(b, start + DAY);
		}
	} else if (f == LP_QF_DUE) {
		/* Forward from now: due<2d is due_at < now + 2d. */
		sqlbuf_put(b, op_sql(op));
		sqlbuf_int(b, x->now + lp_qvalue_seconds(v));
	} else {
		/* Backward from now: age>7d is created_at < now - 7d. */
		static const enum lp_qop flip[] = {
			[LP_QOP_LT] = LP_QOP_GT, [LP_QOP_LE] = LP_QOP_GE,
			[LP_QOP_GT] = LP_QOP_LT, [LP_QOP_GE] = LP_QOP_LE,
		};
		sqlbuf_put(b, op_sql(op <= LP_QOP_GE && op >= LP_QOP_LT ? flip[op] : op));
		sqlbuf_int(b, x->now - lp_qvalue_seconds(v));
	}
	sqlbuf_put(b, ")");
}

void qsql_cond(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_qnode *n,
	       const struct lp_query_ctx *x, const struct lp_qnode *driver)
{
	if (n == driver) {
		sqlbuf_put(b, "(");
		sqlbuf_put(b, d->yes);
		qsql_content(b, d, x);
		sqlbuf_put(b, ")");
		return;
	}
	switch (lp_qnode_type(n)) {
	case LP_QN_AND:
	case LP_QN_OR: {
		const char *sep = lp_qnode_type(n) == LP_QN_AND ? " AND " : " OR ";
		sqlbuf_put(b, "(");
		for (size_t i = 0; i < lp_qnode_child_count(n); i++) {
			if (i)
				sqlbuf_put(b, sep);
			qsql_cond(b, d, lp_qnode_child(n, i), x, driver);
		}
		sqlbuf_put(b, ")");
		return;
	}
	case LP_QN_NOT:
		sqlbuf_put(b, "NOT (");
		qsql_cond(b, d, lp_qnode_child(n, 0), x, driver);
		sqlbuf_put(b, ")");
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
		col(b, d, "escalated_to <> ''");
		return;
	case LP_QF_OVERDUE:
		/* A running clock of the agency's past due (not the citizen's
		 * feedback window; a paused clock is a postponed case's). */
		sqlbuf_put(b, "(");
		col(b, d, "status IN ('new', 'assigned', 'in_progress')");
		cond(b, d, "due_key", " < ");
		sqlbuf_int(b, x->now);
		sqlbuf_put(b, ")");
		return;
	case LP_QF_TEXT:
		/* title and body match, and the privacy condition */
		sqlbuf_put(b, "(");
		d->match(b, lp_qnode_value(n, 0));
		qsql_content(b, d, x);
		sqlbuf_put(b, ")");
		return;
	case LP_QF_DUE:
	case LP_QF_AGE:
	case LP_QF_CREATED:
	case LP_QF_UPDATED:
		put_time(b, d, n, x);
		return;
	default:
		break;
	}
	sqlbuf_put(b, "(");
	if (op == LP_QOP_IN || op == LP_QOP_EQ) {
		put_list(b, d, n, x);
	} else { /* priority, id with a comparison */
		col(b, d, column_of(f));
		sqlbuf_put(b, op_sql(op));
		sqlbuf_int(b, lp_qnode_value(n, 0)->num);
	}
	put_partial(b, d, n);
	sqlbuf_put(b, ")");
}

static bool space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

const char *qsql_word(const char **p, size_t *len, bool *prefix)
{
	const char *s = *p;
	while (*s) {
		while (space(*s))
			s++;
		const char *w = s;
		while (*s && !space(*s))
			s++;
		size_t n = (size_t)(s - w);
		bool pre = n > 1 && w[n - 1] == '*';
		if (pre)
			n--;
		if (n == 0 || (n == 1 && *w == '*'))
			continue;
		*p = s;
		*len = n;
		*prefix = pre;
		return w;
	}
	*p = s;
	return NULL;
}

/* Open statuses of the duplicate finder. */
#define OPEN_IN "('new', 'postponed', 'assigned', 'in_progress', 'responded')"

static void similar_arm(struct sqlbuf *b, const struct qsql_dialect *d, const char *head,
			const char *rel, const struct lp_case_filter *f, int64_t id,
			const char *name, const char *value, int limit)
{
	sqlbuf_put(b, head);
	sqlbuf_put(b, rel);
	sqlbuf_put(b, d->as);
	sqlbuf_put(b, " WHERE ");
	col(b, d, name);
	sqlbuf_put(b, " = ");
	sqlbuf_text(b, value);
	cond(b, d, "status", " IN " OPEN_IN);
	cond(b, d, "id", " <> ");
	sqlbuf_int(b, id);
	qsql_filter(b, d, f, true);
	sqlbuf_put(b, " ORDER BY ");
	col(b, d, "id DESC LIMIT ");
	sqlbuf_int(b, limit);
	sqlbuf_put(b, ")");
}

void qsql_similar(struct sqlbuf *b, const struct qsql_dialect *d, const char *head,
		  const char *rel, const struct lp_case_filter *f, int64_t id, const char *region,
		  const char *category, int limit)
{
	if (set(region))
		similar_arm(b, d, head, rel, f, id, "region", region, limit);
	if (set(region) && set(category))
		sqlbuf_put(b, " UNION ");
	if (set(category))
		similar_arm(b, d, head, rel, f, id, "category", category, limit);
}
