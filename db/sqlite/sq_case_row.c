/* sq_case_row.c: one case in SQLite: insert, get, versioned update. */
#include "i18n.h"
#include "sq_case_row.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Parameters by number, bound by number (no name look-ups per row):
 * ?1..?29 the columns of SQ_CASE_COLUMNS, ?30 the id, ?31 the expected
 * version.  An update sets only the columns whose value changed: SQLite
 * rewrites the entry of every index over a column an UPDATE sets, changed
 * or not, and with all of them set an escalation wrote 13 index entries
 * where 6 had moved (tests/bench/sweep.sh). */
#define CASE_VALUES \
	"?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, " \
	"?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29"
enum { N_CASE_COLS = SQ_NCASE_COLS - 1, P_ID = 30, P_EXPECTED = 31 };
_Static_assert(N_CASE_COLS == 29, "CASE_VALUES numbers ?1..?29");

/* A NULL id: SQLite numbers the row. */
static const char SQL_CASE_INSERT[] =
	"INSERT INTO kase(" SQ_CASE_COLS ") VALUES (NULL, " CASE_VALUES ")";
static const char SQL_CASE_INSERT_ID[] =
	"INSERT INTO kase(" SQ_CASE_COLS ") VALUES (?30, " CASE_VALUES ")";
/* The number SQLite would give the next row (INTEGER PRIMARY KEY without
 * AUTOINCREMENT: the largest plus one); a seek to the table's end. */
static const char SQL_CASE_NEXT_ID[] = "SELECT coalesce(max(id), 0) + 1 FROM kase";
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

/* One column's value as it is bound and stored. */
struct colval {
	int type;          /* SQLITE_INTEGER, SQLITE_TEXT, SQLITE_BLOB or SQLITE_NULL */
	int64_t i;         /* SQLITE_INTEGER */
	const void *p;     /* SQLITE_TEXT (NUL-terminated) or SQLITE_BLOB: borrowed from c */
	int n;             /* SQLITE_BLOB: its length */
};

/* The columns by parameter number (?1 is tracking_id). */
#define COL_NAME_(c) #c,
static const char *const case_col[N_CASE_COLS + 1] = { NULL, SQ_CASE_COLUMNS(COL_NAME_) };

static struct colval int_val(int64_t v)
{
	return (struct colval){ .type = SQLITE_INTEGER, .i = v };
}

static struct colval text_val(const char *v)
{
	return (struct colval){ .type = v ? SQLITE_TEXT : SQLITE_NULL, .p = v };
}

/* Column `col` (1..N_CASE_COLS) of c as it is stored. */
static struct colval case_value(const struct lp_case *c, int col)
{
	switch (col) {
	case 1: return text_val(c->tracking_id);
	case 2: return text_val(lp_kind_name(c->kind));
	case 3: return text_val(lp_channel_name(c->channel));
	case 4: return text_val(lp_status_name(c->status));
	case 5: return text_val(lp_privacy_name(c->privacy));
	case 6: return text_val(c->category);
	case 7: return text_val(c->region);
	case 8: return text_val(c->agency);
	case 9: return text_val(c->assignee);
	case 10: return int_val(c->priority);
	case 11: return int_val(c->submitted_at);
	case 12: return int_val(c->created_at);
	case 13: return int_val(c->updated_at);
	case 14: return int_val(c->due_at);
	case 15: return int_val(c->escalation);
	case 16: return text_val(c->escalated_to);
	case 17: return int_val(c->version);
	case 18: return int_val(c->merged_into);
	case 19: return int_val(c->field_check ? 1 : 0);
	case 20: return int_val(c->extended_days);
	case 21: return text_val(c->clock_stage >= 0 ? lp_sla_stage_name(c->clock_stage) : NULL);
	case 22: return int_val(c->clock_paused_at);
	case 23: return int_val(c->event_count);
	case 24:
		if (c->event_count > 0 || memcmp(c->last_hash, zero_hash, LP_HASH_LEN) != 0)
			return (struct colval){ .type = SQLITE_BLOB, .p = c->last_hash,
						.n = LP_HASH_LEN };
		return text_val(NULL);
	case 25: return text_val(c->reporter_name);
	case 26: return text_val(c->reporter_phone);
	case 27: return text_val(c->reporter_email);
	case 28: return text_val(c->title);
	case 29: return text_val(c->body);
	}
	return text_val(NULL);
}

