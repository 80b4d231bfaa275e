/* pg_dashboard.c: the supervisor dashboard's aggregates on PostgreSQL:
 * runs the statements of db/dash_sql.c (from the tallies stat_open,
 * stat_day) over the officer's relation of cases. */
#include "i18n.h"
#include "dash_sql.h"
#include "pg_find.h"

#include <string.h>

int pg_dash_counts(struct lp_store *s, const struct lp_case_filter *f, enum lp_dash_by by,
		   int64_t now, int64_t soon, lp_dash_count_cb cb, void *ud, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard: no callback"));
	const char *rel = pg_case_rel(g, err);
	if (!rel)
		return err->code;
	struct sqlbuf b[DSQL_COUNTS_MAX];
	for (int i = 0; i < DSQL_COUNTS_MAX; i++)
		b[i] = (struct sqlbuf)SQLBUF_INIT_DOLLAR;
	int n = dsql_counts(b, &pg_sql, rel, f, by, now, soon), rc = LP_OK;
	struct dsql_acc a = { 0 };
	for (int i = 0; i < n; i++) {
		/* Rows: key, open, due soon, overdue (added up per key). */
		PGresult *r = rc ? NULL : pgb_run(g, &b[i], err);
		if (!rc && !r)
			rc = err->code;
		for (int k = 0; r && !rc && k < PQntuples(r); k++)
			if (dsql_acc_add(&a, PQgetvalue(r, k, 0), pg_int(r, k, 1), pg_int(r, k, 2),
					 pg_int(r, k, 3)))
				rc = pg_oom(err);
		PQclear(r);
		sqlbuf_free(&b[i]);
	}
	return dsql_acc_emit(&a, rc, cb, ud);
}

int pg_dash_days(struct lp_store *s, const struct lp_case_filter *f, int64_t first_day, int days,
		 int tz_minutes, int64_t *received, int64_t *closed, struct lp_error *err)
{
	(void)tz_minutes; /* stat_day keeps each agency's local days */
	if (days <= 0 || !received || !closed)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard days: missing argument"));
	memset(received, 0, sizeof *received * (size_t)days);
	memset(closed, 0, sizeof *closed * (size_t)days);
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	dsql_days(&b, &pg_sql, f, first_day, days);
	PGresult *r = pgb_run(pg(s), &b, err);
	if (!r)
		return err->code;
	for (int i = 0; i < PQntuples(r); i++) {
		int64_t d = pg_int(r, i, 0) - first_day;
		if (d >= 0 && d < days) {
			received[d] += pg_int(r, i, 1);
			closed[d] += pg_int(r, i, 2);
		}
	}
	PQclear(r);
	return LP_OK;
}

int pg_dash_ontime(struct lp_store *s, const struct lp_case_filter *f, int64_t since_day,
		   int64_t *on_time, int64_t *measured, struct lp_error *err)
{
	if (!on_time || !measured)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard on-time: missing argument"));
	*on_time = *measured = 0;
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	dsql_ontime(&b, &pg_sql, f, since_day);
	PGresult *r = pgb_run(pg(s), &b, err);
	if (!r)
		return err->code;
	if (PQntuples(r) > 0) {
		*measured = pg_int(r, 0, 0);
		*on_time = pg_int(r, 0, 1);
	}
	PQclear(r);
	return LP_OK;
}

int pg_dash_titles(struct lp_store *s, const struct lp_case_filter *f,
		   const struct lp_query_ctx *x, int64_t from, int64_t to, int limit,
		   lp_text_cb cb, void *ud, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	if (!cb || !x)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard titles: missing argument"));
	const char *rel = pg_case_rel(g, err);
	if (!rel)
		return err->code;
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	dsql_titles(&b, &pg_sql, rel, f, x, from, to, limit);
	PGresult *r = pgb_run(g, &b, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0; !stop && i < PQntuples(r); i++)
		if (!PQgetisnull(r, i, 0))
			stop = cb(PQgetvalue(r, i, 0), pg_int(r, i, 1), ud);
	PQclear(r);
	return stop;
}
