/* pg_stats.c: `lapor stats` on PostgreSQL in one statement of aggregates,
 * with the figures of db/sqlite/sq_stats.c: the cohort is the cases
 * created in [from, to) within the filter, with each case's first reply,
 * last close, the ends of its measured stages (columns of 003_stats.sql)
 * and its feedback ratings; the groups, counts, on-time figures per
 * stage and lower medians are computed by the server in one grouping
 * pass, never per case in C. */
#include "i18n.h"
#include "pg_find.h"

#include <stdio.h>
#include <string.h>

static const char *key_expr(enum lp_stats_by by)
{
	switch (by) {
	case LP_STATS_BY_AGENCY:
		return "k.agency";
	case LP_STATS_BY_OFFICER:
		return "k.assignee";
	case LP_STATS_BY_CATEGORY:
		return "k.category";
	case LP_STATS_BY_NONE:
	default:
		return "''::text";
	}
}

#define OPEN "st IN ('new', 'postponed', 'assigned', 'in_progress', 'responded')"

/* The measured stages, in enum lp_sla_stage order, with their columns. */
static const struct {
	enum lp_sla_stage stage;
	const char *due, *at;
} STAGES[] = {
	{ LP_STAGE_VERIFICATION, "verify_due", "verified_at" },
	{ LP_STAGE_FIRST_RESPONSE, "respond_due", "responded_at" },
	{ LP_STAGE_SETTLEMENT, "settle_due", "settled_at" },
};
#define NSTAGES (sizeof STAGES / sizeof *STAGES)

/* One stage's three figures: ended (and not running again), met, late. */
static void put_stage(struct sqlbuf *b, size_t i)
{
	char sql[512];
	sqlbuf_put(b, ", count(*) FILTER (WHERE cs IS DISTINCT FROM ");
	sqlbuf_text_copy(b, lp_sla_stage_name(STAGES[i].stage));
	snprintf(sql, sizeof sql, " AND %s IS NOT NULL AND %s IS NOT NULL)", STAGES[i].due,
		 STAGES[i].at);
	sqlbuf_put(b, sql);
	sqlbuf_put(b, ", count(*) FILTER (WHERE cs IS DISTINCT FROM ");
	sqlbuf_text_copy(b, lp_sla_stage_name(STAGES[i].stage));
	snprintf(sql, sizeof sql, " AND %s IS NOT NULL AND %s IS NOT NULL AND %s <= %s)",
		 STAGES[i].due, STAGES[i].at, STAGES[i].at, STAGES[i].due);
	sqlbuf_put(b, sql);
	sqlbuf_put(b, ", count(*) FILTER (WHERE cs = ");
	sqlbuf_text_copy(b, lp_sla_stage_name(STAGES[i].stage));
	sqlbuf_put(b, " AND late)");
}

/* The cohort from kase itself (row-level security applies; the columns
 * read are granted to every group), as SQLite's reads kase_cohort: the
 * first reply, last close and the end of each measured stage are
 * columns of the case (003_stats.sql).  Ratings: the feedback events of
 * the cohort (event_visible for officers who may not read event). */
static void build(struct sqlbuf *b, const char *erel, const struct lp_case_filter *f,
		  int64_t from, int64_t to, enum lp_stats_by by, int64_t now)
{
	sqlbuf_put(b, "WITH c AS (SELECT k.id, ");
	sqlbuf_put(b, key_expr(by));
	sqlbuf_put(b, " AS g, k.created_at AS t0, k.status AS st, k.clock_stage AS cs,"
		   " k.verify_due, k.verified_at, k.respond_due, k.responded_at, k.settle_due,"
		   " k.settled_at, k.replied_at, k.closed_at, (k.status IN ('new', 'postponed',"
		   " 'assigned', 'in_progress', 'responded') AND k.due_at > 0"
		   " AND k.clock_paused_at = 0 AND k.due_at < ");
	sqlbuf_int(b, now);
	sqlbuf_put(b, ") AS late FROM kase k WHERE k.created_at >= ");
	sqlbuf_int(b, from);
	sqlbuf_put(b, " AND k.created_at < ");
	sqlbuf_int(b, to);
	qsql_filter(b, &pg_sql, f, true);
	/* A rating is the detail's leading integer (0 when none), as SQLite's
	 * CAST(detail AS INTEGER). */
	sqlbuf_put(b, "), r AS (SELECT c.g, sum(substring(e.detail FROM"
		   " '^\\s*([-+]?[0-9]{1,18})')::bigint) AS rs, count(*) AS rn FROM c JOIN ");
	sqlbuf_put(b, erel);
	sqlbuf_put(b, " e ON e.case_id = c.id AND e.action = 'feedback' GROUP BY c.g)"
		   /* percentile_disc(0.5) is the lower median: value (m + 1) / 2. */
		   " SELECT c.g, count(*), count(*) FILTER (WHERE st = 'closed'),"
		   " count(*) FILTER (WHERE " OPEN "), count(*) FILTER (WHERE late),"
		   " count(replied_at), coalesce(percentile_disc(0.5) WITHIN GROUP"
		   " (ORDER BY replied_at - t0) FILTER (WHERE replied_at IS NOT NULL), -1),"
		   " coalesce(percentile_disc(0.5) WITHIN GROUP (ORDER BY closed_at - t0)"
		   " FILTER (WHERE st = 'closed' AND closed_at IS NOT NULL), -1),"
		   " coalesce(max(r.rs), 0), coalesce(max(r.rn), 0)");
	for (size_t i = 0; i < NSTAGES; i++)
		put_stage(b, i);
	sqlbuf_put(b, " FROM c LEFT JOIN r ON r.g = c.g GROUP BY c.g ORDER BY c.g COLLATE \"C\"");
}

int pg_stats(struct lp_store *s, const struct lp_case_filter *f, int64_t from, int64_t to,
	     enum lp_stats_by by, int64_t now, lp_stats_cb cb, void *ud, struct lp_error *err)
{
	if (!f || !cb)
		return lp_error_set(err, LP_EINTERNAL, _("stats: missing argument"));
	struct pg_store *g = pg(s);
	if (!pg_case_rel(g, err)) /* learns the read mode */
		return err->code;
	struct sqlbuf b = SQLBUF_INIT_DOLLAR;
	build(&b, pg_event_rel(g), f, from, to, by, now);
	PGresult *r = pgb_run(g, &b, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0; !stop && i < PQntuples(r); i++) {
		struct lp_stats_row row = {0};
		row.key = PQgetvalue(r, i, 0);
		row.received = pg_int(r, i, 1);
		row.closed = pg_int(r, i, 2);
		row.open = pg_int(r, i, 3);
		row.overdue = pg_int(r, i, 4);
		row.responded = pg_int(r, i, 5);
		row.median_response = pg_int(r, i, 6);
		row.median_closure = pg_int(r, i, 7);
		row.rating_sum = pg_int(r, i, 8);
		row.rating_count = pg_int(r, i, 9);
		memset(row.stage_ended, 0, sizeof row.stage_ended);
		memset(row.stage_met, 0, sizeof row.stage_met);
		memset(row.stage_late, 0, sizeof row.stage_late);
		for (size_t x = 0; x < NSTAGES; x++) {
			enum lp_sla_stage st = STAGES[x].stage;
			row.stage_ended[st] = pg_int(r, i, 10 + 3 * (int)x);
			row.stage_met[st] = pg_int(r, i, 11 + 3 * (int)x);
			row.stage_late[st] = pg_int(r, i, 12 + 3 * (int)x);
		}
		stop = cb(&row, ud);
	}
	PQclear(r);
	return stop;
}
