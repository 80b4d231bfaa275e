/* sq_dashboard.c: the supervisor dashboard's aggregates, from the tallies
 * the schema keeps by triggers (stat_open, stat_day: 002_search.sql), so
 * the dashboard of the whole nation reads thousands of rows, not the
 * million cases.  Deadlines are tallied by UTC day; the partial days at
 * `now` and `soon` are counted exactly from the cases due in them. */
#include "i18n.h"
#include "sq_find.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

/* Open, for the dashboard: the agency still holds the work. */
#define OPEN_MASK ((1u << LP_STATUS_NEW) | (1u << LP_STATUS_POSTPONED) | \
		   (1u << LP_STATUS_ASSIGNED) | (1u << LP_STATUS_IN_PROGRESS))
/* With a running clock (a postponed case's clock is paused). */
#define RUNNING_MASK (OPEN_MASK & ~(1u << LP_STATUS_POSTPONED))

/* Only the scope and agency conditions of f (for tables aliased "c" with
 * an agency column). */
static void scope_only(const struct lp_case_filter *f, struct lp_case_filter *out)
{
	lp_case_filter_init(out);
	if (!f)
		return;
	out->scope_path = f->scope_path;
	out->scope_agency = f->scope_agency;
	out->under_path = f->under_path;
	out->agency = f->agency;
}

static int run_rows(struct sq_store *q, struct sqlbuf *b, int (*row)(sqlite3_stmt *, void *),
		    void *ctx, struct lp_error *err)
{
	sqlite3_stmt *st = sqb_prepare(q, b, err);
	int rc = st ? LP_OK : err->code, stop = 0;
	while (st && (rc = sq_step(q, st, err)) == SQLITE_ROW)
		if ((stop = row(st, ctx)) != 0)
			break;
	sqlite3_finalize(st);
	sqlbuf_free(b);
	return stop ? stop : rc < 0 ? -rc : rc == SQLITE_DONE ? LP_OK : rc;
}

struct acc {
	struct lp_dash_count *v; /* keys malloc'd */
	size_t n, cap;
	bool oom;
};

static struct lp_dash_count *acc_row(struct acc *a, const char *key)
{
	for (size_t i = 0; i < a->n; i++)
		if (strcmp(a->v[i].key, key) == 0)
			return &a->v[i];
	if (a->n == a->cap) {
		size_t cap = a->cap ? a->cap * 2 : 64;
		void *p = realloc(a->v, cap * sizeof *a->v);
		if (!p)
			return NULL;
		a->v = p;
		a->cap = cap;
	}
	char *k = strdup(key);
	if (!k)
		return NULL;
	a->v[a->n] = (struct lp_dash_count){ k, 0, 0, 0 };
	return &a->v[a->n++];
}

/* Rows: key, open, due soon, overdue (added up per key). */
static int acc_add(sqlite3_stmt *st, void *ud)
{
	struct acc *a = ud;
	const char *key = (const char *)sqlite3_column_text(st, 0);
	struct lp_dash_count *r = acc_row(a, key ? key : "");
	if (!r) {
		a->oom = true;
		return -1;
	}
	r->open += sqlite3_column_int64(st, 1);
	r->due_soon += sqlite3_column_int64(st, 2);
	r->overdue += sqlite3_column_int64(st, 3);
	return 0;
}

/* Cases with a running clock due in [from, to): exact, from kase. */
static void build_exact(struct sqlbuf *b, const struct lp_case_filter *g, const char *key,
			bool by_officer, int64_t from, int64_t to, bool overdue)
{
	sqlbuf_put(b, "SELECT ");
	sqlbuf_put(b, key);
	sqlbuf_put(b, overdue ? ", 0, 0, count(*)" : ", 0, count(*), 0");
	sqlbuf_put(b, " FROM kase c WHERE c.due_key >= ");
	sqlbuf_int(b, from);
	sqlbuf_put(b, " AND c.due_key < ");
	sqlbuf_int(b, to);
	if (by_officer)
		sqlbuf_put(b, " AND c.assignee <> ''");
	qsql_filter(b, &sq_sql, g, true);
	sqlbuf_put(b, " GROUP BY 1");
}

int sq_dash_counts(struct lp_store *s, const struct lp_case_filter *f, enum lp_dash_by by,
		   int64_t now, int64_t soon, lp_dash_count_cb cb, void *ud, struct lp_error *err)
{
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, "dashboard: no callback");
	struct lp_case_filter g;
	scope_only(f, &g);
	g.status_mask = OPEN_MASK;
	g.scope_status_mask = f ? f->scope_status_mask : 0;
	bool off = by == LP_DASH_BY_OFFICER;
	const char *key = off ? "c.assignee" : "c.agency";
	int64_t dnow = now / DAY, dsoon = soon / DAY;
	struct acc a = { 0 };

	/* Whole days from the tallies: overdue before today, due soon strictly
	 * between the days of now and soon. */
	struct sqlbuf b = { 0 };
	sqlbuf_put(&b, "SELECT ");
	sqlbuf_put(&b, key);
	sqlbuf_put(&b, ", sum(c.n), sum(CASE WHEN c.status <> 'postponed' AND c.due_day > ");
	sqlbuf_int(&b, dnow);
	sqlbuf_put(&b, " AND c.due_day < ");
	sqlbuf_int(&b, dsoon);
	sqlbuf_put(&b, " THEN c.n ELSE 0 END), sum(CASE WHEN c.status <> 'postponed'"
		    " AND c.due_day >= 0 AND c.due_day < ");
	sqlbuf_int(&b, dnow);
	sqlbuf_put(&b, " THEN c.n ELSE 0 END) FROM stat_open c WHERE c.n <> 0");
	if (off)
		sqlbuf_put(&b, " AND c.assignee <> ''");
	qsql_filter(&b, &sq_sql, &g, true);
	sqlbuf_put(&b, " GROUP BY 1");
	int rc = run_rows(sq(s), &b, acc_add, &a, err);

	/* The partial days, exactly. */
	struct lp_case_filter r = g;
	r.status_mask = RUNNING_MASK;
	if (!rc) {
		build_exact(&b, &r, key, off, dnow * DAY, now, true);
		rc = run_rows(sq(s), &b, acc_add, &a, err);
	}
	if (!rc) {
		int64_t end = soon < (dnow + 1) * DAY ? soon : (dnow + 1) * DAY;
		build_exact(&b, &r, key, off, now, end, false);
		rc = run_rows(sq(s), &b, acc_add, &a, err);
	}
	if (!rc && dsoon > dnow) {
		build_exact(&b, &r, key, off, dsoon * DAY, soon, false);
		rc = run_rows(sq(s), &b, acc_add, &a, err);
	}
	if (a.oom)
		rc = sq_oom(err);
	for (size_t i = 0; !rc && i < a.n; i++)
		if (a.v[i].open > 0)
			rc = cb(&a.v[i], ud);
	for (size_t i = 0; i < a.n; i++)
		free((char *)a.v[i].key);
	free(a.v);
	return rc;
}

