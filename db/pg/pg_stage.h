/* pg_stage.h: the PostgreSQL backend's SLA outcomes (the case_outcome op
 * of db/store.h: lp_store_case_outcome). */
#ifndef LAPOR_PG_STAGE_H
#define LAPOR_PG_STAGE_H

#include "pg_internal.h"

/* Writes o to case id's report columns (003_stats.sql); LP_ENOENT when
 * no case has that id (or the officer's role may not change it). */
int pg_case_outcome(struct lp_store *s, int64_t id, const struct lp_case_outcome *o,
		    struct lp_error *err);
/* Report columns copied (lapor migrate): the case_report_scan and
 * case_report_put ops; during a bulk intake the puts are gathered in a
 * temporary table and applied at its end (pg_bulk.c). */
int pg_case_report_scan(struct lp_store *s, lp_case_report_cb cb, void *ud,
			struct lp_error *err);
int pg_case_report_put(struct lp_store *s, const struct lp_case_report *r,
		       struct lp_error *err);

#endif
