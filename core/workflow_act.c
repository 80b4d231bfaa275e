/* workflow_act.c: lp_act() and lp_act_as(): one officer action in one
 * write transaction, with the version check, the rules, the SLA clock and
 * one hash-chained event. */
#include "i18n.h"
#include "workflow.h"

#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "journal.h"
#include "privacy.h"
#include "safetext.h"
#include "session.h"
#include "session_internal.h"
#include "sla.h"
#include "store.h"
#include "timefmt.h"
#include "workflow_internal.h"

/* What one action is doing: the session, who, and the case before/after. */
struct act {
	struct lp_session *s;
	struct lp_store *st;
	const struct lp_officer *who;
	const struct lp_agency *who_agency;
	const struct lp_action_args *args;
	struct lp_case before;
	struct lp_case after;
	char detail[64];                  /* the event's machine value, "" for none */
	struct lp_error *err;
};

/* True when text has something other than white space. */
static bool has_text(const char *t)
{
	for (; t && *t; t++)
		if (!isspace((unsigned char)*t))
			return true;
	return false;
}

/* Text typed by an officer: valid UTF-8, no NUL, at most LP_TEXT_MAX. */
static int check_text(const char *t, struct lp_error *err)
{
	if (!t)
		return LP_OK;
	size_t len = strnlen(t, (size_t)LP_TEXT_MAX + 1);
	if (len > LP_TEXT_MAX)
		return lp_error_set(err, LP_EDATA, _("the text is longer than %d bytes"),
				    LP_TEXT_MAX);
	if (!lp_utf8_valid(t, len))
		return lp_error_set(err, LP_EDATA, _("the text is not valid UTF-8"));
	return LP_OK;
}

static int need_text(const struct act *a, const char *why)
{
	if (has_text(a->args->text))
		return LP_OK;
	return lp_error_set(a->err, LP_EUSAGE, _("%s needs %s (-m TEXT)"),
			    lp_action_name(a->args->action), why);
}

/* Message for a stale version: who changed the case last, and when. */
static int last_event_cb(const struct lp_event *e, void *ud)
{
	struct lp_event *last = ud;
	lp_event_clear(last);
	return lp_event_copy(last, e) ? 0 : 1;
}

static int stale(struct act *a)
{
	struct lp_event last = { 0 };
	char when[64] = "";
	int tz = a->who_agency ? a->who_agency->tz_minutes : 420;
	struct lp_error e2;
	/* The last event only: a case changed many times since a stale read
	 * has hundreds, and reading them all made a refusal cost more than
	 * an action. */
	int64_t after = a->before.event_count > 0 ? a->before.event_count - 1 : 0;
	if (lp_store_event_list_after(a->st, a->before.id, after, last_event_cb, &last, &e2) !=
		    LP_OK ||
	    !last.seq) {
		lp_event_clear(&last);
		return lp_error_set(a->err, LP_EREFUSED,
				    _("case %" PRId64 " changed since you read it (version %" PRId64
				    ", now %" PRId64 ")"),
				    a->before.id, a->args->if_version, a->before.version);
	}
	lp_time_local(last.at, tz, when, sizeof when);
	lp_error_set(a->err, LP_EREFUSED,
		     _("case %" PRId64 " changed since you read it (version %" PRId64
		       ", now %" PRId64 "): %s by %s at %s"),
		     a->before.id, a->args->if_version, a->before.version,
		     lp_action_past(last.action), last.officer, when);
	lp_event_clear(&last);
	return LP_EREFUSED;
}

/* The target agency of verify or transfer: it must exist and not be the root. */
static int target_agency(struct act *a, const struct lp_agency **out)
{
	const char *code = a->args->agency;
	if (!code || !*code)
		return lp_error_set(a->err, LP_EUSAGE,
				    _("%s needs the target agency (--agency CODE)"),
				    lp_action_name(a->args->action));
	const struct lp_agency *t = lp_session_agency_lookup(a->s, code, a->err);
	if (!t)
		return a->err->code;
	if (!t->parent[0])
		return lp_error_set(a->err, LP_EREFUSED,
				    _("%s is the central administrator and does not handle cases; "
				    "route the case to the agency that does"), t->code);
	*out = t;
	return LP_OK;
}

/* The government of the case's region (regency or city, else province),
 * where a re-triaged case waits. */
