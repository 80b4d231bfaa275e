/* sq_dashboard.c: the supervisor dashboard's aggregates on SQLite: runs
 * the statements of db/dash_sql.c (from the tallies stat_open, stat_day). */
#include "i18n.h"
#include "dash_sql.h"
#include "sq_find.h"

#include <string.h>

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

/* Rows: key, open, due soon, overdue (added up per key). */
static int acc_add(sqlite3_stmt *st, void *ud)
{
	const char *key = (const char *)sqlite3_column_text(st, 0);
	return dsql_acc_add(ud, key ? key : "", sqlite3_column_int64(st, 1),
			    sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 3));
}

int sq_dash_counts(struct lp_store *s, const struct lp_case_filter *f, enum lp_dash_by by,
		   int64_t now, int64_t soon, lp_dash_count_cb cb, void *ud, struct lp_error *err)
{
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard: no callback"));
	struct sqlbuf b[DSQL_COUNTS_MAX] = { { 0 } };
	int n = dsql_counts(b, &sq_sql, "kase", f, by, now, soon), rc = LP_OK;
	struct dsql_acc a = { 0 };
	for (int i = 0; i < n; i++) {
		if (!rc)
			rc = run_rows(sq(s), &b[i], acc_add, &a, err);
		sqlbuf_free(&b[i]);
	}
	if (rc == -1)
		rc = sq_oom(err);
	return dsql_acc_emit(&a, rc, cb, ud);
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
	struct sqlbuf b = { 0 };
	dsql_days(&b, &sq_sql, f, first_day, days);
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
	struct sqlbuf b = { 0 };
	dsql_ontime(&b, &sq_sql, f, since_day);
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
	struct sqlbuf b = { 0 };
	dsql_titles(&b, &sq_sql, "kase", f, x, from, to, limit);
	struct titles_ctx t = { cb, ud };
	return run_rows(sq(s), &b, title_row, &t, err);
}
