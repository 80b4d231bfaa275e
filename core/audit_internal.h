/* audit_internal.h: the pure per-case hash chain checker behind
 * lp_audit_verify() (core/journal.c), exposed for unit tests.  No I/O. */
#ifndef LAPOR_AUDIT_INTERNAL_H
#define LAPOR_AUDIT_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "model.h"

/* The state of one case's chain while its events are fed in seq order. */
struct lp_chain {
	int64_t case_id;                 /* the case being checked */
	int64_t seq;                     /* seq of the last event accepted (0 before the first) */
	unsigned char last[LP_HASH_LEN]; /* hash of the last event accepted (zero before) */
	int64_t broken_seq;              /* where it broke (0 while intact) */
	char why[256];                   /* why it broke ("" while intact) */
};

/* Starts checking the chain of case `case_id`. */
void lp_chain_begin(struct lp_chain *ch, int64_t case_id);

/* Feeds the next event.  Returns true while the chain holds; on the first
 * fault sets ch->broken_seq and ch->why and returns false (and keeps
 * returning false). */
bool lp_chain_step(struct lp_chain *ch, const struct lp_event *e);

/* Ends the chain against what the case row records (event_count and
 * last_hash): a deleted last event, or events appended behind the case's
 * back, are found here.  Returns true when everything matched. */
bool lp_chain_end(struct lp_chain *ch, int64_t event_count,
		  const unsigned char last_hash[LP_HASH_LEN]);

#endif
