/* test_store_query.c: each query returns exactly the expected cases of
 * the fixture (fixture.c), in the store (lp_store_case_query), with the
 * count agreeing, keyset pages, and the text privacy condition. */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

#include "query.h"

static const struct {
	const char *query, *ids;
} CASES[] = {
	{ "", "1,2,3,4,5,6,7,8,9,10,11" },
	{ "status:assigned", "1,3,7" },
	{ "status:assigned,in_progress", "1,2,3,7" },
	{ "-status:closed -status:archived", "1,2,3,4,6,7" },
	{ "agency:31.71", "1,2,5,6,7,8,9,10,11" },
	{ "agency:31.71*", "1,2,3,5,6,7,8,9,10,11" },
	{ "agency:32.73,31.71.DISHUB", "3,4" },
	{ "under:31", "1,2,3,5,6,7,8,9,10,11" },
	{ "under:31.71.DISHUB", "3" },
	{ "under:32,31.71.DISHUB", "3,4" },
	{ "region:31.71.*", "1,2,3,5,6,7,8,9,10,11" },
	{ "region:31.71.01", "1,3,5,6,7" },
	{ "category:jalan-rusak", "1,4,5,7" },
	{ "category:jalan*", "1,4,5,7" },
	{ "category:JALAN*", "" },
	{ "assignee:me", "1" },
	{ "assignee:budi,none status:assigned", "1,3,7" },
	{ "unassigned status:assigned", "3,7" },
	{ "priority>=1", "1" },
	{ "priority:urgent", "1" },
	{ "id:2,4", "2,4" },
	{ "id>9", "10,11" },
	{ "escalated", "2" },
	{ "overdue", "2" },
	{ "due<2d", "1,2" },
	{ "due>2d", "4,7" },
	{ "age>7d", "1,5,11" },
	{ "created<4d", "2,3,4,8,9,10" },
	{ "created>=2026-11-17", "4,8" },
	{ "created:2026-11-17", "4,8" },
	{ "created<2026-11-17 created>=2026-11-15", "2,3,9,10" },
	{ "tracking:SMS-*", "6" },
	{ "channel:sms", "6" },
	{ "kind:aspiration", "6" },
	{ "jalan", "1,4,5,7" },
	{ "\"jalan rusak\"", "1,4,5" },
	{ "jal*", "1,4,5,7" },
	{ "JALAN", "1,4,5,7" },
	{ "aspal", "1,7" },
	{ "menambal", "" },
	{ "jalan -agency:32.73", "1,5,7" },
	{ "(kind:aspiration OR category:air-bersih)", "2,6" },
	{ "banjir OR sampah", "6,8,9,10,11" },
	{ "privacy:secret", "3" },
	{ "uang", "3" },
	{ "Siti", "" },
	/* Quotes inside a phrase separate words: "jalan\"" is the word jalan. */
	{ "\"a\\\"b\" OR \"x' OR 1=1 --\" OR \"jalan\\\"\"", "1,4,5,7" },
	{ "\"NEAR(jalan rusak)\" OR \"jalan\" AND \"x*\"", "" },
};

static void run(struct ffx *f, const char *text, const struct lp_case_filter *fl,
		const struct lp_query_ctx *x, struct ids *out, int64_t *count)
{
	struct lp_error err;
	struct lp_query *q = NULL;
	assert_ok(lp_query_parse(text, &q, &err), &err);
	memset(out, 0, sizeof *out);
	assert_ok(lp_store_case_query(f->st, fl, q, x, ids_add, out, &err), &err);
	if (count)
		assert_ok(lp_store_case_query_count(f->st, fl, q, x, count, &err), &err);
	lp_query_destroy(q);
}

static void admin_ctx(struct lp_query_ctx *x)
{
	memset(x, 0, sizeof *x);
	x->now = NOW;
	x->tz_minutes = 420;
	x->me = "budi";
	x->content_all = true;
	x->notes = true;
}

static void each_query(void **state)
{
	struct ffx *f = *state;
	struct lp_query_ctx x;
	admin_ctx(&x);
	for (size_t i = 0; i < sizeof CASES / sizeof *CASES; i++) {
		struct ids got;
		int64_t n = -1;
		run(f, CASES[i].query, NULL, &x, &got, &n);
		if (strcmp(got.s, CASES[i].ids) != 0)
			fail_msg("query '%s': got {%s}, expected {%s}", CASES[i].query, got.s,
				 CASES[i].ids);
		assert_int_equal(n, got.n);
	}
}

/* A secret case's text never matches outside its agency, in either sense. */
static void text_privacy(void **state)
{
	struct ffx *f = *state;
	struct lp_query_ctx x;
	struct ids got;
	admin_ctx(&x);
	x.content_all = false;
	x.content_agency = "31.71";
	run(f, "uang", NULL, &x, &got, NULL);
	assert_string_equal(got.s, "");
	run(f, "pungutan OR privacy:secret", NULL, &x, &got, NULL);
	assert_string_equal(got.s, "3"); /* by its privacy, not its text */
	run(f, "-uang", NULL, &x, &got, NULL);
	assert_string_equal(got.s, "1,2,3,4,5,6,7,8,9,10,11");
	x.content_agency = "31.71.DISHUB";
	run(f, "uang", NULL, &x, &got, NULL);
	assert_string_equal(got.s, "3");
}

