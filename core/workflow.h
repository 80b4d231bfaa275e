/* workflow.h: the case state machine, permissions, and the one function
 * that performs every officer action.
 *
 * lp_act() runs an action in one write transaction: it reads the case,
 * checks the version the officer saw (if_version), asks lp_workflow_check()
 * whether this officer may do this to this case now, changes the case,
 * bumps its version and appends one hash-chained event.  The console,
 * the subcommands and the sweep all call it. */
#ifndef LAPOR_WORKFLOW_H
#define LAPOR_WORKFLOW_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

struct lp_session;

/* Reasons to archive a report: X(enum suffix, code, help). */
#define LP_ARCHIVE_REASON_LIST(X) \
	X(NOT_OUR_AUTHORITY, "not_our_authority", "not the authority of any agency on LAPOR!") \
	X(OUT_OF_SCOPE, "out_of_scope", "not a complaint, aspiration or information request") \
	X(NOT_ENOUGH_INFORMATION, "not_enough_information", "the citizen gave too little to act on") \
	X(DUPLICATE, "duplicate", "the same report was already received") \
	X(SPAM, "spam", "advertising, abuse or test message") \
	X(WITHDRAWN, "withdrawn", "the citizen withdrew the report")

/* Resolutions when closing a case. */
#define LP_RESOLUTION_LIST(X) \
	X(RESOLVED, "resolved", "the problem was fixed") \
	X(PARTIALLY_RESOLVED, "partially_resolved", "part of the problem was fixed") \
	X(ANSWERED, "answered", "the question or request was answered") \
	X(NOT_RESOLVABLE, "not_resolvable", "nothing can be done, and the citizen was told why") \
	X(NO_RESPONSE, "no_response", "the citizen did not answer within the feedback window")

#define LP_X_REASON(s, c, h) LP_REASON_##s,
#define LP_X_RESOLUTION(s, c, h) LP_RESOLUTION_##s,
enum lp_archive_reason { LP_ARCHIVE_REASON_LIST(LP_X_REASON) LP_REASON_COUNT };
enum lp_resolution { LP_RESOLUTION_LIST(LP_X_RESOLUTION) LP_RESOLUTION_COUNT };

const char *lp_archive_reason_name(enum lp_archive_reason r);
const char *lp_archive_reason_help(enum lp_archive_reason r); /* translated */
int lp_archive_reason_parse(const char *name); /* -1 when unknown */
const char *lp_resolution_name(enum lp_resolution r);
const char *lp_resolution_help(enum lp_resolution r);          /* translated */
int lp_resolution_parse(const char *name);     /* -1 when unknown */

/* What an officer asks for.  Members an action does not use are ignored. */
struct lp_action_args {
	enum lp_action action;
	int64_t case_id;
	int64_t if_version;   /* refuse unless the case is at this version; 0: no check */
	const char *text;     /* reply, note, or the reason typed (-m) */
	const char *agency;   /* verify, transfer: the target agency code */
	bool retriage;        /* transfer: back to `new` for re-triage */
	const char *assignee; /* assign: login */
	const char *code;     /* archive: reason code; close: resolution code */
	int64_t into;         /* merge: the case that is kept */
	int days;             /* extend: working days added */
};

/* Who is acting, as the checks need it. */
struct lp_actor {
	const struct lp_officer *officer;
	const struct lp_agency *agency;  /* the officer's agency */
};

/* Pure rule check, no I/O: may `who` perform `action` on case `c`
 * (handled by `case_agency`) in its current status?  Returns LP_OK, or
 * LP_EPERM (role or agency subtree), or LP_EREFUSED (status), with a
 * message that says why.  Argument checks (target agency, text) are
 * lp_act()'s. */
int lp_workflow_check(const struct lp_actor *who, const struct lp_case *c,
		      const struct lp_agency *case_agency, enum lp_action action,
		      struct lp_error *err);

/* The status an action leads to from `from` (args matter for transfer
 * with retriage); -1 when the action is not allowed from `from`. */
int lp_workflow_next_status(enum lp_action action, enum lp_status from, bool retriage);

/* Performs the action as the session's officer.  On success, if `after`
 * is not NULL it receives the case as it now is (masked for the
 * officer).  On a stale if_version: LP_EREFUSED with a message naming
 * who changed the case last and when. */
int lp_act(struct lp_session *s, const struct lp_action_args *args, struct lp_case *after,
	   struct lp_error *err);

/* lp_act() as another officer `who`, not the session's: for the demo
 * generator and the SLA sweep (as the "system" officer).  Never reached
 * from user input; the event's actor is the session's Unix login. */
int lp_act_as(struct lp_session *s, const struct lp_officer *who, const struct lp_action_args *args,
	      struct lp_case *after, struct lp_error *err);

#endif
