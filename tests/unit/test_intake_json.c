/* test_intake_json.c: one JSON line parsed and checked, without a store. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "intake_json.h"

#define GOOD_HEAD "{\"tracking_id\":\"LAP-1\",\"kind\":\"complaint\",\"channel\":\"web\"," \
	"\"submitted_at\":\"2026-11-28T09:15:00+07:00\",\"title\":\"Jalan berlubang\"," \
	"\"body\":\"Jalan di depan pasar berlubang.\",\"category\":\"jalan-rusak\"," \
	"\"region\":\"31.71\",\"privacy\":\"public\""

static char why[512];

static int parse(const char *line, struct lp_intake_line *l)
{
	why[0] = '\0';
	return lp_intake_parse_line(line, strlen(line), l, why, sizeof why);
}

/* The line must be refused with a reason containing `want`. */
static void refuse(const char *line, const char *want)
{
	struct lp_intake_line l;
	int rc = parse(line, &l);
	if (rc == 0 || !strstr(why, want))
		fail_msg("line %s: got rc %d, reason \"%s\", wanted \"%s\"", line, rc, why, want);
	assert_null(l.report.title);
	assert_null(l.body);
}

static void test_good_report(void **state)
{
	(void)state;
	struct lp_intake_line l;
	const char *line = GOOD_HEAD ",\"reporter\":{\"name\":\"Siti Aminah\","
		"\"phone\":\"+62 812-3456\","
		"\"email\":\"siti@example.id\"},\"field_check\":true}";
	assert_int_equal(parse(line, &l), 0);
	assert_int_equal(l.type, LP_INTAKE_REPORT);
	assert_string_equal(l.report.tracking_id, "LAP-1");
	assert_int_equal(l.report.kind, LP_KIND_COMPLAINT);
	assert_int_equal(l.report.channel, LP_CHANNEL_WEB);
	assert_int_equal(l.report.privacy, LP_PRIVACY_PUBLIC);
	assert_int_equal(l.report.submitted_at, 1795832100);
	assert_string_equal(l.report.title, "Jalan berlubang");
	assert_string_equal(l.report.body, "Jalan di depan pasar berlubang.");
	assert_string_equal(l.report.category, "jalan-rusak");
	assert_string_equal(l.report.region, "31.71");
	assert_string_equal(l.report.reporter_name, "Siti Aminah");
	assert_string_equal(l.report.reporter_phone, "+62 812-3456");
	assert_string_equal(l.report.reporter_email, "siti@example.id");
	assert_true(l.report.field_check);
	assert_int_equal(l.report.status, LP_STATUS_NEW);
	lp_intake_line_clear(&l);
	assert_null(l.report.title);
}

static void test_anonymous_without_and_with_reporter(void **state)
{
	(void)state;
	struct lp_intake_line l;
	char line[1024];
	snprintf(line, sizeof line, "%s", GOOD_HEAD "}");
	memcpy(strstr(line, "\"public\""), "\"secret\"", 8);
	assert_int_equal(parse(line, &l), 0);
	assert_int_equal(l.report.privacy, LP_PRIVACY_SECRET);
	assert_null(l.report.reporter_name);
	assert_false(l.report.field_check);
	lp_intake_line_clear(&l);
	const char *anon = "{\"tracking_id\":\"A\",\"kind\":\"aspiration\",\"channel\":\"sms\","
		"\"submitted_at\":\"2026-01-01T00:00:00Z\",\"title\":\"t\",\"body\":\"b\","
		"\"category\":\"umum\",\"region\":\"31.71.01.1001\",\"privacy\":\"anonymous\","
		"\"reporter\":{\"name\":\"Budi\"}}";
	assert_int_equal(parse(anon, &l), 0);
	assert_int_equal(l.report.privacy, LP_PRIVACY_ANONYMOUS);
	assert_string_equal(l.report.reporter_name, "Budi");
	assert_null(l.report.reporter_phone);
	lp_intake_line_clear(&l);
}

static void test_escape_sequences_stored_as_given(void **state)
{
	(void)state;
	struct lp_intake_line l;
	const char *line = "{\"tracking_id\":\"E1\",\"kind\":\"complaint\",\"channel\":\"app\","
		"\"submitted_at\":\"2026-01-01T00:00:00Z\","
		"\"title\":\"\\u001b]0;pwn\\u0007東京\","
		"\"body\":\"\\u001b[31mmerah\",\"category\":\"x\",\"region\":\"32\","
		"\"privacy\":\"public\"}";
	assert_int_equal(parse(line, &l), 0);
	assert_string_equal(l.report.title, "\x1b]0;pwn\x07東京");
	assert_string_equal(l.report.body, "\x1b[31mmerah");
	lp_intake_line_clear(&l);
}

