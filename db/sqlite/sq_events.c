/* sq_events.c: the event log (append only), drafts and meta in SQLite. */
#include "i18n.h"
#include "sq_internal.h"

#include <stdlib.h>
#include <string.h>

#define EVENT_COLS \
	"case_id, seq, at, officer, actor, action, status_from, status_to, agency_from, " \
	"agency_to, visibility, text, detail, prev_hash, hash"

static const char SQL_EVENT_APPEND[] =
	"INSERT INTO event(" EVENT_COLS ") VALUES (:case_id, :seq, :at, :officer, :actor, "
	":action, :status_from, :status_to, :agency_from, :agency_to, :visibility, :text, "
	":detail, :prev_hash, :hash)";
static const char SQL_EVENT_LIST[] =
	"SELECT " EVENT_COLS " FROM event WHERE case_id = :case_id AND seq > :after ORDER BY seq";
static const char SQL_EVENT_SCAN[] = "SELECT " EVENT_COLS " FROM event ORDER BY case_id, seq";

static const char SQL_DRAFT_PUT[] =
	"INSERT INTO draft(case_id, login, kind, text, updated_at) "
	"VALUES (:case_id, :login, :kind, :text, :at) "
	"ON CONFLICT(case_id, login) DO UPDATE SET kind = excluded.kind, text = excluded.text, "
	"updated_at = excluded.updated_at";
static const char SQL_DRAFT_GET[] =
	"SELECT kind, text FROM draft WHERE case_id = :case_id AND login = :login";
static const char SQL_DRAFT_DELETE[] =
	"DELETE FROM draft WHERE case_id = :case_id AND login = :login";

static const char SQL_META_GET[] = "SELECT value FROM meta WHERE key = :key";
static const char SQL_META_PUT[] =
	"INSERT INTO meta(key, value) VALUES (:key, :value) "
	"ON CONFLICT(key) DO UPDATE SET value = excluded.value";

int sq_event_append(struct lp_store *s, const struct lp_event *e, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	const char *action = lp_action_name(e->action);
	const char *from = lp_status_name(e->status_from), *to = lp_status_name(e->status_to);
	const char *vis = lp_visibility_name(e->visibility);
	if (!strcmp(action, "?") || !strcmp(from, "?") || !strcmp(to, "?") || !strcmp(vis, "?"))
		return lp_error_set(err, LP_EDATA, _("event %lld of case %lld has a value out of "
				    "range"), (long long)e->seq, (long long)e->case_id);
	sqlite3_stmt *st = sq_stmt(q, SQL_EVENT_APPEND, err);
	if (!st)
		return err->code;
	sq_bind_int64(st, ":case_id", e->case_id);
	sq_bind_int64(st, ":seq", e->seq);
	sq_bind_int64(st, ":at", e->at);
	sq_bind_text(st, ":officer", e->officer);
	sq_bind_text(st, ":actor", e->actor);
	sq_bind_text(st, ":action", action);
	sq_bind_text(st, ":status_from", from);
	sq_bind_text(st, ":status_to", to);
	sq_bind_text(st, ":agency_from", e->agency_from);
	sq_bind_text(st, ":agency_to", e->agency_to);
	sq_bind_text(st, ":visibility", vis);
	sq_bind_text(st, ":text", e->text);
	sq_bind_text(st, ":detail", e->detail);
	sqlite3_bind_blob(st, sqlite3_bind_parameter_index(st, ":prev_hash"), e->prev_hash,
			  LP_HASH_LEN, SQLITE_STATIC);
	sqlite3_bind_blob(st, sqlite3_bind_parameter_index(st, ":hash"), e->hash, LP_HASH_LEN,
			  SQLITE_STATIC);
	int rc = sq_step(q, st, err);
	int xrc = sqlite3_extended_errcode(q->db);
	sq_release(q, st);
	if (rc >= 0)
		return LP_OK;
	if (-rc == LP_EDATA && xrc == SQLITE_CONSTRAINT_FOREIGNKEY)
		return lp_error_set(err, LP_EDATA, _("no case %lld for its event %lld"),
				    (long long)e->case_id, (long long)e->seq);
	if (-rc == LP_EDATA)
		return lp_error_set(err, LP_EDATA, _("case %lld already has an event %lld"),
				    (long long)e->case_id, (long long)e->seq);
	return -rc;
}

static int read_enum(sqlite3_stmt *st, int i, int (*parse)(const char *), int *out,
		     const struct lp_event *e, struct lp_error *err)
{
	const char *name = (const char *)sqlite3_column_text(st, i);
	int v = name ? parse(name) : -1;
	if (v < 0)
		return lp_error_set(err, LP_EDATA, _("event %lld of case %lld has an unknown value "
				    "'%s'"), (long long)e->seq, (long long)e->case_id,
				    name ? name : "");
	*out = v;
	return LP_OK;
}

