/* output.h: how subcommands print: text tables sized to their content,
 * JSON through jansson (always JSON_ENSURE_ASCII), CSV through libcsv,
 * and cases and events in each form.  Every string that came from a
 * case goes through lp_safe_text before it reaches the output.
 *
 * Ownership: lp_table_create() returns a table owned by the caller
 * (lp_table_destroy accepts NULL); json_t values returned here carry a
 * new reference owned by the caller; lp_out_safe() returns a malloc'd
 * string owned by the caller. */
#ifndef LAPOR_OUTPUT_H
#define LAPOR_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <jansson.h>

#include "model.h"

struct lp_session;

/* ---- text ---- */

/* A safe copy of s for the terminal (multiline keeps \n); "" for NULL;
 * never returns NULL (aborts when out of memory). */
char *lp_out_safe(const char *s, bool multiline);
/* The terminal's width when stdout is a terminal ($COLUMNS, else the
 * tty's), else 0. */
int lp_out_width(void);

#define LP_TABLE_MAX_COLS 16

struct lp_table;
/* A table with 1..LP_TABLE_MAX_COLS columns and the given header cells
 * (copied); NULL when out of memory or ncols is out of range. */
struct lp_table *lp_table_create(int ncols, const char *const *headers);
void lp_table_destroy(struct lp_table *t);
/* Appends a row of ncols cells (NULL prints "-"); each is made safe
 * (single line) and copied.  Returns -1 when out of memory. */
int lp_table_add(struct lp_table *t, const char *const *cells);
/* Prints the rows held and drops them.  The first print sizes the
 * columns to the rows it has (later prints keep those widths, so a long
 * listing can be printed in batches with bounded memory).  When
 * width > 0, column fit_col is cut by display width to fit in width. */
void lp_table_print(struct lp_table *t, FILE *f, int fit_col, int width);
/* Rows held and not printed yet. */
size_t lp_table_rows(const struct lp_table *t);

/* ---- JSON ---- */

/* A JSON string of s (invalid UTF-8 made valid), or null for NULL. */
json_t *lp_json_str(const char *s);
/* RFC 3339 UTC time, or null for 0. */
json_t *lp_json_time(int64_t t);
/* Prints j (compact unless pretty) with JSON_ENSURE_ASCII and a
 * newline, then drops the reference.  Returns -1 on write error. */
int lp_json_print(json_t *j, FILE *f, bool pretty);

/* ---- CSV ---- */

/* Writes one field (made safe, multiline; a leading = + - @ gets a '
 * so a spreadsheet does not run it), preceded by a comma unless first. */
void lp_csv_field(FILE *f, const char *s, bool first);
/* Ends the row. */
void lp_csv_end(FILE *f);

/* ---- cases and events (output_case.c) ---- */

/* The UTC offset of agency `code` (cached per process); 420 when unknown. */
int lp_out_tz(struct lp_session *s, const char *code);
/* The case as a JSON object: every field, reporter {name, phone,
 * email}, masked fields null. */
json_t *lp_case_json(const struct lp_case *c);
/* The event as a JSON object, masked text null. */
json_t *lp_event_json(const struct lp_event *e);
/* The case as text for people (header fields and the body). */
void lp_case_print(struct lp_session *s, const struct lp_case *c, FILE *f);
/* One event as text; `c` is the (masked) case it belongs to. */
void lp_event_print(const struct lp_event *e, const struct lp_case *c, int tz, FILE *f);
/* The CSV header row and one case as a CSV row. */
void lp_case_csv_header(FILE *f);
void lp_case_csv_row(const struct lp_case *c, FILE *f);

#endif
