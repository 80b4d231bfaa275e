/* migrate.h: copying a whole lapor database into another (lapor migrate:
 * SQLite into PostgreSQL).
 *
 * Everything is copied through the store API (no SQL here): agencies,
 * officers (with their database roles: lp_store_officer_provision),
 * holidays, SLA policies, settings, cases with their numbers, events as
 * stored (so every hash chain stays intact), drafts and saved queues.
 * The target is written in one transaction: on any error nothing of the
 * copy stays.  Afterwards the counts are compared and every chain on
 * the target is recomputed (as lapor audit verify does). */
#ifndef LAPOR_MIGRATE_H
#define LAPOR_MIGRATE_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"

struct lp_store;

struct lp_migrate_opts {
	bool force;   /* copy even when the target already has cases (numbers must not clash) */
};

/* What was copied and checked. */
struct lp_migrate_stats {
	int64_t agencies, officers, holidays, policies, settings; /* rows copied */
	int64_t cases, events, drafts, queues;                    /* rows copied */
	int64_t chains;       /* cases whose chains were verified on the target */
	int64_t chain_events; /* events verified on the target */
};

/* Copies `from` into `to` (both open, owned by the caller; `to` must be
 * migrated to the current schema).  Refuses (LP_EREFUSED) a target that
 * has cases unless opts->force; a case number or tracking id present on
 * both is LP_EDATA.  LP_EDATA too when the counts differ after the copy
 * or a chain does not verify on the target (the message names the case
 * and event).  Fills *stats (may be NULL). */
int lp_migrate(struct lp_store *from, struct lp_store *to, const struct lp_migrate_opts *opts,
	       struct lp_migrate_stats *stats, struct lp_error *err);

#endif
