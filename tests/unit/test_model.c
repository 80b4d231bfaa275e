/* test_model.c: the closed lists' names, and the model's helpers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "core_fixtures.h"
#include "model.h"

/* Every value's name parses back to the value, names are distinct lower
 * case ASCII, and out-of-range values and unknown names are refused. */
#define ROUND_TRIP(fn, count)                                                       \
	do {                                                                        \
		for (int i = 0; i < (int)(count); i++) {                            \
			const char *n = lp_##fn##_name(i);                          \
			assert_non_null(n);                                         \
			assert_string_not_equal(n, "?");                            \
			assert_int_equal(lp_##fn##_parse(n), i);                    \
			for (const char *p = n; *p; p++)                            \
				assert_true((*p >= 'a' && *p <= 'z') || *p == '_'); \
		}                                                                   \
		assert_string_equal(lp_##fn##_name((count)), "?");                  \
		assert_string_equal(lp_##fn##_name(-1), "?");                       \
		assert_int_equal(lp_##fn##_parse("no_such_name"), -1);              \
		assert_int_equal(lp_##fn##_parse(""), -1);                          \
		assert_int_equal(lp_##fn##_parse(NULL), -1);                        \
	} while (0)

static void names_round_trip(void **state)
{
	(void)state;
	ROUND_TRIP(status, LP_STATUS_COUNT);
	ROUND_TRIP(role, LP_ROLE_COUNT);
	ROUND_TRIP(kind, LP_KIND_COUNT);
	ROUND_TRIP(channel, LP_CHANNEL_COUNT);
	ROUND_TRIP(privacy, LP_PRIVACY_COUNT);
	ROUND_TRIP(visibility, LP_VIS_COUNT);
	ROUND_TRIP(agency_kind, LP_AGENCY_KIND_COUNT);
	ROUND_TRIP(action, LP_ACTION_COUNT);
	ROUND_TRIP(sla_stage, LP_STAGE_COUNT);
}

/* The stored names are the schema: a few are pinned here. */
static void names_are_stable(void **state)
{
	(void)state;
	assert_string_equal(lp_status_name(LP_STATUS_IN_PROGRESS), "in_progress");
	assert_string_equal(lp_role_name(LP_ROLE_CLERK), "clerk");
	assert_string_equal(lp_kind_name(LP_KIND_INFORMATION_REQUEST), "information_request");
	assert_string_equal(lp_channel_name(LP_CHANNEL_WALK_IN), "walk_in");
	assert_string_equal(lp_visibility_name(LP_VIS_INTERNAL), "internal");
	assert_string_equal(lp_action_name(LP_ACTION_MERGE), "merge");
	assert_string_equal(lp_sla_stage_name(LP_STAGE_FIRST_RESPONSE), "first_response");
	assert_string_equal(lp_action_help(LP_ACTION_REPLY), "answer the citizen publicly");
	assert_string_equal(lp_action_help(LP_ACTION_COUNT), "?");
	assert_int_equal(lp_status_parse("In_Progress"), -1); /* names are exact */
}

static void open_statuses(void **state)
{
	(void)state;
	const bool open[LP_STATUS_COUNT] = {
		[LP_STATUS_NEW] = true, [LP_STATUS_POSTPONED] = true, [LP_STATUS_ASSIGNED] = true,
		[LP_STATUS_IN_PROGRESS] = true, [LP_STATUS_RESPONDED] = true,
	};
	for (int s = 0; s < LP_STATUS_COUNT; s++)
		assert_int_equal(lp_status_is_open((enum lp_status)s), open[s]);
}

static void agency_within(void **state)
{
	(void)state;
	struct lp_agency root = fx_agency(FX_ROOT), p31 = fx_agency(FX_P31);
	struct lp_agency c3171 = fx_agency(FX_C3171), unit = fx_agency(FX_UNIT);
	struct lp_agency p32 = fx_agency(FX_P32);
	assert_true(lp_agency_within(&c3171, &c3171));
	assert_true(lp_agency_within(&unit, &p31));
	assert_true(lp_agency_within(&p32, &root));
	assert_false(lp_agency_within(&p31, &c3171));
	assert_false(lp_agency_within(&c3171, &p32));
	/* "31" must not contain "317" just because the text starts alike. */
	struct lp_agency p317 = p31;
	lp_strlcpy(p317.path, "/KEMENPANRB/317/", sizeof p317.path);
	assert_false(lp_agency_within(&p317, &p31));
	assert_false(lp_agency_within(NULL, &p31));
	assert_false(lp_agency_within(&p31, NULL));
}

static void tz_names(void **state)
{
	(void)state;
	assert_string_equal(lp_tz_name(420), "WIB");
	assert_string_equal(lp_tz_name(480), "WITA");
	assert_string_equal(lp_tz_name(540), "WIT");
	assert_string_equal(lp_tz_name(0), "UTC");
	assert_string_equal(lp_tz_name(600), "UTC+10");
	assert_string_equal(lp_tz_name(-300), "UTC-5");
	assert_string_equal(lp_tz_name(330), "UTC+5:30");
}

static void strings(void **state)
{
	(void)state;
	char buf[4];
	lp_strlcpy(buf, "abcdef", sizeof buf);
	assert_string_equal(buf, "abc");
	lp_strlcpy(buf, NULL, sizeof buf);
	assert_string_equal(buf, "");
	assert_null(lp_strdup(NULL));
	char *d = lp_strdup("ok");
	assert_string_equal(d, "ok");
	free(d);
}

static void case_and_event_copies(void **state)
{
	(void)state;
	struct lp_case c = fx_case(7, "31.71", LP_STATUS_NEW);
	c.title = lp_strdup("Jalan rusak");
	c.body = lp_strdup("Lubang besar di Jl. Merdeka");
	c.reporter_name = lp_strdup("Siti");
	struct lp_case d;
	assert_true(lp_case_copy(&d, &c));
	assert_ptr_not_equal(d.title, c.title);
	assert_string_equal(d.title, "Jalan rusak");
	assert_string_equal(d.body, c.body);
	assert_string_equal(d.reporter_name, "Siti");
	assert_null(d.reporter_email);
	assert_int_equal(d.id, 7);
	lp_case_clear(&c);
	assert_null(c.title);
	assert_int_equal(c.id, 0);
	assert_string_equal(d.title, "Jalan rusak"); /* the copy is deep */
	lp_case_clear(&d);
	lp_case_clear(NULL);

	struct lp_event e = { .case_id = 3, .seq = 2, .text = lp_strdup("catatan") };
	struct lp_event f;
	assert_true(lp_event_copy(&f, &e));
	lp_event_clear(&e);
	assert_string_equal(f.text, "catatan");
	assert_null(f.detail);
	assert_int_equal(f.seq, 2);
	lp_event_clear(&f);
	lp_event_clear(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(names_round_trip),
		cmocka_unit_test(names_are_stable),
		cmocka_unit_test(open_statuses),
		cmocka_unit_test(agency_within),
		cmocka_unit_test(tz_names),
		cmocka_unit_test(strings),
		cmocka_unit_test(case_and_event_copies),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
