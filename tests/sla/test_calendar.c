/* test_calendar.c: working-day arithmetic on its edges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sla_fixtures.h"

static void test_civil_round_trip(void **state)
{
	(void)state;
	assert_int_equal(lp_days_from_civil(1970, 1, 1), 0);
	assert_int_equal(lp_days_from_civil(2000, 3, 1), 11017);
	assert_int_equal(lp_days_from_civil(1969, 12, 31), -1);
	for (int64_t day = -800; day < 200000; day += 7) {
		int y, m, d;
		lp_civil_from_days(day, &y, &m, &d);
		assert_int_equal(lp_days_from_civil(y, m, d), day);
	}
	int y, m, d;
	lp_civil_from_days(lp_days_from_civil(2028, 2, 29), &y, &m, &d);
	assert_int_equal(y * 10000 + m * 100 + d, 20280229);
}

static void test_date_parse(void **state)
{
	(void)state;
	int y, m, d;
	assert_int_equal(lp_date_parse("2026-12-31", &y, &m, &d), 0);
	assert_int_equal(y * 10000 + m * 100 + d, 20261231);
	assert_int_equal(lp_date_parse("2028-02-29", &y, &m, &d), 0);
	assert_int_equal(lp_date_parse("2000-02-29", &y, &m, &d), 0);
	assert_int_equal(lp_date_parse("2026-02-29", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse("1900-02-29", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse("2026-04-31", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse("2026-13-01", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse("2026-00-10", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse("2026-1-01", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse("2026-01-01x", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse("2026/01/01", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse("", &y, &m, &d), -1);
	assert_int_equal(lp_date_parse(NULL, &y, &m, &d), -1);
}

static void test_calendar_add(void **state)
{
	(void)state;
	struct lp_calendar *cal = lp_calendar_create();
	assert_non_null(cal);
	assert_int_equal(lp_calendar_add(cal, "2026-12-25"), 0);
	assert_int_equal(lp_calendar_add(cal, "2026-01-01"), 0);
	assert_int_equal(lp_calendar_add(cal, "2026-12-25"), 0); /* again: no duplicate */
	assert_int_equal(lp_calendar_add(cal, "2026-02-30"), -1);
	assert_int_equal(lp_calendar_count(cal), 2);
	assert_false(lp_calendar_is_working_day(cal, 2026, 12, 25));
	assert_false(lp_calendar_is_working_day(cal, 2026, 1, 1));
	assert_true(lp_calendar_is_working_day(cal, 2026, 12, 24));   /* Thursday */
	assert_false(lp_calendar_is_working_day(cal, 2026, 11, 28));  /* Saturday */
	assert_false(lp_calendar_is_working_day(cal, 2026, 11, 29));  /* Sunday */
	assert_true(lp_calendar_is_working_day(NULL, 2026, 11, 30));  /* Monday */
	lp_calendar_destroy(cal);
	lp_calendar_destroy(NULL);
}

/* Thursday + 3 working days: Friday, Monday, Tuesday. */
static void test_crosses_weekend(void **state)
{
	(void)state;
	int64_t t = at(2026, 11, 26, 10, 0, WIB);
	assert_int_equal(lp_calendar_add_days(NULL, t, 3, true, WIB), day_end(2026, 12, 1, WIB));
	/* Friday + 1 is Monday. */
	t = at(2026, 11, 27, 16, 30, WIB);
	assert_int_equal(lp_calendar_add_days(NULL, t, 1, true, WIB), day_end(2026, 11, 30, WIB));
	/* Calendar days ignore the weekend. */
	assert_int_equal(lp_calendar_add_days(NULL, t, 2, false, WIB), day_end(2026, 11, 29, WIB));
}

static void test_crosses_holiday(void **state)
{
	(void)state;
	struct lp_calendar *cal = lp_calendar_create();
	assert_int_equal(lp_calendar_add(cal, "2026-11-30"), 0);  /* a Monday off */
	int64_t t = at(2026, 11, 26, 10, 0, WIB);
	assert_int_equal(lp_calendar_add_days(cal, t, 3, true, WIB), day_end(2026, 12, 2, WIB));
	/* Two days off in a row after a weekend. */
	assert_int_equal(lp_calendar_add(cal, "2026-12-01"), 0);
	assert_int_equal(lp_calendar_add_days(cal, t, 3, true, WIB), day_end(2026, 12, 3, WIB));
	lp_calendar_destroy(cal);
}

static void test_crosses_year_end(void **state)
{
	(void)state;
	struct lp_calendar *cal = lp_calendar_create();
	assert_int_equal(lp_calendar_add(cal, "2027-01-01"), 0);
	/* Wednesday 30 Dec + 3: Thu 31, (Fri 1 Jan off), Mon 4, Tue 5. */
	int64_t t = at(2026, 12, 30, 9, 0, WITA);
	assert_int_equal(lp_calendar_add_days(cal, t, 3, true, WITA), day_end(2027, 1, 5, WITA));
	/* 14 calendar days from Friday 25 Dec. */
	t = at(2026, 12, 25, 12, 0, WIB);
	assert_int_equal(lp_calendar_add_days(cal, t, 14, false, WIB), day_end(2027, 1, 8, WIB));
	/* 60 calendar days cross the leap day of 2028. */
	t = at(2028, 1, 15, 12, 0, WIB);
	assert_int_equal(lp_calendar_add_days(cal, t, 60, false, WIB), day_end(2028, 3, 15, WIB));
	lp_calendar_destroy(cal);
}

