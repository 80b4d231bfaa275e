/* sq_case_row.c: one case in SQLite: insert, get, versioned update. */
#include "i18n.h"
#include "sq_case_row.h"

#include <stdio.h>
#include <string.h>

/* Parameters by number, bound by number (no name look-ups per row):
 * ?1..?29 the columns in CASE_COLS order, ?30 the id, ?31 the expected
 * version. */
#define CASE_COLS \
	"tracking_id, kind, channel, status, privacy, category, region, agency, assignee, " \
	"priority, submitted_at, created_at, updated_at, due_at, escalation, escalated_to, " \
	"version, merged_into, field_check, extended_days, clock_stage, clock_paused_at, " \
	"event_count, last_hash, reporter_name, reporter_phone, reporter_email, title, body"
#define CASE_VALUES \
	"?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, " \
	"?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29"
#define CASE_SET \
	"tracking_id = ?1, kind = ?2, channel = ?3, status = ?4, privacy = ?5, " \
	"category = ?6, region = ?7, agency = ?8, assignee = ?9, priority = ?10, " \
	"submitted_at = ?11, created_at = ?12, updated_at = ?13, due_at = ?14, " \
	"escalation = ?15, escalated_to = ?16, version = ?17, merged_into = ?18, " \
	"field_check = ?19, extended_days = ?20, clock_stage = ?21, clock_paused_at = ?22, " \
	"event_count = ?23, last_hash = ?24, reporter_name = ?25, reporter_phone = ?26, " \
	"reporter_email = ?27, title = ?28, body = ?29"
enum { P_ID = 30, P_EXPECTED = 31 };

static const char SQL_CASE_INSERT[] =
	"INSERT INTO kase(" CASE_COLS ") VALUES (" CASE_VALUES ")";
static const char SQL_CASE_INSERT_ID[] =
	"INSERT INTO kase(id, " CASE_COLS ") VALUES (?30, " CASE_VALUES ")";
/* The number SQLite would give the next row (INTEGER PRIMARY KEY without
 * AUTOINCREMENT: the largest plus one); a seek to the table's end. */
static const char SQL_CASE_NEXT_ID[] = "SELECT coalesce(max(id), 0) + 1 FROM kase";
static const char SQL_CASE_UPDATE[] =
	"UPDATE kase SET " CASE_SET " WHERE id = ?30 AND version = ?31";
static const char SQL_CASE_GET[] = "SELECT " SQ_CASE_COLS " FROM kase WHERE id = ?1";
static const char SQL_CASE_GET_TID[] = "SELECT " SQ_CASE_COLS " FROM kase WHERE tracking_id = ?1";
static const char SQL_CASE_VERSION[] = "SELECT version FROM kase WHERE id = ?1";

static const unsigned char zero_hash[LP_HASH_LEN];

