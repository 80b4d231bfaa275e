/* demo_internal.h: the demo generator's state, shared by demo.c
 * (officers, transactions) and demo_case.c (one report and its history).
 * Private to liblapor. */
#ifndef LAPOR_DEMO_INTERNAL_H
#define LAPOR_DEMO_INTERNAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "demo.h"
#include "error.h"
#include "model.h"

struct lp_session;
struct lp_store;

#define MAX_OFFICERS 32

struct region {
	char code[LP_CODE_MAX];
	char name[LP_NAME_MAX];
};

struct demo {
	struct lp_session *s;        /* borrowed */
	struct lp_store *st;         /* the session's store */
	uint64_t rng;                /* splitmix64 state, from the seed */
	int64_t now;                 /* the session's clock when the fill began */
	struct lp_officer officers[MAX_OFFICERS]; /* the demo officers, as stored */
	unsigned n_officers;
	struct region *regions;      /* regencies and cities, for reports from elsewhere */
	size_t n_regions, cap_regions;
	int64_t open_new[8];         /* per demo place: a case left new (merge target) */
	struct lp_demo_stats *stats; /* the caller's counters */
	int64_t case_id;             /* the case being written (for error messages) */
	struct lp_error *err;        /* the caller's error */
};

/* splitmix64: small, fast, and the same everywhere. */
static inline uint64_t demo_next(struct demo *d)
{
	uint64_t z = (d->rng += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static inline unsigned below(struct demo *d, unsigned n)
{
	return n ? (unsigned)(demo_next(d) % n) : 0;
}

static inline bool chance(struct demo *d, unsigned percent)
{
	return below(d, 100) < percent;
}

/* Picks one of the first entries of a NULL-terminated array of at most max. */
static inline const char *pick(struct demo *d, const char *const *a, unsigned max)
{
	unsigned n = 0;
	while (n < max && a[n])
		n++;
	return n ? a[below(d, n)] : "";
}

/* A random officer of `role` at `agency` (borrowed from d), or NULL. */
const struct lp_officer *lp_demo_staff(struct demo *d, const char *agency, enum lp_role role);

/* Writes report number i (0-based) and its history inside the caller's
 * write transaction; counts it in d->stats.  LP_OK or the first error. */
int lp_demo_one_case(struct demo *d, int64_t i);

#endif
