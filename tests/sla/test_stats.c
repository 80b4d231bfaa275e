/* test_stats.c: lp_stats on a small database whose figures are computed
 * by hand (the cases of sla_db.h, all created at SLA_NOW - 30 days). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "journal.h"
#include "sla.h"
#include "sla_db.h"
#include "stats.h"

#define T0 (SLA_NOW - 30 * 86400)

/* Appends an event `action` at `at` (detail may be NULL) to case id. */
static void add_event(struct sla_db *d, int64_t id, enum lp_action action, int64_t at,
		      const char *detail)
{
	struct lp_error err;
	struct lp_case c = sla_db_case(d, id);
	struct lp_event e;
	memset(&e, 0, sizeof e);
	e.at = at;
	lp_strlcpy(e.officer, "sup", sizeof e.officer);
	e.action = action;
	e.status_from = e.status_to = c.status;
	lp_strlcpy(e.agency_to, c.agency, sizeof e.agency_to);
	e.visibility = LP_VIS_PUBLIC;
	e.detail = (char *)detail;
	assert_int_equal(lp_store_begin(d->st, true, &err), LP_OK);
	int64_t v = c.version;
	c.version++;
	assert_int_equal(lp_journal_append(d->st, &c, &e, &err), LP_OK);
	assert_int_equal(lp_store_case_update(d->st, &c, v, &err), LP_OK);
	/* The report's columns, as lp_act() writes them (a reply, a close). */
	struct lp_case_outcome o;
	if (lp_sla_outcome(action, &c, &c, at, &o))
		assert_int_equal(lp_store_case_outcome(d->st, id, &o, &err), LP_OK);
	assert_int_equal(lp_store_commit(d->st, &err), LP_OK);
	lp_case_clear(&c);
}

struct got {
	struct lp_stats_row r[8];
	char key[8][32];
	int n;
};

static int collect(const struct lp_stats_row *r, void *ud)
{
	struct got *g = ud;
	if (g->n >= 8)
		return 1;
	g->r[g->n] = *r;
	lp_strlcpy(g->key[g->n], r->key, sizeof g->key[g->n]);
	g->r[g->n].key = g->key[g->n];
	g->n++;
	return 0;
}

static struct sla_db db;
static struct lp_session *adm;   /* the admin: sees every case */

static int setup(void **state)
{
	(void)state;
	if (sla_db_open(&db))
		return -1;
	/* 3 overdue in_progress at 31.71, replies after 1, 2 and 3 hours. */
	int64_t a = sla_db_cases(&db, 3, "31.71", LP_STATUS_IN_PROGRESS,
				 LP_STAGE_SETTLEMENT, SLA_NOW - 3600);
	/* 2 in_progress at 31.71.DISHUB due tomorrow, one reply after 4 h. */
	int64_t b = sla_db_cases(&db, 2, "31.71.DISHUB", LP_STATUS_IN_PROGRESS,
				 LP_STAGE_SETTLEMENT, SLA_NOW + 86400);
	/* 1 closed at 32.73, closed after 10 hours, rated 2 then 5. */
	int64_t c = sla_db_cases(&db, 1, "32.73", LP_STATUS_CLOSED, LP_STAGE_SETTLEMENT, 0);
	if (!a || !b || !c)
		return -1;
	for (int i = 0; i < 3; i++)
		add_event(&db, a + i, LP_ACTION_REPLY, T0 + 3600 * (i + 1), NULL);
	add_event(&db, b, LP_ACTION_REPLY, T0 + 4 * 3600, NULL);
	/* A second reply: the time to first response stays the first's. */
	add_event(&db, a, LP_ACTION_REPLY, T0 + 20 * 3600, NULL);
	add_event(&db, c, LP_ACTION_CLOSE, T0 + 10 * 3600, "resolved");
	add_event(&db, c, LP_ACTION_FEEDBACK, T0 + 11 * 3600, "2");
	add_event(&db, c, LP_ACTION_FEEDBACK, T0 + 12 * 3600, "5");
	adm = sla_db_session(&db, "adm");
	return adm ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	lp_session_close(adm);
	sla_db_close(&db);
	return 0;
}