struct days_ctx {
	int64_t first;
	int days;
	int64_t *received, *closed;
};

static int day_row(sqlite3_stmt *st, void *ctx)
{
	struct days_ctx *x = ctx;
	int64_t i = sqlite3_column_int64(st, 0) - x->first;
	if (i >= 0 && i < x->days) {
		x->received[i] += sqlite3_column_int64(st, 1);
		x->closed[i] += sqlite3_column_int64(st, 2);
	}
	return 0;
}

int sq_dash_days(struct lp_store *s, const struct lp_case_filter *f, int64_t first_day, int days,
		 int tz_minutes, int64_t *received, int64_t *closed, struct lp_error *err)
{
	(void)tz_minutes; /* stat_day keeps each agency's local days */
	if (days <= 0 || !received || !closed)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard days: missing argument"));
	memset(received, 0, sizeof *received * (size_t)days);
	memset(closed, 0, sizeof *closed * (size_t)days);
	struct lp_case_filter g;
	scope_only(f, &g);
	struct sqlbuf b = { 0 };
	sqlbuf_put(&b, "SELECT c.day, sum(c.received), sum(c.closed) FROM stat_day c WHERE c.day >= ");
	sqlbuf_int(&b, first_day);
	sqlbuf_put(&b, " AND c.day < ");
	sqlbuf_int(&b, first_day + days);
	qsql_filter(&b, &sq_sql, &g, false);
	sqlbuf_put(&b, " GROUP BY 1");
	struct days_ctx x = { first_day, days, received, closed };
	return run_rows(sq(s), &b, day_row, &x, err);
}

struct ontime_ctx {
	int64_t *on_time, *measured;
};

static int ontime_row(sqlite3_stmt *st, void *ctx)
{
	struct ontime_ctx *x = ctx;
	*x->measured = sqlite3_column_int64(st, 0);
	*x->on_time = sqlite3_column_int64(st, 1);
	return 0;
}

int sq_dash_ontime(struct lp_store *s, const struct lp_case_filter *f, int64_t since_day,
		   int64_t *on_time, int64_t *measured, struct lp_error *err)
{
	if (!on_time || !measured)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard on-time: missing argument"));
	*on_time = *measured = 0;
	struct lp_case_filter g;
	scope_only(f, &g);
	struct sqlbuf b = { 0 };
	sqlbuf_put(&b, "SELECT coalesce(sum(c.measured), 0), coalesce(sum(c.on_time), 0)"
		    " FROM stat_day c WHERE c.day >= ");
	sqlbuf_int(&b, since_day);
	qsql_filter(&b, &sq_sql, &g, false);
	struct ontime_ctx x = { on_time, measured };
	return run_rows(sq(s), &b, ontime_row, &x, err);
}

struct titles_ctx {
	lp_text_cb cb;
	void *ud;
};

static int title_row(sqlite3_stmt *st, void *ctx)
{
	struct titles_ctx *x = ctx;
	const char *t = (const char *)sqlite3_column_text(st, 0);
	return t ? x->cb(t, sqlite3_column_int64(st, 1), x->ud) : 0;
}

int sq_dash_titles(struct lp_store *s, const struct lp_case_filter *f,
		   const struct lp_query_ctx *x, int64_t from, int64_t to, int limit,
		   lp_text_cb cb, void *ud, struct lp_error *err)
{
	if (!cb || !x)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard titles: missing argument"));
	struct lp_case_filter g;
	scope_only(f, &g);
	g.scope_status_mask = f ? f->scope_status_mask : 0;
	struct sqlbuf b = { 0 };
	sqlbuf_put(&b, "SELECT c.title, c.created_at FROM kase c WHERE c.created_at >= ");
	sqlbuf_int(&b, from);
	sqlbuf_put(&b, " AND c.created_at < ");
	sqlbuf_int(&b, to);
	qsql_filter(&b, &sq_sql, &g, true);
	qsql_content(&b, &sq_sql, x);
	sqlbuf_put(&b, " ORDER BY c.created_at DESC");
	if (limit > 0) {
		sqlbuf_put(&b, " LIMIT ");
		sqlbuf_int(&b, limit);
	}
	struct titles_ctx t = { cb, ud };
	return run_rows(sq(s), &b, title_row, &t, err);
}