static int read_event(sqlite3_stmt *st, struct lp_event *e, struct lp_error *err)
{
	int action = 0, from = 0, to = 0, vis = 0, rc;
	memset(e, 0, sizeof *e);
	e->case_id = sqlite3_column_int64(st, 0);
	e->seq = sqlite3_column_int64(st, 1);
	e->at = sqlite3_column_int64(st, 2);
	sq_col_copy(st, 3, e->officer, sizeof e->officer);
	sq_col_copy(st, 4, e->actor, sizeof e->actor);
	if ((rc = read_enum(st, 5, lp_action_parse, &action, e, err)) ||
	    (rc = read_enum(st, 6, lp_status_parse, &from, e, err)) ||
	    (rc = read_enum(st, 7, lp_status_parse, &to, e, err)) ||
	    (rc = read_enum(st, 10, lp_visibility_parse, &vis, e, err)))
		return rc;
	e->action = (enum lp_action)action;
	e->status_from = (enum lp_status)from;
	e->status_to = (enum lp_status)to;
	e->visibility = (enum lp_visibility)vis;
	sq_col_copy(st, 8, e->agency_from, sizeof e->agency_from);
	sq_col_copy(st, 9, e->agency_to, sizeof e->agency_to);
	bool oom = false;
	e->text = sq_col_dup(st, 11, &oom);
	e->detail = sq_col_dup(st, 12, &oom);
	if (oom) {
		lp_event_clear(e);
		return sq_oom(err);
	}
	if (sqlite3_column_bytes(st, 13) == LP_HASH_LEN)
		memcpy(e->prev_hash, sqlite3_column_blob(st, 13), LP_HASH_LEN);
	if (sqlite3_column_bytes(st, 14) == LP_HASH_LEN)
		memcpy(e->hash, sqlite3_column_blob(st, 14), LP_HASH_LEN);
	return LP_OK;
}

static int iterate(struct sq_store *q, sqlite3_stmt *st, lp_event_cb cb, void *ud,
		   struct lp_error *err)
{
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_event e;
		stop = read_event(st, &e, err);
		if (!stop) {
			stop = cb(&e, ud);
			lp_event_clear(&e);
		}
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}

int sq_event_list(struct lp_store *s, int64_t case_id, int64_t after, lp_event_cb cb, void *ud,
		  struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_EVENT_LIST, err);
	if (!st)
		return err->code;
	sq_bind_int64(st, ":case_id", case_id);
	sq_bind_int64(st, ":after", after);
	return iterate(q, st, cb, ud, err);
}

int sq_event_scan(struct lp_store *s, lp_event_cb cb, void *ud, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_EVENT_SCAN, err);
	if (!st)
		return err->code;
	return iterate(q, st, cb, ud, err);
}

int sq_draft_put(struct lp_store *s, int64_t case_id, const char *login, enum lp_action kind,
		 const char *text, int64_t at, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	if (kind != LP_ACTION_REPLY && kind != LP_ACTION_NOTE)
		return lp_error_set(err, LP_EDATA, _("a draft is a reply or a note"));
	if (!login || !*login)
		return lp_error_set(err, LP_EDATA, _("a draft needs the officer's login"));
	sqlite3_stmt *st = sq_stmt(q, SQL_DRAFT_PUT, err);
	if (!st)
		return err->code;
	sq_bind_int64(st, ":case_id", case_id);
	sq_bind_text(st, ":login", login);
	sq_bind_text(st, ":kind", lp_action_name(kind));
	sq_bind_text(st, ":text", text ? text : "");
	sq_bind_int64(st, ":at", at);
	int rc = sq_exec_stmt(q, st, err);
	if (rc == LP_EDATA)
		lp_error_set(err, LP_EDATA, _("no case %lld"), (long long)case_id);
	return rc;
}

int sq_draft_get(struct lp_store *s, int64_t case_id, const char *login, enum lp_action *kind,
		 char **text, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	*text = NULL;
	sqlite3_stmt *st = sq_stmt(q, SQL_DRAFT_GET, err);
	if (!st)
		return err->code;
	sq_bind_int64(st, ":case_id", case_id);
	sq_bind_text(st, ":login", login ? login : "");
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW) {
		int k = lp_action_parse((const char *)sqlite3_column_text(st, 0));
		bool oom = false;
		if (k != LP_ACTION_REPLY && k != LP_ACTION_NOTE) {
			rc = lp_error_set(err, LP_EDATA, _("the draft on case %lld has an unknown "
					  "kind"), (long long)case_id);
		} else {
			*kind = (enum lp_action)k;
			*text = sq_col_dup(st, 1, &oom);
			rc = oom || !*text ? sq_oom(err) : LP_OK;
		}
	} else if (rc == SQLITE_DONE) {
		rc = lp_error_set(err, LP_ENOENT,
				  _("no draft by %s on case %lld"), login ? login : "",
				  (long long)case_id);
	} else {
		rc = -rc;
	}
	sq_release(q, st);
	return rc;
}

int sq_draft_delete(struct lp_store *s, int64_t case_id, const char *login,
		    struct lp_error *err)
{
	struct sq_store *q = sq(s);
	sqlite3_stmt *st = sq_stmt(q, SQL_DRAFT_DELETE, err);
	if (!st)
		return err->code;
	sq_bind_int64(st, ":case_id", case_id);
	sq_bind_text(st, ":login", login ? login : "");
	return sq_exec_stmt(q, st, err);
}

int sq_meta_get(struct lp_store *s, const char *key, char **out, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	*out = NULL;
	sqlite3_stmt *st = sq_stmt(q, SQL_META_GET, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":key", key ? key : "");
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW) {
		bool oom = false;
		*out = sq_col_dup(st, 0, &oom);
		rc = oom || !*out ? sq_oom(err) : LP_OK;
	} else if (rc == SQLITE_DONE) {
		rc = lp_error_set(err, LP_ENOENT, _("no setting %s"), key ? key : "");
	} else {
		rc = -rc;
	}
	sq_release(q, st);
	return rc;
}

int sq_meta_put(struct lp_store *s, const char *key, const char *value, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	if (!key || !*key || !value)
		return lp_error_set(err, LP_EDATA, _("a setting needs a key and a value"));
	sqlite3_stmt *st = sq_stmt(q, SQL_META_PUT, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":key", key);
	sq_bind_text(st, ":value", value);
	return sq_exec_stmt(q, st, err);
}
