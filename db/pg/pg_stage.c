/* pg_stage.c: the SLA outcomes of an action on PostgreSQL (pg_stage.h):
 * one UPDATE of the case's report columns, keyed by its id. */
#include "i18n.h"
#include "pg_stage.h"

#include "pg_bulk.h"

#include <inttypes.h>

PG_SQL(SQL_OUTCOME, false,
       "UPDATE kase SET"
       " verify_due = CASE WHEN $2::text = 'verification' THEN $3::bigint ELSE verify_due END,"
       " verified_at = CASE WHEN $2::text = 'verification' THEN $4::bigint"
       " ELSE verified_at END,"
       " respond_due = CASE WHEN $2::text = 'first_response' THEN $3::bigint"
       " ELSE respond_due END,"
       " responded_at = CASE WHEN $2::text = 'first_response' THEN $4::bigint"
       " ELSE responded_at END,"
       " settle_due = CASE WHEN $2::text = 'settlement' THEN $3::bigint ELSE settle_due END,"
       " settled_at = CASE WHEN $2::text = 'settlement' THEN $4::bigint ELSE settled_at END,"
       " replied_at = CASE WHEN $5::bigint > 0 THEN coalesce(replied_at, $5::bigint)"
       " ELSE replied_at END,"
       " closed_at = CASE WHEN $6::bigint > 0 THEN $6::bigint ELSE closed_at END"
       " WHERE id = $1");

int pg_case_outcome(struct lp_store *s, int64_t id, const struct lp_case_outcome *o,
		    struct lp_error *err)
{
	if (o->stage >= 0 && o->stage != LP_STAGE_VERIFICATION &&
	    o->stage != LP_STAGE_FIRST_RESPONSE && o->stage != LP_STAGE_SETTLEMENT)
		return lp_error_set(err, LP_EINTERNAL, _("stage %d has no on-time columns"),
				    o->stage);
	struct pg_params p = { 0 };
	pp_int(&p, id);
	pp_text(&p, o->stage >= 0 ? lp_sla_stage_name((enum lp_sla_stage)o->stage) : "");
	pp_int(&p, o->due);
	pp_int(&p, o->ended_at);
	pp_int(&p, o->replied_at);
	pp_int(&p, o->closed_at);
	int64_t rows = 0;
	int rc = pg_run_cmd(pg(s), &SQL_OUTCOME, &p, &rows, err);
	if (rc == LP_OK && rows == 0)
		return lp_error_set(err, LP_ENOENT, _("no case %" PRId64), id);
	return rc;
}

/* ---- report columns, copied (lapor migrate) ---- */

#define REPORT_COLS \
	"verify_due, verified_at, respond_due, responded_at, settle_due, settled_at, " \
	"replied_at, closed_at"
/* A page of cases with any report column set, after id $1. */
PG_SQL(SQL_REPORT_SCAN, true,
       "SELECT id, " REPORT_COLS " FROM kase WHERE id > $1 AND (verify_due IS NOT NULL OR "
       "verified_at IS NOT NULL OR respond_due IS NOT NULL OR responded_at IS NOT NULL OR "
       "settle_due IS NOT NULL OR settled_at IS NOT NULL OR replied_at IS NOT NULL OR "
       "closed_at IS NOT NULL) ORDER BY id LIMIT 20000");
PG_SQL(SQL_REPORT_PUT, false,
       "UPDATE kase SET verify_due = $2, verified_at = $3, respond_due = $4, "
       "responded_at = $5, settle_due = $6, settled_at = $7, replied_at = $8, "
       "closed_at = $9 WHERE id = $1");

int pg_case_report_scan(struct lp_store *s, lp_case_report_cb cb, void *ud,
			struct lp_error *err)
{
	struct pg_store *g = pg(s);
	int64_t after = 0;
	for (;;) {
		struct pg_params p = { 0 };
		pp_int(&p, after);
		PGresult *r = pg_run(g, &SQL_REPORT_SCAN, &p, err);
		if (!r)
			return err->code;
		int n = PQntuples(r), stop = 0;
		for (int i = 0; i < n && !stop; i++) {
			struct lp_case_report c = { .id = pg_int(r, i, 0) };
			for (int k = 0; k < LP_REPORT_NCOLS; k++)
				if (!PQgetisnull(r, i, k + 1)) {
					c.v[k] = pg_int(r, i, k + 1);
					c.present |= 1u << k;
				}
			after = c.id;
			stop = cb(&c, ud);
		}
		PQclear(r);
		if (stop || n < 20000)
			return stop;
	}
}

static void report_params(struct pg_params *p, const struct lp_case_report *r)
{
	pp_int(p, r->id);
	for (int k = 0; k < LP_REPORT_NCOLS; k++)
		if (r->present & (1u << k))
			pp_int(p, r->v[k]);
		else
			pp_text(p, NULL);
}

int pg_case_report_put(struct lp_store *s, const struct lp_case_report *r,
		       struct lp_error *err)
{
	struct pg_store *g = pg(s);
	struct pg_params p = { 0 };
	report_params(&p, r);
	if (g->bulk) {
		/* Gathered in a temporary table, taken with the case (pg_bulk.c). */
		return pg_bulk_add(g, PG_BULK_REPORT, &p, err);
	}
	int64_t rows = 0;
	int rc = pg_run_cmd(g, &SQL_REPORT_PUT, &p, &rows, err);
	if (rc == LP_OK && rows == 0)
		return lp_error_set(err, LP_ENOENT, _("no case %" PRId64), r->id);
	return rc;
}
