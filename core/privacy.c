/* privacy.c: who sees which case, and masking of what they may not see. */
#include "privacy.h"

#include <stdlib.h>
#include <string.h>

#include "workflow_internal.h"

bool lp_may_see_case(const struct lp_officer *o, const struct lp_agency *officer_agency,
		     const struct lp_case *c, const struct lp_agency *case_agency)
{
	if (!o || !c || !o->active)
		return false;
	switch (o->role) {
	case LP_ROLE_ADMIN:
	case LP_ROLE_SYSTEM:
		return true;
	case LP_ROLE_COORDINATOR:
	case LP_ROLE_SUPERVISOR:
		if (!officer_agency || !case_agency)
			return false;
		return lp_agency_within(case_agency, officer_agency) ||
		       lp_escalated_within(c, case_agency, officer_agency);
	case LP_ROLE_AUDITOR:
		return officer_agency && case_agency &&
		       lp_agency_within(case_agency, officer_agency);
	case LP_ROLE_CLERK:
		return strcmp(c->agency, o->agency) == 0 && c->status != LP_STATUS_NEW &&
		       c->status != LP_STATUS_POSTPONED;
	default:
		return false;
	}
}

/* Admin and the system officer (the sweep) see everything of a case. */
static bool sees_all(const struct lp_officer *o)
{
	return o && (o->role == LP_ROLE_ADMIN || o->role == LP_ROLE_SYSTEM);
}

bool lp_may_see_reporter(const struct lp_officer *o, const struct lp_case *c)
{
	if (!o || !c)
		return false;
	switch (c->privacy) {
	case LP_PRIVACY_PUBLIC:
		return true;
	case LP_PRIVACY_ANONYMOUS:
		return sees_all(o);
	case LP_PRIVACY_SECRET:
		return sees_all(o) || strcmp(o->agency, c->agency) == 0;
	default:
		return sees_all(o);
	}
}

bool lp_may_see_content(const struct lp_officer *o, const struct lp_case *c)
{
	if (!o || !c)
		return false;
	if (c->privacy != LP_PRIVACY_SECRET)
		return c->privacy == LP_PRIVACY_PUBLIC || c->privacy == LP_PRIVACY_ANONYMOUS ||
		       sees_all(o);
	return sees_all(o) || strcmp(o->agency, c->agency) == 0;
}

static void hide(char **p)
{
	free(*p);
	*p = NULL;
}

void lp_mask_case(const struct lp_officer *o, struct lp_case *c)
{
	if (!c)
		return;
	if (!lp_may_see_reporter(o, c)) {
		hide(&c->reporter_name);
		hide(&c->reporter_phone);
		hide(&c->reporter_email);
		c->masked = true;
	}
	if (!lp_may_see_content(o, c)) {
		hide(&c->title);
		hide(&c->body);
		c->masked = true;
	}
}

/* True when the event's detail is a machine value (a code, a login, a
 * number), not prose from a person. */
static bool detail_is_code(enum lp_action a)
{
	switch (a) {
	case LP_ACTION_ARCHIVE:
	case LP_ACTION_CLAIM:
	case LP_ACTION_ASSIGN:
	case LP_ACTION_TRANSFER:
	case LP_ACTION_ESCALATE:
	case LP_ACTION_EXTEND:
	case LP_ACTION_CLOSE:
	case LP_ACTION_MERGE:
	case LP_ACTION_FEEDBACK:
		return true;
	default:
		return false;
	}
}

void lp_mask_event(const struct lp_officer *o, const struct lp_case *c, struct lp_event *e)
{
	if (!e)
		return;
	if (!lp_may_see_content(o, c)) {
		hide(&e->text);
		if (!detail_is_code(e->action))
			hide(&e->detail);
	}
}