/* Checks the closed lists before they reach the database. */
static int check_case(const struct lp_case *c, struct lp_error *err)
{
	if (!c->tracking_id[0])
		return lp_error_set(err, LP_EDATA, _("a case needs a tracking id"));
	if (strcmp(lp_kind_name(c->kind), "?") == 0 ||
	    strcmp(lp_channel_name(c->channel), "?") == 0 ||
	    strcmp(lp_status_name(c->status), "?") == 0 ||
	    strcmp(lp_privacy_name(c->privacy), "?") == 0 ||
	    (c->clock_stage >= 0 && strcmp(lp_sla_stage_name(c->clock_stage), "?") == 0))
		return lp_error_set(err, LP_EDATA, _("case %s has a value out of range"),
				    c->tracking_id);
	return LP_OK;
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void bind_case(sqlite3_stmt *st, const struct lp_case *c)
{
	bind_text(st, 1, c->tracking_id);
	bind_text(st, 2, lp_kind_name(c->kind));
	bind_text(st, 3, lp_channel_name(c->channel));
	bind_text(st, 4, lp_status_name(c->status));
	bind_text(st, 5, lp_privacy_name(c->privacy));
	bind_text(st, 6, c->category);
	bind_text(st, 7, c->region);
	bind_text(st, 8, c->agency);
	bind_text(st, 9, c->assignee);
	sqlite3_bind_int64(st, 10, c->priority);
	sqlite3_bind_int64(st, 11, c->submitted_at);
	sqlite3_bind_int64(st, 12, c->created_at);
	sqlite3_bind_int64(st, 13, c->updated_at);
	sqlite3_bind_int64(st, 14, c->due_at);
	sqlite3_bind_int64(st, 15, c->escalation);
	bind_text(st, 16, c->escalated_to);
	sqlite3_bind_int64(st, 17, c->version);
	sqlite3_bind_int64(st, 18, c->merged_into);
	sqlite3_bind_int64(st, 19, c->field_check ? 1 : 0);
	sqlite3_bind_int64(st, 20, c->extended_days);
	if (c->clock_stage >= 0)
		bind_text(st, 21, lp_sla_stage_name(c->clock_stage));
	sqlite3_bind_int64(st, 22, c->clock_paused_at);
	sqlite3_bind_int64(st, 23, c->event_count);
	if (c->event_count > 0 || memcmp(c->last_hash, zero_hash, LP_HASH_LEN) != 0)
		sqlite3_bind_blob(st, 24, c->last_hash, LP_HASH_LEN, SQLITE_STATIC);
	bind_text(st, 25, c->reporter_name);
	bind_text(st, 26, c->reporter_phone);
	bind_text(st, 27, c->reporter_email);
	bind_text(st, 28, c->title);
	bind_text(st, 29, c->body);
}

/* A stored name back to its enum, or an LP_EDATA error naming the case. */
static int parse_col(sqlite3_stmt *st, int i, int (*parse)(const char *), const char *what,
		     int64_t id, int *out, struct lp_error *err)
{
	const char *name = (const char *)sqlite3_column_text(st, i);
	int v = name ? parse(name) : -1;
	if (v < 0)
		return lp_error_set(err, LP_EDATA, _("case %lld has an unknown %s '%s'"),
				    (long long)id, what, name ? name : "");
	*out = v;
	return LP_OK;
}

int sq_case_read(sqlite3_stmt *st, struct lp_case *c, struct lp_error *err)
{
	int kind = 0, channel = 0, status = 0, privacy = 0, rc;
	memset(c, 0, sizeof *c);
	c->id = sqlite3_column_int64(st, 0);
	sq_col_copy(st, 1, c->tracking_id, sizeof c->tracking_id);
	if ((rc = parse_col(st, 2, lp_kind_parse, "kind", c->id, &kind, err)) ||
	    (rc = parse_col(st, 3, lp_channel_parse, "channel", c->id, &channel, err)) ||
	    (rc = parse_col(st, 4, lp_status_parse, "status", c->id, &status, err)) ||
	    (rc = parse_col(st, 5, lp_privacy_parse, "privacy", c->id, &privacy, err)))
		return rc;
	c->kind = (enum lp_kind)kind;
	c->channel = (enum lp_channel)channel;
	c->status = (enum lp_status)status;
	c->privacy = (enum lp_privacy)privacy;
	sq_col_copy(st, 6, c->category, sizeof c->category);
	sq_col_copy(st, 7, c->region, sizeof c->region);
	sq_col_copy(st, 8, c->agency, sizeof c->agency);
	sq_col_copy(st, 9, c->assignee, sizeof c->assignee);
	c->priority = sqlite3_column_int(st, 10);
	c->submitted_at = sqlite3_column_int64(st, 11);
	c->created_at = sqlite3_column_int64(st, 12);
	c->updated_at = sqlite3_column_int64(st, 13);
	c->due_at = sqlite3_column_int64(st, 14);
	c->escalation = sqlite3_column_int(st, 15);
	sq_col_copy(st, 16, c->escalated_to, sizeof c->escalated_to);
	c->version = sqlite3_column_int64(st, 17);
	c->merged_into = sqlite3_column_int64(st, 18);
	c->field_check = sqlite3_column_int(st, 19) != 0;
	c->extended_days = sqlite3_column_int(st, 20);
	c->clock_stage = -1;
	if (sqlite3_column_type(st, 21) != SQLITE_NULL &&
	    (rc = parse_col(st, 21, lp_sla_stage_parse, "clock stage", c->id, &c->clock_stage,
			    err)))
		return rc;
	c->clock_paused_at = sqlite3_column_int64(st, 22);
	c->event_count = sqlite3_column_int64(st, 23);
	if (sqlite3_column_bytes(st, 24) == LP_HASH_LEN)
		memcpy(c->last_hash, sqlite3_column_blob(st, 24), LP_HASH_LEN);
	bool oom = false;
	c->reporter_name = sq_col_dup(st, 25, &oom);
	c->reporter_phone = sq_col_dup(st, 26, &oom);
	c->reporter_email = sq_col_dup(st, 27, &oom);
	c->title = sq_col_dup(st, 28, &oom);
	c->body = sq_col_dup(st, 29, &oom);
	if (oom) {
		lp_case_clear(c);
		return sq_oom(err);
	}
	return LP_OK;
}

/* Steps an insert of c and maps its errors; releases st. */
static int insert_step(struct sq_store *q, sqlite3_stmt *st, struct lp_case *c,
		       struct lp_error *err)
{
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_DONE)
		c->id = sqlite3_last_insert_rowid(q->db);
	int xrc = sqlite3_extended_errcode(q->db);
	sq_release(q, st);
	if (rc == SQLITE_DONE)
		return LP_OK;
	if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_UNIQUE)
		return lp_error_set(err, LP_EDATA, _("a case with tracking id %s already exists"),
				    c->tracking_id);
	if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return lp_error_set(err, LP_EDATA, _("case %s: no agency %s"), c->tracking_id,
				    c->agency);
	return -rc;
}

