/* pg_export.c: every draft and every setting, for copying a database
 * (lapor migrate).  Both tables are small: one query each. */
#include "i18n.h"
#include "pg_internal.h"

#include <inttypes.h>

PG_SQL(SQL_DRAFT_SCAN, true,
       "SELECT case_id, login, kind, text, updated_at FROM draft ORDER BY case_id, login");
PG_SQL(SQL_META_LIST, true, "SELECT key, value FROM meta ORDER BY key");

int pg_draft_scan(struct lp_store *s, lp_draft_cb cb, void *ud, struct lp_error *err)
{
	PGresult *r = pg_run(pg(s), &SQL_DRAFT_SCAN, NULL, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0, n = PQntuples(r); i < n && !stop; i++) {
		int k = lp_action_parse(PQgetvalue(r, i, 2));
		if (k != LP_ACTION_REPLY && k != LP_ACTION_NOTE)
			stop = lp_error_set(err, LP_EDATA, _("a draft of case %" PRId64
					    " has the kind %s"), pg_int(r, i, 0),
					    PQgetvalue(r, i, 2));
		else
			stop = cb(pg_int(r, i, 0), PQgetvalue(r, i, 1), (enum lp_action)k,
				  PQgetvalue(r, i, 3), pg_int(r, i, 4), ud);
	}
	PQclear(r);
	return stop;
}

int pg_meta_list(struct lp_store *s, lp_meta_cb cb, void *ud, struct lp_error *err)
{
	PGresult *r = pg_run(pg(s), &SQL_META_LIST, NULL, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0, n = PQntuples(r); i < n && !stop; i++)
		stop = cb(PQgetvalue(r, i, 0), PQgetvalue(r, i, 1), ud);
	PQclear(r);
	return stop;
}
