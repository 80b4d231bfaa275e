/* session_internal.h: what liblapor's own modules (workflow, cases,
 * privacy checks, directory, audit) ask of the session beyond session.h.
 * Not for programs. */
#ifndef LAPOR_SESSION_INTERNAL_H
#define LAPOR_SESSION_INTERNAL_H

#include "error.h"
#include "model.h"

struct lp_session;

/* The agency `code` from the session's cache, read from the store on
 * first use, so a list or an action does not re-read the agency table
 * per case.  LP_ENOENT ("no agency CODE") when there is none; NULL is
 * returned on any error.  Borrowed: valid until lp_session_agency_forget()
 * or lp_session_close(). */
const struct lp_agency *lp_session_agency_lookup(struct lp_session *s, const char *code,
						 struct lp_error *err);

/* Forgets every cached agency (after agencies were changed). */
void lp_session_agency_forget(struct lp_session *s);

#endif
