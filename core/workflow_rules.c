/* workflow_rules.c: the state machine table, who may do what where
 * (lp_workflow_check), the archive-reason and resolution names, and the
 * pure helpers of workflow_internal.h. */
#include "i18n.h"
#include "workflow.h"

#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include "privacy.h"
#include "workflow_internal.h"

/* ---- names ---- */

#define CODE_OF(s, c, h) c,
#define HELP_OF(s, c, h) h,
static const char *const reason_codes[] = { LP_ARCHIVE_REASON_LIST(CODE_OF) };
static const char *const reason_helps[] = { LP_ARCHIVE_REASON_LIST(HELP_OF) };
static const char *const resolution_codes[] = { LP_RESOLUTION_LIST(CODE_OF) };
static const char *const resolution_helps[] = { LP_RESOLUTION_LIST(HELP_OF) };

static const char *at_or_q(const char *const *t, int n, int v)
{
	return v >= 0 && v < n ? t[v] : "?";
}

static int find_code(const char *const *t, int n, const char *name)
{
	for (int i = 0; name && i < n; i++)
		if (strcmp(t[i], name) == 0)
			return i;
	return -1;
}

const char *lp_archive_reason_name(enum lp_archive_reason r)
{
	return at_or_q(reason_codes, LP_REASON_COUNT, (int)r);
}
const char *lp_archive_reason_help(enum lp_archive_reason r)
{
	const char *h = at_or_q(reason_helps, LP_REASON_COUNT, (int)r);
	return *h == '?' ? h : _(h);
}
int lp_archive_reason_parse(const char *name)
{
	return find_code(reason_codes, LP_REASON_COUNT, name);
}
const char *lp_resolution_name(enum lp_resolution r)
{
	return at_or_q(resolution_codes, LP_RESOLUTION_COUNT, (int)r);
}
const char *lp_resolution_help(enum lp_resolution r)
{
	const char *h = at_or_q(resolution_helps, LP_RESOLUTION_COUNT, (int)r);
	return *h == '?' ? h : _(h);
}
int lp_resolution_parse(const char *name)
{
	return find_code(resolution_codes, LP_RESOLUTION_COUNT, name);
}

/* ---- the state machine: action x from -> to (0: not allowed, else to + 1) ---- */

#define TO(s) (LP_STATUS_##s + 1)
#define SAME_WHEN_OPEN                                                                   \
	[LP_STATUS_NEW] = TO(NEW), [LP_STATUS_POSTPONED] = TO(POSTPONED),                \
	[LP_STATUS_ASSIGNED] = TO(ASSIGNED), [LP_STATUS_IN_PROGRESS] = TO(IN_PROGRESS),  \
	[LP_STATUS_RESPONDED] = TO(RESPONDED)