static void test_all(void **state)
{
	(void)state;
	struct got g = { .n = 0 };
	struct lp_stats_opts o = { NULL, 0, 0, LP_STATS_BY_NONE };
	struct lp_error err;
	assert_int_equal(lp_stats(adm, &o, collect, &g, &err), LP_OK);
	assert_int_equal(g.n, 1);
	assert_string_equal(g.r[0].key, "");
	assert_int_equal(g.r[0].received, 6);
	assert_int_equal(g.r[0].closed, 1);
	assert_int_equal(g.r[0].open, 5);
	assert_int_equal(g.r[0].overdue, 3);
	assert_int_equal(g.r[0].responded, 4);
	/* replies after 1, 2, 3, 4 hours: the lower median is 2 hours */
	assert_int_equal(g.r[0].median_response, 2 * 3600);
	assert_int_equal(g.r[0].median_closure, 10 * 3600);
	assert_int_equal(g.r[0].rating_count, 2);
	assert_true(lp_stats_rating(&g.r[0]) > 3.49 && lp_stats_rating(&g.r[0]) < 3.51);
}

static void test_by_agency_and_scope(void **state)
{
	(void)state;
	struct got g = { .n = 0 };
	struct lp_stats_opts o = { "31.71", 0, 0, LP_STATS_BY_AGENCY };
	struct lp_error err;
	assert_int_equal(lp_stats(adm, &o, collect, &g, &err), LP_OK);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.r[0].key, "31.71");
	assert_int_equal(g.r[0].received, 3);
	assert_int_equal(g.r[0].overdue, 3);
	assert_int_equal(g.r[0].median_response, 2 * 3600);
	assert_int_equal(g.r[0].median_closure, -1);
	assert_string_equal(g.r[1].key, "31.71.DISHUB");
	assert_int_equal(g.r[1].received, 2);
	assert_int_equal(g.r[1].responded, 1);
	assert_int_equal(g.r[1].overdue, 0);
	assert_int_equal(g.r[1].median_response, 4 * 3600);

	/* The clerk budi (31.71.DISHUB) sees only his agency's cases. */
	struct lp_session *budi = sla_db_session(&db, "budi");
	assert_non_null(budi);
	struct got h = { .n = 0 };
	o.agency = NULL;
	assert_int_equal(lp_stats(budi, &o, collect, &h, &err), LP_OK);
	assert_int_equal(h.n, 1);
	assert_string_equal(h.r[0].key, "31.71.DISHUB");
	lp_session_close(budi);
}

static void test_root_sees_nothing(void **state)
{
	(void)state;
	/* Root without an officer record has an empty scope. */
	struct got g = { .n = 0 };
	struct lp_stats_opts o = { NULL, 0, 0, LP_STATS_BY_NONE };
	struct lp_error err;
	assert_int_equal(lp_stats(db.s, &o, collect, &g, &err), LP_OK);
	assert_int_equal(g.n, 0);
}

static void test_window(void **state)
{
	(void)state;
	struct got g = { .n = 0 };
	struct lp_stats_opts o = { NULL, T0 + 1, 0, LP_STATS_BY_NONE };
	struct lp_error err;
	assert_int_equal(lp_stats(adm, &o, collect, &g, &err), LP_OK);
	assert_int_equal(g.n, 0);
	o.from = T0;
	o.to = T0 + 1;
	assert_int_equal(lp_stats(adm, &o, collect, &g, &err), LP_OK);
	assert_int_equal(g.n, 1);
	assert_int_equal(g.r[0].received, 6);
	o.to = T0;
	assert_int_equal(lp_stats(adm, &o, collect, &g, &err), LP_EUSAGE);
	o.to = 0;
	o.agency = "NOSUCH";
	assert_int_equal(lp_stats(adm, &o, collect, &g, &err), LP_ENOENT);
}

static void test_policy_set(void **state)
{
	(void)state;
	struct lp_error err;
	struct lp_sla_policy p = { LP_KIND_COMPLAINT, LP_STAGE_SETTLEMENT, false, 9, true };
	struct lp_session *budi = sla_db_session(&db, "budi");
	assert_non_null(budi);
	assert_int_equal(lp_sla_policy_set(budi, &p, &err), LP_EPERM);
	lp_session_close(budi);
	assert_int_equal(lp_sla_policy_set(db.s, &p, &err), LP_OK);
	struct lp_sla_policy out;
	assert_int_equal(lp_store_policy_get(db.st, p.kind, p.stage, false, &out, &err), LP_OK);
	assert_int_equal(out.days, 9);
	p.days = 0;
	assert_int_equal(lp_sla_policy_set(db.s, &p, &err), LP_EUSAGE);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_all),
		cmocka_unit_test(test_by_agency_and_scope),
		cmocka_unit_test(test_root_sees_nothing),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_policy_set),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
