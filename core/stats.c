/* stats.c: performance reports (stats.h) and the SLA policy change of
 * `lapor policy set` (sla.h: lp_sla_policy_set). */
#include "i18n.h"
#include "stats.h"

#include <string.h>

#include "cases.h"
#include "directory.h"
#include "session.h"
#include "sla.h"

int lp_stats(struct lp_session *s, const struct lp_stats_opts *o, lp_stats_cb cb, void *ud,
	     struct lp_error *err)
{
	struct lp_error local;
	if (!err)
		err = &local;
	lp_error_clear(err);
	if (!s || !o || !cb)
		return lp_error_set(err, LP_EINTERNAL, "lp_stats: missing argument");
	struct lp_case_filter f;
	lp_case_scope(s, &f);
	struct lp_agency a;
	if (o->agency && *o->agency) {
		int rc = lp_agency_get(s, o->agency, &a, err);
		if (rc)
			return rc;
		f.under_path = a.path;
	}
	int64_t now = lp_session_now(s);
	int64_t to = o->to ? o->to : now + 1;
	if (to <= o->from)
		return lp_error_set(err, LP_EUSAGE, _("the window ends before it starts"));
	return lp_store_stats(lp_session_store(s), &f, o->from, to, o->by, now, cb, ud, err);
}

double lp_stats_rating(const struct lp_stats_row *r)
{
	if (!r || r->rating_count <= 0)
		return -1.0;
	return (double)r->rating_sum / (double)r->rating_count;
}

double lp_stats_ontime(const struct lp_stats_row *r, enum lp_sla_stage stage)
{
	if (!r || (stage != LP_STAGE_VERIFICATION && stage != LP_STAGE_FIRST_RESPONSE &&
		   stage != LP_STAGE_SETTLEMENT))
		return -1.0;
	int64_t n = r->stage_ended[stage] + r->stage_late[stage];
	return n > 0 ? (double)r->stage_met[stage] / (double)n : -1.0;
}

static bool may_manage(struct lp_session *s)
{
	const struct lp_officer *o = lp_session_officer(s);
	return o ? o->active && o->role == LP_ROLE_ADMIN : lp_session_is_root(s);
}

int lp_sla_policy_set(struct lp_session *s, const struct lp_sla_policy *p, struct lp_error *err)
{
	struct lp_error local;
	if (!err)
		err = &local;
	lp_error_clear(err);
	if (!s || !p)
		return lp_error_set(err, LP_EINTERNAL, "lp_sla_policy_set: missing argument");
	if (!may_manage(s))
		return lp_error_set(err, LP_EPERM,
				    _("only an administrator may change SLA policies"));
	if ((int)p->kind < 0 || p->kind >= LP_KIND_COUNT || (int)p->stage < 0 ||
	    p->stage >= LP_STAGE_COUNT)
		return lp_error_set(err, LP_EUSAGE, _("unknown kind or stage"));
	if (p->days < 1 || p->days > 365)
		return lp_error_set(err, LP_EUSAGE, _("days must be between 1 and 365, not %d"),
				    p->days);
	int rc = lp_store_policy_put(lp_session_store(s), p, err);
	lp_session_calendar_forget(s);
	return rc;
}