static int region_government(struct act *a, const struct lp_agency **out)
{
	char code[LP_CODE_MAX];
	lp_strlcpy(code, a->before.region, sizeof code);
	while (code[0]) {
		const struct lp_agency *g = lp_session_agency_lookup(a->s, code, NULL);
		if (g && (g->kind == LP_AGENCY_REGENCY || g->kind == LP_AGENCY_CITY ||
			  g->kind == LP_AGENCY_PROVINCE)) {
			*out = g;
			return LP_OK;
		}
		char *dot = strrchr(code, '.');
		if (!dot)
			break;
		*dot = '\0';
	}
	return lp_error_set(a->err, LP_EDATA,
			    _("case %" PRId64 "'s region %s has no government agency to "
			      "re-triage at"),
			    a->before.id, a->before.region[0] ? a->before.region : _("(none)"));
}

/* A case that moves to another agency leaves its escalation behind. */
static void move_to(struct act *a, const struct lp_agency *t)
{
	lp_strlcpy(a->after.agency, t->code, sizeof a->after.agency);
	a->after.assignee[0] = '\0';
	a->after.escalation = 0;
	a->after.escalated_to[0] = '\0';
}

static int apply_transfer(struct act *a)
{
	const struct lp_agency *t = NULL;
	int rc = need_text(a, "a reason");
	if (rc != LP_OK)
		return rc;
	if (a->args->retriage) {
		if (a->args->agency && *a->args->agency)
			return lp_error_set(a->err, LP_EUSAGE, _("transfer takes either --agency "
					    "or --retriage, not both"));
		rc = region_government(a, &t);
		lp_strlcpy(a->detail, "retriage", sizeof a->detail);
	} else {
		rc = target_agency(a, &t);
		if (rc == LP_OK && strcmp(t->code, a->before.agency) == 0)
			return lp_error_set(a->err, LP_EREFUSED,
					    _("case %" PRId64 " is already handled by %s"),
					    a->before.id, t->code);
	}
	if (rc == LP_OK)
		move_to(a, t);
	return rc;
}

static int apply_assign(struct act *a)
{
	const char *login = a->args->assignee;
	struct lp_officer o;
	if (!login || !*login)
		return lp_error_set(a->err, LP_EUSAGE, _("assign needs an officer (--to LOGIN)"));
	int rc = lp_store_officer_get(a->st, login, &o, a->err);
	if (rc == LP_ENOENT)
		return lp_error_set(a->err, LP_ENOENT, _("no officer %s"), login);
	if (rc != LP_OK)
		return rc;
	if (!o.active)
		return lp_error_set(a->err, LP_EREFUSED, _("officer %s is inactive"), login);
	if (o.role != LP_ROLE_CLERK && o.role != LP_ROLE_SUPERVISOR)
		return lp_error_set(a->err, LP_EREFUSED,
				    _("%s is %s %s; cases are assigned to clerks and supervisors"),
				    login, o.role == LP_ROLE_ADMIN || o.role == LP_ROLE_AUDITOR ?
				    _("an") : _("a"), lp_role_name(o.role));
	if (strcmp(o.agency, a->before.agency) != 0)
		return lp_error_set(a->err, LP_EREFUSED,
				    _("%s is a %s of %s; case %" PRId64 " is handled by %s"), login,
				    lp_role_name(o.role), o.agency, a->before.id, a->before.agency);
	if (a->before.status == LP_STATUS_IN_PROGRESS && strcmp(a->before.assignee, login) == 0)
		return lp_error_set(a->err, LP_EREFUSED,
				    _("case %" PRId64 " is already assigned to %s"), a->before.id,
				    login);
	lp_strlcpy(a->after.assignee, login, sizeof a->after.assignee);
	lp_strlcpy(a->detail, login, sizeof a->detail);
	return LP_OK;
}

static int apply_merge(struct act *a)
{
	struct lp_case kept;
	int64_t into = a->args->into;
	if (into <= 0)
		return lp_error_set(a->err, LP_EUSAGE,
				    _("merge needs the case to keep (--into ID)"));
	if (into == a->before.id)
		return lp_error_set(a->err, LP_EREFUSED, _("a case cannot be merged into itself"));
	int rc = lp_store_case_get(a->st, into, &kept, a->err);
	if (rc == LP_ENOENT)
		return lp_error_set(a->err, LP_ENOENT,
				    _("no case %" PRId64 " to merge into"), into);
	if (rc != LP_OK)
		return rc;
	const struct lp_agency *ka = lp_session_agency_lookup(a->s, kept.agency, NULL);
	if (!lp_may_see_case(a->who, a->who_agency, &kept, ka))
		rc = lp_explain_unseen(a->who, a->who_agency, &kept, ka, a->err);
	else if (!lp_status_is_open(kept.status))
		rc = lp_error_set(a->err, LP_EREFUSED,
				  _("case %" PRId64 " is %s; a duplicate can only be merged into "
				    "an open case"), into, lp_status_name(kept.status));
	lp_case_clear(&kept);
	if (rc != LP_OK)
		return rc;
	a->after.merged_into = into;
	snprintf(a->detail, sizeof a->detail, "%" PRId64, into);
	return LP_OK;
}

