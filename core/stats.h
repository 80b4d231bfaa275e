/* stats.h: performance reports (`lapor stats`) over the cases an officer
 * may see, computed by the store in SQL aggregates.
 *
 * The figures describe a cohort: the cases received (created) in
 * [from, to), within the officer's scope (lp_case_scope) and --agency
 * (that agency and those below it); their state is taken at
 * lp_session_now().  Medians are lower medians (of 4 values the 2nd).
 * On time per stage: of the cohort's cases whose stage ended (its clock
 * stopped by the action completing it: verify, reply, close...), those
 * that ended by the deadline then in force (after any extension), over
 * those ended plus the open ones whose running deadline of that stage
 * has passed (late, not yet ended); stages that ended before schema 3
 * are unknown and left out (store.h: struct lp_stats_row). */
#ifndef LAPOR_STATS_H
#define LAPOR_STATS_H

#include <stdint.h>

#include "error.h"
#include "store.h"

struct lp_session;

struct lp_stats_opts {
	const char *agency;     /* agency code (and its subtree), NULL or "" for all in scope */
	int64_t from;           /* first instant of the window (unix seconds) */
	int64_t to;             /* end of the window, exclusive; 0: now + 1 */
	enum lp_stats_by by;    /* grouping */
};

/* Calls cb per group, ordered by key (rows borrowed).  LP_ENOENT for an
 * unknown agency; LP_EPERM when the agency lies outside the officer's
 * scope is not an error: the scope simply yields no cases there. */
int lp_stats(struct lp_session *s, const struct lp_stats_opts *o, lp_stats_cb cb, void *ud,
	     struct lp_error *err);

/* The average rating of a row, or -1 when nobody rated. */
double lp_stats_rating(const struct lp_stats_row *r);

/* The on-time rate of a measured stage (verification, first response or
 * settlement) in a row: stage_met / (stage_ended + stage_late), in 0..1,
 * or -1 when no case of the row ended that stage or is late in it (and
 * for any other stage). */
double lp_stats_ontime(const struct lp_stats_row *r, enum lp_sla_stage stage);

#endif
