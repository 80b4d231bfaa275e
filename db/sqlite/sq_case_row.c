/* sq_case_row.c: one case in SQLite: insert, get, versioned update. */
#include "sq_case_row.h"

#include <stdio.h>
#include <string.h>

#define CASE_SET \
	"tracking_id = :tid, kind = :kind, channel = :channel, status = :status, " \
	"privacy = :privacy, category = :category, region = :region, agency = :agency, " \
	"assignee = :assignee, priority = :priority, submitted_at = :submitted_at, " \
	"created_at = :created_at, updated_at = :updated_at, due_at = :due_at, " \
	"escalation = :escalation, escalated_to = :escalated_to, version = :version, " \
	"merged_into = :merged_into, field_check = :field_check, " \
	"extended_days = :extended_days, clock_stage = :clock_stage, " \
	"clock_paused_at = :clock_paused_at, event_count = :event_count, " \
	"last_hash = :last_hash, reporter_name = :reporter_name, " \
	"reporter_phone = :reporter_phone, reporter_email = :reporter_email, " \
	"title = :title, body = :body"

static const char SQL_CASE_INSERT[] =
	"INSERT INTO kase(tracking_id, kind, channel, status, privacy, category, region, "
	"agency, assignee, priority, submitted_at, created_at, updated_at, due_at, "
	"escalation, escalated_to, version, merged_into, field_check, extended_days, "
	"clock_stage, clock_paused_at, event_count, last_hash, reporter_name, "
	"reporter_phone, reporter_email, title, body) VALUES (:tid, :kind, :channel, "
	":status, :privacy, :category, :region, :agency, :assignee, :priority, "
	":submitted_at, :created_at, :updated_at, :due_at, :escalation, :escalated_to, "
	":version, :merged_into, :field_check, :extended_days, :clock_stage, "
	":clock_paused_at, :event_count, :last_hash, :reporter_name, :reporter_phone, "
	":reporter_email, :title, :body)";
static const char SQL_CASE_UPDATE[] =
	"UPDATE kase SET " CASE_SET " WHERE id = :id AND version = :expected";
static const char SQL_CASE_GET[] = "SELECT " SQ_CASE_COLS " FROM kase WHERE id = :id";
static const char SQL_CASE_GET_TID[] =
	"SELECT " SQ_CASE_COLS " FROM kase WHERE tracking_id = :tid";
static const char SQL_CASE_VERSION[] = "SELECT version FROM kase WHERE id = :id";

static const unsigned char zero_hash[LP_HASH_LEN];

/* Checks the closed lists before they reach the database. */
static int check_case(const struct lp_case *c, struct lp_error *err)
{
	if (!c->tracking_id[0])
		return lp_error_set(err, LP_EDATA, "a case needs a tracking id");
	if (strcmp(lp_kind_name(c->kind), "?") == 0 ||
	    strcmp(lp_channel_name(c->channel), "?") == 0 ||
	    strcmp(lp_status_name(c->status), "?") == 0 ||
	    strcmp(lp_privacy_name(c->privacy), "?") == 0 ||
	    (c->clock_stage >= 0 && strcmp(lp_sla_stage_name(c->clock_stage), "?") == 0))
		return lp_error_set(err, LP_EDATA, "case %s has a value out of range",
				    c->tracking_id);
	return LP_OK;
}

