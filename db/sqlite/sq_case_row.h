/* sq_case_row.h: reading a case row (private to db/sqlite/). */
#ifndef LAPOR_SQ_CASE_ROW_H
#define LAPOR_SQ_CASE_ROW_H

#include "sq_internal.h"

/* The columns every case SELECT lists, in the order sq_case_read reads. */
#define SQ_CASE_COLS \
	"id, tracking_id, kind, channel, status, privacy, category, region, agency, " \
	"assignee, priority, submitted_at, created_at, updated_at, due_at, escalation, " \
	"escalated_to, version, merged_into, field_check, extended_days, clock_stage, " \
	"clock_paused_at, event_count, last_hash, reporter_name, reporter_phone, " \
	"reporter_email, title, body"

/* Fills *c (cleared first; owned by the caller) from the current row of a
 * statement selecting SQ_CASE_COLS first. */
int sq_case_read(sqlite3_stmt *st, struct lp_case *c, struct lp_error *err);

/* The case_insert_first op (db/store.h: lp_store_case_insert_first): the
 * number read first, the row written once, inside the open transaction. */
int sq_case_insert_first(struct lp_store *s, struct lp_case *c, struct lp_event *e,
			 lp_seal_fn seal, struct lp_error *err);

#endif
