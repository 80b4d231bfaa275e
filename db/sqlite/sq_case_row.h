/* sq_case_row.h: reading a case row (private to db/sqlite/). */
#ifndef LAPOR_SQ_CASE_ROW_H
#define LAPOR_SQ_CASE_ROW_H

#include "sq_internal.h"

/* The columns of a case after its id, once: column i of a SELECT of
 * SQ_CASE_COLS (the id is 0) and parameter ?i of the case's INSERT and
 * UPDATE (sq_case_row.c) are the i-th of this list. */
#define SQ_CASE_COLUMNS(X) \
	X(tracking_id) X(kind) X(channel) X(status) X(privacy) X(category) X(region) \
	X(agency) X(assignee) X(priority) X(submitted_at) X(created_at) X(updated_at) \
	X(due_at) X(escalation) X(escalated_to) X(version) X(merged_into) X(field_check) \
	X(extended_days) X(clock_stage) X(clock_paused_at) X(event_count) X(last_hash) \
	X(reporter_name) X(reporter_phone) X(reporter_email) X(title) X(body)
#define SQ_COL_(c) ", " #c
#define SQ_COL_C_(c) ", c." #c

#define SQ_COUNT_(c) +1
/* How many columns SQ_CASE_COLS lists (the id and the list). */
#define SQ_NCASE_COLS (1 SQ_CASE_COLUMNS(SQ_COUNT_))

/* The columns every case SELECT lists, in the order sq_case_read reads. */
#define SQ_CASE_COLS "id" SQ_CASE_COLUMNS(SQ_COL_)
/* The same qualified by the alias "c", for joins. */
#define SQ_CASE_COLS_C "c.id" SQ_CASE_COLUMNS(SQ_COL_C_)

/* Fills *c (cleared first; owned by the caller) from the current row of a
 * statement selecting SQ_CASE_COLS first. */
int sq_case_read(sqlite3_stmt *st, struct lp_case *c, struct lp_error *err);

/* The case_insert_first op (db/store.h: lp_store_case_insert_first): the
 * number read first, the row written once, inside the open transaction. */
int sq_case_insert_first(struct lp_store *s, struct lp_case *c, struct lp_event *e,
			 lp_seal_fn seal, struct lp_error *err);

#endif
