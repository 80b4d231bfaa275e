/* sq_stage.c: the SLA outcomes of an action on SQLite (sq_stage.h): one
 * UPDATE of the case's report columns, keyed by its id. */
#include "i18n.h"
#include "sq_stage.h"

static const char SQL_OUTCOME[] =
	"UPDATE kase SET"
	" verify_due = CASE WHEN :stage = 'verification' THEN :due ELSE verify_due END,"
	" verified_at = CASE WHEN :stage = 'verification' THEN :ended ELSE verified_at END,"
	" respond_due = CASE WHEN :stage = 'first_response' THEN :due ELSE respond_due END,"
	" responded_at = CASE WHEN :stage = 'first_response' THEN :ended ELSE responded_at END,"
	" settle_due = CASE WHEN :stage = 'settlement' THEN :due ELSE settle_due END,"
	" settled_at = CASE WHEN :stage = 'settlement' THEN :ended ELSE settled_at END,"
	" replied_at = CASE WHEN :replied > 0 THEN coalesce(replied_at, :replied)"
	" ELSE replied_at END,"
	" closed_at = CASE WHEN :closed > 0 THEN :closed ELSE closed_at END"
	" WHERE id = :id";

static bool measured(int stage)
{
	return stage == LP_STAGE_VERIFICATION || stage == LP_STAGE_FIRST_RESPONSE ||
	       stage == LP_STAGE_SETTLEMENT;
}

int sq_case_outcome(struct lp_store *s, int64_t id, const struct lp_case_outcome *o,
		    struct lp_error *err)
{
	if (o->stage >= 0 && !measured(o->stage))
		return lp_error_set(err, LP_EINTERNAL, _("stage %d has no on-time columns"),
				    o->stage);
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_OUTCOME, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":stage",
		     o->stage >= 0 ? lp_sla_stage_name((enum lp_sla_stage)o->stage) : "");
	sq_bind_int64(st, ":due", o->due);
	sq_bind_int64(st, ":ended", o->ended_at);
	sq_bind_int64(st, ":replied", o->replied_at);
	sq_bind_int64(st, ":closed", o->closed_at);
	sq_bind_int64(st, ":id", id);
	int rc = sq_exec_stmt(q, st, err);
	if (rc == LP_OK && sqlite3_changes(q->db) == 0)
		return lp_error_set(err, LP_ENOENT, _("no case %lld"), (long long)id);
	return rc;
}
