/* dash_sql.h: the supervisor dashboard's statements (store.h's dash_*
 * ops) for both backends, from the tallies the schema keeps by triggers
 * (stat_open, stat_day: 002_search.sql), so the dashboard of the whole
 * nation reads thousands of rows, not the million cases.  Deadlines are
 * tallied by UTC day; the partial days at `now` and `soon` are counted
 * exactly from the cases due in them.  Each backend runs the statements
 * and feeds the counting rows to a struct dsql_acc. */
#ifndef LAPOR_DASH_SQL_H
#define LAPOR_DASH_SQL_H

#include <stdbool.h>
#include <stdint.h>

#include "query_sql.h"
#include "store.h"

#define DSQL_COUNTS_MAX 4

/* The statements of dash_counts into b[0..n) (n returned, at most
 * DSQL_COUNTS_MAX; each sqlbuf zeroed or SQLBUF_INIT_DOLLAR by the
 * caller), the cases read from rel: rows of key (agency or assignee),
 * open, due soon, overdue, to be added up per key. */
int dsql_counts(struct sqlbuf *b, const struct qsql_dialect *d, const char *rel,
		const struct lp_case_filter *f, enum lp_dash_by by, int64_t now, int64_t soon);
/* dash_days: rows of day, received, closed. */
void dsql_days(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_case_filter *f,
	       int64_t first_day, int days);
/* dash_ontime: one row of measured, on time. */
void dsql_ontime(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_case_filter *f,
		 int64_t since_day);
/* dash_titles: rows of title, created_at, newest first, from rel. */
void dsql_titles(struct sqlbuf *b, const struct qsql_dialect *d, const char *rel,
		 const struct lp_case_filter *f, const struct lp_query_ctx *x, int64_t from,
		 int64_t to, int limit);

/* The counts per key, added up over dsql_counts' statements. */
struct dsql_acc {
	struct lp_dash_count *v; /* keys malloc'd */
	size_t n, cap;
};
/* Adds a row; -1 when out of memory. */
int dsql_acc_add(struct dsql_acc *a, const char *key, int64_t open, int64_t due_soon,
		 int64_t overdue);
/* Calls cb for each key with open cases (unless rc is non-zero, then
 * returned), frees a and returns cb's stop or 0. */
int dsql_acc_emit(struct dsql_acc *a, int rc, lp_dash_count_cb cb, void *ud);

#endif
