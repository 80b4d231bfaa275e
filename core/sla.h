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

/* ---- civil dates and local days (no TZ, no timegm) ---- */

/* Days since 1970-01-01 of the proleptic Gregorian date y-m-d. */
int64_t lp_days_from_civil(int y, int m, int d);
/* The date of day number `days` (inverse of lp_days_from_civil). */
void lp_civil_from_days(int64_t days, int *y, int *m, int *d);
/* Parses "YYYY-MM-DD" (a real calendar date, year >= 1900); 0 or -1. */
int lp_date_parse(const char *s, int *y, int *m, int *d);
/* The local day number of instant t in the zone tz_minutes. */
int64_t lp_local_day(int64_t t, int tz_minutes);
/* The last second (23:59:59 local) of local day `day`, in unix seconds. */
int64_t lp_local_day_end(int64_t day, int tz_minutes);
/* Number of days off in the calendar (0 for NULL). */
unsigned long lp_calendar_count(const struct lp_calendar *cal);
/* Working (or calendar) days between the local days of from and to:
 * the days d with day(from) < d <= day(to); 0 when to is not later. */
int lp_calendar_count_days(const struct lp_calendar *cal, int64_t from, int64_t to, bool working,
			   int tz_minutes);

/* The session's calendar also caches the SLA policies (loaded with it).
 * _set copies p in; _get fills *out and returns true when cached. */
void lp_calendar_policy_set(struct lp_calendar *cal, const struct lp_sla_policy *p);
bool lp_calendar_policy_get(const struct lp_calendar *cal, enum lp_kind kind,
			    enum lp_sla_stage stage, bool field_check, struct lp_sla_policy *out);

/* Looks up the policy for (kind, stage, field_check) into *out: LP_OK,
 * LP_ENOENT when there is none, or another error. */
typedef int (*lp_policy_lookup_fn)(void *ud, enum lp_kind kind, enum lp_sla_stage stage,
				   bool field_check, struct lp_sla_policy *out,
				   struct lp_error *err);

/* The pure rule behind lp_sla_apply(): no I/O but through `lookup`.
 * tz_minutes is the zone of after->agency (the handling agency after
 * the action).  For LP_ACTION_EXTEND the caller has set
 * after->extended_days to the days granted; due_at moves by the
 * difference.  For LP_ACTION_ESCALATE the deadline moves only when it
 * had passed: the level above gets a fresh period of the running stage
 * from now (so the sweep escalates one deadline once). */
int lp_sla_compute(lp_policy_lookup_fn lookup, void *ud, const struct lp_calendar *cal,
		   int tz_minutes, enum lp_action action, const struct lp_case *before,
		   struct lp_case *after, int64_t now, struct lp_error *err);

/* The extension rule without a session (see lp_sla_check_extend). */
int lp_sla_compute_extend(lp_policy_lookup_fn lookup, void *ud, const struct lp_case *c,
			  int days, struct lp_error *err);

/* Drops the session's cached calendar and policies (after an import or
 * a policy change); the next lp_session_calendar() reloads them. */
void lp_session_calendar_forget(struct lp_session *s);

/* Sets after->due_at, after->clock_stage and after->clock_paused_at for
 * the action just applied (before is the case as it was): intake starts
 * the verification clock; verify and transfer start the first-response
 * clock at the receiving agency; claim keeps it; reply starts the
 * feedback window; postpone pauses the clock and the citizen's message
 * resumes it; close, archive and merge stop it; reopen starts settlement.
 * Called by lp_act() and intake inside their transaction, with after's
 * status, agency and (extend) extended_days already set.  Every rule is
 * lp_sla_compute()'s; lapor-workflow(7) tells them. */
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

/* Added with `lapor policy set` (core/stats.c): replaces the policy for
 * (p->kind, p->stage, p->field_check) after checking 1 <= days <= 365 and
 * the role: admins (and the Unix user root without an officer record)
 * only, else LP_EPERM.  Forgets the session's cached calendar and
 * policies.  Deadlines already set are not moved. */
int lp_sla_policy_set(struct lp_session *s, const struct lp_sla_policy *p, struct lp_error *err);

struct lp_case_outcome;

/* What `action` (before -> after, at now) did to the report's columns
 * (db/store.h: struct lp_case_outcome), pure; false when nothing.  A
 * measured stage (verification, first response, settlement) ends when
 * the action stops its clock: before ran that stage with a deadline and
 * after runs another stage or none, the action not a transfer, an
 * escalation or an extension (those keep or restart the same stage's
 * clock).  It ended at now, or when the clock was paused if it was; due
 * is the deadline in force (before->due_at, after any extension).  A
 * reply also records its time, a close its time.  lp_act() writes it
 * (lp_store_case_outcome) in the action's transaction. */
bool lp_sla_outcome(enum lp_action action, const struct lp_case *before,
		    const struct lp_case *after, int64_t now, struct lp_case_outcome *o);

#endif
