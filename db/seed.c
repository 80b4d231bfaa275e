/* seed.c: inserting the shipped data (see seed.h). */
#include "i18n.h"
#include "seed.h"

#include <string.h>

/* Default SLA periods of DESIGN.md. */
struct seed_policy {
	enum lp_sla_stage stage;
	bool field_check;
	int days;
	bool working_days;
};

/* Every stage has a row for both values of field_check, so a lookup with
 * the case's flag always finds one; only settlement differs. */
static const struct seed_policy seed_policies[] = {
	{ LP_STAGE_VERIFICATION, false, 3, true },
	{ LP_STAGE_VERIFICATION, true, 3, true },
	{ LP_STAGE_FIRST_RESPONSE, false, 5, true },
	{ LP_STAGE_FIRST_RESPONSE, true, 5, true },
	{ LP_STAGE_SETTLEMENT, false, 14, false },
	{ LP_STAGE_SETTLEMENT, true, 60, false },
	{ LP_STAGE_FEEDBACK, false, 10, true },
	{ LP_STAGE_FEEDBACK, true, 10, true },
};

static int seed_agencies(struct lp_store *s, struct lp_error *err)
{
	for (unsigned i = 0; i < lp_seed_agency_count; i++) {
		const struct lp_seed_agency *sa = &lp_seed_agencies[i];
		struct lp_agency a;
		memset(&a, 0, sizeof a);
		int kind = lp_agency_kind_parse(sa->kind);
		if (kind < 0)
			return lp_error_set(err, LP_EINTERNAL, _("shipped agency %s has kind %s"),
					    sa->code, sa->kind);
		lp_strlcpy(a.code, sa->code, sizeof a.code);
		lp_strlcpy(a.parent, sa->parent, sizeof a.parent);
		lp_strlcpy(a.path, sa->path, sizeof a.path);
		lp_strlcpy(a.name, sa->name, sizeof a.name);
		a.kind = (enum lp_agency_kind)kind;
		a.tz_minutes = sa->tz_minutes;
		int rc = lp_store_agency_put(s, &a, err);
		if (rc)
			return rc;
	}
	return LP_OK;
}

static int seed_officer(struct lp_store *s, const char *login, const char *name,
			struct lp_error *err)
{
	struct lp_officer o;
	memset(&o, 0, sizeof o);
	lp_strlcpy(o.login, login, sizeof o.login);
	lp_strlcpy(o.name, name, sizeof o.name);
	lp_strlcpy(o.agency, LP_SEED_ROOT, sizeof o.agency);
	o.role = LP_ROLE_SYSTEM;
	o.active = true;
	return lp_store_officer_put(s, &o, err);
}

int lp_seed_apply(struct lp_store *s, struct lp_error *err)
{
	int rc = seed_agencies(s, err);
	if (!rc)
		rc = seed_officer(s, "system", "Sistem LAPOR!", err);
	if (!rc)
		rc = seed_officer(s, "intake", "Penerimaan Laporan LAPOR!", err);
	for (int k = 0; !rc && k < LP_KIND_COUNT; k++) {
		for (size_t i = 0; !rc && i < sizeof seed_policies / sizeof seed_policies[0]; i++) {
			const struct seed_policy *sp = &seed_policies[i];
			struct lp_sla_policy p = {
				.kind = (enum lp_kind)k,
				.stage = sp->stage,
				.field_check = sp->field_check,
				.days = sp->days,
				.working_days = sp->working_days,
			};
			rc = lp_store_policy_put(s, &p, err);
		}
	}
	return rc;
}
