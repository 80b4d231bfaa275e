/* seed.h: the shipped data every new database starts with, for any
 * backend: the agency tree (generated at build time from db/data/ by
 * db/gen_embed.py), the system officers and the default SLA policies. */
#ifndef LAPOR_SEED_H
#define LAPOR_SEED_H

#include "store.h"

/* One agency of the shipped tree; all strings static. */
struct lp_seed_agency {
	const char *code;   /* "31.71" */
	const char *parent; /* "" for the root */
	const char *path;   /* "/KEMENPANRB/31/31.71/" */
	const char *name;   /* "Pemerintah Kota Administrasi Jakarta Pusat" */
	const char *kind;   /* agency kind's stored name */
	int tz_minutes;     /* 420, 480 or 540 */
};

/* The tree, parents before children (generated). */
extern const struct lp_seed_agency lp_seed_agencies[];
extern const unsigned lp_seed_agency_count;

/* The root agency's code. */
#define LP_SEED_ROOT "KEMENPANRB"

/* Writes the shipped data through the store's public functions: every
 * agency, the officers "system" and "intake" (role system, at the root)
 * and the default SLA policies for every kind.  Called by a backend's
 * migrate inside its transaction, for a new database only. */
int lp_seed_apply(struct lp_store *s, struct lp_error *err);

#endif
