/* test_query.c: the query tree: precedence, negation, quoting, every
 * field, columns, printing and round trips, accessors. */
#include "query_test.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model.h"

static void test_empty(void **state)
{
	const char *texts[] = { "", "   ", "\t\n" };
	for (size_t i = 0; i < 3; i++) {
		struct lp_query *q = parse_ok(texts[i]);
		assert_null(lp_query_root(q));
		assert_int_equal(lp_query_terms(q), 0);
		char buf[8] = "xx";
		assert_int_equal(lp_query_print(q, buf, sizeof buf), 0);
		assert_string_equal(buf, "");
		lp_query_destroy(q);
	}
	struct lp_query *q = NULL;
	assert_int_equal(lp_query_parse(NULL, &q, NULL), LP_OK);
	assert_null(lp_query_root(q));
	lp_query_destroy(q);
	lp_query_destroy(NULL);
}

static void test_precedence(void **state)
{
	const char *abc = "(or (and [text : s:a] [text : s:b]) [text : s:c])";
	assert_string_equal(tree_of("a b OR c"), abc);
	assert_string_equal(tree_of("a AND b OR c"), abc);
	assert_string_equal(tree_of("(a AND b) OR c"), abc);
	assert_string_equal(tree_of("a OR b c"),
			    "(or [text : s:a] (and [text : s:b] [text : s:c]))");
	assert_string_equal(tree_of("a (b OR c)"),
			    "(and [text : s:a] (or [text : s:b] [text : s:c]))");
	assert_string_equal(tree_of("a AND b OR c AND d OR e"),
			    "(or (and [text : s:a] [text : s:b]) (and [text : s:c] [text : s:d]) "
			    "[text : s:e])");
	/* nested nodes of the same type are flattened */
	assert_string_equal(tree_of("a (b c)"), "(and [text : s:a] [text : s:b] [text : s:c])");
	assert_string_equal(tree_of("(a OR b) OR (c OR d)"),
			    "(or [text : s:a] [text : s:b] [text : s:c] [text : s:d])");
	assert_string_equal(tree_of("((((a))))"), "[text : s:a]");
	/* parentheses need no spaces */
	assert_string_equal(tree_of("(a OR b)(c)"),
			    "(and (or [text : s:a] [text : s:b]) [text : s:c])");
	/* lower-case keywords are words */
	assert_string_equal(tree_of("a or b and not c"),
			    "(and [text : s:a] [text : s:or] [text : s:b] [text : s:and] "
			    "[text : s:not] [text : s:c])");
	assert_string_equal(tree_of("ORANGE ANDROID NOTE"),
			    "(and [text : s:ORANGE] [text : s:ANDROID] [text : s:NOTE])");

	struct lp_query *a = parse_ok("a b OR c"), *b = parse_ok("(a AND b) OR c");
	struct lp_query *c = parse_ok("a (b OR c)");
	assert_true(lp_query_equal(a, b));
	assert_false(lp_query_equal(a, c));
	assert_false(lp_query_equal(a, NULL));
	assert_true(lp_query_equal(NULL, NULL));
	lp_query_destroy(a);
	lp_query_destroy(b);
	lp_query_destroy(c);
}