static void bind_text(sqlite3_stmt *st, int i, const char *v)
{
	sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

static void bind_case(sqlite3_stmt *st, const struct lp_case *c)
{
	for (int col = 1; col <= N_CASE_COLS; col++) {
		struct colval v = case_value(c, col);
		if (v.type == SQLITE_INTEGER)
			sqlite3_bind_int64(st, col, v.i);
		else if (v.type == SQLITE_TEXT)
			bind_text(st, col, v.p);
		else if (v.type == SQLITE_BLOB)
			sqlite3_bind_blob(st, col, v.p, v.n, SQLITE_STATIC);
		else
			sqlite3_bind_null(st, col);
	}
}

/* True when column `col` of a row selecting SQ_CASE_COLS holds v. */
static bool stored_as(sqlite3_stmt *row, int col, const struct colval *v)
{
	int type = sqlite3_column_type(row, col);
	if (type != v->type)
		return false;
	if (type == SQLITE_INTEGER)
		return sqlite3_column_int64(row, col) == v->i;
	if (type == SQLITE_TEXT) {
		const char *t = (const char *)sqlite3_column_text(row, col);
		return t && strcmp(t, v->p) == 0;
	}
	if (type == SQLITE_BLOB)
		return sqlite3_column_bytes(row, col) == v->n &&
		       (v->n == 0 || memcmp(sqlite3_column_blob(row, col), v->p, v->n) == 0);
	return true;
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

/* Keys of the cached UPDATE statements: the mask of the columns set. */
#define SQ_KEY_UPDATE (SQ_KEY_TAG | UINT64_C(1) << 62)

/* "UPDATE kase SET <the columns of mask> WHERE id = ?30 AND version = ?31" */
static char *build_update(const void *ctx)
{
	uint32_t mask = *(const uint32_t *)ctx;
	size_t cap = 64;
	for (int col = 1; col <= N_CASE_COLS; col++)
		cap += strlen(case_col[col]) + 12;
	char *sql = malloc(cap);
	if (!sql)
		return NULL;
	size_t n = (size_t)snprintf(sql, cap, "UPDATE kase SET");
	const char *sep = " ";
	for (int col = 1; col <= N_CASE_COLS; col++) {
		if (!(mask & 1u << col))
			continue;
		n += (size_t)snprintf(sql + n, cap - n, "%s%s = ?%d", sep, case_col[col], col);
		sep = ", ";
	}
	snprintf(sql + n, cap - n, " WHERE id = ?%d AND version = ?%d", P_ID, P_EXPECTED);
	return sql;
}

/* Compares c with its stored row: *mask gets a bit per column that
 * differs (1u << col).  A missing row or another version is reported as
 * the update would. */
static int changed_columns(struct sq_store *q, const struct lp_case *c, int64_t expected,
			   uint32_t *mask, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, SQL_CASE_GET, err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, c->id);
	int rc = sq_step(q, st, err);
	bool current = rc == SQLITE_ROW && sqlite3_column_int64(st, 17) == expected;
	*mask = 0;
	if (current) {
		for (int col = 1; col <= N_CASE_COLS; col++) {
			struct colval v = case_value(c, col);
			if (!stored_as(st, col, &v))
				*mask |= 1u << col;
		}
	}
	sq_release(q, st);
	if (rc < 0)
		return -rc;
	if (!current)
		return explain_stale(q, c->id, expected, err);
	return LP_OK;
}

int sq_case_update(struct lp_store *s, const struct lp_case *c, int64_t expected_version,
		   struct lp_error *err)
{
	struct sq_store *q = sq(s);
	uint32_t mask;
	int rc = check_case(c, err);
	if (rc)
		return rc;
	/* During a bulk intake the new cases are indexed and counted first,
	 * so that stat_update finds this one counted (sq_bulk.c). */
	if ((rc = sq_bulk_sync(q, c, err)) != LP_OK)
		return rc;
	if ((rc = changed_columns(q, c, expected_version, &mask, err)) != LP_OK)
		return rc;
	if (mask == 0)
		return LP_OK; /* the row already holds c */
	sqlite3_stmt *st = sq_stmt_keyed(q, SQ_KEY_UPDATE | mask, build_update, &mask, err);
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
