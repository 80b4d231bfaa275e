/* test_flow.c: the clocks through lp_act on a real database: verify,
 * reply, close, reopen, and the extension rules (supervisor once, not
 * too long, never a clerk). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sla.h"
#include "sla_db.h"
#include "sla_fixtures.h"
#include "workflow.h"

static int setup(void **state)
{
	struct sla_db *d = calloc(1, sizeof *d);
	if (!d || sla_db_open(d) != 0)
		return -1;
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct sla_db *d = *state;
	sla_db_close(d);
	free(d);
	return 0;
}

static int act(struct sla_db *d, const char *login, struct lp_action_args a, struct lp_case *out)
{
	struct lp_officer o;
	struct lp_error err;
	assert_int_equal(lp_store_officer_get(d->st, login, &o, &err), LP_OK);
	int rc = lp_act_as(d->s, &o, &a, out, &err);
	if (rc != LP_OK)
		print_message("%s: %s\n", login, err.msg);
	return rc;
}

/* SLA_NOW is Wednesday 18 Nov 2026, 15:53 WIB. */
static void test_clocks_through_act(void **state)
{
	struct sla_db *d = *state;
	int64_t id = sla_db_cases(d, 1, "31.71", LP_STATUS_NEW, LP_STAGE_VERIFICATION,
				  day_end(2026, 11, 20, WIB));
	struct lp_case c;
	memset(&c, 0, sizeof c);
	assert_int_equal(act(d, "adm", (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .case_id = id, .agency = "31.71.DISHUB" }, &c), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_FIRST_RESPONSE);
	assert_int_equal(c.due_at, day_end(2026, 11, 25, WIB));
	lp_case_clear(&c);
	assert_int_equal(act(d, "budi", (struct lp_action_args){ .action = LP_ACTION_CLAIM,
			     .case_id = id }, &c), LP_OK);
	assert_int_equal(c.due_at, day_end(2026, 11, 25, WIB));
	lp_case_clear(&c);
	assert_int_equal(act(d, "budi", (struct lp_action_args){ .action = LP_ACTION_REPLY,
			     .case_id = id, .text = "Sudah diperbaiki" }, &c), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_FEEDBACK);
	assert_int_equal(c.due_at, day_end(2026, 12, 2, WIB));
	lp_case_clear(&c);
	assert_int_equal(act(d, "sup", (struct lp_action_args){ .action = LP_ACTION_CLOSE,
			     .case_id = id, .code = "resolved" }, &c), LP_OK);
	assert_int_equal(c.clock_stage, -1);
	assert_int_equal(c.due_at, 0);
	lp_case_clear(&c);
	assert_int_equal(act(d, "sup", (struct lp_action_args){ .action = LP_ACTION_REOPEN,
			     .case_id = id, .text = "Warga belum puas" }, &c), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_SETTLEMENT);
	assert_int_equal(c.due_at, day_end(2026, 12, 2, WIB));   /* 14 calendar days */
	lp_case_clear(&c);
}

static void test_extension_rules(void **state)
{
	struct sla_db *d = *state;
	int64_t id = sla_db_cases(d, 1, "31.71.DISHUB", LP_STATUS_IN_PROGRESS,
				  LP_STAGE_FIRST_RESPONSE, day_end(2026, 11, 20, WIB));
	struct lp_case c;
	memset(&c, 0, sizeof c);
	/* A clerk may not extend. */
	assert_int_equal(act(d, "budi", (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .case_id = id, .days = 2, .text = "Menunggu suku cadang" }, NULL),
			 LP_EPERM);
	/* Longer than the original period (5 working days): refused. */
	assert_int_equal(act(d, "sup", (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .case_id = id, .days = 6, .text = "Menunggu suku cadang" }, NULL),
			 LP_EREFUSED);
	/* The supervisor extends by 3 working days: Mon 23, Tue 24, Wed 25. */
	assert_int_equal(act(d, "sup", (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .case_id = id, .days = 3, .text = "Menunggu suku cadang" }, &c), LP_OK);
	assert_int_equal(c.extended_days, 3);
	assert_int_equal(c.due_at, day_end(2026, 11, 25, WIB));
	assert_int_equal(c.clock_stage, LP_STAGE_FIRST_RESPONSE);
	lp_case_clear(&c);
	/* A second extension is refused, even a short one. */
	assert_int_equal(act(d, "sup", (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .case_id = id, .days = 1, .text = "Lagi" }, NULL), LP_EREFUSED);
	c = sla_db_case(d, id);
	assert_int_equal(c.due_at, day_end(2026, 11, 25, WIB));
	assert_int_equal(c.version, 2);
	lp_case_clear(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_clocks_through_act, setup, teardown),
		cmocka_unit_test_setup_teardown(test_extension_rules, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
