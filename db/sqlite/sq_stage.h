/* sq_stage.h: the SQLite backend's SLA outcomes (the case_outcome op of
 * db/store.h: lp_store_case_outcome). */
#ifndef LAPOR_SQ_STAGE_H
#define LAPOR_SQ_STAGE_H

#include "sq_internal.h"

/* Writes o to case id's report columns (003_stats.sql); LP_ENOENT when
 * no case has that id. */
int sq_case_outcome(struct lp_store *s, int64_t id, const struct lp_case_outcome *o,
		    struct lp_error *err);

#endif
