/* test_queue_dash.c: saved queues (personal, agency-wide, live counts,
 * permissions), duplicate suggestions and the dashboard's figures on
 * the fixture. */
#include "fixture.h"

#include <stdio.h>
#include <string.h>

struct qseen {
	char names[8][200];
	int64_t counts[8];
	int n;
};

static int q_add(const struct lp_saved_queue *q, int64_t count, void *ud)
{
	struct qseen *x = ud;
	if (x->n < 8) {
		snprintf(x->names[x->n], sizeof x->names[0], "%s%s", q->agency[0] ? "@" : "",
			 q->name);
		x->counts[x->n] = count;
	}
	x->n++;
	return 0;
}

static void queues(void **state)
{
	struct ffx *f = *state;
	struct lp_error err;
	struct qseen seen = { 0 };
	ffx_become(f, LP_ROLE_CLERK, "31.71");
	assert_ok(lp_queue_save(f->s, "mine", "assignee:me   AND status:assigned", false, &err),
		  &err);
	assert_int_equal(lp_queue_save(f->s, "shared", "status:new", true, &err), LP_EPERM);
	assert_int_equal(lp_queue_save(f->s, "bad", "stauts:new", false, &err), LP_EUSAGE);
	assert_int_equal(lp_queue_save(f->s, "", "status:new", false, &err), LP_EUSAGE);
	assert_int_equal(lp_queue_save(f->s, "x\x1b[31m", "status:new", false, &err), LP_EUSAGE);

	ffx_become(f, LP_ROLE_SUPERVISOR, "31.71");
	assert_ok(lp_queue_save(f->s, "jalan 31.71", "category:jalan-rusak", true, &err), &err);
	assert_ok(lp_queue_list(f->s, true, q_add, &seen, &err), &err);
	assert_int_equal(seen.n, 2);
	assert_string_equal(seen.names[0], "mine");
	assert_int_equal(seen.counts[0], 0);
	assert_string_equal(seen.names[1], "@jalan 31.71");
	assert_int_equal(seen.counts[1], 3); /* 1, 5, 7: not 4 (32.73) */

	struct lp_saved_queue q;
	assert_ok(lp_queue_get(f->s, "mine", &q, &err), &err);
	assert_string_equal(q.query, "assignee:me status:assigned");
	assert_int_equal(lp_queue_get(f->s, "nope", &q, &err), LP_ENOENT);

	/* Replacing keeps one queue of the name. */
	assert_ok(lp_queue_save(f->s, "mine", "status:new", false, &err), &err);
	memset(&seen, 0, sizeof seen);
	assert_ok(lp_queue_list(f->s, true, q_add, &seen, &err), &err);
	assert_int_equal(seen.n, 2);
	assert_int_equal(seen.counts[0], 1); /* case 6 */
	assert_ok(lp_queue_delete(f->s, "mine", false, &err), &err);
	assert_int_equal(lp_queue_delete(f->s, "mine", false, &err), LP_ENOENT);

	/* Another agency's officers do not see the agency queue. */
	ffx_become(f, LP_ROLE_SUPERVISOR, "32.73");
	memset(&seen, 0, sizeof seen);
	assert_ok(lp_queue_list(f->s, false, q_add, &seen, &err), &err);
	assert_int_equal(seen.n, 0);
	assert_int_equal(lp_queue_delete(f->s, "jalan 31.71", true, &err), LP_ENOENT);
}

struct sim {
	int64_t id[8];
	double score[8];
	int n;
};

static int sim_add(const struct lp_case *c, double score, void *ud)
{
	struct sim *x = ud;
	if (x->n < 8) {
		x->id[x->n] = c->id;
		x->score[x->n] = score;
	}
	x->n++;
	return 0;
}

static void similar(void **state)
{
	struct ffx *f = *state;
	struct lp_error err;
	struct sim s = { 0 };
	ffx_become(f, LP_ROLE_ADMIN, "KEMENPANRB");
	assert_ok(lp_case_similar(f->s, 1, 5, sim_add, &s, &err), &err);
	assert_int_equal(s.n, 2);
	assert_int_equal(s.id[0], 7);
	assert_true(s.score[0] > 0.99);
	assert_int_equal(s.id[1], 4); /* same category, another region */
	assert_true(s.score[1] > 0.15 && s.score[1] < 0.5);

	memset(&s, 0, sizeof s);
	ffx_become(f, LP_ROLE_COORDINATOR, "31");
	assert_ok(lp_case_similar(f->s, 1, 5, sim_add, &s, &err), &err);
	assert_int_equal(s.n, 1);
	assert_int_equal(s.id[0], 7);
	/* The secret case cannot be compared outside its agency, nor listed. */
	memset(&s, 0, sizeof s);
	assert_ok(lp_case_similar(f->s, 3, 5, sim_add, &s, &err), &err);
	assert_int_equal(s.n, 0);
	ffx_become(f, LP_ROLE_CLERK, "32.73");
	assert_int_equal(lp_case_similar(f->s, 1, 5, sim_add, &s, &err), LP_EPERM);
}

