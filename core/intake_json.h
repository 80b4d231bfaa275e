/* intake_json.h: one JSON Lines record of an import, parsed and checked
 * without a database (private to intake.c, the unit tests and the fuzz
 * target).  Field rules: see lp_intake_parse_line(). */
#ifndef LAPOR_INTAKE_JSON_H
#define LAPOR_INTAKE_JSON_H

#include <stddef.h>
#include <stdint.h>

#include "model.h"

enum lp_intake_type {
	LP_INTAKE_REPORT,   /* a new report: `report` is filled */
	LP_INTAKE_MESSAGE,  /* a citizen message: tracking_id, submitted_at, body */
	LP_INTAKE_FEEDBACK, /* a rating: tracking_id, submitted_at, rating, body = comment */
};

struct lp_intake_line {
	enum lp_intake_type type;
	struct lp_case report;             /* report fields; strings owned (lp_case_clear) */
	char tracking_id[LP_TRACKING_MAX]; /* message: the case's tracking id */
	int64_t submitted_at;              /* message: when the citizen sent it */
	char *body;                        /* message: owned text; feedback: comment or NULL */
	int rating;                        /* feedback: 1..5 (intake_feedback.h) */
};

/* Frees what l owns and zeroes it.  Accepts NULL. */
void lp_intake_line_clear(struct lp_intake_line *l);

/* True when the line (len bytes) holds only spaces, tabs and \r. */
int lp_intake_line_blank(const char *line, size_t len);

/* Parses one line (len bytes, no trailing newline; may hold NUL) into
 * *out (cleared first; clear it after use).  Returns 0, or -1 with the
 * reason in why (size whyn), e.g. `missing field "region"`, `invalid
 * UTF-8`, `invalid JSON at column 14: ...`.  Checks every field (kinds,
 * channels, privacy, RFC 3339 time, lengths, UTF-8) but not whether the
 * region or tracking id exists: that is the store's part.  Text is kept
 * as given (escape sequences included): it is made safe on output. */
int lp_intake_parse_line(const char *line, size_t len, struct lp_intake_line *out, char *why,
			 size_t whyn);

#endif
