/* sla_fixtures.h: times, policies and cases for the SLA unit tests.
 * Header-only; each test file includes it once. */
#ifndef LAPOR_TEST_SLA_FIXTURES_H
#define LAPOR_TEST_SLA_FIXTURES_H

#include <string.h>

#include "sla.h"

#define WIB 420
#define WITA 480
#define WIT 540

/* Unix seconds of local y-m-d hh:mm in zone tz. */
static inline int64_t at(int y, int m, int d, int hh, int mm, int tz)
{
	return lp_days_from_civil(y, m, d) * 86400 + hh * 3600 + mm * 60 - (int64_t)tz * 60;
}

/* 23:59:59 local of y-m-d in zone tz. */
static inline int64_t day_end(int y, int m, int d, int tz)
{
	return at(y, m, d, 23, 59, tz) + 59;
}

/* The defaults of DESIGN.md; `days_override` >= 0 replaces every period. */
struct fx_policies {
	int days_override;
	int calls;
	bool missing;          /* answer LP_ENOENT */
};

static inline int fx_lookup(void *ud, enum lp_kind kind, enum lp_sla_stage stage, bool field_check,
			    struct lp_sla_policy *out, struct lp_error *err)
{
	struct fx_policies *p = ud;
	p->calls++;
	if (p->missing)
		return lp_error_set(err, LP_ENOENT, "no policy");
	memset(out, 0, sizeof *out);
	out->kind = kind;
	out->stage = stage;
	out->field_check = field_check;
	out->working_days = true;
	switch (stage) {
	case LP_STAGE_VERIFICATION:
		out->days = 3;
		break;
	case LP_STAGE_FIRST_RESPONSE:
		out->days = 5;
		break;
	case LP_STAGE_SETTLEMENT:
		out->days = field_check ? 60 : 14;
		out->working_days = false;
		break;
	default:
		out->days = 10;
		break;
	}
	if (p->days_override >= 0)
		out->days = p->days_override;
	return LP_OK;
}

/* A case handled by 31.71, in `status`, with no clock. */
static inline struct lp_case fx_case(enum lp_status status)
{
	struct lp_case c;
	memset(&c, 0, sizeof c);
	c.id = 42;
	c.kind = LP_KIND_COMPLAINT;
	c.status = status;
	lp_strlcpy(c.agency, "31.71", sizeof c.agency);
	c.clock_stage = -1;
	c.version = 1;
	return c;
}

#endif
