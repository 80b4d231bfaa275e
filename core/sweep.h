/* sweep.h: `lapor sweep`: what the SLA clocks do by themselves.
 *
 * One run escalates each open case whose deadline passed one level up
 * (to the parent of the agency holding it, visible in that agency's
 * supervisors' Escalated queue; the level above gets a fresh period,
 * see lp_sla_compute) and closes each responded case whose feedback
 * window ended (resolution no_response).  Each change is an lp_act_as()
 * by the "system" officer naming the version it read, so a case changed
 * meanwhile (by an officer or a second sweep running at the same time)
 * is skipped, and a second run finds nothing left to do.  Safe to run
 * from cron every minute. */
#ifndef LAPOR_SWEEP_H
#define LAPOR_SWEEP_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

struct lp_session;

struct lp_sweep_stats {
	long escalated;        /* cases escalated (dry run: that would be) */
	long closed;           /* cases closed for no response (dry run: that would be) */
	long skipped;          /* changed by someone else meanwhile: left alone */
	long at_top;           /* overdue but already held by the root agency */
	long failed;           /* refused for another reason (see first_error) */
	char first_error[256]; /* the first failure's message, "" when none */
};

/* One case the sweep acted on (or would, in a dry run).  Borrowed. */
struct lp_sweep_item {
	int64_t case_id;
	enum lp_action action;   /* LP_ACTION_ESCALATE or LP_ACTION_CLOSE */
	const char *agency;      /* handling agency */
	const char *to;          /* escalate: the agency that now holds it; close: "" */
	int64_t due_at;          /* the deadline that passed */
	int outcome;             /* LP_OK, or the error code of a skip or failure */
	const char *message;     /* "" on LP_OK, else why */
};

typedef void (*lp_sweep_cb)(const struct lp_sweep_item *item, void *ud);

/* Runs the sweep at lp_session_now(s).  Admins and the Unix user root
 * only (LP_EPERM).  With dry_run nothing is written.  Returns LP_OK when
 * every overdue case was looked at (per-case refusals are counted in
 * stats); a store error (LP_EBUSY, LP_EIO) stops the run and is
 * returned.  stats (may be NULL) is filled either way. */
int lp_sweep(struct lp_session *s, bool dry_run, struct lp_sweep_stats *stats,
	     struct lp_error *err);

/* lp_sweep() that also calls cb (may be NULL) for each case. */
int lp_sweep_report(struct lp_session *s, bool dry_run, lp_sweep_cb cb, void *ud,
		    struct lp_sweep_stats *stats, struct lp_error *err);

#endif