static void test_negation(void **state)
{
	assert_string_equal(tree_of("-status:closed"), "(not [status : e:5])");
	assert_string_equal(tree_of("NOT status:closed"), "(not [status : e:5])");
	assert_string_equal(tree_of("NOT (a OR b)"), "(not (or [text : s:a] [text : s:b]))");
	assert_string_equal(tree_of("-(a b)"), "(not (and [text : s:a] [text : s:b]))");
	assert_string_equal(tree_of("NOT a b"), "(and (not [text : s:a]) [text : s:b])");
	assert_string_equal(tree_of("-a OR b"), "(or (not [text : s:a]) [text : s:b])");
	assert_string_equal(tree_of("--a"), "(not (not [text : s:a]))");
	assert_string_equal(tree_of("NOT -a"), "(not (not [text : s:a]))");
	assert_string_equal(tree_of("-\"jalan rusak\""), "(not [text : s:jalan rusak])");
	assert_string_equal(tree_of("-escalated"), "(not [escalated flag])");
	/* a dash inside a word is part of it */
	assert_string_equal(tree_of("covid-19"), "[text : s:covid-19]");

	struct lp_query *q = parse_ok("x NOT (a OR b)");
	const struct lp_qnode *not = lp_qnode_child(lp_query_root(q), 1);
	assert_int_equal(lp_qnode_type(not), LP_QN_NOT);
	assert_int_equal(lp_qnode_column(not), 3);
	assert_int_equal(lp_qnode_column(lp_qnode_child(not, 0)), 8);
	assert_int_equal(lp_qnode_column(lp_qnode_child(lp_qnode_child(not, 0), 1)), 13);
	lp_query_destroy(q);
}

static void test_quoting(void **state)
{
	assert_string_equal(tree_of("\"jalan rusak\""), "[text : s:jalan rusak]");
	assert_string_equal(tree_of("\"say \\\"hi\\\"\""), "[text : s:say \"hi\"]");
	assert_string_equal(tree_of("\"a\\\\b\""), "[text : s:a\\b]");
	assert_string_equal(tree_of("\"C:\\path\""), "[text : s:C:\\path]");
	assert_string_equal(tree_of("\"OR\" \"status:new\" \"jal*\""),
			    "(and [text : s:OR] [text : s:status:new] [text : s:jal*])");
	assert_string_equal(tree_of("\"a\"(b)"), "(and [text : s:a] [text : s:b])");
	assert_string_equal(tree_of("category:\"air bersih\",jalan"),
			    "[category : s:air bersih s:jalan]");
	assert_string_equal(tree_of("category:\"jal*\" category:jal*"),
			    "(and [category : s:jal*] [category : p:jal])");
	assert_string_equal(tree_of("text:\"jalan rusak\""), "[text : s:jalan rusak]");
	assert_string_equal(tree_of("status:\"new\""), "[status : e:0]");
	assert_string_equal(tree_of("\"  spasi  \""), "[text : s:  spasi  ]");
	/* UTF-8 words and phrases */
	assert_string_equal(tree_of("\xe5\x8f\xb0 \"Jl. Sudirman\xe2\x80\x94Kav. 5\""),
			    "(and [text : s:\xe5\x8f\xb0] [text : s:Jl. Sudirman\xe2\x80\x94Kav. 5])");
}

static void test_issue_example(void **state)
{
	const char *q = "status:assigned,in_progress agency:31.71 under:31 kind:complaint "
			"channel:sms category:jalan region:31.* assignee:me assignee:none "
			"privacy:secret escalated overdue due<2d age>7d created>=2026-01-01 "
			"\"jalan rusak\" -status:closed";
	assert_string_equal(tree_of(q),
			    "(and [status : e:2 e:3] [agency : c:31.71] [under : c:31] "
			    "[kind : e:0] [channel : e:1] [category : s:jalan] [region : p:31.] "
			    "[assignee : me] [assignee : none] [privacy : e:2] [escalated flag] "
			    "[overdue flag] [due < u:2d] [age > u:7d] "
			    "[created >= d:2026-01-01/20454] [text : s:jalan rusak] "
			    "(not [status : e:5]))");
	round_trip(q, q);
	struct lp_query *p = parse_ok(q);
	assert_int_equal(lp_query_terms(p), 17);
	lp_query_destroy(p);
}