static void dashboard(void **state)
{
	struct ffx *f = *state;
	struct lp_error err;
	struct lp_dashboard *d = NULL;
	ffx_become(f, LP_ROLE_ADMIN, "KEMENPANRB");
	assert_ok(lp_dashboard_build(f->s, &d, &err), &err);
	assert_int_equal(d->total.open, 6);
	assert_int_equal(d->total.overdue, 1);
	assert_int_equal(d->total.due_soon, 1);
	assert_int_equal(d->n_agency, 2);
	assert_string_equal(d->by_agency[0].key, "31");
	assert_int_equal(d->by_agency[0].open, 5);
	assert_int_equal(d->by_agency[0].overdue, 1);
	assert_string_equal(d->by_agency[1].key, "32");
	assert_int_equal(d->by_agency[1].open, 1);
	assert_int_equal(d->n_officer, 1);
	assert_string_equal(d->by_officer[0].key, "budi");
	assert_int_equal(d->by_officer[0].due_soon, 1);
	assert_int_equal(d->measured, 1);
	assert_int_equal(d->on_time, 0);
	int64_t rec = 0, clo = 0;
	for (int i = 0; i < LP_DASH_DAYS; i++) {
		rec += d->received[i];
		clo += d->closed[i];
	}
	assert_int_equal(rec, 11);
	assert_int_equal(clo, 1);
	assert_int_equal(d->closed[LP_DASH_DAYS - 2], 1);
	assert_int_equal(d->received[LP_DASH_DAYS - 2], 2); /* 4 and 8, yesterday */
	assert_int_equal(d->n_hot, 1);
	assert_string_equal(d->hot[0].word, "banjir");
	assert_int_equal(d->hot[0].this_week, 3);
	assert_int_equal(d->hot[0].last_week, 1);
	lp_dashboard_destroy(d);

	ffx_become(f, LP_ROLE_COORDINATOR, "31.71");
	assert_ok(lp_dashboard_build(f->s, &d, &err), &err);
	assert_int_equal(d->total.open, 5);
	assert_int_equal(d->n_agency, 2);
	assert_string_equal(d->by_agency[0].key, "31.71");
	assert_int_equal(d->by_agency[0].open, 4);
	assert_string_equal(d->by_agency[1].key, "31.71.DISHUB");
	assert_int_equal(d->by_agency[1].open, 1);
	lp_dashboard_destroy(d);

	ffx_become(f, LP_ROLE_CLERK, "31.71");
	assert_int_equal(lp_dashboard_build(f->s, &d, &err), LP_EPERM);
	assert_null(d);
}

/* The store counts queues of open cases from the tallies (stat_open) and
 * the rest from the cases: every count equals the list's length, for
 * statuses tallied or not, scope, agency, assignee and a deadline bound
 * inside a day (NOW is not midnight), before and after cases change. */
static void check_counts(struct ffx *f)
{
	static const unsigned masks[] = {
		0,
		1u << LP_STATUS_NEW | 1u << LP_STATUS_POSTPONED,
		1u << LP_STATUS_ASSIGNED,
		1u << LP_STATUS_NEW | 1u << LP_STATUS_ASSIGNED | 1u << LP_STATUS_IN_PROGRESS |
			1u << LP_STATUS_POSTPONED | 1u << LP_STATUS_RESPONDED,
		1u << LP_STATUS_CLOSED | 1u << LP_STATUS_IN_PROGRESS,
	};
	static const char *const agencies[] = { NULL, "31.71", "32.73" };
	static const char *const assignees[] = { NULL, "", "budi" };
	const int64_t dues[] = { 0, NOW, NOW + DAYS(1) + 3600, NOW + DAYS(3), NOW + DAYS(30) };
	struct lp_error err;
	for (size_t m = 0; m < sizeof masks / sizeof *masks; m++)
		for (size_t a = 0; a < 3; a++)
			for (size_t w = 0; w < 3; w++)
				for (size_t d = 0; d < sizeof dues / sizeof *dues; d++)
					for (int sc = 0; sc < 2; sc++) {
		struct lp_case_filter fl;
		lp_case_filter_init(&fl);
		fl.status_mask = masks[m];
		fl.agency = agencies[a];
		fl.assignee = assignees[w];
		fl.due_before = dues[d];
		if (sc)
			fl.scope_path = "/KEMENPANRB/31/";
		struct ids got = { 0 };
		int64_t n = -1;
		assert_ok(lp_store_case_list(f->st, &fl, ids_add, &got, &err), &err);
		assert_ok(lp_store_case_count(f->st, &fl, &n, &err), &err);
		if (n != got.n)
			fail_msg("mask %zu agency %zu assignee %zu due %zu scope %d: count %lld, "
				 "list {%s}", m, a, w, d, sc, (long long)n, got.s);
					}
}

static void tallied_counts(void **state)
{
	struct ffx *f = *state;
	struct lp_error err;
	check_counts(f);
	/* Move cases between statuses, agencies, assignees and deadlines. */
	struct lp_case c;
	assert_ok(lp_store_begin(f->st, true, &err), &err);
	for (int64_t id = 1; id <= 7; id++) {
		assert_ok(lp_store_case_get(f->st, id, &c, &err), &err);
		int64_t v = c.version;
		c.version++;
		if (id % 2)
			c.status = c.status == LP_STATUS_NEW ? LP_STATUS_ASSIGNED : LP_STATUS_RESPONDED;
		if (id == 4)
			lp_strlcpy(c.agency, "31.71", sizeof c.agency);
		if (id == 6)
			lp_strlcpy(c.assignee, "budi", sizeof c.assignee);
		c.due_at = id == 2 ? 0 : NOW + DAYS(id) / 2;
		assert_ok(lp_store_case_update(f->st, &c, v, &err), &err);
		lp_case_clear(&c);
	}
	assert_ok(lp_store_commit(f->st, &err), &err);
	check_counts(f);
}

int run_queue_dash_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(queues, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(similar, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(dashboard, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(tallied_counts, ffx_setup, ffx_teardown),
	};
	return cmocka_run_group_tests_name("queues, duplicates, dashboard", tests, NULL, NULL);
}