static const unsigned char next_table[LP_ACTION_COUNT][LP_STATUS_COUNT] = {
	[LP_ACTION_MESSAGE] = { [LP_STATUS_NEW] = TO(NEW), [LP_STATUS_POSTPONED] = TO(NEW),
				[LP_STATUS_ASSIGNED] = TO(ASSIGNED),
				[LP_STATUS_IN_PROGRESS] = TO(IN_PROGRESS),
				[LP_STATUS_RESPONDED] = TO(RESPONDED),
				[LP_STATUS_CLOSED] = TO(CLOSED),
				[LP_STATUS_ARCHIVED] = TO(ARCHIVED) },
	[LP_ACTION_FEEDBACK] = { [LP_STATUS_RESPONDED] = TO(RESPONDED),
				 [LP_STATUS_CLOSED] = TO(CLOSED) },
	[LP_ACTION_VERIFY] = { [LP_STATUS_NEW] = TO(ASSIGNED),
			       [LP_STATUS_POSTPONED] = TO(ASSIGNED) },
	[LP_ACTION_POSTPONE] = { [LP_STATUS_NEW] = TO(POSTPONED) },
	[LP_ACTION_ARCHIVE] = { [LP_STATUS_NEW] = TO(ARCHIVED),
				[LP_STATUS_POSTPONED] = TO(ARCHIVED) },
	[LP_ACTION_CLAIM] = { [LP_STATUS_ASSIGNED] = TO(IN_PROGRESS),
			      [LP_STATUS_IN_PROGRESS] = TO(IN_PROGRESS) },
	[LP_ACTION_ASSIGN] = { [LP_STATUS_ASSIGNED] = TO(IN_PROGRESS),
			       [LP_STATUS_IN_PROGRESS] = TO(IN_PROGRESS) },
	[LP_ACTION_REPLY] = { [LP_STATUS_ASSIGNED] = TO(RESPONDED),
			      [LP_STATUS_IN_PROGRESS] = TO(RESPONDED) },
	[LP_ACTION_NOTE] = { SAME_WHEN_OPEN, [LP_STATUS_CLOSED] = TO(CLOSED) },
	[LP_ACTION_TRANSFER] = { [LP_STATUS_ASSIGNED] = TO(ASSIGNED),
				 [LP_STATUS_IN_PROGRESS] = TO(ASSIGNED) },
	[LP_ACTION_ESCALATE] = { SAME_WHEN_OPEN },
	[LP_ACTION_EXTEND] = { SAME_WHEN_OPEN },
	[LP_ACTION_CLOSE] = { [LP_STATUS_IN_PROGRESS] = TO(CLOSED),
			      [LP_STATUS_RESPONDED] = TO(CLOSED) },
	[LP_ACTION_REOPEN] = { [LP_STATUS_CLOSED] = TO(IN_PROGRESS) },
	[LP_ACTION_MERGE] = { [LP_STATUS_NEW] = TO(ARCHIVED), [LP_STATUS_POSTPONED] = TO(ARCHIVED),
			      [LP_STATUS_ASSIGNED] = TO(ARCHIVED),
			      [LP_STATUS_IN_PROGRESS] = TO(ARCHIVED),
			      [LP_STATUS_RESPONDED] = TO(ARCHIVED) },
};

int lp_workflow_next_status(enum lp_action action, enum lp_status from, bool retriage)
{
	if ((unsigned)action >= LP_ACTION_COUNT || (unsigned)from >= LP_STATUS_COUNT)
		return -1;
	int to = next_table[action][from] - 1;
	if (to >= 0 && action == LP_ACTION_TRANSFER && retriage)
		return LP_STATUS_NEW;
	return to;
}

/* ---- who may act where ---- */

enum scope { SC_NONE, SC_ANY, SC_SUBTREE, SC_OWN };

static const unsigned char scope_table[LP_ACTION_COUNT][LP_ROLE_COUNT] = {
	[LP_ACTION_VERIFY] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_COORDINATOR] = SC_SUBTREE },
	[LP_ACTION_POSTPONE] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_COORDINATOR] = SC_SUBTREE },
	[LP_ACTION_ARCHIVE] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_COORDINATOR] = SC_SUBTREE },
	[LP_ACTION_CLAIM] = { [LP_ROLE_SUPERVISOR] = SC_SUBTREE, [LP_ROLE_CLERK] = SC_OWN },
	[LP_ACTION_ASSIGN] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_SUPERVISOR] = SC_SUBTREE },
	[LP_ACTION_REPLY] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_SUPERVISOR] = SC_SUBTREE,
			      [LP_ROLE_CLERK] = SC_OWN },
	[LP_ACTION_NOTE] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_COORDINATOR] = SC_SUBTREE,
			     [LP_ROLE_SUPERVISOR] = SC_SUBTREE, [LP_ROLE_CLERK] = SC_OWN },
	[LP_ACTION_TRANSFER] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_COORDINATOR] = SC_SUBTREE,
				 [LP_ROLE_SUPERVISOR] = SC_SUBTREE, [LP_ROLE_CLERK] = SC_OWN },
	[LP_ACTION_ESCALATE] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_SUPERVISOR] = SC_SUBTREE,
				 [LP_ROLE_CLERK] = SC_OWN, [LP_ROLE_SYSTEM] = SC_ANY },
	[LP_ACTION_EXTEND] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_SUPERVISOR] = SC_SUBTREE },
	[LP_ACTION_CLOSE] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_SUPERVISOR] = SC_SUBTREE,
			      [LP_ROLE_SYSTEM] = SC_ANY },
	[LP_ACTION_REOPEN] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_SUPERVISOR] = SC_SUBTREE },
	[LP_ACTION_MERGE] = { [LP_ROLE_ADMIN] = SC_ANY, [LP_ROLE_COORDINATOR] = SC_SUBTREE,
			      [LP_ROLE_SUPERVISOR] = SC_SUBTREE },
};

