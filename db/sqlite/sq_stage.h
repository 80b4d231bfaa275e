/* sq_stage.h: the SQLite backend's SLA outcomes (the case_outcome op of
 * db/store.h: lp_store_case_outcome) and the report columns they fill,
 * read back for copying (case_report_scan: sq_report.c). */
#ifndef LAPOR_SQ_STAGE_H
#define LAPOR_SQ_STAGE_H

#include "sq_internal.h"

/* Writes o to case id's report columns (003_stats.sql); LP_ENOENT when
 * no case has that id. */
int sq_case_outcome(struct lp_store *s, int64_t id, const struct lp_case_outcome *o,
		    struct lp_error *err);

/* Calls cb for every case with a report column set, by id. */
int sq_case_report_scan(struct lp_store *s, lp_case_report_cb cb, void *ud,
			struct lp_error *err);

#endif
