/* core_fixtures.h: a small agency tree and officers for the core unit
 * tests (no database).  Header-only; each test includes it once. */
#ifndef LAPOR_TEST_CORE_FIXTURES_H
#define LAPOR_TEST_CORE_FIXTURES_H

#include <string.h>

#include "model.h"

/* KEMENPANRB > 31 (DKI Jakarta) > 31.71 (Jakarta Pusat) > 31.71.DISHUB;
 * KEMENPANRB > 32 (Jawa Barat) > 32.73 (Kota Bandung). */
enum fx_agency { FX_ROOT, FX_P31, FX_C3171, FX_UNIT, FX_P32, FX_C3273, FX_AGENCY_COUNT };

static inline struct lp_agency fx_agency(enum fx_agency which)
{
	static const struct {
		const char *code, *parent, *path;
		enum lp_agency_kind kind;
	} t[FX_AGENCY_COUNT] = {
		{ "KEMENPANRB", "", "/KEMENPANRB/", LP_AGENCY_CENTRAL },
		{ "31", "KEMENPANRB", "/KEMENPANRB/31/", LP_AGENCY_PROVINCE },
		{ "31.71", "31", "/KEMENPANRB/31/31.71/", LP_AGENCY_CITY },
		{ "31.71.DISHUB", "31.71", "/KEMENPANRB/31/31.71/31.71.DISHUB/", LP_AGENCY_UNIT },
		{ "32", "KEMENPANRB", "/KEMENPANRB/32/", LP_AGENCY_PROVINCE },
		{ "32.73", "32", "/KEMENPANRB/32/32.73/", LP_AGENCY_CITY },
	};
	struct lp_agency a;
	memset(&a, 0, sizeof a);
	lp_strlcpy(a.code, t[which].code, sizeof a.code);
	lp_strlcpy(a.parent, t[which].parent, sizeof a.parent);
	lp_strlcpy(a.path, t[which].path, sizeof a.path);
	lp_strlcpy(a.name, t[which].code, sizeof a.name);
	a.kind = t[which].kind;
	a.tz_minutes = 420;
	return a;
}

static inline struct lp_officer fx_officer(const char *login, enum lp_role role, const char *agency)
{
	struct lp_officer o;
	memset(&o, 0, sizeof o);
	o.id = 1;
	lp_strlcpy(o.login, login, sizeof o.login);
	lp_strlcpy(o.name, login, sizeof o.name);
	lp_strlcpy(o.agency, agency, sizeof o.agency);
	o.role = role;
	o.active = true;
	return o;
}

/* A case handled by `agency` in `status` (strings are not allocated). */
static inline struct lp_case fx_case(int64_t id, const char *agency, enum lp_status status)
{
	struct lp_case c;
	memset(&c, 0, sizeof c);
	c.id = id;
	lp_strlcpy(c.tracking_id, "WEB-1", sizeof c.tracking_id);
	lp_strlcpy(c.agency, agency, sizeof c.agency);
	lp_strlcpy(c.region, "31.71", sizeof c.region);
	c.status = status;
	c.version = 1;
	c.clock_stage = -1;
	return c;
}

#endif