/* "verify cases", for "only an admin or a coordinator can verify cases". */
static const char *const action_object[LP_ACTION_COUNT] = {
	[LP_ACTION_INTAKE] = N_("record intake"),
	[LP_ACTION_MESSAGE] = N_("record citizen messages"),
	[LP_ACTION_FEEDBACK] = N_("record citizen feedback"),
	[LP_ACTION_VERIFY] = N_("verify cases"),
	[LP_ACTION_POSTPONE] = N_("postpone cases"),
	[LP_ACTION_ARCHIVE] = N_("archive cases"),
	[LP_ACTION_CLAIM] = N_("claim cases"),
	[LP_ACTION_ASSIGN] = N_("assign cases"),
	[LP_ACTION_REPLY] = N_("reply to cases"),
	[LP_ACTION_NOTE] = N_("add notes to cases"),
	[LP_ACTION_TRANSFER] = N_("transfer cases"),
	[LP_ACTION_ESCALATE] = N_("escalate cases"),
	[LP_ACTION_EXTEND] = N_("extend the deadline of cases"),
	[LP_ACTION_CLOSE] = N_("close cases"),
	[LP_ACTION_REOPEN] = N_("reopen cases"),
	[LP_ACTION_MERGE] = N_("merge cases"),
};

/* "can be verified", after "only cases that are new or postponed". */
static const char *const action_passive[LP_ACTION_COUNT] = {
	[LP_ACTION_INTAKE] = N_("received"),
	[LP_ACTION_MESSAGE] = N_("added to"),
	[LP_ACTION_FEEDBACK] = N_("rated"),
	[LP_ACTION_VERIFY] = N_("verified"),
	[LP_ACTION_POSTPONE] = N_("postponed"),
	[LP_ACTION_ARCHIVE] = N_("archived"),
	[LP_ACTION_CLAIM] = N_("claimed"),
	[LP_ACTION_ASSIGN] = N_("assigned"),
	[LP_ACTION_REPLY] = N_("replied"),
	[LP_ACTION_NOTE] = N_("noted"),
	[LP_ACTION_TRANSFER] = N_("transferred"),
	[LP_ACTION_ESCALATE] = N_("escalated"),
	[LP_ACTION_EXTEND] = N_("extended"),
	[LP_ACTION_CLOSE] = N_("closed"),
	[LP_ACTION_REOPEN] = N_("reopened"),
	[LP_ACTION_MERGE] = N_("merged"),
};

const char *lp_action_past(enum lp_action a)
{
	return (unsigned)a < LP_ACTION_COUNT ? _(action_passive[a]) : _("changed");
}

/* "an admin", "a clerk". */
static const char *with_article(enum lp_role r)
{
	return r == LP_ROLE_ADMIN || r == LP_ROLE_AUDITOR ? _("an") : _("a");
}

/* Appends to buf the roles allowed to do `a` ("an admin or a coordinator"). */
static void allowed_roles(enum lp_action a, char *buf, size_t n)
{
	int count = 0, total = 0;
	for (int r = 0; r < LP_ROLE_COUNT; r++)
		if (r != LP_ROLE_SYSTEM && scope_table[a][r] != SC_NONE)
			total++;
	buf[0] = '\0';
	for (int r = 0; r < LP_ROLE_COUNT; r++) {
		if (r == LP_ROLE_SYSTEM || scope_table[a][r] == SC_NONE)
			continue;
		count++;
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s %s",
			 count == 1 ? "" : count == total ? _(" or ") : ", ",
			 with_article((enum lp_role)r), lp_role_name((enum lp_role)r));
	}
}

