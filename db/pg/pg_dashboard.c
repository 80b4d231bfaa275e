/* pg_dashboard.c: the supervisor dashboard's aggregates on PostgreSQL,
 * from the tallies kept by triggers (stat_open, stat_day: 002_search.sql),
 * as db/sqlite/sq_dashboard.c: deadlines tallied by UTC day, the partial
 * days at `now` and `soon` counted exactly from the cases due in them. */
#include "i18n.h"
#include "pg_find.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

#define OPEN_MASK ((1u << LP_STATUS_NEW) | (1u << LP_STATUS_POSTPONED) | \
		   (1u << LP_STATUS_ASSIGNED) | (1u << LP_STATUS_IN_PROGRESS))
#define RUNNING_MASK (OPEN_MASK & ~(1u << LP_STATUS_POSTPONED))

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
static int acc_run(struct pg_store *g, struct sqlbuf *b, struct acc *a, struct lp_error *err)
{
	PGresult *r = pgb_run(g, b, err);
	if (!r)
		return err->code;
	for (int i = 0; i < PQntuples(r); i++) {
		struct lp_dash_count *c = acc_row(a, PQgetvalue(r, i, 0));
		if (!c) {
			a->oom = true;
			break;
		}
		c->open += pg_int(r, i, 1);
		c->due_soon += pg_int(r, i, 2);
		c->overdue += pg_int(r, i, 3);
	}
	PQclear(r);
	return a->oom ? pg_oom(err) : LP_OK;
}

static void build_exact(struct sqlbuf *b, const char *rel, const struct lp_case_filter *g,
			const char *key, bool by_officer, int64_t from, int64_t to, bool overdue)
{
	sqlbuf_put(b, "SELECT ");
	sqlbuf_put(b, key);
	sqlbuf_put(b, overdue ? ", 0, 0, count(*)" : ", 0, count(*), 0");
	sqlbuf_put(b, " FROM ");
	sqlbuf_put(b, rel);
	sqlbuf_put(b, " k WHERE k.due_key >= ");
	sqlbuf_int(b, from);
	sqlbuf_put(b, " AND k.due_key < ");
	sqlbuf_int(b, to);
	if (by_officer)
		sqlbuf_put(b, " AND k.assignee <> ''");
	qsql_filter(b, &pg_sql, g, true);
	sqlbuf_put(b, " GROUP BY 1");
}

int pg_dash_counts(struct lp_store *s, const struct lp_case_filter *f, enum lp_dash_by by,
		   int64_t now, int64_t soon, lp_dash_count_cb cb, void *ud, struct lp_error *err)
{
	struct pg_store *pgs = pg(s);
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard: no callback"));
	const char *rel = pg_case_rel(pgs, err);
	if (!rel)
		return err->code;
	struct lp_case_filter g;
	scope_only(f, &g);
	g.status_mask = OPEN_MASK;
	g.scope_status_mask = f ? f->scope_status_mask : 0;
	bool off = by == LP_DASH_BY_OFFICER;
	int64_t dnow = now / DAY, dsoon = soon / DAY;
	struct acc a = { 0 };

	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	sqlbuf_put(&b, off ? "SELECT k.assignee" : "SELECT k.agency");
	sqlbuf_put(&b, ", sum(k.n), sum(CASE WHEN k.status <> 'postponed' AND k.due_day > ");
	sqlbuf_int(&b, dnow);
	sqlbuf_put(&b, " AND k.due_day < ");
	sqlbuf_int(&b, dsoon);
	sqlbuf_put(&b, " THEN k.n ELSE 0 END), sum(CASE WHEN k.status <> 'postponed'"
		    " AND k.due_day >= 0 AND k.due_day < ");
	sqlbuf_int(&b, dnow);
	sqlbuf_put(&b, " THEN k.n ELSE 0 END) FROM stat_open k WHERE k.n <> 0");
	if (off)
		sqlbuf_put(&b, " AND k.assignee <> ''");
	qsql_filter(&b, &pg_sql, &g, true);
	sqlbuf_put(&b, " GROUP BY 1");
	int rc = acc_run(pgs, &b, &a, err);

	const char *key = off ? "k.assignee" : "k.agency";
	struct lp_case_filter r = g;
	r.status_mask = RUNNING_MASK;
	if (!rc) {
		build_exact(&b, rel, &r, key, off, dnow * DAY, now, true);
		rc = acc_run(pgs, &b, &a, err);
	}
	if (!rc) {
		int64_t end = soon < (dnow + 1) * DAY ? soon : (dnow + 1) * DAY;
		build_exact(&b, rel, &r, key, off, now, end, false);
		rc = acc_run(pgs, &b, &a, err);
	}
	if (!rc && dsoon > dnow) {
		build_exact(&b, rel, &r, key, off, dsoon * DAY, soon, false);
		rc = acc_run(pgs, &b, &a, err);
	}
	for (size_t i = 0; !rc && i < a.n; i++)
		if (a.v[i].open > 0)
			rc = cb(&a.v[i], ud);
	for (size_t i = 0; i < a.n; i++)
		free((char *)a.v[i].key);
	free(a.v);
	return rc;
}