/* Changes a->after for the action (status is set by the caller). */
static int apply(struct act *a, const struct lp_agency *case_agency)
{
	const struct lp_action_args *g = a->args;
	const struct lp_agency *t = NULL;
	int rc = LP_OK;
	switch (g->action) {
	case LP_ACTION_VERIFY:
		rc = target_agency(a, &t);
		if (rc == LP_OK)
			move_to(a, t);
		return rc;
	case LP_ACTION_POSTPONE:
		return need_text(a, "what to ask the citizen");
	case LP_ACTION_ARCHIVE:
		if (lp_archive_reason_parse(g->code) < 0)
			return lp_error_set(a->err, LP_EUSAGE,
					    _("archive needs a reason: not_our_authority, "
					    "out_of_scope, not_enough_information, duplicate, "
					    "spam or withdrawn"));
		lp_strlcpy(a->detail, g->code, sizeof a->detail);
		return LP_OK;
	case LP_ACTION_CLAIM:
		lp_strlcpy(a->after.assignee, a->who->login, sizeof a->after.assignee);
		lp_strlcpy(a->detail, a->who->login, sizeof a->detail);
		return LP_OK;
	case LP_ACTION_ASSIGN:
		return apply_assign(a);
	case LP_ACTION_REPLY:
		return need_text(a, "the answer to the citizen");
	case LP_ACTION_NOTE:
		return need_text(a, "the note");
	case LP_ACTION_TRANSFER:
		return apply_transfer(a);
	case LP_ACTION_ESCALATE:
		rc = need_text(a, "a reason");
		if (rc == LP_OK &&
		    !lp_escalation_next(&a->before, case_agency, a->after.escalated_to))
			rc = lp_error_set(a->err, LP_EREFUSED,
					  _("there is no agency above to escalate to"));
		if (rc == LP_OK) {
			a->after.escalation = a->before.escalation + 1;
			lp_strlcpy(a->detail, a->after.escalated_to, sizeof a->detail);
		}
		return rc;
	case LP_ACTION_EXTEND:
		rc = need_text(a, "a reason");
		if (rc == LP_OK && g->days <= 0)
			rc = lp_error_set(a->err, LP_EUSAGE,
					  _("extend needs a number of days above 0"));
		if (rc == LP_OK)
			rc = lp_sla_check_extend(a->s, &a->before, g->days, a->err);
		if (rc == LP_OK) {
			a->after.extended_days = g->days;
			snprintf(a->detail, sizeof a->detail, "%d", g->days);
		}
		return rc;
	case LP_ACTION_CLOSE:
		if (lp_resolution_parse(g->code) < 0)
			return lp_error_set(a->err, LP_EUSAGE,
					    _("close needs a resolution: resolved, "
					    "partially_resolved, answered, not_resolvable or "
					    "no_response"));
		lp_strlcpy(a->detail, g->code, sizeof a->detail);
		return LP_OK;
	case LP_ACTION_REOPEN:
		return need_text(a, "a reason");
	case LP_ACTION_MERGE:
		return apply_merge(a);
	default:
		return lp_error_set(a->err, LP_EPERM, _("%s is not an officer action"),
				    lp_action_name(g->action));
	}
}

/* Appends the event and writes the case. */
static int record(struct act *a, int64_t now)
{
	const struct lp_action_args *g = a->args;
	struct lp_event e = { 0 };
	const char *unix_login = lp_session_unix_login(a->s);
	int rc;

	e.at = now;
	lp_strlcpy(e.officer, a->who->login, sizeof e.officer);
	if (strcmp(unix_login, a->who->login) != 0)
		lp_strlcpy(e.actor, unix_login, sizeof e.actor);
	e.action = g->action;
	e.status_from = a->before.status;
	e.status_to = a->after.status;
	lp_strlcpy(e.agency_from, a->before.agency, sizeof e.agency_from);
	lp_strlcpy(e.agency_to, a->after.agency, sizeof e.agency_to);
	e.visibility = g->action == LP_ACTION_REPLY ? LP_VIS_PUBLIC :
		       a->who->role == LP_ROLE_SYSTEM ? LP_VIS_SYSTEM : LP_VIS_INTERNAL;
	e.text = has_text(g->text) ? lp_strdup(g->text) : NULL;
	e.detail = a->detail[0] ? lp_strdup(a->detail) : NULL;
	if ((has_text(g->text) && !e.text) || (a->detail[0] && !e.detail))
		rc = lp_error_set(a->err, LP_EIO, _("out of memory"));
	else
		rc = lp_journal_append(a->st, &a->after, &e, a->err);
	lp_event_clear(&e);
	if (rc != LP_OK)
		return rc;
	rc = lp_store_case_update(a->st, &a->after, a->before.version, a->err);
	if (rc == LP_EREFUSED)
		return lp_error_set(a->err, LP_EREFUSED,
				    _("case %" PRId64 " changed while you were acting on it; read "
				      "it again"), a->before.id);
	if (rc == LP_OK && (g->action == LP_ACTION_REPLY || g->action == LP_ACTION_NOTE))
		rc = lp_store_draft_delete(a->st, a->before.id, a->who->login, a->err);
	return rc;
}