/* Appends the statuses `a` may start from ("new or postponed"). */
static void allowed_from(enum lp_action a, char *buf, size_t n)
{
	int count = 0, total = 0;
	for (int st = 0; st < LP_STATUS_COUNT; st++)
		if (next_table[a][st])
			total++;
	buf[0] = '\0';
	for (int st = 0; st < LP_STATUS_COUNT; st++) {
		if (!next_table[a][st])
			continue;
		count++;
		size_t len = strlen(buf);
		snprintf(buf + len, n - len, "%s%s",
			 count == 1 ? "" : count == total ? _(" or ") : ", ",
			 lp_status_name((enum lp_status)st));
	}
}

bool lp_path_through(const char *path, const char *code, char *out, size_t n)
{
	size_t cl = strlen(code);
	if (!path || !cl)
		return false;
	for (const char *p = strchr(path, '/'); p && p[1]; p = strchr(p + 1, '/')) {
		if (strncmp(p + 1, code, cl) == 0 && p[1 + cl] == '/') {
			size_t len = (size_t)(p - path) + cl + 2;
			if (len >= n)
				return false;
			memcpy(out, path, len);
			out[len] = '\0';
			return true;
		}
	}
	return false;
}

bool lp_escalated_within(const struct lp_case *c, const struct lp_agency *case_agency,
			 const struct lp_agency *ancestor)
{
	char path[LP_PATH_MAX];
	if (!c || !case_agency || !ancestor || !c->escalated_to[0] || !ancestor->path[0])
		return false;
	if (!lp_path_through(case_agency->path, c->escalated_to, path, sizeof path))
		return false;
	return strncmp(path, ancestor->path, strlen(ancestor->path)) == 0;
}

bool lp_escalation_next(const struct lp_case *c, const struct lp_agency *case_agency,
			char out[LP_CODE_MAX])
{
	char path[LP_PATH_MAX];
	const char *from = c->escalated_to[0] ? c->escalated_to : case_agency->code;
	if (!lp_path_through(case_agency->path, from, path, sizeof path))
		return false;
	/* path is "/.../PARENT/FROM/": the parent is the segment before FROM. */
	size_t len = strlen(path) - strlen(from) - 1; /* through the '/' before FROM */
	if (len <= 1)
		return false;
	size_t end = len - 1, start = end;
	while (start > 0 && path[start - 1] != '/')
		start--;
	if (end - start == 0 || end - start >= LP_CODE_MAX)
		return false;
	memcpy(out, path + start, end - start);
	out[end - start] = '\0';
	return true;
}

int lp_explain_unseen(const struct lp_officer *o, const struct lp_agency *oa,
		      const struct lp_case *c, const struct lp_agency *ca, struct lp_error *err)
{
	if (!o)
		return lp_error_set(err, LP_EPERM, _("you are not a registered officer"));
	if (!o->active)
		return lp_error_set(err, LP_EPERM, _("officer %s is inactive"), o->login);
	if (o->role == LP_ROLE_CLERK && strcmp(c->agency, o->agency) == 0)
		return lp_error_set(err, LP_EPERM,
				    _("case %" PRId64 " is %s and not yet verified; clerks see a "
				    "case once it is routed to their agency"),
				    c->id, lp_status_name(c->status));
	if (o->role == LP_ROLE_CLERK)
		return lp_error_set(err, LP_EPERM,
				    _("you are a clerk of %s; case %" PRId64 " is handled by %s"),
				    o->agency, c->id, c->agency);
	return lp_error_set(err, LP_EPERM,
			    _("you are %s %s of %s; case %" PRId64 " is handled by %s, outside "
			    "your agency's subtree"),
			    with_article(o->role), lp_role_name(o->role), oa ? oa->code : o->agency,
			    c->id, ca ? ca->code : c->agency);
}

/* Is the case within `who`'s reach for an action of scope sc? */
static bool in_scope(enum scope sc, const struct lp_actor *who, const struct lp_case *c,
		     const struct lp_agency *ca)
{
	switch (sc) {
	case SC_ANY:
		return true;
	case SC_SUBTREE:
		return lp_agency_within(ca, who->agency) || lp_escalated_within(c, ca, who->agency);
	case SC_OWN:
		return strcmp(c->agency, who->officer->agency) == 0;
	default:
		return false;
	}
}

