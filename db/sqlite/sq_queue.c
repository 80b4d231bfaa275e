/* sq_queue.c: saved queues (table saved_queue, schema 002). */
#include "i18n.h"
#include "sq_find.h"

#include <string.h>

static const char SQL_PUT[] =
	"INSERT INTO saved_queue(name, owner, agency, query, created_by, created_at)"
	" VALUES (:n, :o, :a, :q, :b, :t)"
	" ON CONFLICT(owner, agency, name) DO UPDATE SET query = excluded.query,"
	" created_by = excluded.created_by, created_at = excluded.created_at"
	" RETURNING id";
static const char SQL_DELETE[] =
	"DELETE FROM saved_queue WHERE owner = :o AND agency = :a AND name = :n";
static const char SQL_LIST[] =
	"SELECT id, name, owner, agency, query, created_by, created_at FROM saved_queue"
	" WHERE owner = :o AND owner <> '' AND agency = ''"
	" UNION ALL SELECT id, name, owner, agency, query, created_by, created_at"
	" FROM saved_queue WHERE agency = :a AND agency <> '' AND owner = ''"
	" ORDER BY 4, 2";

static const char *nz(const char *s)
{
	return s ? s : "";
}

int sq_queue_put(struct lp_store *s, struct lp_saved_queue *qu, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	if (!qu)
		return lp_error_set(err, LP_EINTERNAL, _("queue put: missing argument"));
	if (!qu->name[0] || (!qu->owner[0] == !qu->agency[0]))
		return lp_error_set(err, LP_EDATA, _("a saved queue needs a name and either an "
				    "owner or an agency"));
	sqlite3_stmt *st = sq_stmt(q, SQL_PUT, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":n", qu->name);
	sq_bind_text(st, ":o", qu->owner);
	sq_bind_text(st, ":a", qu->agency);
	sq_bind_text(st, ":q", qu->query);
	sq_bind_text(st, ":b", qu->created_by);
	sq_bind_int64(st, ":t", qu->created_at);
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW) {
		qu->id = sqlite3_column_int64(st, 0);
		rc = sq_step(q, st, err);
	}
	sq_release(q, st);
	return rc < 0 ? -rc : LP_OK;
}

int sq_queue_delete(struct lp_store *s, const char *owner, const char *agency, const char *name,
		    struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_DELETE, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":o", nz(owner));
	sq_bind_text(st, ":a", nz(agency));
	sq_bind_text(st, ":n", nz(name));
	int rc = sq_exec_stmt(q, st, err);
	if (rc)
		return rc;
	if (sqlite3_changes(q->db) == 0)
		return lp_error_set(err, LP_ENOENT, _("no saved queue \"%s\""), nz(name));
	return LP_OK;
}

int sq_queue_list(struct lp_store *s, const char *owner, const char *agency, lp_queue_cb cb,
		  void *ud, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, _("queue list: no callback"));
	sqlite3_stmt *st = sq_stmt(q, SQL_LIST, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":o", nz(owner));
	sq_bind_text(st, ":a", nz(agency));
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_saved_queue row;
		memset(&row, 0, sizeof row);
		row.id = sqlite3_column_int64(st, 0);
		sq_col_copy(st, 1, row.name, sizeof row.name);
		sq_col_copy(st, 2, row.owner, sizeof row.owner);
		sq_col_copy(st, 3, row.agency, sizeof row.agency);
		sq_col_copy(st, 4, row.query, sizeof row.query);
		sq_col_copy(st, 5, row.created_by, sizeof row.created_by);
		row.created_at = sqlite3_column_int64(st, 6);
		stop = cb(&row, ud);
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}

