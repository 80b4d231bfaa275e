/* pg_bulk.h: the PostgreSQL backend's bulk load (lp_store_bulk_intake):
 * while it is on, copied cases, events and report columns (lapor
 * migrate) are not sent one INSERT at a time but gathered as COPY rows
 * and streamed with the COPY protocol (PQputCopyData), a few MB at a
 * time.  Every other statement first sends what was gathered (pg_run and
 * pg_exec call pg_bulk_flush), so reads see the rows; a commit sends
 * them, a rollback forgets them. */
#ifndef LAPOR_PG_BULK_H
#define LAPOR_PG_BULK_H

#include "pg_internal.h"

enum pg_bulk_table { PG_BULK_NONE, PG_BULK_KASE, PG_BULK_EVENT, PG_BULK_REPORT };

/* Adds one row of the statement's parameters (the columns named in the
 * table's COPY command, in order) to the rows gathered for table t. */
int pg_bulk_add(struct pg_store *g, enum pg_bulk_table t, const struct pg_params *p,
		struct lp_error *err);
/* Sends the gathered rows (LP_OK when there are none). */
int pg_bulk_flush(struct pg_store *g, struct lp_error *err);
/* Moves the cases copied so far from lapor_kase_load into kase, with
 * their report columns and tallies (LP_OK when there are none). */
int pg_bulk_move(struct pg_store *g, struct lp_error *err);
/* Whether rows are gathered or staged that a statement must not miss;
 * pg_bulk_send sends and moves them (pg_run and pg_exec call both). */
static inline bool pg_bulk_pending(const struct pg_store *g)
{
	return (g->bulk_len > 0 && !g->bulk_sending) || (g->bulk_staged && !g->bulk_moving);
}
int pg_bulk_send(struct pg_store *g, struct lp_error *err);
/* Forgets the gathered rows (a rollback). */
void pg_bulk_forget(struct pg_store *g);
/* The bulk_intake op. */
int pg_bulk_intake(struct lp_store *s, bool on, struct lp_error *err);
/* Frees the buffer (closing). */
void pg_bulk_free(struct pg_store *g);

#endif
