/* pg_cases.c: cases on PostgreSQL: insert, get, versioned update.
 * Lists and counts are in pg_case_list.c.
 *
 * A connection that may read the masked columns reads the table kase;
 * any other reads the view case_visible (see db/schema/pg/001_init.sql),
 * which gives the same columns with what the officer may not see nulled. */
#include "i18n.h"
#include "pg_internal.h"

#include <inttypes.h>
#include <string.h>

#include "pg_bulk.h"
#include "pg_case_sql.h"

PG_SQL(SQL_GET_FULL, true, "SELECT " PG_CASE_COLS " FROM kase k WHERE id = $1");
PG_SQL(SQL_GET_MASKED, true, "SELECT " PG_CASE_COLS " FROM case_visible k WHERE id = $1");
PG_SQL(SQL_TID_FULL, true, "SELECT " PG_CASE_COLS " FROM kase k WHERE tracking_id = $1");
PG_SQL(SQL_TID_MASKED, true,
       "SELECT " PG_CASE_COLS " FROM case_visible k WHERE tracking_id = $1");
/* In a write transaction the case is read locked, so that two officers
 * acting on it at once take turns: the second reads what the first
 * wrote (its version check then refuses a stale action) instead of both
 * appending the same event number.  Masked readers lock the row, then
 * read the view in a new statement, which sees the latest commit. */
PG_SQL(SQL_GET_FULL_LOCK, false,
       "SELECT " PG_CASE_COLS " FROM kase k WHERE id = $1 FOR NO KEY UPDATE");
PG_SQL(SQL_TID_FULL_LOCK, false,
       "SELECT " PG_CASE_COLS " FROM kase k WHERE tracking_id = $1 FOR NO KEY UPDATE");
PG_SQL(SQL_LOCK, false, "SELECT 1 FROM kase WHERE id = $1 FOR NO KEY UPDATE");
PG_SQL(SQL_TID_LOCK, false, "SELECT 1 FROM kase WHERE tracking_id = $1 FOR NO KEY UPDATE");
PG_SQL(SQL_VERSION, true, "SELECT version FROM kase WHERE id = $1");

PG_SQL(SQL_INSERT, false,
       "INSERT INTO kase(tracking_id, kind, channel, status, privacy, category, region, agency, "
       "assignee, priority, title, body, reporter_name, reporter_phone, reporter_email, "
       "submitted_at, created_at, updated_at, due_at, escalation, escalated_to, version, "
       "merged_into, field_check, extended_days, clock_stage, clock_paused_at, event_count, "
       "last_hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, "
       "$16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29) RETURNING id");

/* SQL_INSERT keeping the case's number ($30), for copying a database;
 * then the identity's sequence moves past the highest number. */
PG_SQL(SQL_IMPORT, false,
       "INSERT INTO kase(tracking_id, kind, channel, status, privacy, category, region, agency, "
       "assignee, priority, title, body, reporter_name, reporter_phone, reporter_email, "
       "submitted_at, created_at, updated_at, due_at, escalation, escalated_to, version, "
       "merged_into, field_check, extended_days, clock_stage, clock_paused_at, event_count, "
       "last_hash, id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, "
       "$15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)");
PG_SQL(SQL_IMPORT_SEQ, false,
       "SELECT setval(pg_get_serial_sequence('kase', 'id'), (SELECT max(id) FROM kase))");

/* $1 id, $2 expected version, then the workflow columns. */
#define UPDATE_WORKFLOW \
	"UPDATE kase SET kind = $3, status = $4, category = $5, region = $6, agency = $7, " \
	"assignee = $8, priority = $9, updated_at = $10, due_at = $11, escalation = $12, " \
	"escalated_to = $13, version = $14, merged_into = $15, field_check = $16, " \
	"extended_days = $17, clock_stage = $18, clock_paused_at = $19, event_count = $20, " \
	"last_hash = $21"
PG_SQL(SQL_UPDATE_WORKFLOW, false, UPDATE_WORKFLOW " WHERE id = $1 AND version = $2");
PG_SQL(SQL_UPDATE_ALL, false,
       UPDATE_WORKFLOW ", tracking_id = $22, channel = $23, privacy = $24, "
       "submitted_at = $25, created_at = $26, title = $27, body = $28, reporter_name = $29, "
       "reporter_phone = $30, reporter_email = $31 WHERE id = $1 AND version = $2");

static bool hash_is_zero(const unsigned char h[LP_HASH_LEN])
{
	for (int i = 0; i < LP_HASH_LEN; i++)
		if (h[i])
			return false;
	return true;
}

