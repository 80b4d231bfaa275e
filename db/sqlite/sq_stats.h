/* sq_stats.h: the SQLite backend's performance reports (the stats op of
 * db/store.h: lp_store_stats). */
#ifndef LAPOR_SQ_STATS_H
#define LAPOR_SQ_STATS_H

#include "sq_internal.h"

int sq_stats(struct lp_store *s, const struct lp_case_filter *f, int64_t from, int64_t to,
	     enum lp_stats_by by, int64_t now, lp_stats_cb cb, void *ud, struct lp_error *err);

#endif
