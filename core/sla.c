/* sla.c: the due time each workflow step sets (lp_sla_compute, pure),
 * the extension rule, and the session's calendar and policy cache. */
#include "i18n.h"
#include "sla.h"

#include <inttypes.h>
#include <string.h>

#include "session.h"
#include "session_internal.h"
#include "session_slots.h"
#include "store.h"

struct ctx {
	lp_policy_lookup_fn lookup;
	void *ud;
	const struct lp_calendar *cal;
	int tz;
	int64_t now;
};

static int policy_of(const struct ctx *x, const struct lp_case *c, int stage,
		     struct lp_sla_policy *p, struct lp_error *err)
{
	if (stage < 0 || stage >= LP_STAGE_COUNT)
		return lp_error_set(err, LP_EINTERNAL,
				    _("case %" PRId64 " has no valid clock stage"),
				    c->id);
	int rc = x->lookup(x->ud, c->kind, (enum lp_sla_stage)stage, c->field_check, p, err);
	if (rc == LP_ENOENT)
		return lp_error_set(err, LP_EDATA,
				    _("there is no SLA policy for %s cases at the %s stage%s"),
				    lp_kind_name(c->kind), lp_sla_stage_name((enum lp_sla_stage)stage),
				    c->field_check ? _(" with a field check") : "");
	return rc;
}

/* Starts the clock of `stage` at time `from`. */
static int start(const struct ctx *x, struct lp_case *c, enum lp_sla_stage stage, int64_t from,
		 struct lp_error *err)
{
	struct lp_sla_policy p;
	int rc = policy_of(x, c, stage, &p, err);
	if (rc)
		return rc;
	c->clock_stage = stage;
	c->clock_paused_at = 0;
	c->due_at = lp_calendar_add_days(x->cal, from, p.days, p.working_days, x->tz);
	return LP_OK;
}

static void stop(struct lp_case *c)
{
	c->clock_stage = -1;
	c->clock_paused_at = 0;
	c->due_at = 0;
}

/* The citizen answered a postponement: the days the clock stood still
 * (in the stage's unit) are added to the deadline. */
static int resume(const struct ctx *x, const struct lp_case *before, struct lp_case *c,
		  struct lp_error *err)
{
	c->clock_paused_at = 0;
	if (before->clock_stage < 0 || before->due_at == 0)
		return LP_OK;
	struct lp_sla_policy p;
	int rc = policy_of(x, c, before->clock_stage, &p, err);
	if (rc)
		return rc;
	int lost = lp_calendar_count_days(x->cal, before->clock_paused_at, x->now, p.working_days,
					  x->tz);
	if (lost > 0)
		c->due_at = lp_calendar_add_days(x->cal, before->due_at, lost, p.working_days, x->tz);
	return LP_OK;
}

static bool running(const struct lp_case *c)
{
	return c->clock_stage >= 0 && c->due_at != 0 && c->clock_paused_at == 0;
}

/* An escalation of a case whose deadline passed gives the level above a
 * fresh period of the running stage; other escalations keep the clock. */
static int escalate(const struct ctx *x, const struct lp_case *before, struct lp_case *c,
		    struct lp_error *err)
{
	if (!running(before) || before->clock_stage == LP_STAGE_FEEDBACK || before->due_at >= x->now)
		return LP_OK;
	return start(x, c, (enum lp_sla_stage)before->clock_stage, x->now, err);
}

static int extend(const struct ctx *x, const struct lp_case *before, struct lp_case *c,
		  struct lp_error *err)
{
	int days = c->extended_days - before->extended_days;
	if (days <= 0 || !running(before))
		return lp_error_set(err, LP_EINTERNAL,
				    _("case %" PRId64 ": an extension needs a running clock and "
				    "extended_days set by the caller"), c->id);
	struct lp_sla_policy p;
	int rc = policy_of(x, c, before->clock_stage, &p, err);
	if (rc)
		return rc;
	c->due_at = lp_calendar_add_days(x->cal, before->due_at, days, p.working_days, x->tz);
	return LP_OK;
}

