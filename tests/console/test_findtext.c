/* test_findtext.c: the pure logic behind 'l' (limit) and the dashboard:
 * composing the queue's query with a limit, the caret under a bad
 * query's column (also with wide characters and scrolling), and bars. */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <locale.h>
#include <string.h>

#include "app.h"
#include "query.h"

static void compose_both_and_either(void **state)
{
	char out[256];

	(void)state;
	assert_true(con_limit_compose("status:new OR status:assigned", "agency:31.71", out,
				      sizeof(out)));
	/* Parenthesised: the limit cannot loosen the queue's OR. */
	assert_string_equal(out, "(status:new OR status:assigned) (agency:31.71)");
	assert_true(con_limit_compose(NULL, "agency:31.71", out, sizeof(out)));
	assert_string_equal(out, "agency:31.71");
	assert_true(con_limit_compose("kind:complaint", "  ", out, sizeof(out)));
	assert_string_equal(out, "kind:complaint");
	assert_true(con_limit_compose("", NULL, out, sizeof(out)));
	assert_string_equal(out, "");
	assert_false(con_limit_compose("status:new", "agency:31.71", out, 10));
}

static void composed_query_means_and(void **state)
{
	char out[256];
	struct lp_query *a = NULL, *b = NULL;

	(void)state;
	assert_true(con_limit_compose("status:new OR escalated", "agency:31.71", out,
				      sizeof(out)));
	assert_int_equal(lp_query_parse(out, &a, NULL), LP_OK);
	assert_int_equal(lp_query_parse("(status:new OR escalated) agency:31.71", &b, NULL),
			 LP_OK);
	assert_true(lp_query_equal(a, b));
	lp_query_destroy(a);
	lp_query_destroy(b);
}

static void caret_under_column(void **state)
{
	char l1[256], l2[256];

	(void)state;
	con_caret_lines("limit: ", "agency:31.71 status:bogus", 21, "bad", 80, l1, sizeof(l1),
			l2, sizeof(l2));
	assert_string_equal(l1, "limit: agency:31.71 status:bogus");
	/* 7 columns of prompt and 20 characters before the bad one. */
	assert_int_equal(strchr(l2, '^') - l2, 27);
	assert_string_equal(strchr(l2, '^'), "^ bad");
}

static void caret_after_wide_characters(void **state)
{
	char l1[256], l2[256];

	(void)state;
	/* Two wide characters (2 columns each) before column 4. */
	con_caret_lines("", "\"\xe5\xa4\xa7\xe5\xad\xa6\" (", 5, "m", 80, l1, sizeof(l1), l2,
			sizeof(l2));
	assert_int_equal(strchr(l2, '^') - l2, 1 + 4 + 1);
}

static void caret_scrolls_on_narrow_screens(void **state)
{
	char q[200], l1[256], l2[256];
	int at;

	(void)state;
	memset(q, 'a', 150);
	memcpy(q + 150, " status:bogus", 14);
	con_caret_lines("limit: ", q, 159, "bad", 80, l1, sizeof(l1), l2, sizeof(l2));
	at = (int)(strchr(l2, '^') - l2);
	assert_true(at < 80);
	/* Whatever scrolled, the caret still points at the 'b' of bogus. */
	assert_int_equal(l1[at], 'b');
}

static void bars_scale_and_fall_back(void **state)
{
	char b[512];

	(void)state;
	assert_int_equal(con_bar(10, 10, 20, false, b, sizeof(b)), 20);
	assert_int_equal(strspn(b, "#"), 20);
	assert_int_equal(con_bar(5, 10, 20, false, b, sizeof(b)), 10);
	assert_string_equal(b, "##########");
	/* Any case at all shows; none shows nothing. */
	assert_int_equal(con_bar(1, 1000, 20, false, b, sizeof(b)), 1);
	assert_int_equal(con_bar(0, 1000, 20, false, b, sizeof(b)), 0);
	assert_string_equal(b, "");
	/* UTF-8: eighths. 3 of 16 over 4 cells = 6 eighths: one partial cell. */
	assert_int_equal(con_bar(3, 16, 4, true, b, sizeof(b)), 1);
	assert_string_equal(b, "\xe2\x96\x8a"); /* U+258A: three quarters */
	assert_int_equal(con_bar(16, 16, 4, true, b, sizeof(b)), 4);
	assert_string_equal(b, "\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88\xe2\x96\x88");
	/* Values over the maximum are cut to the width; tiny buffers stay terminated. */
	assert_int_equal(con_bar(50, 10, 3, false, b, sizeof(b)), 3);
	assert_true(con_bar(10, 10, 100, true, b, 9) <= 2);
	assert_true(strlen(b) < 9);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(compose_both_and_either),
		cmocka_unit_test(composed_query_means_and),
		cmocka_unit_test(caret_under_column),
		cmocka_unit_test(caret_after_wide_characters),
		cmocka_unit_test(caret_scrolls_on_narrow_screens),
		cmocka_unit_test(bars_scale_and_fall_back),
	};

	setlocale(LC_ALL, "C.UTF-8");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
