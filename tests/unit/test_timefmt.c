/* test_timefmt.c: RFC 3339 parsing and formatting, local times, durations. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "timefmt.h"

static int64_t parse(const char *s)
{
	int64_t t = -12345;
	assert_int_equal(lp_time_parse_rfc3339(s, &t), 0);
	return t;
}

static void reject(const char *s)
{
	int64_t t = 777;
	assert_int_equal(lp_time_parse_rfc3339(s, &t), -1);
	assert_int_equal(t, 777);
}

static void test_parse_basic(void **state)
{
	(void)state;
	assert_int_equal(parse("1970-01-01T00:00:00Z"), 0);
	assert_int_equal(parse("2026-11-28T02:15:00Z"), 1795832100);
	assert_int_equal(parse("2026-11-28T09:15:00+07:00"), 1795832100);
	assert_int_equal(parse("2026-11-28t09:15:00+07:00"), 1795832100);
	assert_int_equal(parse("2026-11-28 09:15:00+07:00"), 1795832100);
	assert_int_equal(parse("2026-11-28T02:15:00z"), 1795832100);
	assert_int_equal(parse("2026-11-28T02:15:00.123456Z"), 1795832100);
	assert_int_equal(parse("2026-11-28T02:15:00.9+00:00"), 1795832100);
	assert_int_equal(parse("2026-11-27T21:45:00-04:30"), 1795832100);
	assert_int_equal(parse("1969-12-31T23:59:59Z"), -1);
	assert_int_equal(parse("2000-03-01T00:00:00Z"), 951868800);
	assert_int_equal(parse("9999-12-31T23:59:59Z"), 253402300799LL);
}

static void test_parse_leap_years(void **state)
{
	(void)state;
	assert_int_equal(parse("2024-02-29T00:00:00Z"), 1709164800);
	assert_int_equal(parse("2000-02-29T12:00:00Z"), 951825600);
	reject("2023-02-29T00:00:00Z");
	reject("1900-02-29T00:00:00Z");
	reject("2026-02-30T00:00:00Z");
	reject("2026-04-31T00:00:00Z");
	assert_int_equal(parse("2026-12-31T00:00:00Z") - parse("2026-01-01T00:00:00Z"),
			 364 * 86400);
	assert_int_equal(parse("2024-12-31T00:00:00Z") - parse("2024-01-01T00:00:00Z"),
			 365 * 86400);
}

static void test_parse_rejects(void **state)
{
	(void)state;
	reject("");
	reject("2026-11-28");
	reject("2026-11-28T09:15:00");          /* missing offset */
	reject("2026-11-28T09:15Z");
	reject("2026-11-28T24:00:00Z");         /* hour 24 */
	reject("2026-11-28T23:60:00Z");
	reject("2026-11-28T23:58:60Z");
	reject("2026-13-01T00:00:00Z");
	reject("2026-00-01T00:00:00Z");
	reject("2026-01-00T00:00:00Z");
	reject("2026-1-01T00:00:00Z");
	reject("2026-11-28X09:15:00Z");
	reject("2026-11-28T09:15:00+7:00");
	reject("2026-11-28T09:15:00+0700");
	reject("2026-11-28T09:15:00+24:00");
	reject("2026-11-28T09:15:00+07:60");
	reject("2026-11-28T09:15:00.Z");
	reject("2026-11-28T09:15:00Z ");
	reject("2026-11-28T09:15:00Zjunk");
	reject(" 2026-11-28T09:15:00Z");
	int64_t t;
	assert_int_equal(lp_time_parse_rfc3339(NULL, &t), -1);
	/* a leap second counts as the next second */
	assert_int_equal(parse("2016-12-31T23:59:60Z"), parse("2017-01-01T00:00:00Z"));
}

static void test_format_utc(void **state)
{
	(void)state;
	char buf[64];
	assert_string_equal(lp_time_rfc3339(0, buf, sizeof buf), "1970-01-01T00:00:00Z");
	assert_string_equal(lp_time_rfc3339(1795832100, buf, sizeof buf), "2026-11-28T02:15:00Z");
	assert_string_equal(lp_time_rfc3339(-1, buf, sizeof buf), "1969-12-31T23:59:59Z");
	assert_string_equal(lp_time_rfc3339(1709164800, buf, sizeof buf), "2024-02-29T00:00:00Z");
	/* round trip over many days */
	for (int64_t t = -86400LL * 800; t < 86400LL * 40000; t += 86400 * 7 + 3671) {
		lp_time_rfc3339(t, buf, sizeof buf);
		assert_int_equal(parse(buf), t);
	}
}

static void test_format_local(void **state)
{
	(void)state;
	char buf[64];
	int64_t t0 = 1795832100;
	assert_string_equal(lp_time_local(t0, 420, buf, sizeof buf), "2026-11-28 09:15 WIB");
	assert_string_equal(lp_time_local(t0, 480, buf, sizeof buf), "2026-11-28 10:15 WITA");
	/* year end in +09:00: 2026-12-31T15:30Z is already 2027 in Papua */
	int64_t t = parse("2026-12-31T15:30:00Z");
	assert_string_equal(lp_time_local(t, 540, buf, sizeof buf), "2027-01-01 00:30 WIT");
	assert_string_equal(lp_time_local(t, 420, buf, sizeof buf), "2026-12-31 22:30 WIB");
	/* negative offsets and times before the epoch */
	lp_time_local(0, -300, buf, sizeof buf);
	assert_memory_equal(buf, "1969-12-31 19:00 ", 17);
}

static void test_duration(void **state)
{
	(void)state;
	char buf[32];
	assert_string_equal(lp_duration_short(0, buf, sizeof buf), "0s");
	assert_string_equal(lp_duration_short(59, buf, sizeof buf), "59s");
	assert_string_equal(lp_duration_short(45 * 60, buf, sizeof buf), "45m");
	assert_string_equal(lp_duration_short(3 * 3600 + 59, buf, sizeof buf), "3h");
	assert_string_equal(lp_duration_short(2 * 86400 + 5, buf, sizeof buf), "2d");
	assert_string_equal(lp_duration_short(13 * 86400, buf, sizeof buf), "13d");
	assert_string_equal(lp_duration_short(35 * 86400, buf, sizeof buf), "5w");
	assert_string_equal(lp_duration_short(800 * 86400, buf, sizeof buf), "2y");
	assert_string_equal(lp_duration_short(-90 * 60, buf, sizeof buf), "-1h");
	assert_string_equal(lp_duration_short(INT64_MIN, buf, sizeof buf), "-292471208677y");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parse_basic),
		cmocka_unit_test(test_parse_leap_years),
		cmocka_unit_test(test_parse_rejects),
		cmocka_unit_test(test_format_utc),
		cmocka_unit_test(test_format_local),
		cmocka_unit_test(test_duration),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