int lp_sla_compute(lp_policy_lookup_fn lookup, void *ud, const struct lp_calendar *cal,
		   int tz_minutes, enum lp_action action, const struct lp_case *before,
		   struct lp_case *after, int64_t now, struct lp_error *err)
{
	if (!lookup || !before || !after)
		return lp_error_set(err, LP_EINTERNAL, "lp_sla_compute: missing argument");
	struct ctx x = { lookup, ud, cal, tz_minutes, now };
	switch (action) {
	case LP_ACTION_INTAKE:
		return start(&x, after, LP_STAGE_VERIFICATION,
			     after->created_at ? after->created_at : now, err);
	case LP_ACTION_MESSAGE:
		if (before->clock_paused_at != 0)
			return resume(&x, before, after, err);
		return LP_OK;
	case LP_ACTION_FEEDBACK:
		/* A dissatisfied citizen reopening the case through intake. */
		if (after->status == LP_STATUS_IN_PROGRESS && before->status != LP_STATUS_IN_PROGRESS)
			return start(&x, after, LP_STAGE_SETTLEMENT, now, err);
		return LP_OK;
	case LP_ACTION_VERIFY:
		return start(&x, after, LP_STAGE_FIRST_RESPONSE, now, err);
	case LP_ACTION_TRANSFER:
		return start(&x, after, after->status == LP_STATUS_NEW ? LP_STAGE_VERIFICATION
									: LP_STAGE_FIRST_RESPONSE,
			     now, err);
	case LP_ACTION_POSTPONE:
		if (running(before))
			after->clock_paused_at = now;
		return LP_OK;
	case LP_ACTION_REPLY:
		return start(&x, after, LP_STAGE_FEEDBACK, now, err);
	case LP_ACTION_REOPEN:
		return start(&x, after, LP_STAGE_SETTLEMENT, now, err);
	case LP_ACTION_ARCHIVE:
	case LP_ACTION_CLOSE:
	case LP_ACTION_MERGE:
		stop(after);
		return LP_OK;
	case LP_ACTION_ESCALATE:
		return escalate(&x, before, after, err);
	case LP_ACTION_EXTEND:
		return extend(&x, before, after, err);
	case LP_ACTION_CLAIM:
	case LP_ACTION_ASSIGN:
	case LP_ACTION_NOTE:
		return LP_OK;
	default:
		return lp_error_set(err, LP_EINTERNAL, "lp_sla_compute: unknown action %d",
				    (int)action);
	}
}

int lp_sla_compute_extend(lp_policy_lookup_fn lookup, void *ud, const struct lp_case *c,
			  int days, struct lp_error *err)
{
	if (!c || !lookup)
		return lp_error_set(err, LP_EINTERNAL, "lp_sla_check_extend: missing argument");
	if (!lp_status_is_open(c->status))
		return lp_error_set(err, LP_EREFUSED,
				    _("case %" PRId64 " is %s; only open cases can be extended"),
				    c->id, lp_status_name(c->status));
	if (c->extended_days > 0)
		return lp_error_set(err, LP_EREFUSED,
				    P_("case %" PRId64 "'s deadline was already extended once "
				       "(by %d day); a deadline can be extended only once",
				       "case %" PRId64 "'s deadline was already extended once "
				       "(by %d days); a deadline can be extended only once",
				       (unsigned long)c->extended_days),
				    c->id, c->extended_days);
	if (c->clock_stage < 0 || c->due_at == 0)
		return lp_error_set(err, LP_EREFUSED, _("case %" PRId64 " has no running deadline"),
				    c->id);
	if (c->clock_paused_at != 0)
		return lp_error_set(err, LP_EREFUSED,
				    _("case %" PRId64 "'s clock is paused while the citizen is "
				      "asked for more; there is nothing to extend"), c->id);
	if (c->clock_stage == LP_STAGE_FEEDBACK)
		return lp_error_set(err, LP_EREFUSED,
				    _("case %" PRId64 " was answered; its feedback window is the "
				    "citizen's and cannot be extended"), c->id);
	struct ctx x = { lookup, ud, NULL, 0, 0 };
	struct lp_sla_policy p;
	int rc = policy_of(&x, c, c->clock_stage, &p, err);
	if (rc)
		return rc;
	if (days < 1 || days > p.days)
		return lp_error_set(err, LP_EREFUSED,
				    _("an extension of case "
				      "%" PRId64 " must be between 1 and %d %sdays "
				    "(the %s period); %d was asked"), c->id, p.days,
				    p.working_days ? _("working ") : "",
				    lp_sla_stage_name((enum lp_sla_stage)c->clock_stage), days);
	return LP_OK;
}

