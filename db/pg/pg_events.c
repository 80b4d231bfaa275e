/* pg_events.c: the event log (append, list, streaming scan) and drafts
 * on PostgreSQL.  Officers who may not read event texts read the view
 * event_visible (see db/schema/pg/001_init.sql). */
#include "i18n.h"
#include "pg_internal.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_bulk.h"
#include "pg_case_sql.h"

#define EVENT_COLS \
	"case_id, seq, at, officer, actor, action, status_from, status_to, agency_from, " \
	"agency_to, visibility, text, detail, prev_hash, hash"

PG_SQL(SQL_EVENT_APPEND, false,
       "INSERT INTO event(" EVENT_COLS ") "
       "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)");
PG_SQL(SQL_EVENT_LIST_FULL, true,
       "SELECT " EVENT_COLS " FROM event WHERE case_id = $1 AND seq > $2 ORDER BY seq LIMIT $3");
PG_SQL(SQL_EVENT_LIST_MASKED, true,
       "SELECT " EVENT_COLS " FROM event_visible WHERE case_id = $1 AND seq > $2 "
       "ORDER BY seq LIMIT $3");
PG_SQL(SQL_EVENT_SCAN_FULL, true,
       "SELECT " EVENT_COLS " FROM event WHERE (case_id, seq) > ($1, $2) "
       "ORDER BY case_id, seq LIMIT $3");
PG_SQL(SQL_EVENT_SCAN_MASKED, true,
       "SELECT " EVENT_COLS " FROM event_visible WHERE (case_id, seq) > ($1, $2) "
       "ORDER BY case_id, seq LIMIT $3");

PG_SQL(SQL_DRAFT_PUT, true,
       "INSERT INTO draft(case_id, login, kind, text, updated_at) VALUES ($1, $2, $3, $4, $5) "
       "ON CONFLICT (case_id, login) DO UPDATE SET kind = excluded.kind, text = excluded.text, "
       "updated_at = excluded.updated_at");
PG_SQL(SQL_DRAFT_GET, true, "SELECT kind, text FROM draft WHERE case_id = $1 AND login = $2");
PG_SQL(SQL_DRAFT_DELETE, true, "DELETE FROM draft WHERE case_id = $1 AND login = $2");

int pg_event_append(struct lp_store *s, const struct lp_event *e, struct lp_error *err)
{
	const char *action = lp_action_name(e->action);
	const char *from = lp_status_name(e->status_from);
	const char *to = lp_status_name(e->status_to);
	const char *vis = lp_visibility_name(e->visibility);
	if (!strcmp(action, "?") || !strcmp(from, "?") || !strcmp(to, "?") || !strcmp(vis, "?"))
		return lp_error_set(err, LP_EDATA, _("event %" PRId64 "/%" PRId64 " has an unknown "
				    "action, status or visibility"), e->case_id, e->seq);
	struct pg_params p = { 0 };
	pp_int(&p, e->case_id);
	pp_int(&p, e->seq);
	pp_int(&p, e->at);
	pp_text(&p, e->officer);
	pp_text(&p, e->actor);
	pp_text(&p, action);
	pp_text(&p, from);
	pp_text(&p, to);
	pp_text(&p, e->agency_from);
	pp_text(&p, e->agency_to);
	pp_text(&p, vis);
	pp_text(&p, e->text);
	pp_text(&p, e->detail);
	pp_bytes(&p, e->prev_hash, LP_HASH_LEN);
	pp_bytes(&p, e->hash, LP_HASH_LEN);
	if (pg(s)->bulk) /* COPY (pg_bulk.c) */
		return pg_bulk_add(pg(s), PG_BULK_EVENT, &p, err);
	int rc = pg_run_cmd(pg(s), &SQL_EVENT_APPEND, &p, NULL, err);
	/* A duplicate stays LP_EDATA (the store's contract); writers of cases
	 * read them locked (pg_cases.c), so officers racing never get here. */
	if (rc == LP_EDATA && strstr(err->msg, "event_pkey"))
		lp_error_set(err, LP_EDATA, _("case %" PRId64 " already has an event %" PRId64),
			     e->case_id, e->seq);
	return rc;
}

static int enum_col(const PGresult *r, int row, int i, int (*fn)(const char *), int *out,
		    struct lp_error *err)
{
	int v = fn(PQgetvalue(r, row, i));
	if (v < 0)
		return lp_error_set(err, LP_EDATA, _("event %s/%s has an unknown %s '%s'"),
				    PQgetvalue(r, row, 0), PQgetvalue(r, row, 1), PQfname(r, i),
				    PQgetvalue(r, row, i));
	*out = v;
	return LP_OK;
}

