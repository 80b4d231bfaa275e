/* dash_sql.c: the supervisor dashboard's statements (dash_sql.h). */
#include "dash_sql.h"

#include <stdlib.h>
#include <string.h>

#define DAY 86400

/* Open, for the dashboard: the agency still holds the work. */
#define OPEN_MASK ((1u << LP_STATUS_NEW) | (1u << LP_STATUS_POSTPONED) | \
		   (1u << LP_STATUS_ASSIGNED) | (1u << LP_STATUS_IN_PROGRESS))
/* With a running clock (a postponed case's clock is paused). */
#define RUNNING_MASK (OPEN_MASK & ~(1u << LP_STATUS_POSTPONED))

/* Only the scope and agency conditions of f (for tables with an agency
 * column, aliased as the cases are). */
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

/* Appends "<alias>name". */
static void col(struct sqlbuf *b, const struct qsql_dialect *d, const char *name)
{
	sqlbuf_put(b, d->alias);
	sqlbuf_put(b, name);
}

/* Cases with a running clock due in [from, to): exact, from rel. */
static void build_exact(struct sqlbuf *b, const struct qsql_dialect *d, const char *rel,
			const struct lp_case_filter *g, const char *key, bool by_officer,
			int64_t from, int64_t to, bool overdue)
{
	sqlbuf_put(b, "SELECT ");
	col(b, d, key);
	sqlbuf_put(b, overdue ? ", 0, 0, count(*)" : ", 0, count(*), 0");
	sqlbuf_put(b, " FROM ");
	sqlbuf_put(b, rel);
	sqlbuf_put(b, d->as);
	sqlbuf_put(b, " WHERE ");
	col(b, d, "due_key >= ");
	sqlbuf_int(b, from);
	sqlbuf_put(b, " AND ");
	col(b, d, "due_key < ");
	sqlbuf_int(b, to);
	if (by_officer) {
		sqlbuf_put(b, " AND ");
		col(b, d, "assignee <> ''");
	}
	qsql_filter(b, d, g, true);
	sqlbuf_put(b, " GROUP BY 1");
}

int dsql_counts(struct sqlbuf *b, const struct qsql_dialect *d, const char *rel,
		const struct lp_case_filter *f, enum lp_dash_by by, int64_t now, int64_t soon)
{
	struct lp_case_filter g;
	scope_only(f, &g);
	g.status_mask = OPEN_MASK;
	g.scope_status_mask = f ? f->scope_status_mask : 0;
	bool off = by == LP_DASH_BY_OFFICER;
	const char *key = off ? "assignee" : "agency";
	int64_t dnow = now / DAY, dsoon = soon / DAY;

	/* Whole days from the tallies: overdue before today, due soon strictly
	 * between the days of now and soon. */
	sqlbuf_put(&b[0], "SELECT ");
	col(&b[0], d, key);
	sqlbuf_put(&b[0], ", sum(");
	col(&b[0], d, "n), sum(CASE WHEN ");
	col(&b[0], d, "status <> 'postponed' AND ");
	col(&b[0], d, "due_day > ");
	sqlbuf_int(&b[0], dnow);
	sqlbuf_put(&b[0], " AND ");
	col(&b[0], d, "due_day < ");
	sqlbuf_int(&b[0], dsoon);
	sqlbuf_put(&b[0], " THEN ");
	col(&b[0], d, "n ELSE 0 END), sum(CASE WHEN ");
	col(&b[0], d, "status <> 'postponed' AND ");
	col(&b[0], d, "due_day >= 0 AND ");
	col(&b[0], d, "due_day < ");
	sqlbuf_int(&b[0], dnow);
	sqlbuf_put(&b[0], " THEN ");
	col(&b[0], d, "n ELSE 0 END) FROM stat_open");
	sqlbuf_put(&b[0], d->as);
	sqlbuf_put(&b[0], " WHERE ");
	col(&b[0], d, "n <> 0");
	if (off) {
		sqlbuf_put(&b[0], " AND ");
		col(&b[0], d, "assignee <> ''");
	}
	qsql_filter(&b[0], d, &g, true);
	sqlbuf_put(&b[0], " GROUP BY 1");

	/* The partial days, exactly. */
	struct lp_case_filter r = g;
	r.status_mask = RUNNING_MASK;
	int n = 1;
	build_exact(&b[n++], d, rel, &r, key, off, dnow * DAY, now, true);
	int64_t end = soon < (dnow + 1) * DAY ? soon : (dnow + 1) * DAY;
	build_exact(&b[n++], d, rel, &r, key, off, now, end, false);
	if (dsoon > dnow)
		build_exact(&b[n++], d, rel, &r, key, off, dsoon * DAY, soon, false);
	return n;
}

