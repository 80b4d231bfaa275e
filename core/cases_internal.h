/* cases_internal.h: the pieces of cases.c that other core readers
 * (find.c) share: the officer check, list options to a scoped store
 * filter, and the per-row visibility check and masking. */
#ifndef LAPOR_CASES_INTERNAL_H
#define LAPOR_CASES_INTERNAL_H

#include <stdbool.h>

#include "cases.h"

struct lp_session;

/* LP_OK when the session has an officer, else LP_EPERM naming the
 * command that registers the Unix login. */
int lp_cases_need_officer(struct lp_session *s, struct lp_error *err);

/* Fills *f with the officer's scope plus the selection in o (NULL: scope
 * only).  Pointers in f borrow from the session and from o. */
int lp_cases_make_filter(struct lp_session *s, const struct lp_list_opts *o,
			 struct lp_case_filter *f, struct lp_error *err);

/* Context of lp_cases_mask_row: the session, the caller's callback, and
 * whether a copy ran out of memory. */
struct lp_mask_ctx {
	struct lp_session *s;
	lp_case_cb cb;
	void *ud;
	bool oom;
};

/* A store row callback: skips a row the officer may not see, masks a
 * copy for the officer and passes it to x->cb.  ud is a struct lp_mask_ctx. */
int lp_cases_mask_row(const struct lp_case *row, void *ud);

#endif
