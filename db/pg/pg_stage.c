/* pg_stage.c: the SLA outcomes of an action on PostgreSQL (pg_stage.h):
 * one UPDATE of the case's report columns, keyed by its id. */
#include "i18n.h"
#include "pg_stage.h"

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
