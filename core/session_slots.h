/* session_slots.h: per-session caches that modules other than the
 * session keep on it.  Implemented in session.c; lp_session_close()
 * destroys what the slots hold. */
#ifndef LAPOR_SESSION_SLOTS_H
#define LAPOR_SESSION_SLOTS_H

struct lp_session;
struct lp_calendar;

/* The session's calendar slot (NULL until sla.c loads it); the session
 * destroys it with lp_calendar_destroy() on close. */
struct lp_calendar **lp_session_calendar_slot(struct lp_session *s);

#endif