static void test_fields(void **state)
{
	static const struct { const char *in, *tree; } cases[] = {
		{ "status:new,postponed,assigned,in_progress,responded,closed,archived",
		  "[status : e:0 e:1 e:2 e:3 e:4 e:5 e:6]" },
		{ "agency:KEMENPANRB,31.71.DISHUB", "[agency : c:KEMENPANRB c:31.71.DISHUB]" },
		{ "agency:31.*", "[agency : p:31.]" },
		{ "under:31,KEMENKES", "[under : c:31 c:KEMENKES]" },
		{ "kind:complaint,aspiration,information_request", "[kind : e:0 e:1 e:2]" },
		{ "channel:web,sms,app,social,letter,walk_in",
		  "[channel : e:0 e:1 e:2 e:3 e:4 e:5]" },
		{ "category:jalan,kesehatan", "[category : s:jalan s:kesehatan]" },
		{ "category:jal*", "[category : p:jal]" },
		{ "region:31,31.71,31.71.01,31.71.01.1001",
		  "[region : c:31 c:31.71 c:31.71.01 c:31.71.01.1001]" },
		{ "region:3*,31.7*", "[region : p:3 p:31.7]" },
		{ "assignee:me,none,budi.santoso,op_1", "[assignee : me none c:budi.santoso c:op_1]" },
		{ "unassigned", "[assignee : none]" },
		{ "privacy:public,anonymous,secret", "[privacy : e:0 e:1 e:2]" },
		{ "priority:0,1,2", "[priority : i:0 i:1 i:2]" },
		{ "priority:normal,high,urgent", "[priority : i:0 i:1 i:2]" },
		{ "priority>=high", "[priority >= i:1]" },
		{ "priority=2", "[priority = i:2]" },
		{ "escalated", "[escalated flag]" },
		{ "overdue", "[overdue flag]" },
		{ "due<2d", "[due < u:2d]" },
		{ "due<=3h", "[due <= u:3h]" },
		{ "due>1w", "[due > u:1w]" },
		{ "due>=30m", "[due >= u:30m]" },
		{ "due:2026-01-05", "[due : d:2026-01-05/20458]" },
		{ "due=2026-01-05", "[due = d:2026-01-05/20458]" },
		{ "due<2026-01-05", "[due < d:2026-01-05/20458]" },
		{ "age>7d", "[age > u:7d]" },
		{ "age<=0d", "[age <= u:0d]" },
		{ "created>=2026-01-01", "[created >= d:2026-01-01/20454]" },
		{ "created:2000-02-29", "[created : d:2000-02-29/11016]" },
		{ "created>1900-03-01", "[created > d:1900-03-01/-25508]" },
		{ "created<2d", "[created < u:2d]" },
		{ "updated<1h", "[updated < u:1h]" },
		{ "updated=2026-01-01", "[updated = d:2026-01-01/20454]" },
		{ "id:1,2,3", "[id : i:1 i:2 i:3]" },
		{ "id>100", "[id > i:100]" },
		{ "id<=9223372036854775807", "[id <= i:9223372036854775807]" },
		{ "tracking:SMS-2026-000123,WEB-1", "[tracking : s:SMS-2026-000123 s:WEB-1]" },
		{ "tracking:SMS-*", "[tracking : p:SMS-]" },
		{ "tracking:\"a b\"", "[tracking : s:a b]" },
		{ "text:jalan", "[text : s:jalan]" },
		{ "text:\"jalan rusak\"", "[text : s:jalan rusak]" },
		{ "jal*", "[text : p:jal]" },
		{ "jalan", "[text : s:jalan]" },
		{ "10:30", "[text : s:10:30]" },
		{ "a,b", "[text : s:a,b]" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const char *got = tree_of(cases[i].in);
		if (strcmp(got, cases[i].tree) != 0)
			fail_msg("%s: got %s, expected %s", cases[i].in, got, cases[i].tree);
	}
	/* every field name parses back to itself */
	for (int f = 0; f < LP_QF_COUNT; f++)
		assert_int_equal(lp_qfield_parse(lp_qfield_name(f)), f);
	assert_int_equal(lp_qfield_parse("stauts"), -1);
	assert_int_equal(lp_qfield_parse(NULL), -1);
	assert_string_equal(lp_qfield_name(LP_QF_COUNT), "?");
	assert_string_equal(lp_qop_text(LP_QOP_GE), ">=");
	assert_string_equal(lp_qop_text(LP_QOP_FLAG), "");
}

static void test_durations(void **state)
{
	struct lp_query *q = parse_ok("due<30m due<3h due<2d due<1w");
	const struct lp_qnode *root = lp_query_root(q);
	const int64_t want[] = { 1800, 10800, 172800, 604800 };
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(lp_qvalue_seconds(lp_qnode_value(lp_qnode_child(root, i), 0)),
				 want[i]);
	lp_query_destroy(q);
	q = parse_ok("id:5");
	assert_int_equal(lp_qvalue_seconds(lp_qnode_value(lp_query_root(q), 0)), 0);
	assert_int_equal(lp_qvalue_seconds(NULL), 0);
	lp_query_destroy(q);
}

static void test_columns(void **state)
{
	/* columns count characters, not bytes: "é" and "台" are one each */
	struct lp_query *q = parse_ok("\xc3\xa9 \xe5\x8f\xb0  status:new,closed (a OR -b)");
	const struct lp_qnode *root = lp_query_root(q), *st, *grp;
	assert_int_equal(lp_qnode_type(root), LP_QN_AND);
	assert_int_equal(lp_qnode_column(root), 1);
	assert_int_equal(lp_qnode_column(lp_qnode_child(root, 1)), 3);
	st = lp_qnode_child(root, 2);
	assert_int_equal(lp_qnode_column(st), 6);
	assert_int_equal(lp_qnode_value(st, 0)->column, 13);
	assert_int_equal(lp_qnode_value(st, 1)->column, 17);
	grp = lp_qnode_child(root, 3);
	assert_int_equal(lp_qnode_type(grp), LP_QN_OR);
	assert_int_equal(lp_qnode_column(grp), 25);
	assert_int_equal(lp_qnode_column(lp_qnode_child(grp, 1)), 30);
	assert_int_equal(lp_qnode_column(lp_qnode_child(lp_qnode_child(grp, 1), 0)), 31);
	lp_query_destroy(q);
}

static void test_round_trip(void **state)
{
	static const struct { const char *in, *canonical; } cases[] = {
		{ "a b OR c", "a b OR c" },
		{ "(a AND b) OR c", "a b OR c" },
		{ "a (b OR c)", "a (b OR c)" },
		{ "a   AND\tb", "a b" },
		{ "NOT (a OR b)", "-(a OR b)" },
		{ "NOT   a", "-a" },
		{ "-(a b)", "-(a b)" },
		{ "--a", "--a" },
		{ "-(-(a OR b) c)", "-(-(a OR b) c)" },
		{ "unassigned", "assignee:none" },
		{ "priority>=high", "priority>=1" },
		{ "status:\"new\"", "status:new" },
		{ "\"jalan\"", "jalan" },
		{ "\"jalan rusak\"", "\"jalan rusak\"" },
		{ "text:jalan", "jalan" },
		{ "\"say \\\"hi\\\"\"", "\"say \\\"hi\\\"\"" },
		{ "\"a\\b\"", "a\\b" },
		{ "\"a\\b c\\\\\"", "\"a\\\\b c\\\\\"" },
		{ "\"OR\" \"NOT\" \"AND\" \"overdue\" \"escalated\" \"unassigned\"",
		  "\"OR\" \"NOT\" \"AND\" \"overdue\" \"escalated\" \"unassigned\"" },
		{ "\"status:new\" \"-x\" \"jal*\" \"(\" \"a,b\"",
		  "\"status:new\" \"-x\" \"jal*\" \"(\" a,b" },
		{ "jal* text:-x* 10:30 \"ab<c\"", "jal* text:-x* 10:30 \"ab<c\"" },
		{ "category:\"air bersih\",jalan,\"x*\",y* tracking:\"a,b\"",
		  "category:\"air bersih\",jalan,\"x*\",y* tracking:\"a,b\"" },
		{ "region:31.* agency:31.71 under:31", "region:31.* agency:31.71 under:31" },
		{ "due<2d age>7d created>=2026-01-01 updated:2026-02-03 due=2026-01-05",
		  "due<2d age>7d created>=2026-01-01 updated:2026-02-03 due=2026-01-05" },
		{ "id:1,2,3 id>100 priority<=2", "id:1,2,3 id>100 priority<=2" },
		{ "(escalated OR overdue) -assignee:me,none,budi",
		  "(escalated OR overdue) -assignee:me,none,budi" },
		{ "\xc3\xa9t\xc3\xa9 \"\xe5\x8f\xb0 x\"", "\xc3\xa9t\xc3\xa9 \"\xe5\x8f\xb0 x\"" },
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		round_trip(cases[i].in, cases[i].canonical);
}

static void test_print_buffer(void **state)
{
	struct lp_query *q = parse_ok("status:new OR overdue");
	char buf[8];
	assert_int_equal(lp_query_print(q, buf, sizeof buf), 21);
	assert_string_equal(buf, "status:");
	assert_int_equal(lp_query_print(q, buf, 1), 21);
	assert_string_equal(buf, "");
	assert_int_equal(lp_query_print(q, NULL, 0), 21);
	char big[64];
	assert_int_equal(lp_query_print(q, big, sizeof big), 21);
	assert_string_equal(big, "status:new OR overdue");
	lp_query_destroy(q);
	assert_int_equal(lp_query_print(NULL, buf, sizeof buf), 0);
	assert_string_equal(buf, "");
}

static void test_limits(void **state)
{
	char text[LP_QUERY_MAX_BYTES + 2];
	struct lp_query *q;

	/* exactly 256 terms */
	size_t len = 0;
	for (int i = 0; i < LP_QUERY_MAX_TERMS; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "%sw%d", i ? " " : "", i);
	q = parse_ok(text);
	assert_int_equal(lp_query_terms(q), LP_QUERY_MAX_TERMS);
	assert_int_equal(lp_qnode_child_count(lp_query_root(q)), LP_QUERY_MAX_TERMS);
	lp_query_destroy(q);

	/* exactly 4096 bytes */
	memset(text, 'a', LP_QUERY_MAX_BYTES);
	text[LP_QUERY_MAX_BYTES] = '\0';
	q = parse_ok(text);
	assert_int_equal(strlen(lp_qnode_value(lp_query_root(q), 0)->text), LP_QUERY_MAX_BYTES);
	lp_query_destroy(q);

	/* 32 levels of parentheses and negations */
	len = 0;
	for (int i = 0; i < LP_QUERY_MAX_DEPTH / 2; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, "(-");
	len += (size_t)snprintf(text + len, sizeof text - len, "x");
	for (int i = 0; i < LP_QUERY_MAX_DEPTH / 2; i++)
		text[len++] = ')';
	text[len] = '\0';
	q = parse_ok(text);
	lp_query_destroy(q);

	/* 1024 values */
	len = (size_t)snprintf(text, sizeof text, "id:1");
	for (int i = 1; i < LP_QUERY_MAX_VALUES; i++)
		len += (size_t)snprintf(text + len, sizeof text - len, ",%d", i % 10);
	q = parse_ok(text);
	assert_int_equal(lp_qnode_value_count(lp_query_root(q)), LP_QUERY_MAX_VALUES);
	lp_query_destroy(q);
}

static const struct CMUnitTest tree_tests[] = {
	cmocka_unit_test(test_empty),
	cmocka_unit_test(test_precedence),
	cmocka_unit_test(test_negation),
	cmocka_unit_test(test_quoting),
	cmocka_unit_test(test_issue_example),
	cmocka_unit_test(test_fields),
	cmocka_unit_test(test_durations),
	cmocka_unit_test(test_columns),
	cmocka_unit_test(test_round_trip),
	cmocka_unit_test(test_print_buffer),
	cmocka_unit_test(test_limits),
};

int run_tree_tests(void)
{
	return cmocka_run_group_tests_name("query tree", tree_tests, NULL, NULL);
}
