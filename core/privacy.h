/* privacy.h: who may see a case at all, and what of it.
 *
 * Visibility by role: admin sees everything; coordinator, supervisor and
 * auditor see cases handled in their agency subtree; a clerk sees the
 * cases of its own agency once verified (not new or postponed ones).
 *
 * Masking by privacy level:
 *   public     nothing is hidden;
 *   anonymous  reporter name, phone and email are hidden from everyone
 *              but the central admin;
 *   secret     title, body, event texts and reporter are hidden from
 *              everyone outside the handling agency, except the admin.
 * Masked fields become NULL and c->masked is set. */
#ifndef LAPOR_PRIVACY_H
#define LAPOR_PRIVACY_H

#include <stdbool.h>

#include "model.h"

/* True when the officer (of agency `officer_agency`) may see the case
 * handled by `case_agency` at all. */
bool lp_may_see_case(const struct lp_officer *o, const struct lp_agency *officer_agency,
		     const struct lp_case *c, const struct lp_agency *case_agency);

/* True when the officer may see the reporter's identity. */
bool lp_may_see_reporter(const struct lp_officer *o, const struct lp_case *c);

/* True when the officer may see the case's text (title, body, events). */
bool lp_may_see_content(const struct lp_officer *o, const struct lp_case *c);

/* Masks *c in place for the officer (frees what is hidden). */
void lp_mask_case(const struct lp_officer *o, struct lp_case *c);

/* Masks *e in place for the officer, given the case it belongs to
 * (unmasked privacy and agency). */
void lp_mask_event(const struct lp_officer *o, const struct lp_case *c, struct lp_event *e);

#endif