int pg_dash_days(struct lp_store *s, const struct lp_case_filter *f, int64_t first_day, int days,
		 int tz_minutes, int64_t *received, int64_t *closed, struct lp_error *err)
{
	(void)tz_minutes; /* stat_day keeps each agency's local days */
	if (days <= 0 || !received || !closed)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard days: missing argument"));
	memset(received, 0, sizeof *received * (size_t)days);
	memset(closed, 0, sizeof *closed * (size_t)days);
	struct lp_case_filter g;
	scope_only(f, &g);
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	sqlbuf_put(&b, "SELECT k.day, sum(k.received), sum(k.closed) FROM stat_day k"
		    " WHERE k.day >= ");
	sqlbuf_int(&b, first_day);
	sqlbuf_put(&b, " AND k.day < ");
	sqlbuf_int(&b, first_day + days);
	qsql_filter(&b, &pg_sql, &g, false);
	sqlbuf_put(&b, " GROUP BY 1");
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
	struct lp_case_filter g;
	scope_only(f, &g);
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	sqlbuf_put(&b, "SELECT coalesce(sum(k.measured), 0), coalesce(sum(k.on_time), 0)"
		    " FROM stat_day k WHERE k.day >= ");
	sqlbuf_int(&b, since_day);
	qsql_filter(&b, &pg_sql, &g, false);
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
	struct pg_store *pgs = pg(s);
	if (!cb || !x)
		return lp_error_set(err, LP_EINTERNAL, _("dashboard titles: missing argument"));
	const char *rel = pg_case_rel(pgs, err);
	if (!rel)
		return err->code;
	struct lp_case_filter g;
	scope_only(f, &g);
	g.scope_status_mask = f ? f->scope_status_mask : 0;
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	sqlbuf_put(&b, "SELECT k.title, k.created_at FROM ");
	sqlbuf_put(&b, rel);
	sqlbuf_put(&b, " k WHERE k.created_at >= ");
	sqlbuf_int(&b, from);
	sqlbuf_put(&b, " AND k.created_at < ");
	sqlbuf_int(&b, to);
	qsql_filter(&b, &pg_sql, &g, true);
	qsql_content(&b, &pg_sql, x);
	sqlbuf_put(&b, " ORDER BY k.created_at DESC");
	if (limit > 0) {
		sqlbuf_put(&b, " LIMIT ");
		sqlbuf_int(&b, limit);
	}
	PGresult *r = pgb_run(pgs, &b, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0; !stop && i < PQntuples(r); i++)
		if (!PQgetisnull(r, i, 0))
			stop = cb(PQgetvalue(r, i, 0), pg_int(r, i, 1), ud);
	PQclear(r);
	return stop;
}
