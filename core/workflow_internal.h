/* workflow_internal.h: helpers shared by the workflow rules, the action
 * runner, privacy and case reading (core/workflow_rules.c).  Pure: no I/O. */
#ifndef LAPOR_WORKFLOW_INTERNAL_H
#define LAPOR_WORKFLOW_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>

#include "error.h"
#include "model.h"

/* Copies into out (size n) the prefix of `path` through the segment
 * "/code/" (the path of that ancestor); false when code is not on it. */
bool lp_path_through(const char *path, const char *code, char *out, size_t n);

/* True when the case is escalated to an agency within `ancestor`'s
 * subtree (escalations go up the handling agency's path). */
bool lp_escalated_within(const struct lp_case *c, const struct lp_agency *case_agency,
			 const struct lp_agency *ancestor);

/* The agency the next escalation goes to: the parent of c->escalated_to,
 * or of the handling agency the first time.  False at the root. */
bool lp_escalation_next(const struct lp_case *c, const struct lp_agency *case_agency,
			char out[LP_CODE_MAX]);

/* Sets err to LP_EPERM saying why officer `o` (of agency oa) may not see
 * case c (handled by ca), and returns LP_EPERM. */
int lp_explain_unseen(const struct lp_officer *o, const struct lp_agency *oa,
		      const struct lp_case *c, const struct lp_agency *ca, struct lp_error *err);

/* "verified", "replied", ...: the past tense for "... by LOGIN". Static. */
const char *lp_action_past(enum lp_action a);

#endif
