/* intake_read.h: the lines of an import, read and parsed ahead by a
 * second thread and handed to the importing thread in file order
 * (private to intake.c).  Parsing a line (JSON, field checks: about a
 * fifth of an import's time) needs no database, so it runs beside the
 * writes.  When a thread cannot be started, each line is read and
 * parsed on demand instead, with the same results. */
#ifndef LAPOR_INTAKE_READ_H
#define LAPOR_INTAKE_READ_H

#include <stdio.h>

#include "intake_json.h"

enum lp_read_kind {
	LP_READ_LINE,       /* a parsed line in `line` */
	LP_READ_BLANK,      /* a line holding only white space */
	LP_READ_BAD,        /* a line that does not parse: the reason in `why` */
	LP_READ_TOO_LONG,   /* a line over LP_IMPORT_LINE_MAX bytes */
	LP_READ_ERROR,      /* reading failed: errno in `err_no` */
	LP_READ_NOMEM,      /* out of memory */
	LP_READ_EOF,        /* no more lines */
};

struct lp_read_item {
	enum lp_read_kind kind;
	struct lp_intake_line line; /* LP_READ_LINE; the caller may take its strings
				     * (set them to NULL): the rest is cleared */
	int err_no;                 /* LP_READ_ERROR */
	char why[1024];             /* LP_READ_BAD */
};

struct lp_intake_reader;

/* Starts reading `in` (which the reader borrows until lp_intake_reader_
 * stop).  *out is owned by the caller.  Returns 0, or -1 out of memory. */
int lp_intake_reader_start(FILE *in, struct lp_intake_reader **out);

/* The next line, in file order, waiting for it if need be.  The item is
 * the caller's until the next call or stop (it may change its line).
 * After LP_READ_EOF or any kind but LINE and BLANK, no more lines follow
 * (calls return LP_READ_EOF). */
struct lp_read_item *lp_intake_reader_next(struct lp_intake_reader *r);

/* Stops the thread (it may be ahead of the caller), frees every line not
 * handed over and the reader.  Accepts NULL. */
void lp_intake_reader_stop(struct lp_intake_reader *r);

#endif