bool lp_sla_outcome(enum lp_action action, const struct lp_case *before,
		    const struct lp_case *after, int64_t now, struct lp_case_outcome *o)
{
	if (!before || !after || !o)
		return false;
	memset(o, 0, sizeof *o);
	o->stage = -1;
	int x = before->clock_stage;
	bool measured = x == LP_STAGE_VERIFICATION || x == LP_STAGE_FIRST_RESPONSE ||
			x == LP_STAGE_SETTLEMENT;
	bool moves = action == LP_ACTION_TRANSFER || action == LP_ACTION_ESCALATE ||
		     action == LP_ACTION_EXTEND;
	if (measured && !moves && before->due_at > 0 && after->clock_stage != x) {
		o->stage = x;
		o->due = before->due_at;
		o->ended_at = before->clock_paused_at ? before->clock_paused_at : now;
	}
	if (action == LP_ACTION_REPLY)
		o->replied_at = now;
	if (action == LP_ACTION_CLOSE)
		o->closed_at = now;
	return o->stage >= 0 || o->replied_at || o->closed_at;
}

/* ---- the session's calendar and policies ---- */

static int add_holiday(const struct lp_holiday *h, void *ud)
{
	return lp_calendar_add(ud, h->date) == 0 ? 0 : LP_EDATA;
}

static int add_policy(const struct lp_sla_policy *p, void *ud)
{
	lp_calendar_policy_set(ud, p);
	return 0;
}

const struct lp_calendar *lp_session_calendar(struct lp_session *s, struct lp_error *err)
{
	struct lp_error local;
	if (!err)
		err = &local;
	lp_error_clear(err);
	struct lp_calendar **slot = lp_session_calendar_slot(s);
	if (!slot) {
		lp_error_set(err, LP_EINTERNAL, _("no session"));
		return NULL;
	}
	if (*slot)
		return *slot;
	struct lp_calendar *cal = lp_calendar_create();
	if (!cal) {
		lp_error_set(err, LP_EINTERNAL, _("out of memory"));
		return NULL;
	}
	struct lp_store *st = lp_session_store(s);
	int rc = lp_store_holiday_list(st, NULL, NULL, add_holiday, cal, err);
	if (rc == LP_EDATA && err->code == LP_OK)
		lp_error_set(err, LP_EDATA, _("the holiday table holds a malformed date"));
	if (!rc)
		rc = lp_store_policy_list(st, add_policy, cal, err);
	if (rc) {
		lp_calendar_destroy(cal);
		return NULL;
	}
	*slot = cal;
	return cal;
}

void lp_session_calendar_forget(struct lp_session *s)
{
	struct lp_calendar **slot = lp_session_calendar_slot(s);
	if (slot) {
		lp_calendar_destroy(*slot);
		*slot = NULL;
	}
}

static int session_lookup(void *ud, enum lp_kind kind, enum lp_sla_stage stage, bool field_check,
			  struct lp_sla_policy *out, struct lp_error *err)
{
	struct lp_session *s = ud;
	struct lp_calendar **slot = lp_session_calendar_slot(s);
	if (slot && *slot && lp_calendar_policy_get(*slot, kind, stage, field_check, out))
		return LP_OK;
	int rc = lp_store_policy_get(lp_session_store(s), kind, stage, field_check, out, err);
	if (rc == LP_OK && slot && *slot)
		lp_calendar_policy_set(*slot, out);
	return rc;
}

int lp_sla_apply(struct lp_session *s, enum lp_action action, const struct lp_case *before,
		 struct lp_case *after, int64_t now, struct lp_error *err)
{
	struct lp_error local;
	if (!err)
		err = &local;
	if (!s || !before || !after)
		return lp_error_set(err, LP_EINTERNAL, "lp_sla_apply: missing argument");
	if (action == LP_ACTION_CLAIM || action == LP_ACTION_ASSIGN || action == LP_ACTION_NOTE)
		return LP_OK;
	const struct lp_calendar *cal = lp_session_calendar(s, err);
	if (!cal)
		return err->code;
	const struct lp_agency *a = lp_session_agency_lookup(s, after->agency, err);
	if (!a)
		return err->code;
	return lp_sla_compute(session_lookup, s, cal, a->tz_minutes, action, before, after, now, err);
}

int lp_sla_check_extend(struct lp_session *s, const struct lp_case *c, int days,
			struct lp_error *err)
{
	struct lp_error local;
	if (!err)
		err = &local;
	if (!s)
		return lp_error_set(err, LP_EINTERNAL, "lp_sla_check_extend: no session");
	if (!lp_session_calendar(s, err))
		return err->code;
	return lp_sla_compute_extend(session_lookup, s, c, days, err);
}
