/* test_clock.c: the SLA clock's state and words (core/clock.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "clock.h"

static const int64_t now = 1795832100; /* 2026-11-28T02:15:00Z */

static void test_states(void **state)
{
	(void)state;
	assert_int_equal(lp_clock_state(LP_STATUS_NEW, now + 3 * 86400, 0, now), LP_CLOCK_RUNNING);
	assert_int_equal(lp_clock_state(LP_STATUS_ASSIGNED, now + LP_CLOCK_SOON_SECONDS, 0, now),
			 LP_CLOCK_RUNNING);
	assert_int_equal(lp_clock_state(LP_STATUS_ASSIGNED, now + LP_CLOCK_SOON_SECONDS - 1, 0, now),
			 LP_CLOCK_DUE_SOON);
	assert_int_equal(lp_clock_state(LP_STATUS_IN_PROGRESS, now, 0, now), LP_CLOCK_DUE_SOON);
	assert_int_equal(lp_clock_state(LP_STATUS_IN_PROGRESS, now - 1, 0, now), LP_CLOCK_OVERDUE);
	assert_int_equal(lp_clock_state(LP_STATUS_RESPONDED, now - 86400, 0, now), LP_CLOCK_OVERDUE);
	/* Postponed: paused whatever the old deadline says. */
	assert_int_equal(lp_clock_state(LP_STATUS_POSTPONED, now - 86400, now - 3600, now),
			 LP_CLOCK_PAUSED);
	/* No deadline, or a case that is no longer open: no clock. */
	assert_int_equal(lp_clock_state(LP_STATUS_NEW, 0, 0, now), LP_CLOCK_NONE);
	assert_int_equal(lp_clock_state(LP_STATUS_CLOSED, now - 86400, 0, now), LP_CLOCK_NONE);
	assert_int_equal(lp_clock_state(LP_STATUS_ARCHIVED, now + 86400, now, now), LP_CLOCK_NONE);
}

static void test_names_and_words(void **state)
{
	(void)state;
	assert_string_equal(lp_clock_state_name(LP_CLOCK_DUE_SOON), "due_soon");
	assert_string_equal(lp_clock_state_name(LP_CLOCK_PAUSED), "paused");
	assert_string_equal(lp_clock_state_name(LP_CLOCK_STATE_COUNT), "");
	assert_string_equal(lp_clock_state_label(LP_CLOCK_OVERDUE), "overdue");
	assert_string_equal(lp_sla_stage_label(LP_STAGE_FIRST_RESPONSE), "first response");
	assert_string_equal(lp_sla_stage_label(-1), "");

	struct lp_case c;
	char buf[96];
	memset(&c, 0, sizeof c);
	c.status = LP_STATUS_ASSIGNED;
	c.clock_stage = LP_STAGE_FIRST_RESPONSE;
	c.due_at = now - 60;
	assert_string_equal(lp_clock_describe(&c, now, buf, sizeof buf), "first response, overdue");
	c.status = LP_STATUS_POSTPONED;
	c.clock_stage = LP_STAGE_VERIFICATION;
	c.clock_paused_at = now - 60;
	assert_string_equal(lp_clock_describe(&c, now, buf, sizeof buf), "verification, paused");
	c.status = LP_STATUS_CLOSED;
	c.clock_stage = -1;
	c.clock_paused_at = 0;
	assert_string_equal(lp_clock_describe(&c, now, buf, sizeof buf), "no clock");
	/* A short buffer is cut, not overrun. */
	c.status = LP_STATUS_NEW;
	c.clock_stage = LP_STAGE_SETTLEMENT;
	c.due_at = now + 30 * 86400;
	assert_string_equal(lp_clock_describe(&c, now, buf, 8), "settlem");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_states),
		cmocka_unit_test(test_names_and_words),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