static void test_message(void **state)
{
	(void)state;
	struct lp_intake_line l;
	assert_int_equal(parse("{\"type\":\"message\",\"tracking_id\":\"LAP-1\","
			       "\"submitted_at\":\"2026-11-29T10:00:00+07:00\","
			       "\"body\":\"Foto terlampir.\"}",
			       &l), 0);
	assert_int_equal(l.type, LP_INTAKE_MESSAGE);
	assert_string_equal(l.tracking_id, "LAP-1");
	assert_string_equal(l.body, "Foto terlampir.");
	assert_int_equal(l.submitted_at, 1795921200);
	lp_intake_line_clear(&l);
}

static void test_bad_json_and_encoding(void **state)
{
	(void)state;
	refuse("{\"tracking_id\": 12,", "invalid JSON at column");
	refuse("[1,2]", "a line must be a JSON object");
	refuse("{\"a\":1} {\"b\":2}", "invalid JSON");
	refuse("{\"title\":\"\xC0\xAF\"}", "invalid UTF-8");
	refuse("{\"title\":\"\xED\xA0\x80\"}", "invalid UTF-8");
	refuse(GOOD_HEAD ",\"kind\":\"complaint\"}", "duplicate");
	struct lp_intake_line l;
	assert_int_equal(lp_intake_parse_line("{\"a\":\0}", 7, &l, why, sizeof why), -1);
	assert_non_null(strstr(why, "NUL"));
	refuse("{\"x\":\"\x1b]0;t\x07\"", "invalid JSON");
	/* the reason never carries the line's control characters */
	assert_null(strchr(why, '\x1b'));
}

static void test_missing_and_wrong_fields(void **state)
{
	(void)state;
	refuse("{\"kind\":\"complaint\"}", "missing field \"tracking_id\"");
	char line[2048];
	const char *fields[] = { "kind", "channel", "submitted_at", "title", "body", "category",
				 "region", "privacy" };
	for (size_t i = 0; i < sizeof fields / sizeof *fields; i++) {
		/* drop one field from the good line */
		char key[40], want[64];
		snprintf(line, sizeof line, "%s}", GOOD_HEAD);
		snprintf(key, sizeof key, "\"%s\":", fields[i]);
		char *p = strstr(line, key);
		char *q = strchr(strchr(p + strlen(key), '"') + 1, '"') + 1;
		if (*q == ',')
			q++;
		memmove(p, q, strlen(q) + 1);
		if (p[-1] == ',' && *p == '}')
			memmove(p - 1, p, strlen(p) + 1);
		snprintf(want, sizeof want, "missing field \"%s\"", fields[i]);
		refuse(line, want);
	}
	refuse(GOOD_HEAD ",\"extra\":1}", "unknown field \"extra\"");
	refuse(GOOD_HEAD ",\"reporter\":{\"nama\":\"x\"}}", "unknown field \"reporter.nama\"");
	refuse(GOOD_HEAD ",\"reporter\":\"Budi\"}", "\"reporter\" must be an object");
	refuse(GOOD_HEAD ",\"field_check\":\"yes\"}", "\"field_check\" must be true or false");
}

/* Replaces the value of `key` in the good line by `value` (raw JSON). */
static void refuse_value(const char *key, const char *value, const char *want)
{
	char line[4096], k[40];
	snprintf(line, sizeof line, "%s}", GOOD_HEAD);
	snprintf(k, sizeof k, "\"%s\":", key);
	char *p = strstr(line, k) + strlen(k);
	char *q = strchr(p + 1, '"') + 1;
	char rest[2048];
	snprintf(rest, sizeof rest, "%s", q);
	snprintf(p, sizeof line - (size_t)(p - line), "%s%s", value, rest);
	refuse(line, want);
}

