/* sla.h: SLA clocks: working-day arithmetic in an agency's time zone,
 * the policies, and the due time each workflow step sets.
 *
 * A working day is Monday to Friday in the agency's local time, minus
 * the holidays (national and joint leave) in the calendar.  "N working
 * days from t" ends at the end (23:59:59 local) of the N-th working day
 * after the local day of t; 0 days means the end of t's own day (or of
 * the next working day when t falls on a day off). */
#ifndef LAPOR_SLA_H
#define LAPOR_SLA_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

struct lp_session;

/* A set of days off, loaded once per process (borrowed by the caller
 * from the session, or built in tests). */
struct lp_calendar;

/* Creates an empty calendar; NULL on allocation failure.  Owned by the
 * caller: free with lp_calendar_destroy(), which accepts NULL. */
struct lp_calendar *lp_calendar_create(void);
void lp_calendar_destroy(struct lp_calendar *cal);
/* Adds a day off ("YYYY-MM-DD"); returns -1 when malformed. */
int lp_calendar_add(struct lp_calendar *cal, const char *date);
/* True when the local date y-m-d is a working day. */
bool lp_calendar_is_working_day(const struct lp_calendar *cal, int y, int m, int d);

/* The deadline `days` working days (or calendar days when !working)
 * after t, in the zone tz_minutes, as described above. */
int64_t lp_calendar_add_days(const struct lp_calendar *cal, int64_t t, int days, bool working,
			     int tz_minutes);

/* Sets after->due_at, after->clock_stage and after->clock_paused_at for
 * the action just applied (before is the case as it was): intake starts
 * the verification clock; verify and transfer start the first-response
 * clock at the receiving agency; claim keeps it; reply starts the
 * feedback window; postpone pauses the clock and the citizen's message
 * resumes it; close, archive and merge stop it; reopen starts settlement.
 * Called by lp_act() and intake inside their transaction. */
int lp_sla_apply(struct lp_session *s, enum lp_action action, const struct lp_case *before,
		 struct lp_case *after, int64_t now, struct lp_error *err);

/* May case c's deadline be extended by `days` working days now?  Once
 * per case, 1 <= days <= the running stage's policy period, open cases
 * with a running clock only.  LP_OK or LP_EREFUSED with the reason.
 * (The role check, supervisors and admins, is lp_workflow_check's.) */
int lp_sla_check_extend(struct lp_session *s, const struct lp_case *c, int days,
			struct lp_error *err);

/* The session's calendar (loaded from the store on first use). Borrowed. */
const struct lp_calendar *lp_session_calendar(struct lp_session *s, struct lp_error *err);

#endif
