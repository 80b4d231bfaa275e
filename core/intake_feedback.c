/* intake_feedback.c: citizen feedback from intake (intake_feedback.h). */
#include "i18n.h"
#include "intake_feedback.h"

#include <stdio.h>
#include <string.h>

#include "directory.h"
#include "journal.h"
#include "session.h"
#include "sla.h"
#include "store.h"

struct scan {
	const char *text;       /* the comment ("" for none) */
	const char *rating;     /* the rating as text */
	bool found;             /* the same feedback is there */
	int64_t closed_at;      /* the last close event's time, 0 when none */
};

static int scan_cb(const struct lp_event *e, void *ud)
{
	struct scan *x = ud;
	if (e->action == LP_ACTION_CLOSE)
		x->closed_at = e->at;
	if (e->action == LP_ACTION_FEEDBACK && e->detail && strcmp(e->detail, x->rating) == 0 &&
	    strcmp(e->text ? e->text : "", x->text) == 0)
		x->found = true;
	return 0;
}

/* The end of the feedback window after a close at `at`. */
static int window_after_close(struct lp_session *s, const struct lp_case *c, int64_t at,
			      int64_t *end, struct lp_error *err)
{
	struct lp_sla_policy p;
	int rc = lp_store_policy_get(lp_session_store(s), c->kind, LP_STAGE_FEEDBACK,
				     c->field_check, &p, err);
	if (rc == LP_ENOENT && c->field_check)
		rc = lp_store_policy_get(lp_session_store(s), c->kind, LP_STAGE_FEEDBACK, false,
					 &p, err);
	if (rc == LP_ENOENT) {          /* no window: never reopens */
		lp_error_clear(err);
		*end = 0;
		return LP_OK;
	}
	if (rc)
		return rc;
	struct lp_agency a;
	if ((rc = lp_agency_get(s, c->agency, &a, err)) != LP_OK)
		return rc;
	const struct lp_calendar *cal = lp_session_calendar(s, err);
	if (!cal)
		return err->code ? err->code : LP_EINTERNAL;
	*end = lp_calendar_add_days(cal, at, p.days, p.working_days, a.tz_minutes);
	return LP_OK;
}

static int in_window(struct lp_session *s, const struct lp_case *c, int64_t when,
		     int64_t closed_at, bool *inside, struct lp_error *err)
{
	*inside = false;
	if (c->status == LP_STATUS_RESPONDED) {
		*inside = c->clock_stage == LP_STAGE_FEEDBACK && c->due_at && when <= c->due_at;
		return LP_OK;
	}
	if (c->status != LP_STATUS_CLOSED || !closed_at || when < closed_at)
		return LP_OK;
	int64_t end;
	int rc = window_after_close(s, c, closed_at, &end, err);
	if (rc)
		return rc;
	*inside = end && when <= end;
	return LP_OK;
}

int lp_intake_feedback(struct lp_session *s, const struct lp_intake_line *l, int64_t now,
		       bool *added, bool *reopened, struct lp_error *err)
{
	struct lp_store *st = lp_session_store(s);
	struct lp_case c;
	bool dummy;
	int rc;

	if (!reopened)
		reopened = &dummy;
	*added = *reopened = false;
	memset(&c, 0, sizeof c);
	rc = lp_store_case_get_by_tracking(st, l->tracking_id, &c, err);
	if (rc == LP_ENOENT)
		return lp_error_set(err, LP_EDATA, _("unknown tracking id \"%s\""), l->tracking_id);
	if (rc != LP_OK)
		return rc;
	char rating[8];
	snprintf(rating, sizeof rating, "%d", l->rating);
	struct scan x = { l->body ? l->body : "", rating, false, 0 };
	if ((rc = lp_store_event_list(st, c.id, scan_cb, &x, err)) != LP_OK || x.found)
		goto out;

	bool inside = false;
	if (l->rating <= LP_FEEDBACK_DISSATISFIED &&
	    (rc = in_window(s, &c, l->submitted_at, x.closed_at, &inside, err)) != LP_OK)
		goto out;
	struct lp_case before = c;      /* borrowed view: never cleared */
	int64_t old_version = c.version;
	if (inside) {
		c.status = LP_STATUS_IN_PROGRESS;
		if ((rc = lp_sla_apply(s, LP_ACTION_FEEDBACK, &before, &c, now, err)) != LP_OK)
			goto out;
	}
	c.updated_at = now;
	c.version = old_version + 1;

	if ((rc = lp_intake_citizen_event(s, &before, &c, old_version, LP_ACTION_FEEDBACK, now,
					  l->body && *l->body ? l->body : NULL, rating, err)) != LP_OK)
		goto out;
	*added = true;
	*reopened = inside;
out:
	lp_case_clear(&c);
	return rc;
}

int lp_intake_citizen_event(struct lp_session *s, const struct lp_case *before,
			    struct lp_case *c, int64_t old_version, enum lp_action action,
			    int64_t now, char *text, char *detail, struct lp_error *err)
{
	struct lp_store *st = lp_session_store(s);
	struct lp_event e;
	memset(&e, 0, sizeof e);
	e.at = now;
	lp_strlcpy(e.officer, "intake", sizeof e.officer);
	lp_strlcpy(e.actor, lp_session_unix_login(s), sizeof e.actor);
	e.action = action;
	e.status_from = before->status;
	e.status_to = c->status;
	lp_strlcpy(e.agency_from, c->agency, sizeof e.agency_from);
	lp_strlcpy(e.agency_to, c->agency, sizeof e.agency_to);
	e.visibility = LP_VIS_PUBLIC;
	e.text = text;
	e.detail = detail;
	int rc = lp_journal_append(st, c, &e, err);
	if (rc == LP_OK)
		rc = lp_store_case_update(st, c, old_version, err);
	return rc;
}
