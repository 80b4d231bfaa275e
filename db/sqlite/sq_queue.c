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