/* NULL for "no clock", else the stage's name. */
static const char *clock_name(int stage)
{
	return stage < 0 || stage >= LP_STAGE_COUNT ? NULL
						    : lp_sla_stage_name((enum lp_sla_stage)stage);
}

static int parse(const PGresult *r, int row, int i, int (*fn)(const char *), const char *what,
		 int *out, struct lp_error *err)
{
	const char *v = PQgetvalue(r, row, i);
	int x = fn(v);
	if (x < 0)
		return lp_error_set(err, LP_EDATA, _("case %s has an unknown %s '%s'"),
				    PQgetvalue(r, row, 0), what, v);
	*out = x;
	return LP_OK;
}

int pg_read_case(const PGresult *r, int row, struct lp_case *c, struct lp_error *err)
{
	memset(c, 0, sizeof *c);
	int kind = 0, channel = 0, status = 0, privacy = 0;
	int rc = parse(r, row, 2, lp_kind_parse, "kind", &kind, err);
	if (!rc)
		rc = parse(r, row, 3, lp_channel_parse, "channel", &channel, err);
	if (!rc)
		rc = parse(r, row, 4, lp_status_parse, "status", &status, err);
	if (!rc)
		rc = parse(r, row, 5, lp_privacy_parse, "privacy", &privacy, err);
	c->clock_stage = -1;
	if (!rc && !PQgetisnull(r, row, 26))
		rc = parse(r, row, 26, lp_sla_stage_parse, "clock stage", &c->clock_stage, err);
	if (rc)
		return rc;
	c->id = pg_int(r, row, 0);
	pg_copy(r, row, 1, c->tracking_id, sizeof c->tracking_id);
	c->kind = (enum lp_kind)kind;
	c->channel = (enum lp_channel)channel;
	c->status = (enum lp_status)status;
	c->privacy = (enum lp_privacy)privacy;
	pg_copy(r, row, 6, c->category, sizeof c->category);
	pg_copy(r, row, 7, c->region, sizeof c->region);
	pg_copy(r, row, 8, c->agency, sizeof c->agency);
	pg_copy(r, row, 9, c->assignee, sizeof c->assignee);
	c->priority = (int)pg_int(r, row, 10);
	bool oom = false;
	c->title = pg_dup(r, row, 11, &oom);
	c->body = pg_dup(r, row, 12, &oom);
	c->reporter_name = pg_dup(r, row, 13, &oom);
	c->reporter_phone = pg_dup(r, row, 14, &oom);
	c->reporter_email = pg_dup(r, row, 15, &oom);
	c->submitted_at = pg_int(r, row, 16);
	c->created_at = pg_int(r, row, 17);
	c->updated_at = pg_int(r, row, 18);
	c->due_at = pg_int(r, row, 19);
	c->escalation = (int)pg_int(r, row, 20);
	pg_copy(r, row, 21, c->escalated_to, sizeof c->escalated_to);
	c->version = pg_int(r, row, 22);
	c->merged_into = pg_int(r, row, 23);
	c->field_check = pg_bool(r, row, 24);
	c->extended_days = (int)pg_int(r, row, 25);
	c->clock_paused_at = pg_int(r, row, 27);
	c->event_count = pg_int(r, row, 28);
	rc = pg_hash(r, row, 29, c->last_hash, err);
	if (oom)
		rc = pg_oom(err);
	if (rc)
		lp_case_clear(c);
	return rc;
}

const struct pg_sql *pg_case_pick(struct pg_store *g, const struct pg_sql *full,
				  const struct pg_sql *masked, struct lp_error *err)
{
	if (g->read_mode == PG_READ_UNKNOWN && pg_probe_privileges(g, err))
		return NULL;
	return g->read_mode == PG_READ_FULL ? full : masked;
}

/* Picks the statement reading one case: full or masked, and locking in
 * a write transaction (the masked read then needs `lock` run first). */
static const struct pg_sql *pick_get(struct pg_store *g, const struct pg_sql *full,
				     const struct pg_sql *full_lock, const struct pg_sql *masked,
				     const struct pg_sql *lock, const struct pg_sql **lock_first,
				     struct lp_error *err)
{
	*lock_first = NULL;
	const struct pg_sql *st = pg_case_pick(g, full, masked, err);
	if (!st || g->depth == 0 || !g->write_txn || !g->may_lock)
		return st;
	if (st == full)
		return full_lock;
	*lock_first = lock;
	return st;
}

