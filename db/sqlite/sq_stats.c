/* sq_stats.c: `lapor stats` in one statement of aggregates.
 *
 * The cohort is the cases created in [from, to) within the filter, read
 * through kase_created (created_at, agency).  Each case's reply, close
 * and feedback events are read by one seek on the event primary key
 * (case_id, seq); the groups, counts and medians (window functions over
 * the materialised cohort) are computed by SQLite, never per case in C. */
#include "sq_stats.h"

#include <string.h>

#include "sq_find.h"

static const char *key_expr(enum lp_stats_by by)
{
	switch (by) {
	case LP_STATS_BY_AGENCY:
		return "c.agency";
	case LP_STATS_BY_OFFICER:
		return "c.assignee";
	case LP_STATS_BY_CATEGORY:
		return "c.category";
	case LP_STATS_BY_NONE:
	default:
		return "''";
	}
}

static void build(struct sqb *b, const struct lp_case_filter *f, int64_t from, int64_t to,
		  enum lp_stats_by by, int64_t now)
{
	sqb_put(b, "WITH b AS MATERIALIZED (SELECT ");
	sqb_put(b, key_expr(by));
	sqb_put(b, " AS k, c.id, c.created_at AS t0, c.status AS st, c.due_at AS due,"
		   " c.clock_paused_at AS paused,"
		   " min(CASE WHEN e.action = 'reply' THEN e.at END) AS fr,"
		   " max(CASE WHEN e.action = 'close' THEN e.at END) AS cl,"
		   " coalesce(sum(CASE WHEN e.action = 'feedback'"
		   " THEN CAST(e.detail AS INTEGER) END), 0) AS rs,"
		   " count(CASE WHEN e.action = 'feedback' THEN 1 END) AS rn"
		   " FROM kase c LEFT JOIN event e ON e.case_id = c.id"
		   " AND e.action IN ('reply', 'close', 'feedback')"
		   " WHERE c.created_at >= ");
	sqb_int(b, from);
	sqb_put(b, " AND c.created_at < ");
	sqb_int(b, to);
	sqb_filter(b, f, true);
	sqb_put(b, " GROUP BY c.id),"
		   " t AS (SELECT k, count(*) AS rec, sum(st = 'closed') AS clo,"
		   " sum(st IN ('new', 'postponed', 'assigned', 'in_progress', 'responded')) AS opn,"
		   " sum(st IN ('new', 'postponed', 'assigned', 'in_progress', 'responded')"
		   " AND due > 0 AND paused = 0 AND due < ");
	sqb_int(b, now);
	sqb_put(b, ") AS ovd, sum(fr IS NOT NULL) AS resp, sum(rs) AS rs, sum(rn) AS rn"
		   " FROM b GROUP BY k),"
		   " r AS (SELECT k, fr - t0 AS v, row_number() OVER (PARTITION BY k ORDER BY fr - t0)"
		   " AS n, count(*) OVER (PARTITION BY k) AS m FROM b WHERE fr IS NOT NULL),"
		   " z AS (SELECT k, cl - t0 AS v, row_number() OVER (PARTITION BY k ORDER BY cl - t0)"
		   " AS n, count(*) OVER (PARTITION BY k) AS m FROM b"
		   " WHERE st = 'closed' AND cl IS NOT NULL)"
		   " SELECT t.k, t.rec, t.clo, t.opn, t.ovd, t.resp,"
		   " coalesce(r.v, -1), coalesce(z.v, -1), t.rs, t.rn FROM t"
		   " LEFT JOIN r ON r.k = t.k AND r.n = (r.m + 1) / 2"
		   " LEFT JOIN z ON z.k = t.k AND z.n = (z.m + 1) / 2"
		   " ORDER BY t.k");
}

int sq_stats(struct lp_store *s, const struct lp_case_filter *f, int64_t from, int64_t to,
	     enum lp_stats_by by, int64_t now, lp_stats_cb cb, void *ud, struct lp_error *err)
{
	if (!f || !cb)
		return lp_error_set(err, LP_EINTERNAL, "stats: missing argument");
	struct sq_store *q = sq(s);
	struct sqb b;
	memset(&b, 0, sizeof b);
	build(&b, f, from, to, by, now);
	sqlite3_stmt *st = sqb_prepare(q, &b, err);
	if (!st) {
		sqb_free(&b);
		return err->code;
	}
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_stats_row r;
		const char *k = (const char *)sqlite3_column_text(st, 0);
		r.key = k ? k : "";
		r.received = sqlite3_column_int64(st, 1);
		r.closed = sqlite3_column_int64(st, 2);
		r.open = sqlite3_column_int64(st, 3);
		r.overdue = sqlite3_column_int64(st, 4);
		r.responded = sqlite3_column_int64(st, 5);
		r.median_response = sqlite3_column_int64(st, 6);
		r.median_closure = sqlite3_column_int64(st, 7);
		r.rating_sum = sqlite3_column_int64(st, 8);
		r.rating_count = sqlite3_column_int64(st, 9);
		if ((stop = cb(&r, ud)) != 0)
			break;
	}
	sqlite3_finalize(st);
	sqb_free(&b);
	if (stop)
		return stop;
	return rc < 0 ? -rc : LP_OK;
}