int sq_case_insert(struct lp_store *s, struct lp_case *c, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	int rc = check_case(c, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_INSERT, err);
	if (!st)
		return err->code;
	bind_case(st, c);
	return insert_step(q, st, c, err);
}

/* The number of the next case: what SQLite would give it on insert. */
static int next_id(struct sq_store *q, int64_t *out, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_NEXT_ID, err);
	if (!st)
		return err->code;
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sq_release(q, st);
	if (rc < 0)
		return -rc;
	if (rc != SQLITE_ROW || *out <= 0)
		return lp_error_set(err, LP_EINTERNAL, _("no number is left for a new case"));
	return LP_OK;
}

/* The row is written once: the first event's hash needs the case's
 * number, which is known before the insert (the write transaction holds
 * the lock, so no one else can take it). */
int sq_case_insert_first(struct lp_store *s, struct lp_case *c, struct lp_event *e,
			 lp_seal_fn seal, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	int64_t id = 0;
	int rc = check_case(c, err);
	if (rc)
		return rc;
	if (q->depth == 0)
		return lp_error_set(err, LP_EINTERNAL,
				    _("a case with its first event needs a write transaction"));
	sq_bulk(q);
	if ((rc = next_id(q, &id, err)) != LP_OK)
		return rc;
	c->id = id;
	seal(c, e);
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_INSERT_ID, err);
	if (!st)
		return err->code;
	bind_case(st, c);
	sqlite3_bind_int64(st, P_ID, id);
	if ((rc = insert_step(q, st, c, err)) != LP_OK)
		return rc;
	return sq_event_append(s, e, err);
}

static int get_one(struct sq_store *q, sqlite3_stmt *st, const char *what, struct lp_case *out,
		   struct lp_error *err)
{
	memset(out, 0, sizeof *out); /* clearable whatever happens */
	out->clock_stage = -1;
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		rc = sq_case_read(st, out, err);
	else if (rc == SQLITE_DONE)
		rc = lp_error_set(err, LP_ENOENT, _("no case %s"), what);
	else
		rc = -rc;
	sq_release(q, st);
	return rc;
}

int sq_case_get(struct lp_store *s, int64_t id, struct lp_case *out, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	char what[32];
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_GET, err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	snprintf(what, sizeof what, "%lld", (long long)id);
	return get_one(q, st, what, out, err);
}

int sq_case_get_by_tracking(struct lp_store *s, const char *tid, struct lp_case *out,
			    struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_GET_TID, err);
	if (!st)
		return err->code;
	bind_text(st, 1, tid ? tid : "");
	char what[LP_TRACKING_MAX + 24];
	snprintf(what, sizeof what, "with tracking id %s", tid ? tid : "");
	return get_one(q, st, what, out, err);
}

/* After an update changed nothing: is the row gone or newer? */
static int explain_stale(struct sq_store *q, int64_t id, int64_t expected, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_VERSION, err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, id);
	int rc = sq_step(q, st, err);
	int64_t now = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sq_release(q, st);
	if (rc < 0)
		return -rc;
	if (rc == SQLITE_DONE)
		return lp_error_set(err, LP_ENOENT, _("no case %lld"), (long long)id);
	return lp_error_set(err, LP_EREFUSED, _("case %lld was changed by someone else since it "
			    "was read (version %lld now, %lld read)"), (long long)id,
			    (long long)now, (long long)expected);
}

int sq_case_update(struct lp_store *s, const struct lp_case *c, int64_t expected_version,
		   struct lp_error *err)
{
	struct sq_store *q = sq(s);
	int rc = check_case(c, err);
	if (rc)
		return rc;
	/* During a bulk intake the new cases are indexed and counted first,
	 * so that stat_update finds this one counted (sq_bulk.c). */
	if ((rc = sq_bulk_sync(q, c, err)) != LP_OK)
		return rc;
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_UPDATE, err);
	if (!st)
		return err->code;
	bind_case(st, c);
	sqlite3_bind_int64(st, P_ID, c->id);
	sqlite3_bind_int64(st, P_EXPECTED, expected_version);
	rc = sq_step(q, st, err);
	int changed = sqlite3_changes(q->db);
	int xrc = sqlite3_extended_errcode(q->db);
	sq_release(q, st);
	if (rc < 0) {
		if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_UNIQUE)
			return lp_error_set(err, LP_EDATA, _("a case with tracking id %s already "
					    "exists"), c->tracking_id);
		if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return lp_error_set(err, LP_EDATA, _("case %lld: no agency %s"),
					    (long long)c->id, c->agency);
		return -rc;
	}
	if (changed == 0)
		return explain_stale(q, c->id, expected_version, err);
	return LP_OK;
}