/* Keeps a copy of c, read whole under its row lock, for pg_case_update. */
static void hold(struct pg_store *g, const struct lp_case *c)
{
	lp_case_clear(&g->held);
	memset(&g->held, 0, sizeof g->held);
	if (lp_case_copy(&g->held, c))
		g->held_txn = g->txn;
	else
		g->held.id = 0; /* out of memory: nothing held */
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* True when c's title, body, reporter and intake columns are those of
 * the case read under lock in this transaction at expected_version. */
static bool content_held(const struct pg_store *g, const struct lp_case *c,
			 int64_t expected_version)
{
	const struct lp_case *h = &g->held;
	return g->depth > 0 && g->held_txn == g->txn && h->id == c->id && h->id != 0 &&
	       h->version == expected_version && !h->masked &&
	       strcmp(h->tracking_id, c->tracking_id) == 0 && h->channel == c->channel &&
	       h->privacy == c->privacy && h->submitted_at == c->submitted_at &&
	       h->created_at == c->created_at && same_text(h->title, c->title) &&
	       same_text(h->body, c->body) && same_text(h->reporter_name, c->reporter_name) &&
	       same_text(h->reporter_phone, c->reporter_phone) &&
	       same_text(h->reporter_email, c->reporter_email);
}

static int get_one(struct pg_store *g, const struct pg_sql *st, const struct pg_sql *lock,
		   const char *key, struct lp_case *out, const char *what, struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, key);
	if (lock) {
		PGresult *l = pg_run(g, lock, &p, err);
		if (!l)
			return err->code;
		PQclear(l);
	}
	PGresult *r = pg_run(g, st, &p, err);
	if (!r)
		return err->code;
	int rc = PQntuples(r) > 0 ? pg_read_case(r, 0, out, err)
				  : lp_error_set(err, LP_ENOENT, _("no case %s"), what);
	PQclear(r);
	if (rc == LP_OK && (st == &SQL_GET_FULL_LOCK || st == &SQL_TID_FULL_LOCK))
		hold(g, out);
	return rc;
}

int pg_case_get(struct lp_store *s, int64_t id, struct lp_case *out, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	const struct pg_sql *lock;
	const struct pg_sql *st = pick_get(g, &SQL_GET_FULL, &SQL_GET_FULL_LOCK, &SQL_GET_MASKED,
					   &SQL_LOCK, &lock, err);
	if (!st)
		return err->code;
	char key[24];
	snprintf(key, sizeof key, "%" PRId64, id);
	return get_one(g, st, lock, key, out, key, err);
}

int pg_case_get_by_tracking(struct lp_store *s, const char *tid, struct lp_case *out,
			    struct lp_error *err)
{
	struct pg_store *g = pg(s);
	const struct pg_sql *lock;
	const struct pg_sql *st = pick_get(g, &SQL_TID_FULL, &SQL_TID_FULL_LOCK, &SQL_TID_MASKED,
					   &SQL_TID_LOCK, &lock, err);
	if (!st)
		return err->code;
	char what[LP_TRACKING_MAX + 16];
	snprintf(what, sizeof what, "with tracking id %s", tid ? tid : "");
	return get_one(g, st, lock, tid ? tid : "", out, what, err);
}

/* The parameters $1..$29 of SQL_INSERT and SQL_IMPORT. */
static void case_params(struct pg_params *p, const struct lp_case *c)
{
	pp_text(p, c->tracking_id);
	pp_text(p, lp_kind_name(c->kind));
	pp_text(p, lp_channel_name(c->channel));
	pp_text(p, lp_status_name(c->status));
	pp_text(p, lp_privacy_name(c->privacy));
	pp_text(p, c->category);
	pp_text(p, c->region);
	pp_text(p, c->agency);
	pp_text(p, c->assignee);
	pp_int(p, c->priority);
	pp_text(p, c->title);
	pp_text(p, c->body);
	pp_text(p, c->reporter_name);
	pp_text(p, c->reporter_phone);
	pp_text(p, c->reporter_email);
	pp_int(p, c->submitted_at);
	pp_int(p, c->created_at);
	pp_int(p, c->updated_at);
	pp_int(p, c->due_at);
	pp_int(p, c->escalation);
	pp_text(p, c->escalated_to);
	pp_int(p, c->version);
	pp_int(p, c->merged_into);
	pp_bool(p, c->field_check);
	pp_int(p, c->extended_days);
	pp_text(p, clock_name(c->clock_stage));
	pp_int(p, c->clock_paused_at);
	pp_int(p, c->event_count);
	if (hash_is_zero(c->last_hash))
		pp_text(p, NULL);
	else
		pp_bytes(p, c->last_hash, LP_HASH_LEN);
}

