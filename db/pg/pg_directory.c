/* pg_directory.c: agencies and officers on PostgreSQL. */
#include "i18n.h"
#include "pg_internal.h"

#include <string.h>

/* A path prefix range in byte order ("C" collation): every path that
 * starts with $1 sorts in [$1, $1 || U+10FFFF). */
#define UNDER(col, n) col " >= $" #n "::text AND " col " < $" #n "::text || chr(1114111)"

PG_SQL(SQL_AGENCY_PUT, true,
       "INSERT INTO agency(code, parent, path, name, kind, tz_minutes) "
       "VALUES ($1, $2, $3, $4, $5, $6) "
       "ON CONFLICT (code) DO UPDATE SET parent = excluded.parent, path = excluded.path, "
       "name = excluded.name, kind = excluded.kind, tz_minutes = excluded.tz_minutes");
PG_SQL(SQL_AGENCY_GET, true,
       "SELECT code, parent, path, name, kind, tz_minutes FROM agency WHERE code = $1");
PG_SQL(SQL_AGENCY_LIST, true,
       "SELECT code, parent, path, name, kind, tz_minutes FROM agency "
       "WHERE ($1::text = '' OR " UNDER("path", 1) ") ORDER BY path");

PG_SQL(SQL_OFFICER_PUT, true,
       "INSERT INTO officer(login, name, agency, role, active) VALUES ($1, $2, $3, $4, $5) "
       "ON CONFLICT (login) DO UPDATE SET name = excluded.name, agency = excluded.agency, "
       "role = excluded.role, active = excluded.active");
PG_SQL(SQL_OFFICER_GET, true,
       "SELECT id, login, name, agency, role, active FROM officer WHERE login = $1");
PG_SQL(SQL_OFFICER_LIST, true,
       "SELECT o.id, o.login, o.name, o.agency, o.role, o.active "
       "FROM agency a JOIN officer o ON o.agency = a.code "
       "WHERE ($1::text = '' OR " UNDER("a.path", 1) ") ORDER BY a.path, o.login");

int pg_agency_put(struct lp_store *s, const struct lp_agency *a, struct lp_error *err)
{
	const char *kind = lp_agency_kind_name(a->kind);
	if (!a->code[0] || !a->path[0] || strcmp(kind, "?") == 0)
		return lp_error_set(err, LP_EDATA, _("an agency needs a code, a path and a kind"));
	struct pg_params p = { 0 };
	pp_text(&p, a->code);
	pp_text(&p, a->parent);
	pp_text(&p, a->path);
	pp_text(&p, a->name);
	pp_text(&p, kind);
	pp_int(&p, a->tz_minutes);
	int rc = pg_run_cmd(pg(s), &SQL_AGENCY_PUT, &p, NULL, err);
	if (rc == LP_EDATA)
		lp_error_set(err, LP_EDATA, _("agency %s: another agency has the path %s"), a->code,
			     a->path);
	return rc;
}

static int read_agency(const PGresult *r, int row, struct lp_agency *a, struct lp_error *err)
{
	memset(a, 0, sizeof *a);
	pg_copy(r, row, 0, a->code, sizeof a->code);
	pg_copy(r, row, 1, a->parent, sizeof a->parent);
	pg_copy(r, row, 2, a->path, sizeof a->path);
	pg_copy(r, row, 3, a->name, sizeof a->name);
	int kind = lp_agency_kind_parse(PQgetvalue(r, row, 4));
	if (kind < 0)
		return lp_error_set(err, LP_EDATA, _("agency %s has an unknown kind '%s'"), a->code,
				    PQgetvalue(r, row, 4));
	a->kind = (enum lp_agency_kind)kind;
	a->tz_minutes = (int)pg_int(r, row, 5);
	return LP_OK;
}

int pg_agency_get(struct lp_store *s, const char *code, struct lp_agency *out,
		  struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, code ? code : "");
	PGresult *r = pg_run(pg(s), &SQL_AGENCY_GET, &p, err);
	if (!r)
		return err->code;
	int rc = PQntuples(r) > 0 ? read_agency(r, 0, out, err)
				  : lp_error_set(err, LP_ENOENT, _("no agency %s"),
						 code ? code : _("(none)"));
	PQclear(r);
	return rc;
}

/* The agency tree is small (hundreds of rows): one round trip. */
int pg_agency_list(struct lp_store *s, const char *under_path, lp_agency_cb cb, void *ud,
		   struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, under_path ? under_path : "");
	PGresult *r = pg_run(pg(s), &SQL_AGENCY_LIST, &p, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0, n = PQntuples(r); !stop && i < n; i++) {
		struct lp_agency a;
		stop = read_agency(r, i, &a, err);
		if (!stop)
			stop = cb(&a, ud);
	}
	PQclear(r);
	return stop;
}

int pg_officer_put(struct lp_store *s, const struct lp_officer *o, struct lp_error *err)
{
	const char *role = lp_role_name(o->role);
	if (!o->login[0] || strcmp(role, "?") == 0)
		return lp_error_set(err, LP_EDATA, _("an officer needs a login and a role"));
	struct pg_params p = { 0 };
	pp_text(&p, o->login);
	pp_text(&p, o->name);
	pp_text(&p, o->agency);
	pp_text(&p, role);
	pp_bool(&p, o->active);
	int rc = pg_run_cmd(pg(s), &SQL_OFFICER_PUT, &p, NULL, err);
	if (rc == LP_EDATA)
		lp_error_set(err, LP_EDATA, _("officer %s: no agency %s"), o->login, o->agency);
	return rc;
}

static int read_officer(const PGresult *r, int row, struct lp_officer *o, struct lp_error *err)
{
	memset(o, 0, sizeof *o);
	o->id = pg_int(r, row, 0);
	pg_copy(r, row, 1, o->login, sizeof o->login);
	pg_copy(r, row, 2, o->name, sizeof o->name);
	pg_copy(r, row, 3, o->agency, sizeof o->agency);
	int role = lp_role_parse(PQgetvalue(r, row, 4));
	if (role < 0)
		return lp_error_set(err, LP_EDATA,
				    _("officer %s has an unknown role '%s'"), o->login,
				    PQgetvalue(r, row, 4));
	o->role = (enum lp_role)role;
	o->active = pg_bool(r, row, 5);
	return LP_OK;
}

int pg_officer_get(struct lp_store *s, const char *login, struct lp_officer *out,
		   struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, login ? login : "");
	PGresult *r = pg_run(pg(s), &SQL_OFFICER_GET, &p, err);
	if (!r)
		return err->code;
	int rc = PQntuples(r) > 0 ? read_officer(r, 0, out, err)
				  : lp_error_set(err, LP_ENOENT, _("no officer %s"),
						 login ? login : _("(none)"));
	PQclear(r);
	return rc;
}

int pg_officer_list(struct lp_store *s, const char *under_path, lp_officer_cb cb, void *ud,
		    struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, under_path ? under_path : "");
	PGresult *r = pg_run(pg(s), &SQL_OFFICER_LIST, &p, err);
	if (!r)
		return err->code;
	int stop = 0;
	for (int i = 0, n = PQntuples(r); !stop && i < n; i++) {
		struct lp_officer o;
		stop = read_officer(r, i, &o, err);
		if (!stop)
			stop = cb(&o, ud);
	}
	PQclear(r);
	return stop;
}