/* The filter's scope applies with the query; keyset pages in id and due order. */
static void scope_and_pages(void **state)
{
	struct ffx *f = *state;
	struct lp_query_ctx x;
	struct lp_case_filter fl;
	struct ids got;
	admin_ctx(&x);
	lp_case_filter_init(&fl);
	fl.scope_agency = "31.71";
	fl.scope_status_mask = ~((1u << LP_STATUS_NEW) | (1u << LP_STATUS_POSTPONED));
	run(f, "jalan OR sampah", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "1,5,7");

	lp_case_filter_init(&fl);
	fl.limit = 3;
	run(f, "-status:archived", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "1,2,3");
	fl.has_after = true;
	fl.after_id = 3;
	run(f, "-status:archived", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "4,5,6");
	fl.after_id = 6;
	run(f, "-status:archived", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "7");

	lp_case_filter_init(&fl);
	fl.order = LP_ORDER_DUE;
	fl.limit = 4;
	run(f, "status:new,assigned,in_progress", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "2,1,4,7");
	fl.has_after = true;
	fl.after_key = NOW + DAYS(5);
	fl.after_id = 7;
	run(f, "status:new,assigned,in_progress", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "3,6");

	lp_case_filter_init(&fl);
	fl.descending = true;
	fl.limit = 2;
	run(f, "", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "11,10");
}

/* A queue of several statuses in due or update order with a query (the
 * console's "To verify" limited to an agency): the store reads one arm
 * per status in order and merges them; the page, its keyset and the
 * statuses of the filter and of the query all hold. */
static void statuses_in_order(void **state)
{
	struct ffx *f = *state;
	struct lp_query_ctx x;
	struct lp_case_filter fl;
	struct ids got;
	admin_ctx(&x);
	lp_case_filter_init(&fl);
	fl.status_mask = (1u << LP_STATUS_NEW) | (1u << LP_STATUS_ASSIGNED);
	fl.order = LP_ORDER_DUE;
	fl.limit = 2;
	run(f, "agency:31.71", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "1,7");
	fl.has_after = true;
	fl.after_key = NOW + DAYS(5);
	fl.after_id = 7;
	run(f, "agency:31.71", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "6"); /* no clock: last */
	fl.has_after = false;
	run(f, "agency:31.71 status:new,closed", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "6");

	lp_case_filter_init(&fl);
	fl.status_mask = (1u << LP_STATUS_NEW) | (1u << LP_STATUS_ASSIGNED) |
			 (1u << LP_STATUS_IN_PROGRESS);
	fl.order = LP_ORDER_UPDATED;
	fl.descending = true;
	fl.limit = 3;
	run(f, "-category:sampah", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "4,3,2");
	fl.has_after = true;
	fl.after_key = NOW - DAYS(3);
	fl.after_id = 2;
	run(f, "-category:sampah", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "7,1");
}

/* A large queue: more matches than the store's probe (10000), so the page
 * is read in id order without the index; pages and counts stay exact. */
static void large_queue(void **state)
{
	struct ffx *f = *state;
	struct lp_error err;
	struct lp_case c = { 0 };
	assert_ok(lp_store_begin(f->st, true, &err), &err);
	for (int i = 0; i < 10050; i++) {
		memset(&c, 0, sizeof c);
		snprintf(c.tracking_id, sizeof c.tracking_id, "BULK-%05d", i);
		c.status = i % 2 ? LP_STATUS_NEW : LP_STATUS_CLOSED;
		lp_strlcpy(c.agency, "31.71", sizeof c.agency);
		lp_strlcpy(c.region, "31.71.09", sizeof c.region);
		c.priority = i == 10001 ? 2 : 0;
		c.created_at = c.updated_at = NOW - DAYS(40);
		c.clock_stage = -1;
		c.version = 1;
		c.title = lp_strdup(i % 3 ? "Keluhan umum" : "Keluhan jalan umum");
		assert_ok(lp_store_case_insert(f->st, &c, &err), &err);
		lp_case_clear(&c);
	}
	assert_ok(lp_store_commit(f->st, &err), &err);
	struct lp_query_ctx x;
	struct lp_case_filter fl;
	struct ids got;
	int64_t n = 0;
	admin_ctx(&x);
	lp_case_filter_init(&fl);
	fl.limit = 3;
	run(f, "region:31.71.09", &fl, &x, &got, &n);
	assert_string_equal(got.s, "12,13,14");
	assert_int_equal(n, 10050);
	fl.has_after = true;
	fl.after_id = 10000;
	run(f, "region:31.71.09 status:new", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "10001,10003,10005");
	fl.descending = true;
	fl.after_id = 60;
	run(f, "region:31.71.09 -status:closed", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "59,57,55");
	lp_case_filter_init(&fl);
	run(f, "region:31.71.09 priority:urgent", &fl, &x, &got, NULL);
	assert_string_equal(got.s, "10013");
	/* Text drives the page from case_fts in id order. */
	fl.limit = 2;
	fl.has_after = true;
	fl.after_id = 100;
	run(f, "jalan region:31.71.09", &fl, &x, &got, &n);
	assert_string_equal(got.s, "102,105");
	assert_int_equal(n, 3350);
	/* A capped count. */
	x.count_cap = 1000;
	run(f, "region:31.71.09", NULL, &x, &got, &n);
	assert_int_equal(n, 1000);
}

int run_store_query_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(each_query, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(text_privacy, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(scope_and_pages, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(statuses_in_order, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(large_queue, ffx_setup, ffx_teardown),
	};
	return cmocka_run_group_tests_name("store query", tests, NULL, NULL);
}
