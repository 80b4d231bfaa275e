/* clock.h: the state of a case's SLA clock as an officer reads it: which
 * stage's clock runs and whether it is running, due soon, overdue or
 * paused.  Pure functions of the case and "now"; no store access. */
#ifndef LAPOR_CLOCK_H
#define LAPOR_CLOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* Due within this many seconds counts as "due soon" (the console's
 * highlight and the case view's words). */
#define LP_CLOCK_SOON_SECONDS (24 * 3600)

enum lp_clock_state {
	LP_CLOCK_NONE,     /* closed, archived, or no deadline set */
	LP_CLOCK_RUNNING,  /* due later than LP_CLOCK_SOON_SECONDS from now */
	LP_CLOCK_DUE_SOON, /* due within LP_CLOCK_SOON_SECONDS */
	LP_CLOCK_OVERDUE,  /* past its deadline */
	LP_CLOCK_PAUSED,   /* postponed, waiting for the citizen */
	LP_CLOCK_STATE_COUNT
};

/* The clock of a case with this status, deadline and pause time (0 when
 * running) at NOW.  Closed and archived cases have no clock. */
enum lp_clock_state lp_clock_state(enum lp_status status, int64_t due_at, int64_t paused_at,
				   int64_t now);

/* The state's code for JSON and CSV: "none", "running", "due_soon",
 * "overdue", "paused" (static; not to be freed). */
const char *lp_clock_state_name(enum lp_clock_state st);

/* The state's words in the officer's language (static; not to be freed). */
const char *lp_clock_state_label(enum lp_clock_state st);

/* A stage's words in the officer's language, e.g. "first response"
 * (static; not to be freed); "" for a stage out of range. */
const char *lp_sla_stage_label(int stage);

/* "first response, overdue" (or just the state when no stage is known)
 * into BUF (the caller's, N bytes); returns BUF. */
char *lp_clock_describe(const struct lp_case *c, int64_t now, char *buf, size_t n);

#endif
