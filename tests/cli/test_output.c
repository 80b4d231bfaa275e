/* test_output.c: the subcommands' output layer (tui/output.c,
 * tui/output_case.c): CSV defusing, table sizing and fitting, JSON
 * escaping and masking. */
#define _GNU_SOURCE
#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "output.h"
#include "safetext.h"

/* Runs fn into a memory stream and returns what it wrote (caller frees). */
struct capture {
	FILE *f;
	char *buf;
	size_t len;
};

static FILE *cap_open(struct capture *c)
{
	memset(c, 0, sizeof *c);
	c->f = open_memstream(&c->buf, &c->len);
	assert_non_null(c->f);
	return c->f;
}

static char *cap_close(struct capture *c)
{
	fclose(c->f);
	return c->buf;
}

static void test_csv_defuses_formulas(void **state)
{
	(void)state;
	struct capture c;
	FILE *f = cap_open(&c);
	lp_csv_field(f, "=1+2", true);
	lp_csv_field(f, "+62 812", false);
	lp_csv_field(f, "-x", false);
	lp_csv_field(f, "@SUM(A1)", false);
	lp_csv_field(f, "biasa", false);
	lp_csv_field(f, NULL, false);
	lp_csv_end(f);
	char *out = cap_close(&c);
	assert_string_equal(out, "\"'=1+2\",\"'+62 812\",\"'-x\",\"'@SUM(A1)\",\"biasa\",\"\"\r\n");
	free(out);
}

static void test_csv_quotes_and_strips_escapes(void **state)
{
	(void)state;
	struct capture c;
	FILE *f = cap_open(&c);
	lp_csv_field(f, "a \"kutip\"\nbaris \x1b[2Jdua \xc2\x9b" "31m", true);
	lp_csv_end(f);
	char *out = cap_close(&c);
	assert_null(strchr(out, '\x1b'));
	assert_null(strstr(out, "\xc2\x9b"));
	assert_non_null(strstr(out, "\"a \"\"kutip\"\"\nbaris "));
	free(out);
}

static void test_table_sizes_columns_to_content(void **state)
{
	(void)state;
	const char *head[] = { "ID", "TITLE" };
	struct lp_table *t = lp_table_create(2, head);
	assert_non_null(t);
	const char *r1[] = { "7", "Jalan rusak" };
	const char *r2[] = { "12345", NULL };
	assert_int_equal(lp_table_add(t, r1), 0);
	assert_int_equal(lp_table_add(t, r2), 0);
	assert_int_equal(lp_table_rows(t), 3);
	struct capture c;
	lp_table_print(t, cap_open(&c), 1, 0);
	char *out = cap_close(&c);
	assert_string_equal(out, "ID     TITLE\n7      Jalan rusak\n12345  -\n");
	assert_int_equal(lp_table_rows(t), 0);
	free(out);
	lp_table_destroy(t);
	lp_table_destroy(NULL);
	assert_null(lp_table_create(0, head));
}

static void test_table_fits_by_display_width(void **state)
{
	(void)state;
	const char *head[] = { "ID", "TITLE" };
	struct lp_table *t = lp_table_create(2, head);
	const char *r1[] = { "1", "Antrean panjang di Puskesmas 日本語 \x1b]0;judul\x07 sekali" };
	lp_table_add(t, r1);
	struct capture c;
	lp_table_print(t, cap_open(&c), 1, 20);
	char *out = cap_close(&c);
	assert_null(strchr(out, '\x1b'));
	assert_null(strchr(out, '\x07'));
	char *line2 = strchr(out, '\n') + 1;
	*strchr(line2, '\n') = '\0';
	assert_true(lp_text_width(line2) <= 20);
	assert_non_null(strstr(line2, "\xe2\x80\xa6")); /* … */
	free(out);
	lp_table_destroy(t);
}

static void test_case_json_masked_fields_are_null(void **state)
{
	(void)state;
	struct lp_case k;
	memset(&k, 0, sizeof k);
	k.id = 42;
	strcpy(k.tracking_id, "WEB-42");
	strcpy(k.agency, "31.71");
	k.privacy = LP_PRIVACY_SECRET;
	k.clock_stage = -1;
	k.masked = true;
	k.version = 3;
	k.created_at = 1795870000;
	json_t *j = lp_case_json(&k);
	assert_non_null(j);
	assert_true(json_is_null(json_object_get(j, "title")));
	assert_true(json_is_null(json_object_get(j, "body")));
	json_t *rep = json_object_get(j, "reporter");
	assert_true(json_is_null(json_object_get(rep, "phone")));
	assert_true(json_is_null(json_object_get(rep, "name")));
	assert_true(json_is_null(json_object_get(j, "assignee")));
	assert_true(json_is_null(json_object_get(j, "due_at")));
	assert_string_equal(json_string_value(json_object_get(j, "created_at")),
			    "2026-11-28T12:46:40Z");
	assert_int_equal(json_integer_value(json_object_get(j, "version")), 3);
	assert_true(json_is_true(json_object_get(j, "masked")));
	json_decref(j);
}

static void test_json_is_ascii_and_escapes_controls(void **state)
{
	(void)state;
	struct lp_case k;
	memset(&k, 0, sizeof k);
	k.clock_stage = -1;
	k.title = strdup("judul \x1b[2J \xc2\x9b" "31m \xe2\x80\xae terbalik");
	k.body = strdup("bukan UTF-8: \xff\xfe");
	struct capture c;
	assert_int_equal(lp_json_print(lp_case_json(&k), cap_open(&c), true), 0);
	char *out = cap_close(&c);
	for (const unsigned char *p = (const unsigned char *)out; *p; p++)
		assert_true(*p < 0x80 && (*p >= 0x20 || *p == '\n'));
	assert_non_null(strcasestr(out, "\\u001b[2J"));
	assert_non_null(strcasestr(out, "\\u202e"));
	json_t *back = json_loads(out, 0, NULL);
	assert_non_null(back);
	assert_string_equal(json_string_value(json_object_get(back, "title")), k.title);
	json_decref(back);
	free(out);
	lp_case_clear(&k);
}

static void test_event_text_confidential_when_masked(void **state)
{
	(void)state;
	struct lp_case k;
	memset(&k, 0, sizeof k);
	k.masked = true; /* secret, seen from outside: title NULL */
	struct lp_event e;
	memset(&e, 0, sizeof e);
	e.seq = 4;
	e.action = LP_ACTION_REPLY;
	e.visibility = LP_VIS_PUBLIC;
	strcpy(e.officer, "budi");
	struct capture c;
	lp_event_print(&e, &k, 420, cap_open(&c));
	char *out = cap_close(&c);
	assert_non_null(strstr(out, "#4"));
	assert_non_null(strstr(out, "reply"));
	assert_non_null(strstr(out, "(confidential)"));
	free(out);
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv_defuses_formulas),
		cmocka_unit_test(test_csv_quotes_and_strips_escapes),
		cmocka_unit_test(test_table_sizes_columns_to_content),
		cmocka_unit_test(test_table_fits_by_display_width),
		cmocka_unit_test(test_case_json_masked_fields_are_null),
		cmocka_unit_test(test_json_is_ascii_and_escapes_controls),
		cmocka_unit_test(test_event_text_confidential_when_masked),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
