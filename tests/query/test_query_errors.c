/* test_query_errors.c: every parse error, with its exact column. */
#include "query_test.h"

#include <stdio.h>
#include <string.h>

static void test_unknown_field(void **state)
{
	expect_error("stauts:new", 1, "unknown field \"stauts\" (did you mean status?)");
	expect_error("kind:complaint stauts:new", 16, "unknown field \"stauts\"");
	expect_error("Status:new", 1, "(did you mean status?)");
	expect_error("agncy:31", 1, "(did you mean agency?)");
	expect_error("http://example.org", 1,
		     "unknown field \"http\" (to search for the text, put it in quotes)");
	expect_error("a<b", 1, "unknown field \"a\"");
	expect_error("averyveryveryveryverylongfieldname:1", 1, "unknown field");
}

static void test_bad_values(void **state)
{
	static const struct { const char *in; int col; const char *msg; } cases[] = {
		{ "status:asigned", 8, "unknown status \"asigned\"; one of new, postponed, "
		  "assigned, in_progress, responded, closed, archived" },
		{ "status:new,bogus", 12, "unknown status \"bogus\"" },
		{ "kind:bogus", 6, "unknown kind \"bogus\"; one of complaint, aspiration, "
		  "information_request" },
		{ "channel:fax", 9, "unknown channel \"fax\"; one of web, sms, app, social, "
		  "letter, walk_in" },
		{ "privacy:open", 9, "unknown privacy \"open\"; one of public, anonymous, secret" },
		{ "status:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 8,
		  "unknown status \"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"" },
		{ "priority:3", 10, "unknown priority \"3\"; one of 0 or normal" },
		{ "priority>low", 10, "unknown priority \"low\"" },
		{ "id:abc", 4, "bad case number \"abc\"" },
		{ "id:-1", 4, "bad case number \"-1\"" },
		{ "id>9223372036854775808", 4, "bad case number" },
		{ "agency:a/b", 8, "bad agency code \"a/b\"" },
		{ "agency:*", 8, "bad agency code \"*\"" },
		{ "agency:31.*.*", 8, "bad agency code" },
		{ "under:31.*", 7, "bad agency code \"31.*\"" },
		{ "agency:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", 8, "bad agency code" },
		{ "region:3x", 8, "bad region code \"3x\" (e.g. 31.71 or 31.*)" },
		{ "region:31..71", 8, "bad region code" },
		{ "region:31.", 8, "bad region code" },
		{ "region:.31", 8, "bad region code" },
		{ "region:*", 8, "bad region code" },
		{ "assignee:bad/login", 10, "bad login \"bad/login\"; write me, none or an "
		  "officer's login" },
		{ "category:*", 10, "\"*\" needs text before it (e.g. jal*)" },
		{ "category:\"  \"", 10, "empty text in quotes" },
		{ "\"\"", 1, "empty text in quotes" },
		{ "a \"   \"", 3, "empty text in quotes" },
		{ "*", 1, "\"*\" needs text before it" },
		{ "tracking:xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", 10,
		  "is longer than 63 bytes" },
		{ "due<x", 5, "\"<\" needs a date (YYYY-MM-DD) or a duration (e.g. due<2d)" },
		{ "due<=2026-1-5", 6, "\"<=\" needs a date" },
		{ "due:2d", 5, "\"due:\" needs a date, YYYY-MM-DD (for a duration write due<2d)" },
		{ "created=7d", 9, "\"created=\" needs a date" },
		{ "updated:1h", 9, "\"updated:\" needs a date" },
		{ "updated>soon", 9, "\">\" needs a date (YYYY-MM-DD) or a duration (e.g. updated<1h)" },
		{ "created>=2026-02-30", 10, "needs a date" },
		{ "created>=2025-02-29", 10, "needs a date" },
		{ "created>=1900-02-29", 10, "needs a date" },
		{ "created>=1899-12-31", 10, "needs a date" },
		{ "created>=2026-13-01", 10, "needs a date" },
		{ "age>7y", 5, "\">\" needs a duration: a number and m, h, d or w (e.g. age>7d)" },
		{ "age>d", 5, "needs a duration" },
		{ "age>2026-01-01", 5, "needs a duration" },
		{ "due<100001d", 5, "needs a date" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		expect_error(cases[i].in, cases[i].col, cases[i].msg);
}

static void test_bad_operators(void **state)
{
	expect_error("status<new", 7, "\"status\" does not take \"<\" "
		     "(e.g. status:assigned,in_progress)");
	expect_error("kind=complaint", 5, "does not take \"=\"");
	expect_error("age:7d", 4, "\"age\" does not take \":\" (e.g. age>7d)");
	expect_error("text>=a", 5, "\"text\" does not take \">=\"");
	expect_error("escalated:yes", 1, "\"escalated\" takes no value; write escalated or "
		     "-escalated");
	expect_error("x overdue<1d", 3, "\"overdue\" takes no value");
	expect_error("due<2d,3d", 7, "\"due<\" takes one value");
	expect_error("id>1,2", 5, "\"id>\" takes one value");
	expect_error("text:a,b", 7, "\"text:\" takes one value");
}

static void test_missing_values(void **state)
{
	expect_error("status:", 8, "expected a value after \"status:\" "
		     "(e.g. status:assigned,in_progress)");
	expect_error("status: new", 8, "expected a value after \"status:\"");
	expect_error("(status:)", 9, "expected a value after \"status:\"");
	expect_error("due<", 5, "expected a value after \"due<\" (e.g. due<2d)");
	expect_error("due>=", 6, "expected a value after \"due>=\"");
	expect_error("status:new,", 12, "expected a value after \",\"");
	expect_error("status:new,,closed", 12, "expected a value after \",\"");
	expect_error("status:,new", 8, "expected a value after \"status:\"");
}

static void test_quotes(void **state)
{
	expect_error("\"abc", 1, "unterminated quote");
	expect_error("x \"abc", 3, "unterminated quote");
	expect_error("\"a\\\"", 1, "unterminated quote");
	expect_error("category:\"abc", 10, "unterminated quote");
	expect_error("ab\"cd\"", 3, "unexpected quote (put the whole text in quotes)");
	expect_error("category:ab\"cd\"", 12, "unexpected quote");
	expect_error("category:\"a\"b", 13, "expected a space after the closing quote");
	expect_error("\"a\"b", 4, "expected a space after the closing quote");
	expect_error("\"a\tb\"", 3, "control character inside quotes");
	expect_error("x \"a\nb\"", 5, "control character inside quotes");
}

static void test_structure(void **state)
{
	expect_error("(a b", 1, "unbalanced parenthesis");
	expect_error("((a)", 1, "unbalanced parenthesis");
	expect_error("x (a OR (b)", 3, "unbalanced parenthesis");
	expect_error("a b)", 4, "unbalanced parenthesis");
	expect_error(")", 1, "unbalanced parenthesis");
	expect_error("(a))", 4, "unbalanced parenthesis");
	expect_error("()", 1, "empty parentheses");
	expect_error("a (  )", 3, "empty parentheses");
	expect_error("OR a", 1, "\"OR\" needs a term on each side");
	expect_error("a OR", 3, "\"OR\" needs a term on each side");
	expect_error("a OR OR b", 3, "\"OR\" needs a term on each side");
	expect_error("(a OR) b", 4, "\"OR\" needs a term on each side");
	expect_error("AND a", 1, "\"AND\" needs a term on each side");
	expect_error("a AND", 3, "\"AND\" needs a term on each side");
	expect_error("a AND OR b", 3, "\"AND\" needs a term on each side");
	expect_error("(AND)", 2, "\"AND\" needs a term on each side");
	expect_error("NOT", 1, "\"NOT\" needs a term after it (e.g. NOT status:closed)");
	expect_error("a NOT", 3, "\"NOT\" needs a term after it");
	expect_error("(NOT)", 2, "\"NOT\" needs a term after it");
	expect_error("NOT OR a", 1, "\"NOT\" needs a term after it");
	expect_error("- a", 1, "\"-\" must be followed by a term, with no space "
		     "(e.g. -status:closed)");
	expect_error("a -", 3, "\"-\" must be followed by a term");
	expect_error("(a -)", 4, "\"-\" must be followed by a term");
	expect_error("-OR", 2, "\"OR\" needs a term on each side");
}

static void test_encoding(void **state)
{
	expect_error("a\x01", 2, "control character");
	expect_error("a \x1b[31m", 3, "control character");
	expect_error("\x7f", 1, "control character");
	expect_error("\xc3\xa9 \xc2\x85", 3, "control character");
	expect_error("a \xff", 3, "invalid UTF-8");
	expect_error("\xc3\xa9\xc3", 2, "invalid UTF-8");
	expect_error("\xc0\x80", 1, "invalid UTF-8");
	expect_error("\xe0\x80\x80", 1, "invalid UTF-8");
	expect_error("\xed\xa0\x80", 1, "invalid UTF-8");
	expect_error("\xf4\x90\x80\x80", 1, "invalid UTF-8");
	expect_error("\"ok \x80\"", 5, "invalid UTF-8");
}

static void test_limits(void **state)
{
	char text[LP_QUERY_MAX_BYTES + 64];
	size_t len = 0;

	/* 257 terms: the error points at the 257th */
	int col = 0;
	for (int i = 0; i <= LP_QUERY_MAX_TERMS; i++) {
		if (i == LP_QUERY_MAX_TERMS)
			col = (int)len + 2;
		len += (size_t)snprintf(text + len, sizeof text - len, "%sw", i ? " " : "");
	}
	expect_error(text, col, "more than 256 terms");

	/* 4097 bytes */
	memset(text, 'a', LP_QUERY_MAX_BYTES + 1);
	text[LP_QUERY_MAX_BYTES + 1] = '\0';
	expect_error(text, LP_QUERY_MAX_BYTES + 1, "the query is longer than 4096 bytes");
	/* much longer: the column is still where the limit is crossed */
	memset(text, 'a', sizeof text - 1);
	text[sizeof text - 1] = '\0';
	expect_error(text, LP_QUERY_MAX_BYTES + 1, "longer than 4096 bytes");

	/* 33 levels */
	len = 0;
	for (int i = 0; i <= LP_QUERY_MAX_DEPTH; i++)
		text[len++] = '(';
	text[len++] = 'x';
	for (int i = 0; i <= LP_QUERY_MAX_DEPTH; i++)
		text[len++] = ')';
	text[len] = '\0';
	expect_error(text, LP_QUERY_MAX_DEPTH + 1, "nested deeper than 32 levels");
	memset(text, '-', LP_QUERY_MAX_DEPTH + 1);
	strcpy(text + LP_QUERY_MAX_DEPTH + 1, "x");
	expect_error(text, LP_QUERY_MAX_DEPTH + 1, "nested deeper than 32 levels");

	/* 1025 values */
	len = (size_t)snprintf(text, sizeof text, "x id:1");
	for (int i = 1; i <= LP_QUERY_MAX_VALUES; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, ",1");
	expect_error(text, 3, "more than 1024 values");
}

static void test_null_error(void **state)
{
	struct lp_query *q = NULL;
	int col = -1;
	assert_int_equal(lp_query_parse("stauts:new", &q, NULL), LP_EUSAGE);
	assert_null(q);
	assert_int_equal(lp_query_parse_ex("(a", &q, &col, NULL), LP_EUSAGE);
	assert_int_equal(col, 1);
	assert_null(q);
	/* a failed parse leaves the error set, a good one clears it */
	struct lp_error err = { 0 };
	assert_int_equal(lp_query_parse("(", &q, &err), LP_EUSAGE);
	assert_string_equal(err.msg, "query: column 1: unbalanced parenthesis");
	assert_int_equal(lp_query_parse("a", &q, &err), LP_OK);
	assert_int_equal(err.code, LP_OK);
	assert_string_equal(err.msg, "");
	lp_query_destroy(q);
}

static const struct CMUnitTest error_tests[] = {
	cmocka_unit_test(test_unknown_field),
	cmocka_unit_test(test_bad_values),
	cmocka_unit_test(test_bad_operators),
	cmocka_unit_test(test_missing_values),
	cmocka_unit_test(test_quotes),
	cmocka_unit_test(test_structure),
	cmocka_unit_test(test_encoding),
	cmocka_unit_test(test_limits),
	cmocka_unit_test(test_null_error),
};

int run_error_tests(void)
{
	return cmocka_run_group_tests_name("query errors", error_tests, NULL, NULL);
}
