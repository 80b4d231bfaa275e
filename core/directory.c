/* directory.c: agencies and officers for the acting officer. */
#include "directory.h"

#include <ctype.h>
#include <string.h>

#include "i18n.h"
#include "safetext.h"
#include "session.h"
#include "session_internal.h"

int lp_agency_get(struct lp_session *s, const char *code, struct lp_agency *out,
		  struct lp_error *err)
{
	if (!out)
		return lp_error_set(err, LP_EINTERNAL, "lp_agency_get: no place for the result");
	if (!code || !*code)
		return lp_error_set(err, LP_ENOENT, _("no agency given"));
	const struct lp_agency *a = lp_session_agency_lookup(s, code, err);
	if (!a)
		return err ? err->code : LP_ENOENT;
	*out = *a;
	return LP_OK;
}

/* The path of agency `under` (NULL or "": all). */
static int under_path(struct lp_session *s, const char *under, const char **path,
		      struct lp_error *err)
{
	*path = NULL;
	if (!under || !*under)
		return LP_OK;
	const struct lp_agency *a = lp_session_agency_lookup(s, under, err);
	if (!a)
		return err ? err->code : LP_ENOENT;
	*path = a->path;
	return LP_OK;
}

int lp_agency_list(struct lp_session *s, const char *under, lp_agency_cb cb, void *ud,
		   struct lp_error *err)
{
	const char *path;
	int rc = under_path(s, under, &path, err);
	if (rc != LP_OK)
		return rc;
	return lp_store_agency_list(lp_session_store(s), path, cb, ud, err);
}

int lp_agency_depth(const struct lp_agency *a)
{
	if (!a || a->path[0] != '/')
		return -1;
	int slashes = 0;
	for (const char *p = a->path; *p; p++)
		slashes += *p == '/';
	return slashes - 2;
}

/* Letters, digits, '.', '_', '-'; 1..63 bytes. */
static bool login_ok(const char *login)
{
	size_t n = strlen(login);
	if (n == 0 || n >= LP_LOGIN_MAX)
		return false;
	for (const char *p = login; *p; p++)
		if (!isalnum((unsigned char)*p) && *p != '.' && *p != '_' && *p != '-')
			return false;
	return true;
}

int lp_officer_add(struct lp_session *s, const struct lp_officer *o, struct lp_error *err)
{
	if (!s || !o)
		return lp_error_set(err, LP_EINTERNAL, "lp_officer_add: missing argument");
	const struct lp_officer *me = lp_session_officer(s);
	if (!lp_session_is_root(s) && !(me && me->active && me->role == LP_ROLE_ADMIN))
		return lp_error_set(err, LP_EPERM,
				    _("only an admin or root can register officers"));
	if (!login_ok(o->login))
		return lp_error_set(err, LP_EDATA,
				    _("a login is 1 to 63 letters, digits, '.', '_' or '-'"));
	if ((unsigned)o->role >= LP_ROLE_COUNT)
		return lp_error_set(err, LP_EDATA, _("unknown role"));
	if (o->role == LP_ROLE_SYSTEM)
		return lp_error_set(err, LP_EDATA,
				    _("the system role belongs to the sweep and intake; it cannot "
				      "be given to an officer"));
	if (!o->name[0] || !lp_utf8_valid(o->name, strlen(o->name)))
		return lp_error_set(err, LP_EDATA, _("an officer needs a name in UTF-8 (--name)"));
	const struct lp_agency *a = lp_session_agency_lookup(s, o->agency, err);
	if (!a)
		return err ? err->code : LP_ENOENT;
	if (o->role == LP_ROLE_ADMIN && a->kind != LP_AGENCY_CENTRAL)
		return lp_error_set(err, LP_EDATA,
				    _("admins belong to the central administrator; %s is not"),
				    a->code);
	if (me && strcmp(me->login, o->login) == 0 && (!o->active || o->role != LP_ROLE_ADMIN) &&
	    !lp_session_is_root(s))
		return lp_error_set(err, LP_EREFUSED,
				    _("you cannot demote or deactivate yourself; ask another "
				      "admin"));
	struct lp_officer existing;
	int rc = lp_store_officer_get(lp_session_store(s), o->login, &existing, NULL);
	if (rc == LP_OK && existing.role == LP_ROLE_SYSTEM)
		return lp_error_set(err, LP_EREFUSED,
				    _("%s is a system officer and cannot be changed"), o->login);
	/* The row and, on PostgreSQL, its database role and group together. */
	struct lp_store *st = lp_session_store(s);
	rc = lp_store_begin(st, true, err);
	if (rc == LP_OK)
		rc = lp_store_officer_put(st, o, err);
	if (rc == LP_OK)
		rc = lp_store_officer_provision(st, o, err);
	if (rc == LP_OK)
		rc = lp_store_commit(st, err);
	if (rc != LP_OK)
		lp_store_rollback(st);
	return rc;
}

int lp_officer_list(struct lp_session *s, const char *under, lp_officer_cb cb, void *ud,
		    struct lp_error *err)
{
	const char *path;
	int rc = under_path(s, under, &path, err);
	if (rc != LP_OK)
		return rc;
	return lp_store_officer_list(lp_session_store(s), path, cb, ud, err);
}

int lp_officer_get(struct lp_session *s, const char *login, struct lp_officer *out,
		   struct lp_error *err)
{
	if (!login || !*login)
		return lp_error_set(err, LP_ENOENT, _("no officer given"));
	int rc = lp_store_officer_get(lp_session_store(s), login, out, err);
	if (rc == LP_ENOENT)
		return lp_error_set(err, LP_ENOENT, _("no officer %s"), login);
	return rc;
}
