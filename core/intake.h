/* intake.h: reports and citizen messages arriving from the channels, as
 * JSON Lines (one object per line).
 *
 * A report line: tracking_id, kind, channel, submitted_at (RFC 3339),
 * title, body, category, region (area code), privacy, reporter {name,
 * phone, email} (absent when anonymous); optional field_check (bool).
 * A report whose tracking_id exists already is skipped (a channel may
 * deliver twice).  The case is placed at the government of its region
 * (the regency or city, else the province) with status `new`.
 *
 * A message line: {"type": "message", "tracking_id", "submitted_at",
 * "body"}: the citizen's follow-up; a postponed case goes back to new.
 *
 * A feedback line: {"type": "feedback", "tracking_id", "submitted_at",
 * "rating": 1..5, "comment"}: the citizen rates the answer; a rating of
 * 1 or 2 in the feedback window reopens the case (intake_feedback.h).
 *
 * The whole import is one transaction: the first bad line (invalid JSON,
 * invalid UTF-8, a missing or wrong field, an unknown region or tracking
 * id, a line over 1 MiB) aborts it with LP_EDATA, the line number and
 * the reason, and the database is left unchanged. */
#ifndef LAPOR_INTAKE_H
#define LAPOR_INTAKE_H

#include <stdint.h>
#include <stdio.h>

#include "error.h"

struct lp_session;
struct lp_case;

#define LP_IMPORT_LINE_MAX (1024 * 1024)

struct lp_import_stats {
	int64_t lines;      /* lines read (blank lines included) */
	int64_t created;    /* new cases */
	int64_t duplicates; /* reports already present, skipped */
	int64_t messages;   /* citizen messages added */
	int64_t feedback;   /* citizen ratings added (added with feedback lines) */
};

/* Imports from `in` (named `name` in messages).  Only admins, or the
 * Unix user root, may import (LP_EPERM). */
int lp_import(struct lp_session *s, FILE *in, const char *name, struct lp_import_stats *stats,
	      struct lp_error *err);

/* Adds one new report inside the caller's write transaction: c holds
 * the report's fields (tracking_id, kind, channel, submitted_at, title,
 * body, category, region, privacy, reporter, field_check); this sets its
 * agency (the region's government), status new, times, clock and
 * version, inserts it, writes the intake event, and leaves c as stored
 * (c->id set).  LP_EDATA for an unknown region; LP_EREFUSED when the
 * tracking id exists (nothing written).  Used by lp_import and the demo. */
int lp_intake_add(struct lp_session *s, struct lp_case *c, struct lp_error *err);

#endif