static void test_field_values(void **state)
{
	(void)state;
	refuse_value("kind", "\"keluhan\"",
		     "\"kind\" must be one of complaint, aspiration, information_request");
	refuse_value("kind", "3", "\"kind\" must be a string");
	refuse_value("channel", "\"fax\"", "\"channel\" must be one of");
	refuse_value("privacy", "\"hidden\"",
		     "\"privacy\" must be one of public, anonymous, secret");
	refuse_value("submitted_at", "\"2026-11-28T09:15:00\"", "RFC 3339");
	refuse_value("submitted_at", "\"2026-02-30T09:15:00Z\"", "RFC 3339");
	refuse_value("title", "\"\"", "\"title\" is empty");
	refuse_value("title", "\"a\\u0000b\"", "\"title\" must be valid UTF-8 without NUL");
	refuse_value("body", "\"\\ud800\"", "invalid JSON");
	refuse_value("category", "\"Jalan Rusak\"", "\"category\" must be a lower-case slug");
	refuse_value("category", "\"-x\"", "lower-case slug");
	refuse_value("region", "\"DKI\"", "\"region\" must be an area code");
	refuse_value("region", "\"31..71\"", "area code");
	refuse_value("region", "\"31.\"", "area code");
	refuse_value("region", "\"1.2.3.4.5\"", "area code");
	refuse_value("tracking_id", "\"LAP 1\"", "\"tracking_id\" must be 1 to 63 printable");
	refuse_value("tracking_id", "\"\"", "\"tracking_id\" must be");

	char title[400];
	memset(title, 'a', sizeof title);
	title[0] = '"';
	memcpy(title + 302, "\"", 2);  /* 301 bytes */
	refuse_value("title", title, "\"title\" is longer than 300 bytes");
	title[301] = '"';
	title[302] = '\0';             /* 300 bytes: fine */
	char line[4096];
	snprintf(line, sizeof line, "%s", GOOD_HEAD ",\"type\":\"report\"}");
	char *p = strstr(line, "\"Jalan berlubang\"");
	char rest[2048];
	snprintf(rest, sizeof rest, "%s", p + strlen("\"Jalan berlubang\""));
	snprintf(p, sizeof line - (size_t)(p - line), "%s%s", title, rest);
	struct lp_intake_line l;
	assert_int_equal(parse(line, &l), 0);
	assert_int_equal(strlen(l.report.title), 300);
	lp_intake_line_clear(&l);
}

static void test_reporter_values(void **state)
{
	(void)state;
	refuse(GOOD_HEAD ",\"reporter\":{\"phone\":\"0812abc\"}}", "\"reporter.phone\"");
	refuse(GOOD_HEAD ",\"reporter\":{\"phone\":\"123456789012345678901234567890123\"}}",
	       "\"reporter.phone\"");
	refuse(GOOD_HEAD ",\"reporter\":{\"phone\":\"+-\"}}", "\"reporter.phone\"");
	refuse(GOOD_HEAD ",\"reporter\":{\"email\":\"siti.example.id\"}}", "\"reporter.email\"");
	refuse(GOOD_HEAD ",\"reporter\":{\"email\":\"a@b@c\"}}", "\"reporter.email\"");
	refuse(GOOD_HEAD ",\"reporter\":{\"email\":\"a b@c\"}}", "\"reporter.email\"");
	refuse(GOOD_HEAD ",\"reporter\":{\"name\":\"\"}}", "\"reporter.name\" is empty");
}

static void test_types(void **state)
{
	(void)state;
	refuse("{\"type\":\"feedback\",\"tracking_id\":\"A\"}", "submitted_at");
	refuse("{\"type\":\"rating\"}", "\"type\" must be report, message or feedback");
	refuse("{\"type\":1}", "\"type\" must be a string");
	refuse("{\"type\":\"message\",\"tracking_id\":\"A\",\"body\":\"x\"}",
	       "missing field \"submitted_at\"");
	refuse("{\"type\":\"message\",\"tracking_id\":\"A\","
	       "\"submitted_at\":\"2026-01-01T00:00:00Z\","
	       "\"body\":\"x\",\"title\":\"t\"}", "unknown field \"title\"");
}

static void test_blank(void **state)
{
	(void)state;
	assert_true(lp_intake_line_blank("", 0));
	assert_true(lp_intake_line_blank(" \t\r", 3));
	assert_false(lp_intake_line_blank(" x", 2));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_report),
		cmocka_unit_test(test_anonymous_without_and_with_reporter),
		cmocka_unit_test(test_escape_sequences_stored_as_given),
		cmocka_unit_test(test_message),
		cmocka_unit_test(test_bad_json_and_encoding),
		cmocka_unit_test(test_missing_and_wrong_fields),
		cmocka_unit_test(test_field_values),
		cmocka_unit_test(test_reporter_values),
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_blank),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