void dsql_days(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_case_filter *f,
	       int64_t first_day, int days)
{
	struct lp_case_filter g;
	scope_only(f, &g);
	sqlbuf_put(b, "SELECT ");
	col(b, d, "day, sum(");
	col(b, d, "received), sum(");
	col(b, d, "closed) FROM stat_day");
	sqlbuf_put(b, d->as);
	sqlbuf_put(b, " WHERE ");
	col(b, d, "day >= ");
	sqlbuf_int(b, first_day);
	sqlbuf_put(b, " AND ");
	col(b, d, "day < ");
	sqlbuf_int(b, first_day + days);
	qsql_filter(b, d, &g, false);
	sqlbuf_put(b, " GROUP BY 1");
}

void dsql_ontime(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_case_filter *f,
		 int64_t since_day)
{
	struct lp_case_filter g;
	scope_only(f, &g);
	sqlbuf_put(b, "SELECT coalesce(sum(");
	col(b, d, "measured), 0), coalesce(sum(");
	col(b, d, "on_time), 0) FROM stat_day");
	sqlbuf_put(b, d->as);
	sqlbuf_put(b, " WHERE ");
	col(b, d, "day >= ");
	sqlbuf_int(b, since_day);
	qsql_filter(b, d, &g, false);
}

void dsql_titles(struct sqlbuf *b, const struct qsql_dialect *d, const char *rel,
		 const struct lp_case_filter *f, const struct lp_query_ctx *x, int64_t from,
		 int64_t to, int limit)
{
	struct lp_case_filter g;
	scope_only(f, &g);
	g.scope_status_mask = f ? f->scope_status_mask : 0;
	sqlbuf_put(b, "SELECT ");
	col(b, d, "title, ");
	col(b, d, "created_at FROM ");
	sqlbuf_put(b, rel);
	sqlbuf_put(b, d->as);
	sqlbuf_put(b, " WHERE ");
	col(b, d, "created_at >= ");
	sqlbuf_int(b, from);
	sqlbuf_put(b, " AND ");
	col(b, d, "created_at < ");
	sqlbuf_int(b, to);
	qsql_filter(b, d, &g, true);
	qsql_content(b, d, x);
	sqlbuf_put(b, " ORDER BY ");
	col(b, d, "created_at DESC");
	if (limit > 0) {
		sqlbuf_put(b, " LIMIT ");
		sqlbuf_int(b, limit);
	}
}

int dsql_acc_add(struct dsql_acc *a, const char *key, int64_t open, int64_t due_soon,
		 int64_t overdue)
{
	struct lp_dash_count *r = NULL;
	for (size_t i = 0; !r && i < a->n; i++)
		if (strcmp(a->v[i].key, key) == 0)
			r = &a->v[i];
	if (!r) {
		if (a->n == a->cap) {
			size_t cap = a->cap ? a->cap * 2 : 64;
			void *p = realloc(a->v, cap * sizeof *a->v);
			if (!p)
				return -1;
			a->v = p;
			a->cap = cap;
		}
		char *k = strdup(key);
		if (!k)
			return -1;
		a->v[a->n] = (struct lp_dash_count){ k, 0, 0, 0 };
		r = &a->v[a->n++];
	}
	r->open += open;
	r->due_soon += due_soon;
	r->overdue += overdue;
	return 0;
}

int dsql_acc_emit(struct dsql_acc *a, int rc, lp_dash_count_cb cb, void *ud)
{
	for (size_t i = 0; !rc && i < a->n; i++)
		if (a->v[i].open > 0)
			rc = cb(&a->v[i], ud);
	for (size_t i = 0; i < a->n; i++)
		free((char *)a->v[i].key);
	free(a->v);
	*a = (struct dsql_acc){ 0 };
	return rc;
}
