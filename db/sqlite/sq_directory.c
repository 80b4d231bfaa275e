/* sq_directory.c: agencies and officers in SQLite. */
#include "i18n.h"
#include "sq_internal.h"

#include <string.h>

static const char SQL_AGENCY_PUT[] =
	"INSERT INTO agency(code, parent, path, name, kind, tz_minutes) "
	"VALUES (:code, :parent, :path, :name, :kind, :tz) "
	"ON CONFLICT(code) DO UPDATE SET parent = excluded.parent, path = excluded.path, "
	"name = excluded.name, kind = excluded.kind, tz_minutes = excluded.tz_minutes";
static const char SQL_AGENCY_GET[] =
	"SELECT code, parent, path, name, kind, tz_minutes FROM agency WHERE code = :code";
static const char SQL_AGENCY_LIST[] =
	"SELECT code, parent, path, name, kind, tz_minutes FROM agency ORDER BY path";
static const char SQL_AGENCY_LIST_UNDER[] =
	"SELECT code, parent, path, name, kind, tz_minutes FROM agency "
	"WHERE path >= :p AND path < :p || x'ff' ORDER BY path";

static const char SQL_OFFICER_PUT[] =
	"INSERT INTO officer(login, name, agency, role, active) "
	"VALUES (:login, :name, :agency, :role, :active) "
	"ON CONFLICT(login) DO UPDATE SET name = excluded.name, agency = excluded.agency, "
	"role = excluded.role, active = excluded.active";
static const char SQL_OFFICER_GET[] =
	"SELECT id, login, name, agency, role, active FROM officer WHERE login = :login";
static const char SQL_OFFICER_LIST[] =
	"SELECT o.id, o.login, o.name, o.agency, o.role, o.active "
	"FROM officer o JOIN agency a ON a.code = o.agency ORDER BY a.path, o.login";
static const char SQL_OFFICER_LIST_UNDER[] =
	"SELECT o.id, o.login, o.name, o.agency, o.role, o.active "
	"FROM agency a JOIN officer o ON o.agency = a.code "
	"WHERE a.path >= :p AND a.path < :p || x'ff' ORDER BY a.path, o.login";

int sq_agency_put(struct lp_store *s, const struct lp_agency *a, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	const char *kind = lp_agency_kind_name(a->kind);
	if (!a->code[0] || !a->path[0] || strcmp(kind, "?") == 0)
		return lp_error_set(err, LP_EDATA, _("an agency needs a code, a path and a kind"));
	sqlite3_stmt *st = sq_stmt(q, SQL_AGENCY_PUT, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":code", a->code);
	sq_bind_text(st, ":parent", a->parent);
	sq_bind_text(st, ":path", a->path);
	sq_bind_text(st, ":name", a->name);
	sq_bind_text(st, ":kind", kind);
	sq_bind_int64(st, ":tz", a->tz_minutes);
	int rc = sq_exec_stmt(q, st, err);
	if (rc == LP_EDATA)
		lp_error_set(err, LP_EDATA, _("agency %s: another agency has the path %s"), a->code,
			     a->path);
	return rc;
}

static int read_agency(sqlite3_stmt *st, struct lp_agency *a, struct lp_error *err)
{
	memset(a, 0, sizeof *a);
	sq_col_copy(st, 0, a->code, sizeof a->code);
	sq_col_copy(st, 1, a->parent, sizeof a->parent);
	sq_col_copy(st, 2, a->path, sizeof a->path);
	sq_col_copy(st, 3, a->name, sizeof a->name);
	int kind = lp_agency_kind_parse((const char *)sqlite3_column_text(st, 4));
	if (kind < 0)
		return lp_error_set(err, LP_EDATA, _("agency %s has an unknown kind '%s'"), a->code,
				    (const char *)sqlite3_column_text(st, 4));
	a->kind = (enum lp_agency_kind)kind;
	a->tz_minutes = sqlite3_column_int(st, 5);
	return LP_OK;
}