static int read_event(const PGresult *r, int row, struct lp_event *e, struct lp_error *err)
{
	memset(e, 0, sizeof *e);
	int action = 0, from = 0, to = 0, vis = 0;
	int rc = enum_col(r, row, 5, lp_action_parse, &action, err);
	if (!rc)
		rc = enum_col(r, row, 6, lp_status_parse, &from, err);
	if (!rc)
		rc = enum_col(r, row, 7, lp_status_parse, &to, err);
	if (!rc)
		rc = enum_col(r, row, 10, lp_visibility_parse, &vis, err);
	if (rc)
		return rc;
	e->case_id = pg_int(r, row, 0);
	e->seq = pg_int(r, row, 1);
	e->at = pg_int(r, row, 2);
	pg_copy(r, row, 3, e->officer, sizeof e->officer);
	pg_copy(r, row, 4, e->actor, sizeof e->actor);
	e->action = (enum lp_action)action;
	e->status_from = (enum lp_status)from;
	e->status_to = (enum lp_status)to;
	pg_copy(r, row, 8, e->agency_from, sizeof e->agency_from);
	pg_copy(r, row, 9, e->agency_to, sizeof e->agency_to);
	e->visibility = (enum lp_visibility)vis;
	bool oom = false;
	e->text = pg_dup(r, row, 11, &oom);
	e->detail = pg_dup(r, row, 12, &oom);
	rc = oom ? pg_oom(err) : pg_hash(r, row, 13, e->prev_hash, err);
	if (!rc)
		rc = pg_hash(r, row, 14, e->hash, err);
	if (rc)
		lp_event_clear(e);
	return rc;
}

/* Pages through events after (case_id, after): one case (`one`) or all. */
static int event_pages(struct pg_store *g, bool one, int64_t case_id, int64_t after,
		       lp_event_cb cb, void *ud, struct lp_error *err)
{
	const struct pg_sql *st = one
		? pg_case_pick(g, &SQL_EVENT_LIST_FULL, &SQL_EVENT_LIST_MASKED, err)
		: pg_case_pick(g, &SQL_EVENT_SCAN_FULL, &SQL_EVENT_SCAN_MASKED, err);
	if (!st)
		return err->code;
	int64_t after_case = one ? case_id : 0, after_seq = after;
	for (;;) {
		struct pg_params p = { 0 };
		pp_int(&p, after_case);
		pp_int(&p, after_seq);
		pp_int(&p, PG_PAGE_ROWS);
		PGresult *r = pg_run(g, st, &p, err);
		if (!r)
			return err->code;
		int n = PQntuples(r), stop = 0;
		for (int i = 0; !stop && i < n; i++) {
			struct lp_event e;
			stop = read_event(r, i, &e, err);
			if (stop)
				break;
			after_case = e.case_id;
			after_seq = e.seq;
			stop = cb(&e, ud);
			lp_event_clear(&e);
		}
		PQclear(r);
		if (stop)
			return stop;
		if (n < PG_PAGE_ROWS)
			return LP_OK;
	}
}

int pg_event_list(struct lp_store *s, int64_t case_id, int64_t after, lp_event_cb cb, void *ud,
		  struct lp_error *err)
{
	return event_pages(pg(s), true, case_id, after, cb, ud, err);
}

int pg_event_scan(struct lp_store *s, lp_event_cb cb, void *ud, struct lp_error *err)
{
	return event_pages(pg(s), false, 0, 0, cb, ud, err);
}

int pg_draft_put(struct lp_store *s, int64_t case_id, const char *login, enum lp_action kind,
		 const char *text, int64_t at, struct lp_error *err)
{
	if (kind != LP_ACTION_REPLY && kind != LP_ACTION_NOTE)
		return lp_error_set(err, LP_EDATA, _("a draft is a reply or a note"));
	struct pg_params p = { 0 };
	pp_int(&p, case_id);
	pp_text(&p, login ? login : "");
	pp_text(&p, lp_action_name(kind));
	pp_text(&p, text ? text : "");
	pp_int(&p, at);
	return pg_run_cmd(pg(s), &SQL_DRAFT_PUT, &p, NULL, err);
}

int pg_draft_get(struct lp_store *s, int64_t case_id, const char *login, enum lp_action *kind,
		 char **text, struct lp_error *err)
{
	if (text)
		*text = NULL;
	struct pg_params p = { 0 };
	pp_int(&p, case_id);
	pp_text(&p, login ? login : "");
	PGresult *r = pg_run(pg(s), &SQL_DRAFT_GET, &p, err);
	if (!r)
		return err->code;
	int rc = LP_OK;
	if (PQntuples(r) == 0) {
		rc = lp_error_set(err, LP_ENOENT, _("no draft of %s on case %" PRId64),
				  login ? login : _("(none)"), case_id);
	} else {
		int k = lp_action_parse(PQgetvalue(r, 0, 0));
		bool oom = false;
		char *t = pg_dup(r, 0, 1, &oom);
		if (oom)
			rc = pg_oom(err);
		else if (k != LP_ACTION_REPLY && k != LP_ACTION_NOTE)
			rc = lp_error_set(err, LP_EDATA, _("a draft on case %" PRId64 " has the "
					  "unknown kind '%s'"), case_id, PQgetvalue(r, 0, 0));
		if (rc) {
			free(t);
		} else {
			if (kind)
				*kind = (enum lp_action)k;
			if (text)
				*text = t;
			else
				free(t);
		}
	}
	PQclear(r);
	return rc;
}

int pg_draft_delete(struct lp_store *s, int64_t case_id, const char *login,
		    struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_int(&p, case_id);
	pp_text(&p, login ? login : "");
	return pg_run_cmd(pg(s), &SQL_DRAFT_DELETE, &p, NULL, err);
}
