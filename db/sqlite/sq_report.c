/* sq_report.c: the report columns of every case, read for copying a
 * database (lapor migrate; the case_report_scan op, lp_store_case_report_scan).
 * Added by the PostgreSQL work: the SQLite backend is the usual source. */
#include "i18n.h"
#include "sq_internal.h"
#include "sq_stage.h"

static const char SQL_REPORT_SCAN[] =
	"SELECT id, verify_due, verified_at, respond_due, responded_at, settle_due, settled_at,"
	" replied_at, closed_at FROM kase WHERE verify_due IS NOT NULL OR verified_at IS NOT NULL"
	" OR respond_due IS NOT NULL OR responded_at IS NOT NULL OR settle_due IS NOT NULL"
	" OR settled_at IS NOT NULL OR replied_at IS NOT NULL OR closed_at IS NOT NULL"
	" ORDER BY id";

int sq_case_report_scan(struct lp_store *s, lp_case_report_cb cb, void *ud,
			struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_REPORT_SCAN, err);
	if (!st)
		return err->code;
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_case_report r = { .id = sqlite3_column_int64(st, 0) };
		for (int k = 0; k < LP_REPORT_NCOLS; k++)
			if (sqlite3_column_type(st, k + 1) != SQLITE_NULL) {
				r.v[k] = sqlite3_column_int64(st, k + 1);
				r.present |= 1u << k;
			}
		stop = cb(&r, ud);
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}