/* The same clock time, 23:59, in WIT and in WIB: the local day decides. */
static void test_late_intake_wit_vs_wib(void **state)
{
	(void)state;
	/* Thursday 23:59 WIB is already Friday 01:59 in WIT. */
	int64_t t = at(2026, 11, 26, 23, 59, WIB);
	assert_int_equal(lp_calendar_add_days(NULL, t, 3, true, WIB), day_end(2026, 12, 1, WIB));
	assert_int_equal(lp_calendar_add_days(NULL, t, 3, true, WIT), day_end(2026, 12, 2, WIT));
	/* Thursday 23:59 WIT is Thursday 21:59 in WIB: the same local date,
	 * but the deadlines are two hours apart. */
	int64_t u = at(2026, 11, 26, 23, 59, WIT);
	int64_t in_wit = lp_calendar_add_days(NULL, u, 3, true, WIT);
	int64_t in_wib = lp_calendar_add_days(NULL, u, 3, true, WIB);
	assert_int_equal(in_wit, day_end(2026, 12, 1, WIT));
	assert_int_equal(in_wib, day_end(2026, 12, 1, WIB));
	assert_int_equal(in_wib - in_wit, 2 * 3600);
	/* One second later in WIT it is Friday. */
	assert_int_equal(lp_calendar_add_days(NULL, u + 60, 3, true, WIT),
			 day_end(2026, 12, 2, WIT));
}

static void test_zero_days(void **state)
{
	(void)state;
	struct lp_calendar *cal = lp_calendar_create();
	assert_int_equal(lp_calendar_add(cal, "2026-11-30"), 0);
	/* A working day: the end of that day. */
	int64_t t = at(2026, 11, 24, 10, 0, WIB);
	assert_int_equal(lp_calendar_add_days(cal, t, 0, true, WIB), day_end(2026, 11, 24, WIB));
	/* Saturday: the next working day (Monday is off: Tuesday). */
	t = at(2026, 11, 28, 10, 0, WIB);
	assert_int_equal(lp_calendar_add_days(cal, t, 0, true, WIB), day_end(2026, 12, 1, WIB));
	/* Calendar days: the end of that very day, weekend or not. */
	assert_int_equal(lp_calendar_add_days(cal, t, 0, false, WIB), day_end(2026, 11, 28, WIB));
	/* Negative periods count as 0. */
	assert_int_equal(lp_calendar_add_days(cal, t, -4, false, WIB), day_end(2026, 11, 28, WIB));
	lp_calendar_destroy(cal);
}

/* A holiday on a Saturday takes no working day away. */
static void test_holiday_on_weekend(void **state)
{
	(void)state;
	struct lp_calendar *cal = lp_calendar_create();
	int64_t t = at(2026, 11, 27, 10, 0, WIB);     /* Friday */
	int64_t without = lp_calendar_add_days(cal, t, 3, true, WIB);
	assert_int_equal(lp_calendar_add(cal, "2026-11-28"), 0);
	assert_int_equal(lp_calendar_add(cal, "2026-11-29"), 0);
	assert_int_equal(lp_calendar_add_days(cal, t, 3, true, WIB), without);
	assert_int_equal(without, day_end(2026, 12, 2, WIB));
	lp_calendar_destroy(cal);
}

static void test_local_day_edges(void **state)
{
	(void)state;
	int64_t midnight = at(2026, 11, 24, 0, 0, WIT);
	assert_int_equal(lp_local_day(midnight, WIT), lp_days_from_civil(2026, 11, 24));
	assert_int_equal(lp_local_day(midnight - 1, WIT), lp_days_from_civil(2026, 11, 23));
	assert_int_equal(lp_local_day_end(lp_days_from_civil(2026, 11, 23), WIT), midnight - 1);
	/* Before 1970 the division still rounds down. */
	assert_int_equal(lp_local_day(-1, 0), -1);
	assert_int_equal(lp_local_day(-86400, 0), -1);
	assert_int_equal(lp_local_day(-86401, 0), -2);
}

static void test_count_days(void **state)
{
	(void)state;
	struct lp_calendar *cal = lp_calendar_create();
	assert_int_equal(lp_calendar_add(cal, "2026-12-01"), 0);
	int64_t fri = at(2026, 11, 27, 10, 0, WIB);
	int64_t mon = at(2026, 11, 30, 10, 0, WIB);
	int64_t wed = at(2026, 12, 2, 8, 0, WIB);
	assert_int_equal(lp_calendar_count_days(cal, fri, mon, true, WIB), 1);
	assert_int_equal(lp_calendar_count_days(cal, fri, wed, true, WIB), 2); /* Tue is off */
	assert_int_equal(lp_calendar_count_days(cal, fri, wed, false, WIB), 5);
	assert_int_equal(lp_calendar_count_days(cal, fri, fri + 3600, true, WIB), 0);
	assert_int_equal(lp_calendar_count_days(cal, mon, fri, true, WIB), 0);
	lp_calendar_destroy(cal);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_civil_round_trip),
		cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_calendar_add),
		cmocka_unit_test(test_crosses_weekend),
		cmocka_unit_test(test_crosses_holiday),
		cmocka_unit_test(test_crosses_year_end),
		cmocka_unit_test(test_late_intake_wit_vs_wib),
		cmocka_unit_test(test_zero_days),
		cmocka_unit_test(test_holiday_on_weekend),
		cmocka_unit_test(test_local_day_edges),
		cmocka_unit_test(test_count_days),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
