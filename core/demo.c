/* demo.c: a demonstration database (see demo.h).  Officers from
 * demo_data.c, then reports (demo_case.c) in batches of write
 * transactions.  Deterministic for a seed (and a fixed $LAPOR_NOW). */
#include "demo.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "demo_data.h"
#include "demo_internal.h"
#include "i18n.h"
#include "session.h"
#include "store.h"

#define BATCH 5000              /* cases per write transaction */

/* ---- officers ---- */

static const struct lp_officer *officer(struct demo *d, const char *login)
{
	for (unsigned i = 0; i < d->n_officers; i++)
		if (strcmp(d->officers[i].login, login) == 0)
			return &d->officers[i];
	return NULL;
}

const struct lp_officer *lp_demo_staff(struct demo *d, const char *agency, enum lp_role role)
{
	const struct lp_officer *found[MAX_OFFICERS];
	unsigned n = 0;
	for (unsigned i = 0; i < d->n_officers; i++)
		if (d->officers[i].role == role && strcmp(d->officers[i].agency, agency) == 0)
			found[n++] = &d->officers[i];
	return n ? found[below(d, n)] : NULL;
}

static int put_officer(struct demo *d, const char *login, const char *name, const char *agency,
		       enum lp_role role)
{
	struct lp_officer o;
	memset(&o, 0, sizeof o);
	lp_strlcpy(o.login, login, sizeof o.login);
	lp_strlcpy(o.name, name, sizeof o.name);
	lp_strlcpy(o.agency, agency, sizeof o.agency);
	o.role = role;
	o.active = true;
	int rc = lp_store_officer_put(d->st, &o, d->err);
	if (rc == LP_OK) /* its database role on PostgreSQL; no-op on SQLite */
		rc = lp_store_officer_provision(d->st, &o, d->err);
	if (rc != LP_OK)
		return rc;
	struct lp_officer *slot = (struct lp_officer *)officer(d, login);
	if (!slot) {
		if (d->n_officers == MAX_OFFICERS)
			return lp_error_set(d->err, LP_EINTERNAL, _("too many demo officers"));
		slot = &d->officers[d->n_officers++];
	} else {
		d->stats->officers--;
	}
	rc = lp_store_officer_get(d->st, login, slot, d->err);
	if (rc == LP_OK)
		d->stats->officers++;
	return rc;
}

static const char *default_agency(enum lp_role role)
{
	switch (role) {
	case LP_ROLE_ADMIN:
		return "KEMENPANRB";
	case LP_ROLE_COORDINATOR:
	case LP_ROLE_AUDITOR:
		return "31";
	default:
		return "31.71";
	}
}

static int put_officers(struct demo *d, const struct lp_demo_opts *o)
{
	int rc;
	for (unsigned i = 0; i < lp_demo_officer_count; i++) {
		const struct lp_demo_officer *x = &lp_demo_officers[i];
		if ((rc = put_officer(d, x->login, x->name, x->agency, x->role)) != LP_OK)
			return rc;
	}
	if (o->login && o->login[0]) {
		const char *agency = o->agency && o->agency[0] ? o->agency :
				     default_agency(o->role);
		if ((rc = put_officer(d, o->login, o->login, agency, o->role)) != LP_OK)
			return rc;
	}
	return LP_OK;
}

static int region_cb(const struct lp_agency *a, void *ud)
{
	struct demo *d = ud;
	if (a->kind != LP_AGENCY_REGENCY && a->kind != LP_AGENCY_CITY)
		return 0;
	if (d->n_regions == d->cap_regions) {
		size_t cap = d->cap_regions ? 2 * d->cap_regions : 128;
		struct region *r = realloc(d->regions, cap * sizeof *r);
		if (!r)
			return LP_EIO;
		d->regions = r;
		d->cap_regions = cap;
	}
	lp_strlcpy(d->regions[d->n_regions].code, a->code, LP_CODE_MAX);
	lp_strlcpy(d->regions[d->n_regions].name, a->name, LP_NAME_MAX);
	d->n_regions++;
	return 0;
}


static int count_people(const struct lp_officer *o, void *ud)
{
	if (o->role != LP_ROLE_SYSTEM)
		++*(int64_t *)ud;
	return 0;
}

/* Root and admins may fill any empty database; anyone may fill a new one
 * (no officers yet), which makes them its admin. */
static int may_fill(struct demo *d)
{
	const struct lp_officer *me = lp_session_officer(d->s);
	int64_t people = 0;
	if (lp_session_is_root(d->s) || (me && me->active && me->role == LP_ROLE_ADMIN))
		return LP_OK;
	int rc = lp_store_officer_list(d->st, NULL, count_people, &people, d->err);
	if (rc != LP_OK)
		return rc;
	if (people > 0)
		return lp_error_set(d->err, LP_EPERM,
				    _("only admins and root may fill a database that has "
				      "officers"));
	return LP_OK;
}

static int has_cases(struct demo *d, bool *yes)
{
	struct lp_case_filter f;
	int64_t n = 0;
	lp_case_filter_init(&f);
	int rc = lp_store_case_count(d->st, &f, &n, d->err);
	*yes = n > 0;
	return rc;
}

int lp_demo_fill(struct lp_session *s, const struct lp_demo_opts *o, struct lp_demo_stats *st,
		 struct lp_error *err)
{
	struct lp_demo_stats local;
	struct lp_demo_opts defaults;
	struct demo *d;
	bool any;
	int rc;

	if (!st)
		st = &local;
	memset(st, 0, sizeof *st);
	if (!o) {
		memset(&defaults, 0, sizeof defaults);
		defaults.role = LP_ROLE_ADMIN;
		o = &defaults;
	}
	if (!(d = calloc(1, sizeof *d)))
		return lp_error_set(err, LP_EIO, _("out of memory"));
	d->s = s;
	d->st = lp_session_store(s);
	d->rng = o->seed;
	d->now = lp_session_now(s);
	d->stats = st;
	d->err = err;
	int64_t cases = o->cases > 0 ? o->cases : 200;

	if ((rc = lp_store_begin(d->st, true, err)) != LP_OK)
		goto out;
	if ((rc = may_fill(d)) != LP_OK || (rc = has_cases(d, &any)) != LP_OK)
		goto fail;
	if (any) {
		rc = lp_error_set(err, LP_EREFUSED,
				  _("the database has cases already: the demo needs an empty one"));
		goto fail;
	}
	if ((rc = put_officers(d, o)) != LP_OK)
		goto fail;
	if ((rc = lp_store_agency_list(d->st, NULL, region_cb, d, err)) != LP_OK) {
		if (rc == LP_EIO)
			lp_error_set(err, rc, _("out of memory"));
		goto fail;
	}
	for (int64_t i = 0; i < cases; i++) {
		if ((rc = lp_demo_one_case(d, i)) != LP_OK)
			goto fail;
		if ((i + 1) % BATCH == 0 && i + 1 < cases) {
			if ((rc = lp_store_commit(d->st, err)) != LP_OK)
				goto out;
			if ((rc = lp_store_begin(d->st, true, err)) != LP_OK)
				goto out;
		}
	}
	rc = lp_store_commit(d->st, err);
	if (rc == LP_OK)
		rc = lp_session_refresh(s, err);
	goto out;
fail:
	lp_store_rollback(d->st);
out:
	lp_session_set_now(s, 0);
	free(d->regions);
	free(d);
	return rc;
}