/* Rules beyond role, scope and status, that need only the case. */
static int check_specifics(const struct lp_actor *who, const struct lp_case *c,
			   const struct lp_agency *ca, enum lp_action action, struct lp_error *err)
{
	const struct lp_officer *o = who->officer;
	char code[LP_CODE_MAX];
	switch (action) {
	case LP_ACTION_CLAIM:
		if (c->assignee[0] && strcmp(c->assignee, o->login) == 0 &&
		    c->status == LP_STATUS_IN_PROGRESS)
			return lp_error_set(err, LP_EREFUSED,
					    _("case %" PRId64 " is already yours"),
					    c->id);
		if (c->assignee[0] && strcmp(c->assignee, o->login) != 0 &&
		    o->role != LP_ROLE_SUPERVISOR)
			return lp_error_set(err, LP_EREFUSED,
					    _("case %" PRId64 " is assigned to %s; a supervisor "
					      "can reassign it"), c->id, c->assignee);
		break;
	case LP_ACTION_ESCALATE:
		if (!lp_escalation_next(c, ca, code))
			return lp_error_set(err, LP_EREFUSED,
					    _("case %" PRId64 " is already at the top (%s); there "
					      "is no agency above to escalate to"), c->id,
					    c->escalated_to[0] ? c->escalated_to : c->agency);
		break;
	case LP_ACTION_EXTEND:
		if (c->extended_days > 0)
			return lp_error_set(err, LP_EREFUSED,
					    P_("case %" PRId64 "'s deadline was already "
					       "extended once (by %d day)",
					       "case %" PRId64 "'s deadline was already "
					       "extended once (by %d days)",
					       (unsigned long)c->extended_days),
					    c->id, c->extended_days);
		break;
	default:
		break;
	}
	return LP_OK;
}

int lp_workflow_check(const struct lp_actor *who, const struct lp_case *c,
		      const struct lp_agency *case_agency, enum lp_action action,
		      struct lp_error *err)
{
	char list[160];
	if (!who || !who->officer || !c)
		return lp_error_set(err, LP_EPERM, _("you are not a registered officer"));
	const struct lp_officer *o = who->officer;
	if ((unsigned)action >= LP_ACTION_COUNT)
		return lp_error_set(err, LP_EUSAGE, _("unknown action"));
	if (!o->active)
		return lp_error_set(err, LP_EPERM, _("officer %s is inactive"), o->login);
	if ((unsigned)o->role >= LP_ROLE_COUNT)
		return lp_error_set(err, LP_EPERM, _("officer %s has no valid role"), o->login);
	if (action == LP_ACTION_INTAKE || action == LP_ACTION_MESSAGE ||
	    action == LP_ACTION_FEEDBACK)
		return lp_error_set(err, LP_EPERM,
				    _("%s events come from the citizen channels (lapor import), "
				    "not from officers"), lp_action_name(action));
	if (o->role == LP_ROLE_AUDITOR)
		return lp_error_set(err, LP_EPERM,
				    _("you are an auditor; auditors read cases and the audit trail "
				    "but do not act on them"));
	enum scope sc = (enum scope)scope_table[action][o->role];
	if (sc == SC_NONE) {
		allowed_roles(action, list, sizeof list);
		return lp_error_set(err, LP_EPERM, _("you are %s %s; only %s can %s"),
				    with_article(o->role), lp_role_name(o->role), list,
				    _(action_object[action]));
	}
	if (sc != SC_ANY && (!who->agency || !case_agency))
		return lp_error_set(err, LP_EINTERNAL, _("the agencies of the check are missing"));
	if (!in_scope(sc, who, c, case_agency) || !lp_may_see_case(o, who->agency, c, case_agency))
		return lp_explain_unseen(o, who->agency, c, case_agency, err);
	if (lp_workflow_next_status(action, c->status, false) < 0) {
		allowed_from(action, list, sizeof list);
		return lp_error_set(err, LP_EREFUSED,
				    _("case %" PRId64 " is %s; only cases that are %s can be %s"),
				    c->id, lp_status_name(c->status), list,
				    action == LP_ACTION_REPLY ? _("replied to") :
				    _(action_passive[action]));
	}
	return check_specifics(who, c, case_agency, action, err);
}
