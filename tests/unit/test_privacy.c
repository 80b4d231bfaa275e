/* test_privacy.c: who sees a case, and masking for every role x privacy
 * level x (officer in the handling agency / in another agency). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <string.h>

#include "core_fixtures.h"
#include "privacy.h"

/* A case at 31.71 with every text field present. */
static struct lp_case full_case(enum lp_privacy p)
{
	struct lp_case c = fx_case(42, "31.71", LP_STATUS_IN_PROGRESS);
	c.privacy = p;
	c.title = lp_strdup("Pungutan liar di kelurahan");
	c.body = lp_strdup("Petugas meminta uang");
	c.reporter_name = lp_strdup("Ahmad");
	c.reporter_phone = lp_strdup("0812");
	c.reporter_email = lp_strdup("a@example.id");
	return c;
}

static void masking_every_role_privacy_agency(void **state)
{
	(void)state;
	int checked = 0;
	for (int r = 0; r < LP_ROLE_COUNT; r++)
		for (int p = 0; p < LP_PRIVACY_COUNT; p++)
			for (int same = 0; same < 2; same++) {
				struct lp_officer o = fx_officer("x", (enum lp_role)r,
								 same ? "31.71" : "32.73");
				bool all = r == LP_ROLE_ADMIN || r == LP_ROLE_SYSTEM;
				/* Written from DESIGN.md: anonymous hides the reporter
				 * from all but admin; secret hides content and reporter
				 * outside the handling agency, except for admin. */
				bool see_reporter = p == LP_PRIVACY_PUBLIC || all ||
						    (p == LP_PRIVACY_SECRET && same);
				bool see_content = p != LP_PRIVACY_SECRET || all || same;
				struct lp_case c = full_case((enum lp_privacy)p);
				lp_mask_case(&o, &c);
				assert_int_equal(c.reporter_name != NULL, see_reporter);
				assert_int_equal(c.reporter_phone != NULL, see_reporter);
				assert_int_equal(c.reporter_email != NULL, see_reporter);
				assert_int_equal(c.title != NULL, see_content);
				assert_int_equal(c.body != NULL, see_content);
				assert_int_equal(c.masked, !(see_reporter && see_content));
				assert_int_equal(lp_may_see_reporter(&o, &c), see_reporter);
				assert_int_equal(lp_may_see_content(&o, &c), see_content);
				if (see_content)
					assert_string_equal(c.title, "Pungutan liar di kelurahan");

				struct lp_event e = { .action = LP_ACTION_NOTE,
						      .text = lp_strdup("catatan internal"),
						      .detail = lp_strdup("prose") };
				lp_mask_event(&o, &c, &e);
				assert_int_equal(e.text != NULL, see_content);
				assert_int_equal(e.detail != NULL, see_content);
				lp_event_clear(&e);
				struct lp_event cl = { .action = LP_ACTION_CLOSE,
						       .text = lp_strdup("selesai"),
						       .detail = lp_strdup("resolved") };
				lp_mask_event(&o, &c, &cl);
				assert_int_equal(cl.text != NULL, see_content);
				assert_non_null(cl.detail); /* a code, not prose */
				lp_event_clear(&cl);
				lp_case_clear(&c);
				checked++;
			}
	assert_int_equal(checked, LP_ROLE_COUNT * LP_PRIVACY_COUNT * 2);
}

static void masking_without_officer_hides_all(void **state)
{
	(void)state;
	struct lp_case c = full_case(LP_PRIVACY_PUBLIC);
	c.privacy = LP_PRIVACY_SECRET;
	lp_mask_case(NULL, &c);
	assert_null(c.title);
	assert_null(c.reporter_name);
	assert_true(c.masked);
	lp_case_clear(&c);
	struct lp_event e = { .text = lp_strdup("t") };
	lp_mask_event(NULL, NULL, &e);
	assert_null(e.text);
	lp_event_clear(&e);
}

static bool sees(enum lp_role r, enum fx_agency at, enum fx_agency case_at, enum lp_status st)
{
	struct lp_agency oa = fx_agency(at), ca = fx_agency(case_at);
	struct lp_officer o = fx_officer("x", r, oa.code);
	struct lp_case c = fx_case(1, ca.code, st);
	return lp_may_see_case(&o, &oa, &c, &ca);
}

static void who_sees_what(void **state)
{
	(void)state;
	const enum lp_status A = LP_STATUS_ASSIGNED, N = LP_STATUS_NEW;
	for (int st = 0; st < LP_STATUS_COUNT; st++) {
		assert_true(sees(LP_ROLE_ADMIN, FX_ROOT, FX_C3273, (enum lp_status)st));
		assert_true(sees(LP_ROLE_SYSTEM, FX_ROOT, FX_C3273, (enum lp_status)st));
		bool verified = st != LP_STATUS_NEW && st != LP_STATUS_POSTPONED;
		assert_int_equal(sees(LP_ROLE_CLERK, FX_C3171, FX_C3171, (enum lp_status)st),
				 verified);
	}
	/* Own agency and child agencies for the subtree roles. */
	const enum lp_role subtree[] = { LP_ROLE_COORDINATOR, LP_ROLE_SUPERVISOR, LP_ROLE_AUDITOR };
	for (size_t i = 0; i < 3; i++) {
		assert_true(sees(subtree[i], FX_C3171, FX_C3171, N));
		assert_true(sees(subtree[i], FX_P31, FX_UNIT, A));
		assert_false(sees(subtree[i], FX_P31, FX_C3273, A));
		assert_false(sees(subtree[i], FX_UNIT, FX_C3171, A));
	}
	/* A clerk: exactly its own agency. */
	assert_false(sees(LP_ROLE_CLERK, FX_C3171, FX_UNIT, A));
	assert_false(sees(LP_ROLE_CLERK, FX_P31, FX_C3171, A));
	/* Inactive officers and no officer see nothing. */
	struct lp_agency a = fx_agency(FX_ROOT);
	struct lp_officer o = fx_officer("x", LP_ROLE_ADMIN, "KEMENPANRB");
	o.active = false;
	struct lp_case c = fx_case(1, "KEMENPANRB", A);
	assert_false(lp_may_see_case(&o, &a, &c, &a));
	assert_false(lp_may_see_case(NULL, &a, &c, &a));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(masking_every_role_privacy_agency),
		cmocka_unit_test(masking_without_officer_hides_all),
		cmocka_unit_test(who_sees_what),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