int pg_case_insert(struct lp_store *s, struct lp_case *c, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	struct pg_params p = { 0 };
	case_params(&p, c);
	PGresult *r = pg_run(g, &SQL_INSERT, &p, err);
	if (!r) {
		if (err->code == LP_EDATA && strstr(err->msg, "tracking_id"))
			lp_error_set(err, LP_EDATA, _("a case with tracking id %s already exists"),
				     c->tracking_id);
		return err->code;
	}
	c->id = pg_int(r, 0, 0);
	PQclear(r);
	return LP_OK;
}

int pg_case_import(struct lp_store *s, const struct lp_case *c, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	if (c->id <= 0)
		return lp_error_set(err, LP_EDATA, _("case %s has no number"), c->tracking_id);
	struct pg_params p = { 0 };
	case_params(&p, c);
	pp_int(&p, c->id);
	if (g->bulk) { /* COPY, the sequence moved at the end (pg_bulk.c) */
		g->bulk_seq = true;
		return pg_bulk_add(g, PG_BULK_KASE, &p, err);
	}
	int rc = pg_run_cmd(g, &SQL_IMPORT, &p, NULL, err);
	if (rc == LP_EDATA)
		return lp_error_set(err, LP_EDATA, _("case %" PRId64 " (%s) is already there"),
				    c->id, c->tracking_id);
	if (rc == LP_OK) {
		PGresult *r = pg_run(g, &SQL_IMPORT_SEQ, NULL, err);
		if (!r)
			return err->code;
		PQclear(r);
	}
	return rc;
}

/* Why an update changed nothing: the case is gone or was changed. */
static int update_missed(struct pg_store *g, const struct lp_case *c, int64_t expected,
			 struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_int(&p, c->id);
	PGresult *r = pg_run(g, &SQL_VERSION, &p, err);
	if (!r)
		return err->code;
	int rc;
	if (PQntuples(r) == 0)
		rc = lp_error_set(err, LP_ENOENT, _("no case %" PRId64), c->id);
	else
		rc = lp_error_set(err, LP_EREFUSED,
				  _("case %" PRId64 " was changed by someone else "
				  "(now version %" PRId64 ", you read version %" PRId64 ")"),
				  c->id, pg_int(r, 0, 0), expected);
	PQclear(r);
	return rc;
}

int pg_case_update(struct lp_store *s, const struct lp_case *c, int64_t expected_version,
		   struct lp_error *err)
{
	struct pg_store *g = pg(s);
	if (g->read_mode == PG_READ_UNKNOWN && pg_probe_privileges(g, err))
		return err->code;
	/* The workflow changes no title, body or reporter: when they are
	 * what was read under lock, the update leaves them (and the search
	 * vector computed from them) alone. */
	bool all = g->write_content && !content_held(g, c, expected_version);
	struct pg_params p = { 0 };
	pp_int(&p, c->id);
	pp_int(&p, expected_version);
	pp_text(&p, lp_kind_name(c->kind));
	pp_text(&p, lp_status_name(c->status));
	pp_text(&p, c->category);
	pp_text(&p, c->region);
	pp_text(&p, c->agency);
	pp_text(&p, c->assignee);
	pp_int(&p, c->priority);
	pp_int(&p, c->updated_at);
	pp_int(&p, c->due_at);
	pp_int(&p, c->escalation);
	pp_text(&p, c->escalated_to);
	pp_int(&p, c->version);
	pp_int(&p, c->merged_into);
	pp_bool(&p, c->field_check);
	pp_int(&p, c->extended_days);
	pp_text(&p, clock_name(c->clock_stage));
	pp_int(&p, c->clock_paused_at);
	pp_int(&p, c->event_count);
	if (hash_is_zero(c->last_hash))
		pp_text(&p, NULL);
	else
		pp_bytes(&p, c->last_hash, LP_HASH_LEN);
	/* Officers who may not read title, body and reporter may not write
	 * them either: what they hold may be masked. */
	if (all) {
		pp_text(&p, c->tracking_id);
		pp_text(&p, lp_channel_name(c->channel));
		pp_text(&p, lp_privacy_name(c->privacy));
		pp_int(&p, c->submitted_at);
		pp_int(&p, c->created_at);
		pp_text(&p, c->title);
		pp_text(&p, c->body);
		pp_text(&p, c->reporter_name);
		pp_text(&p, c->reporter_phone);
		pp_text(&p, c->reporter_email);
	}
	int64_t rows = 0;
	int rc = pg_run_cmd(g, all ? &SQL_UPDATE_ALL : &SQL_UPDATE_WORKFLOW, &p, &rows, err);
	if (rc)
		return rc;
	return rows == 1 ? LP_OK : update_missed(g, c, expected_version, err);
}