static void bind_case(sqlite3_stmt *st, const struct lp_case *c)
{
	sq_bind_text(st, ":tid", c->tracking_id);
	sq_bind_text(st, ":kind", lp_kind_name(c->kind));
	sq_bind_text(st, ":channel", lp_channel_name(c->channel));
	sq_bind_text(st, ":status", lp_status_name(c->status));
	sq_bind_text(st, ":privacy", lp_privacy_name(c->privacy));
	sq_bind_text(st, ":category", c->category);
	sq_bind_text(st, ":region", c->region);
	sq_bind_text(st, ":agency", c->agency);
	sq_bind_text(st, ":assignee", c->assignee);
	sq_bind_int64(st, ":priority", c->priority);
	sq_bind_int64(st, ":submitted_at", c->submitted_at);
	sq_bind_int64(st, ":created_at", c->created_at);
	sq_bind_int64(st, ":updated_at", c->updated_at);
	sq_bind_int64(st, ":due_at", c->due_at);
	sq_bind_int64(st, ":escalation", c->escalation);
	sq_bind_text(st, ":escalated_to", c->escalated_to);
	sq_bind_int64(st, ":version", c->version);
	sq_bind_int64(st, ":merged_into", c->merged_into);
	sq_bind_int64(st, ":field_check", c->field_check ? 1 : 0);
	sq_bind_int64(st, ":extended_days", c->extended_days);
	if (c->clock_stage >= 0)
		sq_bind_text(st, ":clock_stage", lp_sla_stage_name(c->clock_stage));
	sq_bind_int64(st, ":clock_paused_at", c->clock_paused_at);
	sq_bind_int64(st, ":event_count", c->event_count);
	if (c->event_count > 0 || memcmp(c->last_hash, zero_hash, LP_HASH_LEN) != 0)
		sqlite3_bind_blob(st, sqlite3_bind_parameter_index(st, ":last_hash"), c->last_hash,
				  LP_HASH_LEN, SQLITE_STATIC);
	sq_bind_text(st, ":reporter_name", c->reporter_name);
	sq_bind_text(st, ":reporter_phone", c->reporter_phone);
	sq_bind_text(st, ":reporter_email", c->reporter_email);
	sq_bind_text(st, ":title", c->title);
	sq_bind_text(st, ":body", c->body);
}

/* A stored name back to its enum, or an LP_EDATA error naming the case. */
static int parse_col(sqlite3_stmt *st, int i, int (*parse)(const char *), const char *what,
		     int64_t id, int *out, struct lp_error *err)
{
	const char *name = (const char *)sqlite3_column_text(st, i);
	int v = name ? parse(name) : -1;
	if (v < 0)
		return lp_error_set(err, LP_EDATA, "case %lld has an unknown %s '%s'",
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
	rc = sq_step(q, st, err);
	if (rc == SQLITE_DONE)
		c->id = sqlite3_last_insert_rowid(q->db);
	int xrc = sqlite3_extended_errcode(q->db);
	sq_release(q, st);
	if (rc == SQLITE_DONE)
		return LP_OK;
	if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_UNIQUE)
		return lp_error_set(err, LP_EDATA, "a case with tracking id %s already exists",
				    c->tracking_id);
	if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return lp_error_set(err, LP_EDATA, "case %s: no agency %s", c->tracking_id,
				    c->agency);
	return -rc;
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
		rc = lp_error_set(err, LP_ENOENT, "no case %s", what);
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
	sq_bind_int64(st, ":id", id);
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
	sq_bind_text(st, ":tid", tid ? tid : "");
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
	sq_bind_int64(st, ":id", id);
	int rc = sq_step(q, st, err);
	int64_t now = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sq_release(q, st);
	if (rc < 0)
		return -rc;
	if (rc == SQLITE_DONE)
		return lp_error_set(err, LP_ENOENT, "no case %lld", (long long)id);
	return lp_error_set(err, LP_EREFUSED, "case %lld was changed by someone else since it "
			    "was read (version %lld now, %lld read)", (long long)id,
			    (long long)now, (long long)expected);
}

int sq_case_update(struct lp_store *s, const struct lp_case *c, int64_t expected_version,
		   struct lp_error *err)
{
	struct sq_store *q = sq(s);
	int rc = check_case(c, err);
	if (rc)
		return rc;
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_UPDATE, err);
	if (!st)
		return err->code;
	bind_case(st, c);
	sq_bind_int64(st, ":id", c->id);
	sq_bind_int64(st, ":expected", expected_version);
	rc = sq_step(q, st, err);
	int changed = sqlite3_changes(q->db);
	int xrc = sqlite3_extended_errcode(q->db);
	sq_release(q, st);
	if (rc < 0) {
		if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_UNIQUE)
			return lp_error_set(err, LP_EDATA, "a case with tracking id %s already "
					    "exists", c->tracking_id);
		if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_FOREIGNKEY)
			return lp_error_set(err, LP_EDATA, "case %lld: no agency %s",
					    (long long)c->id, c->agency);
		return -rc;
	}
	if (changed == 0)
		return explain_stale(q, c->id, expected_version, err);
	return LP_OK;
}
