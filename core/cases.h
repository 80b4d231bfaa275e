/* cases.h: reading cases and their events as the acting officer may see
 * them.  Every function scopes to the officer's view (lp_privacy) and
 * masks what the officer may not see before returning anything. */
#ifndef LAPOR_CASES_H
#define LAPOR_CASES_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"
#include "store.h"

struct lp_session;

struct lp_list_opts {
	unsigned status_mask;   /* 1u << status for each wanted; 0 = any */
	const char *agency;     /* exact handling agency code */
	const char *under;      /* agency code: its whole subtree */
	const char *assignee;   /* login, "me", or "" for unassigned */
	int kind;               /* enum lp_kind or -1 */
	enum lp_case_order order;
	bool descending;
	bool has_after;         /* keyset page: rows after (after_key, after_id) */
	int64_t after_key;
	int64_t after_id;
	int limit;              /* 0: no limit */
	/* Added for the console's queues (passed to the store filter as is): */
	const char *escalated_to; /* agency code holding the escalation; NULL: any */
	int64_t due_before;     /* due_at != 0 and due_at < this; 0: no condition */
	int64_t updated_after;  /* updated_at >= this; 0: no condition */
};

/* Initialises o to "every case I may see", in id order, kind -1. */
void lp_list_opts_init(struct lp_list_opts *o);

/* Calls cb for each case the officer may see that matches o, masked.
 * Unknown agency codes give LP_ENOENT. */
int lp_cases_list(struct lp_session *s, const struct lp_list_opts *o, lp_case_cb cb, void *ud,
		  struct lp_error *err);
/* Counts them. */
int lp_cases_count(struct lp_session *s, const struct lp_list_opts *o, int64_t *out,
		   struct lp_error *err);

/* Fills *out with case `id` as the officer may see it (caller clears it).
 * LP_ENOENT when there is no such case, LP_EPERM when it lies outside
 * the officer's view. */
int lp_case_get(struct lp_session *s, int64_t id, struct lp_case *out, struct lp_error *err);

/* Calls cb for each event of case `id` in order, masked for the officer
 * (same errors as lp_case_get). */
int lp_case_events(struct lp_session *s, int64_t id, lp_event_cb cb, void *ud, struct lp_error *err);

/* Fills *out with the scope filter of the session's officer (what the
 * store must restrict every read to).  Pointers inside borrow from the
 * session. */
void lp_case_scope(struct lp_session *s, struct lp_case_filter *out);

/* Drafts of the acting officer (see lp_store_draft_*): saving needs the
 * case to be visible to the officer. */
int lp_draft_save(struct lp_session *s, int64_t case_id, enum lp_action kind, const char *text,
		  struct lp_error *err);
int lp_draft_load(struct lp_session *s, int64_t case_id, enum lp_action *kind, char **text,
		  struct lp_error *err);
int lp_draft_discard(struct lp_session *s, int64_t case_id, struct lp_error *err);

#endif