/* ---- queue counts from the tallies ----
 *
 * The console counts its built-in queues (lp_cases_count) at start and
 * whenever the data changes: "To verify", "All open cases", "Overdue"...
 * each hundreds of thousands of cases on a national database.  The open
 * cases (new, postponed, assigned, in_progress) are tallied by agency,
 * assignee, status and UTC day of the deadline in stat_open (002_search,
 * kept by triggers), so such a count sums at most a few tally rows per
 * agency and day instead of reading an index entry per case.  What the
 * tallies cannot tell is read from the cases: the other statuses, and
 * the cases due on the day a deadline bound falls in (before the bound
 * within that day).  Filters on kind, privacy, escalation or last change
 * are not tallied: the caller counts those from the cases. */

#define DAY 86400
#define ST(x) (1u << LP_STATUS_##x)
#define TALLIED (ST(NEW) | ST(POSTPONED) | ST(ASSIGNED) | ST(IN_PROGRESS))

static int count_of(struct sq_store *q, struct sqlbuf *b, int64_t *out, struct lp_error *err)
{
	sqlite3_stmt *st = sqb_prepare(q, b, err);
	int rc = st ? sq_step(q, st, err) : -err->code;
	if (rc == SQLITE_ROW)
		*out += sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	sqlbuf_free(b);
	return rc < 0 ? -rc : LP_OK;
}

int sq_case_count_tallied(struct sq_store *q, const struct lp_case_filter *f, int64_t *out,
			  bool *done, struct lp_error *err)
{
	*done = false;
	if (f->kind >= 0 || f->privacy >= 0 || (f->escalated_to && *f->escalated_to) ||
	    f->updated_after || f->due_before < 0 || q->intake)
		return LP_OK;
	unsigned m = qsql_statuses(f);
	unsigned tallied = m & TALLIED, rest = m & ~TALLIED;
	int64_t n = 0;
	int rc = LP_OK;
	if (!tallied)
		return LP_OK; /* nothing to gain */
	struct sqlbuf b = { 0 };
	sqlbuf_put(&b, "SELECT coalesce(sum(c.n), 0) FROM stat_open c WHERE 1");
	qsql_status_in(&b, &sq_sql, tallied);
	if (f->scope_path && *f->scope_path)
		qsql_under_path(&b, &sq_sql, f->scope_path);
	if (f->scope_agency) {
		sqlbuf_put(&b, " AND c.agency = ");
		sqlbuf_text(&b, f->scope_agency);
	}
	if (f->under_path && *f->under_path)
		qsql_under_path(&b, &sq_sql, f->under_path);
	if (f->agency && *f->agency) {
		sqlbuf_put(&b, " AND c.agency = ");
		sqlbuf_text(&b, f->agency);
	}
	if (f->assignee) {
		sqlbuf_put(&b, " AND c.assignee = ");
		sqlbuf_text(&b, f->assignee);
	}
	int64_t day = f->due_before / DAY; /* due_before >= 0 */
	if (f->due_before) {
		/* Whole days before the bound's; no clock (-1) never counts. */
		sqlbuf_put(&b, " AND c.due_day >= 0 AND c.due_day < ");
		sqlbuf_int(&b, day);
	}
	rc = count_of(q, &b, &n, err);
	if (!rc && f->due_before && f->due_before % DAY) {
		/* The bound's own day, before the bound (its cases only). */
		sqlbuf_put(&b, "SELECT count(*) FROM kase c WHERE 1");
		qsql_status_in(&b, &sq_sql, tallied);
		sqlbuf_put(&b, " AND c.due_key >= ");
		sqlbuf_int(&b, day * DAY);
		qsql_filter(&b, &sq_sql, f, false);
		rc = count_of(q, &b, &n, err);
	}
	if (!rc && rest) {
		sqlbuf_put(&b, "SELECT count(*) FROM kase c WHERE 1");
		qsql_status_in(&b, &sq_sql, rest);
		qsql_filter(&b, &sq_sql, f, false);
		rc = count_of(q, &b, &n, err);
	}
	if (rc)
		return rc;
	*out = n;
	*done = true;
	return LP_OK;
}
