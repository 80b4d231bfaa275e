/* pg_queue.c: saved queues (table saved_queue, schema 002) on PostgreSQL,
 * as db/sqlite/sq_queue.c.  Row-level security lets each officer write
 * only their own queues, and agency-wide ones as a coordinator,
 * supervisor or admin of the agency (LP_EPERM otherwise). */
#include "i18n.h"
#include "pg_find.h"

#include <string.h>

PG_SQL(SQL_PUT, false,
	"INSERT INTO saved_queue(name, owner, agency, query, created_by, created_at)"
	" VALUES ($1, $2, $3, $4, $5, $6)"
	" ON CONFLICT (owner, agency, name) DO UPDATE SET query = excluded.query,"
	" created_by = excluded.created_by, created_at = excluded.created_at"
	" RETURNING id");
PG_SQL(SQL_DELETE, true,
	"DELETE FROM saved_queue WHERE owner = $1 AND agency = $2 AND name = $3");
PG_SQL(SQL_LIST, true,
	"SELECT id, name, owner, agency, query, created_by, created_at FROM ("
	"SELECT * FROM saved_queue WHERE owner = $1 AND owner <> '' AND agency = ''"
	" UNION ALL SELECT * FROM saved_queue WHERE agency = $2 AND agency <> ''"
	" AND owner = '') q ORDER BY agency, name");

static const char *nz(const char *s)
{
	return s ? s : "";
}

int pg_queue_put(struct lp_store *s, struct lp_saved_queue *qu, struct lp_error *err)
{
	if (!qu)
		return lp_error_set(err, LP_EINTERNAL, _("queue put: missing argument"));
	if (!qu->name[0] || (!qu->owner[0] == !qu->agency[0]))
		return lp_error_set(err, LP_EDATA, _("a saved queue needs a name and either an "
				    "owner or an agency"));
	struct pg_params p = { 0 };
	pp_text(&p, qu->name);
	pp_text(&p, qu->owner);
	pp_text(&p, qu->agency);
	pp_text(&p, qu->query);
	pp_text(&p, qu->created_by);
	pp_int(&p, qu->created_at);
	PGresult *r = pg_run(pg(s), &SQL_PUT, &p, err);
	if (!r)
		return err->code;
	if (PQntuples(r) > 0)
		qu->id = pg_int(r, 0, 0);
	PQclear(r);
	return LP_OK;
}

int pg_queue_delete(struct lp_store *s, const char *owner, const char *agency, const char *name,
		    struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, nz(owner));
	pp_text(&p, nz(agency));
	pp_text(&p, nz(name));
	int64_t rows = 0;
	int rc = pg_run_cmd(pg(s), &SQL_DELETE, &p, &rows, err);
	if (rc)
		return rc;
	if (rows == 0)
		return lp_error_set(err, LP_ENOENT, _("no saved queue \"%s\""), nz(name));
	return LP_OK;
}

int pg_queue_list(struct lp_store *s, const char *owner, const char *agency, lp_queue_cb cb,
		  void *ud, struct lp_error *err)
{
	if (!cb)
		return lp_error_set(err, LP_EINTERNAL, _("queue list: no callback"));
	struct pg_params p = { 0 };
	pp_text(&p, nz(owner));
	pp_text(&p, nz(agency));
	PGresult *r = pg_run(pg(s), &SQL_LIST, &p, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0; !stop && i < PQntuples(r); i++) {
		struct lp_saved_queue row;
		memset(&row, 0, sizeof row);
		row.id = pg_int(r, i, 0);
		pg_copy(r, i, 1, row.name, sizeof row.name);
		pg_copy(r, i, 2, row.owner, sizeof row.owner);
		pg_copy(r, i, 3, row.agency, sizeof row.agency);
		pg_copy(r, i, 4, row.query, sizeof row.query);
		pg_copy(r, i, 5, row.created_by, sizeof row.created_by);
		row.created_at = pg_int(r, i, 6);
		stop = cb(&row, ud);
	}
	PQclear(r);
	return stop;
}
