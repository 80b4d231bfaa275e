/* intake_feedback.h: the citizen's rating of an answer, from a feedback
 * intake line {"type": "feedback", "tracking_id", "submitted_at",
 * "rating": 1..5, "comment"} (private to intake.c and the tests).
 *
 * The rating becomes a public event (action feedback, officer "intake",
 * text the comment, detail the rating).  A dissatisfied rating (1 or 2,
 * LP_FEEDBACK_DISSATISFIED and below) submitted inside the feedback
 * window reopens the case: a responded case before its window's end
 * (due_at), or a closed case within the feedback policy's period after
 * its last close.  It goes to in_progress and its settlement clock
 * starts (lp_sla_apply, LP_ACTION_FEEDBACK).  Any other rating, or one
 * outside the window, is recorded without changing the case. */
#ifndef LAPOR_INTAKE_FEEDBACK_H
#define LAPOR_INTAKE_FEEDBACK_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "intake_json.h"
#include "model.h"

struct lp_session;

/* Ratings at or below this are "dissatisfied". */
#define LP_FEEDBACK_DISSATISFIED 2

/* Records feedback line l (type LP_INTAKE_FEEDBACK) at time `now` inside
 * the caller's write transaction.  *added is false when the same rating
 * and comment were recorded on the case before (a re-import: nothing
 * written); *reopened tells whether the case was reopened (may be NULL).
 * LP_EDATA for an unknown tracking id. */
int lp_intake_feedback(struct lp_session *s, const struct lp_intake_line *l, int64_t now,
		       bool *added, bool *reopened, struct lp_error *err);

/* Writes the citizen's public event on case c (action, text, detail;
 * officer "intake", actor the Unix login, statuses from `before` to c)
 * and then c itself, version-checked against old_version.  c's version
 * and updated_at must already be the new ones.  Shared by messages and
 * feedback. */
int lp_intake_citizen_event(struct lp_session *s, const struct lp_case *before,
			    struct lp_case *c, int64_t old_version, enum lp_action action,
			    int64_t now, char *text, char *detail, struct lp_error *err);

#endif
