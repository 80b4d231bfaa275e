/* sq_export.c: reading a whole SQLite database out, for copying it
 * (lapor migrate): every draft and every setting. */
#include "i18n.h"
#include "sq_internal.h"

#include <string.h>

static const char SQL_DRAFT_SCAN[] =
	"SELECT case_id, login, kind, text, updated_at FROM draft ORDER BY case_id, login";
static const char SQL_META_LIST[] = "SELECT key, value FROM meta ORDER BY key";

int sq_draft_scan(struct lp_store *s, lp_draft_cb cb, void *ud, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_DRAFT_SCAN, err);
	if (!st)
		return err->code;
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		const char *login = (const char *)sqlite3_column_text(st, 1);
		const char *kind = (const char *)sqlite3_column_text(st, 2);
		const char *text = (const char *)sqlite3_column_text(st, 3);
		int k = lp_action_parse(kind ? kind : "");
		if (k != LP_ACTION_REPLY && k != LP_ACTION_NOTE) {
			stop = lp_error_set(err, LP_EDATA,
					    _("a draft of case %lld has the kind %s"),
					    (long long)sqlite3_column_int64(st, 0),
					    kind ? kind : "NULL");
			break;
		}
		stop = cb(sqlite3_column_int64(st, 0), login ? login : "", (enum lp_action)k,
			  text ? text : "", sqlite3_column_int64(st, 4), ud);
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}

int sq_meta_list(struct lp_store *s, lp_meta_cb cb, void *ud, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_META_LIST, err);
	if (!st)
		return err->code;
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		const char *key = (const char *)sqlite3_column_text(st, 0);
		const char *value = (const char *)sqlite3_column_text(st, 1);
		stop = cb(key ? key : "", value ? value : "", ud);
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}