int sq_agency_get(struct lp_store *s, const char *code, struct lp_agency *out,
		  struct lp_error *err)
{
	struct sq_store *q = sq(s);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = sq_stmt(q, SQL_AGENCY_GET, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":code", code ? code : "");
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		rc = read_agency(st, out, err);
	else if (rc == SQLITE_DONE)
		rc = lp_error_set(err, LP_ENOENT, _("no agency %s"), code ? code : _("(none)"));
	else
		rc = -rc;
	sq_release(q, st);
	return rc;
}

int sq_agency_list(struct lp_store *s, const char *under_path, lp_agency_cb cb, void *ud,
		   struct lp_error *err)
{
	struct sq_store *q = sq(s);
	bool all = !under_path || !*under_path;
	sqlite3_stmt *st = sq_stmt(q, all ? SQL_AGENCY_LIST : SQL_AGENCY_LIST_UNDER, err);
	if (!st)
		return err->code;
	if (!all)
		sq_bind_text(st, ":p", under_path);
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_agency a;
		stop = read_agency(st, &a, err);
		if (!stop)
			stop = cb(&a, ud);
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}

int sq_officer_put(struct lp_store *s, const struct lp_officer *o, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	const char *role = lp_role_name(o->role);
	if (!o->login[0] || strcmp(role, "?") == 0)
		return lp_error_set(err, LP_EDATA, _("an officer needs a login and a role"));
	sqlite3_stmt *st = sq_stmt(q, SQL_OFFICER_PUT, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":login", o->login);
	sq_bind_text(st, ":name", o->name);
	sq_bind_text(st, ":agency", o->agency);
	sq_bind_text(st, ":role", role);
	sq_bind_int64(st, ":active", o->active ? 1 : 0);
	int rc = sq_exec_stmt(q, st, err);
	if (rc == LP_EDATA)
		lp_error_set(err, LP_EDATA, _("officer %s: no agency %s"), o->login, o->agency);
	return rc;
}

static int read_officer(sqlite3_stmt *st, struct lp_officer *o, struct lp_error *err)
{
	memset(o, 0, sizeof *o);
	o->id = sqlite3_column_int64(st, 0);
	sq_col_copy(st, 1, o->login, sizeof o->login);
	sq_col_copy(st, 2, o->name, sizeof o->name);
	sq_col_copy(st, 3, o->agency, sizeof o->agency);
	int role = lp_role_parse((const char *)sqlite3_column_text(st, 4));
	if (role < 0)
		return lp_error_set(err, LP_EDATA,
				    _("officer %s has an unknown role '%s'"), o->login,
				    (const char *)sqlite3_column_text(st, 4));
	o->role = (enum lp_role)role;
	o->active = sqlite3_column_int(st, 5) != 0;
	return LP_OK;
}

int sq_officer_get(struct lp_store *s, const char *login, struct lp_officer *out,
		   struct lp_error *err)
{
	struct sq_store *q = sq(s);
	memset(out, 0, sizeof *out);
	sqlite3_stmt *st = sq_stmt(q, SQL_OFFICER_GET, err);
	if (!st)
		return err->code;
	sq_bind_text(st, ":login", login ? login : "");
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		rc = read_officer(st, out, err);
	else if (rc == SQLITE_DONE)
		rc = lp_error_set(err, LP_ENOENT, _("no officer %s"), login ? login : _("(none)"));
	else
		rc = -rc;
	sq_release(q, st);
	return rc;
}

int sq_officer_list(struct lp_store *s, const char *under_path, lp_officer_cb cb, void *ud,
		    struct lp_error *err)
{
	struct sq_store *q = sq(s);
	bool all = !under_path || !*under_path;
	sqlite3_stmt *st = sq_stmt(q, all ? SQL_OFFICER_LIST : SQL_OFFICER_LIST_UNDER, err);
	if (!st)
		return err->code;
	if (!all)
		sq_bind_text(st, ":p", under_path);
	int rc, stop = 0;
	while ((rc = sq_step(q, st, err)) == SQLITE_ROW) {
		struct lp_officer o;
		stop = read_officer(st, &o, err);
		if (!stop)
			stop = cb(&o, ud);
		if (stop)
			break;
	}
	sq_release(q, st);
	return stop ? stop : rc < 0 ? -rc : LP_OK;
}
