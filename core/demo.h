/* demo.h: a demonstration database: officers at several agencies and
 * realistic cases in Indonesian with histories, through the same
 * workflow as real work. */
#ifndef LAPOR_DEMO_H
#define LAPOR_DEMO_H

#include <stdint.h>

#include "error.h"
#include "model.h"

struct lp_session;

struct lp_demo_opts {
	int64_t cases;         /* how many cases (default 200) */
	uint64_t seed;         /* random seed: the same seed gives the same data */
	const char *login;     /* the Unix login made an officer */
	enum lp_role role;     /* its role (admin by default) */
	const char *agency;    /* its agency (KEMENPANRB for admin, else a demo agency) */
};

struct lp_demo_stats {
	int64_t officers;
	int64_t cases;
	int64_t events;
};

/* Fills the session's database.  Refuses a database that already has
 * cases (LP_EREFUSED). */
int lp_demo_fill(struct lp_session *s, const struct lp_demo_opts *o, struct lp_demo_stats *st,
		 struct lp_error *err);

#endif
