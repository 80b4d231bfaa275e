/* journal.h: appending an event to a case's hash chain.  Used by the
 * workflow, intake and the sweep, inside their write transaction. */
#ifndef LAPOR_JOURNAL_H
#define LAPOR_JOURNAL_H

#include "error.h"
#include "model.h"

struct lp_store;

/* Completes e from c (e->case_id = c->id, e->seq = c->event_count + 1,
 * e->prev_hash = c->last_hash), computes e->hash, appends it to the
 * store, and advances c->event_count and c->last_hash.  The caller then
 * writes c (lp_store_case_update or, for a new case, the insert comes
 * first and the update after).  e's strings stay owned by the caller. */
int lp_journal_append(struct lp_store *st, struct lp_case *c, struct lp_event *e,
		      struct lp_error *err);

/* (Added for the import's speed.)  Completes e from c and computes
 * e->hash as lp_journal_append does, then advances c->event_count and
 * c->last_hash, writing nothing: for lp_store_case_insert_first, which
 * stores the case and its first event at once. */
void lp_journal_seal(struct lp_case *c, struct lp_event *e);

#endif