/* The body of the transaction. */
static int run(struct act *a)
{
	const struct lp_action_args *g = a->args;
	/* A merge reads two cases, and a backend may lock each as it reads
	 * it (PostgreSQL): the lower id first, so that two opposite merges
	 * wait for each other instead of deadlocking.  apply_merge reads
	 * and checks the kept case again; a failure here is its to report. */
	if (g->action == LP_ACTION_MERGE && g->into > 0 && g->into < g->case_id) {
		struct lp_case lower;
		struct lp_error ignored = { 0 };
		if (lp_store_case_get(a->st, g->into, &lower, &ignored) == LP_OK)
			lp_case_clear(&lower);
	}
	int rc = lp_store_case_get(a->st, g->case_id, &a->before, a->err);
	if (rc == LP_ENOENT)
		return lp_error_set(a->err, LP_ENOENT, _("no case %" PRId64), g->case_id);
	if (rc != LP_OK)
		return rc;
	const struct lp_agency *ca = lp_session_agency_lookup(a->s, a->before.agency, a->err);
	if (!ca)
		return a->err->code;
	if (!lp_may_see_case(a->who, a->who_agency, &a->before, ca))
		return lp_explain_unseen(a->who, a->who_agency, &a->before, ca, a->err);
	if (g->if_version && g->if_version != a->before.version)
		return stale(a);
	struct lp_actor actor = { a->who, a->who_agency };
	rc = lp_workflow_check(&actor, &a->before, ca, g->action, a->err);
	if (rc != LP_OK)
		return rc;
	if (!lp_case_copy(&a->after, &a->before))
		return lp_error_set(a->err, LP_EIO, _("out of memory"));
	rc = apply(a, ca);
	if (rc != LP_OK)
		return rc;
	int to = lp_workflow_next_status(g->action, a->before.status, g->retriage);
	if (to < 0)
		return lp_error_set(a->err, LP_EINTERNAL, _("no next status after a passed check"));
	a->after.status = (enum lp_status)to;
	int64_t now = lp_session_now(a->s);
	rc = lp_sla_apply(a->s, g->action, &a->before, &a->after, now, a->err);
	if (rc != LP_OK)
		return rc;
	a->after.version = a->before.version + 1;
	a->after.updated_at = now;
	rc = record(a, now);
	/* The report's columns: a stage whose clock stopped, a reply, a close. */
	struct lp_case_outcome o;
	if (rc == LP_OK && lp_sla_outcome(g->action, &a->before, &a->after, now, &o))
		rc = lp_store_case_outcome(a->st, a->before.id, &o, a->err);
	return rc;
}

int lp_act_as(struct lp_session *s, const struct lp_officer *who, const struct lp_action_args *args,
	      struct lp_case *after, struct lp_error *err)
{
	struct lp_error local;
	if (!err)
		err = &local;
	lp_error_clear(err);
	if (!s || !args)
		return lp_error_set(err, LP_EINTERNAL, "lp_act: missing argument");
	if (!who)
		return lp_error_set(err, LP_EPERM, _("you are not a registered officer"));
	int rc = check_text(args->text, err);
	if (rc != LP_OK)
		return rc;
	struct act a = { .s = s, .st = lp_session_store(s), .who = who, .args = args, .err = err };
	a.who_agency = lp_session_agency_lookup(s, who->agency, err);
	if (!a.who_agency)
		return err->code;
	rc = lp_store_begin(a.st, true, err);
	if (rc != LP_OK)
		return rc;
	rc = run(&a);
	if (rc == LP_OK)
		rc = lp_store_commit(a.st, err);
	if (rc != LP_OK) {
		lp_store_rollback(a.st);
		lp_case_clear(&a.before);
		lp_case_clear(&a.after);
		return rc;
	}
	lp_case_clear(&a.before);
	if (after) {
		lp_mask_case(who, &a.after);
		*after = a.after;
	} else {
		lp_case_clear(&a.after);
	}
	return LP_OK;
}

int lp_act(struct lp_session *s, const struct lp_action_args *args, struct lp_case *after,
	   struct lp_error *err)
{
	return lp_act_as(s, lp_session_officer(s), args, after, err);
}
