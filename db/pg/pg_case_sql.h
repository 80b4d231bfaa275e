/* pg_case_sql.h: what pg_cases.c and pg_case_list.c share (private). */
#ifndef LAPOR_PG_CASE_SQL_H
#define LAPOR_PG_CASE_SQL_H

#include "pg_internal.h"

/* The columns pg_read_case() reads, in its order, from alias k. */
#define PG_CASE_COLS \
	"k.id, k.tracking_id, k.kind, k.channel, k.status, k.privacy, k.category, k.region, " \
	"k.agency, k.assignee, k.priority, k.title, k.body, k.reporter_name, " \
	"k.reporter_phone, k.reporter_email, k.submitted_at, k.created_at, k.updated_at, " \
	"k.due_at, k.escalation, k.escalated_to, k.version, k.merged_into, k.field_check, " \
	"k.extended_days, k.clock_stage, k.clock_paused_at, k.event_count, k.last_hash"

/* `full` or `masked` by what this connection may read (probing it once);
 * NULL with err set when probing fails. */
const struct pg_sql *pg_case_pick(struct pg_store *g, const struct pg_sql *full,
				  const struct pg_sql *masked, struct lp_error *err);

#endif
