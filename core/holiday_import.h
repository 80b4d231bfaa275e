/* holiday_import.h: the working-day calendar's days off, imported from
 * a CSV file (`lapor calendar import FILE`) and listed
 * (`lapor calendar ls [--year Y]`).
 *
 * The file: one day off per row, "date,name,kind" (an optional first
 * header row "date,name,kind"), date as YYYY-MM-DD (a real calendar
 * date), name 1..159 bytes of UTF-8 without control characters, kind
 * "national" or "joint_leave"; blank lines are skipped.  lapor ships no
 * holiday list: each agency imports the government's decree (SKB). */
#ifndef LAPOR_HOLIDAY_IMPORT_H
#define LAPOR_HOLIDAY_IMPORT_H

#include <stdio.h>

#include "error.h"
#include "model.h"
#include "store.h"

struct lp_session;

struct lp_holiday_stats {
	long rows;       /* data rows read (header and blank lines not counted) */
	long added;      /* dates that were not in the calendar */
	long changed;    /* dates whose name or kind changed */
	long unchanged;  /* dates already there as they are */
};

/* Imports the file `in` (named `name` in messages) in one transaction:
 * all rows or none.  Admins (and the Unix user root) only: LP_EPERM.
 * The first bad row aborts with LP_EDATA naming "NAME:LINE" and what is
 * wrong; a read error gives LP_EIO.  stats (may be NULL) is filled on
 * success.  The session's calendar is reloaded on next use; deadlines
 * already set are not moved (lapor-workflow(7)). */
int lp_holiday_import(struct lp_session *s, FILE *in, const char *name,
		      struct lp_holiday_stats *stats, struct lp_error *err);

/* Calls cb for each day off of `year` (0: all years) in date order.  Any
 * officer may read the calendar.  The holiday passed is borrowed. */
int lp_holiday_list(struct lp_session *s, int year, lp_holiday_cb cb, void *ud,
		    struct lp_error *err);

#endif
