/* test_ontime.c: the on-time rate per stage of `lapor stats`, through
 * lp_act on a real database, every figure computed by hand: stages that
 * ended by or after their deadline, an extension that saves a reply, the
 * open cases whose running deadline passed (late), and a second
 * settlement (after a reopening) replacing the first. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdlib.h>
#include <string.h>

#include "sla.h"
#include "sla_db.h"
#include "stats.h"
#include "workflow.h"

#define D (SLA_NOW - 10 * 86400)   /* Sunday 8 Nov 2026, 15:53 WIB */
#define DIS "31.71.DISHUB"

static struct sla_db db;

/* Acts as `login` at time `at`; the result code. */
static int act(const char *login, int64_t at, struct lp_action_args a)
{
	struct lp_officer o;
	struct lp_error err;
	assert_int_equal(lp_store_officer_get(db.st, login, &o, &err), LP_OK);
	lp_session_set_now(db.s, at);
	int rc = lp_act_as(db.s, &o, &a, NULL, &err);
	lp_session_set_now(db.s, SLA_NOW);
	if (rc != LP_OK)
		print_message("%s: %s\n", login, err.msg);
	return rc;
}

static void verify(int64_t id, int64_t at)
{
	assert_int_equal(act("adm", at, (struct lp_action_args){ .action = LP_ACTION_VERIFY,
			     .case_id = id, .agency = DIS }), LP_OK);
}

static void reply(int64_t id, int64_t at)
{
	assert_int_equal(act("budi", at - 1, (struct lp_action_args){ .action = LP_ACTION_CLAIM,
			     .case_id = id }), LP_OK);
	assert_int_equal(act("budi", at, (struct lp_action_args){ .action = LP_ACTION_REPLY,
			     .case_id = id, .text = "Sudah ditangani" }), LP_OK);
}

static int collect(const struct lp_stats_row *r, void *ud)
{
	*(struct lp_stats_row *)ud = *r;
	return 0;
}

static int setup(void **state)
{
	(void)state;
	return sla_db_open(&db) ? -1 : 0;
}

static int teardown(void **state)
{
	(void)state;
	sla_db_close(&db);
	return 0;
}

static void test_ontime_per_stage(void **state)
{
	(void)state;
	/* Verification: V1 verified an hour early (met), V2 an hour late,
	 * V3 never and its deadline passed an hour ago (late, open), V4
	 * due tomorrow (not counted). */
	int64_t v = sla_db_cases(&db, 2, DIS, LP_STATUS_NEW, LP_STAGE_VERIFICATION, D);
	int64_t v3 = sla_db_cases(&db, 1, DIS, LP_STATUS_NEW, LP_STAGE_VERIFICATION,
				  SLA_NOW - 3600);
	int64_t v4 = sla_db_cases(&db, 1, DIS, LP_STATUS_NEW, LP_STAGE_VERIFICATION,
				  SLA_NOW + 86400);
	/* First response: R1 replied at the deadline second (met); R2 extended by 3
	 * working days, then replied an hour after the first deadline (met:
	 * the deadline in force counts); R3 replied an hour late. */
	int64_t r = sla_db_cases(&db, 3, DIS, LP_STATUS_IN_PROGRESS, LP_STAGE_FIRST_RESPONSE, D);
	/* Settlement: S1 replied a minute early (met), S2 closed a minute
	 * late, S3 still running, due a minute ago (late, open). */
	int64_t s = sla_db_cases(&db, 2, DIS, LP_STATUS_IN_PROGRESS, LP_STAGE_SETTLEMENT, D);
	int64_t s3 = sla_db_cases(&db, 1, DIS, LP_STATUS_IN_PROGRESS, LP_STAGE_SETTLEMENT,
				  SLA_NOW - 60);
	assert_true(v && v3 && v4 && r && s && s3);

	verify(v, D - 3600);
	verify(v + 1, D + 3600);
	reply(r, D);   /* exactly at the deadline: met */
	assert_int_equal(act("sup", D - 7200, (struct lp_action_args){ .action = LP_ACTION_EXTEND,
			     .case_id = r + 1, .days = 3, .text = "Menunggu suku cadang" }), LP_OK);
	reply(r + 1, D + 3600);
	reply(r + 2, D + 3600);
	reply(s, D - 60);
	assert_int_equal(act("sup", D + 60, (struct lp_action_args){ .action = LP_ACTION_CLOSE,
			     .case_id = s + 1, .code = "resolved" }), LP_OK);

	struct lp_session *adm = sla_db_session(&db, "adm");
	assert_non_null(adm);
	struct lp_stats_row row;
	memset(&row, 0, sizeof row);
	struct lp_stats_opts o = { NULL, 0, 0, LP_STATS_BY_NONE };
	struct lp_error err;
	assert_int_equal(lp_stats(adm, &o, collect, &row, &err), LP_OK);
	assert_int_equal(row.received, 10);

	assert_int_equal(row.stage_met[LP_STAGE_VERIFICATION], 1);
	assert_int_equal(row.stage_ended[LP_STAGE_VERIFICATION], 2);
	assert_int_equal(row.stage_late[LP_STAGE_VERIFICATION], 1);
	/* V1 and V2 now run first response, due 5 working days after Sunday
	 * 8 Nov (Friday 13 Nov): both late, open.  So: met R1, R2; ended R1,
	 * R2, R3; late V1, V2. */
	assert_int_equal(row.stage_met[LP_STAGE_FIRST_RESPONSE], 2);
	assert_int_equal(row.stage_ended[LP_STAGE_FIRST_RESPONSE], 3);
	assert_int_equal(row.stage_late[LP_STAGE_FIRST_RESPONSE], 2);
	assert_int_equal(row.stage_met[LP_STAGE_SETTLEMENT], 1);
	assert_int_equal(row.stage_ended[LP_STAGE_SETTLEMENT], 2);
	assert_int_equal(row.stage_late[LP_STAGE_SETTLEMENT], 1);
	assert_int_equal(row.stage_ended[LP_STAGE_FEEDBACK], 0);
	double rate = lp_stats_ontime(&row, LP_STAGE_VERIFICATION);
	assert_true(rate > 0.333 && rate < 0.334);
	rate = lp_stats_ontime(&row, LP_STAGE_FIRST_RESPONSE);
	assert_true(rate > 0.399 && rate < 0.401);
	assert_true(lp_stats_ontime(&row, LP_STAGE_FEEDBACK) < 0);

	/* S2 reopened: its settlement runs again (a fresh period from now),
	 * so its late outcome no longer counts until it ends again; replied
	 * a minute before the new deadline, the met end replaces it. */
	assert_int_equal(act("sup", SLA_NOW - 86400, (struct lp_action_args){
			     .action = LP_ACTION_REOPEN, .case_id = s + 1, .text = "Belum beres" }),
			 LP_OK);
	memset(&row, 0, sizeof row);
	assert_int_equal(lp_stats(adm, &o, collect, &row, &err), LP_OK);
	assert_int_equal(row.stage_met[LP_STAGE_SETTLEMENT], 1);
	assert_int_equal(row.stage_ended[LP_STAGE_SETTLEMENT], 1);
	assert_int_equal(row.stage_late[LP_STAGE_SETTLEMENT], 1);
	struct lp_case c = sla_db_case(&db, s + 1);
	int64_t due = c.due_at;
	lp_case_clear(&c);
	assert_true(due > SLA_NOW);
	reply(s + 1, due - 60);
	memset(&row, 0, sizeof row);
	assert_int_equal(lp_stats(adm, &o, collect, &row, &err), LP_OK);
	assert_int_equal(row.stage_met[LP_STAGE_SETTLEMENT], 2);
	assert_int_equal(row.stage_ended[LP_STAGE_SETTLEMENT], 2);
	assert_int_equal(row.stage_late[LP_STAGE_SETTLEMENT], 1);
	lp_session_close(adm);
}

/* The pure rule: which action ends which stage, at what time. */
static void test_outcome_rule(void **state)
{
	(void)state;
	struct lp_case b, a;
	memset(&b, 0, sizeof b);
	b.clock_stage = LP_STAGE_FIRST_RESPONSE;
	b.due_at = 1000;
	a = b;
	struct lp_case_outcome o;
	/* An escalation keeps the stage (even with a fresh deadline). */
	a.due_at = 5000;
	assert_false(lp_sla_outcome(LP_ACTION_ESCALATE, &b, &a, 2000, &o));
	/* A transfer restarts the same stage elsewhere: not an end. */
	assert_false(lp_sla_outcome(LP_ACTION_TRANSFER, &b, &a, 2000, &o));
	/* Nor a transfer of a settlement to a new agency's first response. */
	b.clock_stage = LP_STAGE_SETTLEMENT;
	assert_false(lp_sla_outcome(LP_ACTION_TRANSFER, &b, &a, 2000, &o));
	b.clock_stage = LP_STAGE_FIRST_RESPONSE;
	/* A reply ends it at now, against the deadline then in force. */
	a.clock_stage = LP_STAGE_FEEDBACK;
	assert_true(lp_sla_outcome(LP_ACTION_REPLY, &b, &a, 900, &o));
	assert_int_equal(o.stage, LP_STAGE_FIRST_RESPONSE);
	assert_int_equal(o.due, 1000);
	assert_int_equal(o.ended_at, 900);
	assert_int_equal(o.replied_at, 900);
	assert_int_equal(o.closed_at, 0);
	/* Closed while paused: the clock stopped when it was paused. */
	b.clock_paused_at = 800;
	a.clock_stage = -1;
	assert_true(lp_sla_outcome(LP_ACTION_CLOSE, &b, &a, 3000, &o));
	assert_int_equal(o.ended_at, 800);
	assert_int_equal(o.closed_at, 3000);
	/* The feedback window is not measured; its close only stamps. */
	b.clock_stage = LP_STAGE_FEEDBACK;
	assert_true(lp_sla_outcome(LP_ACTION_CLOSE, &b, &a, 3000, &o));
	assert_int_equal(o.stage, -1);
	/* A note ends nothing. */
	b.clock_stage = LP_STAGE_SETTLEMENT;
	a = b;
	assert_false(lp_sla_outcome(LP_ACTION_NOTE, &b, &a, 3000, &o));
}

struct codes {
	char code[80][LP_CODE_MAX];
	int n;
};

static int add_code(const struct lp_agency *a, void *ud)
{
	struct codes *c = ud;
	if (c->n < 80)
		lp_strlcpy(c->code[c->n++], a->code, sizeof c->code[0]);
	return 0;
}

struct rows {
	char key[80][LP_CODE_MAX];
	int64_t received[80];
	int n;
};

static int add_row(const struct lp_stats_row *r, void *ud)
{
	struct rows *x = ud;
	if (x->n >= 80)
		return 1;
	lp_strlcpy(x->key[x->n], r->key, sizeof x->key[0]);
	x->received[x->n++] = r->received;
	return 0;
}

/* Many groups (the report's table grows past its first size): one case at
 * each of 80 agencies, i + 1 cases at the i-th, every group in key order. */
static void test_many_groups(void **state)
{
	(void)state;
	static struct codes c;
	static struct rows x;
	struct lp_error err;
	c.n = x.n = 0;
	assert_int_equal(lp_store_agency_list(db.st, NULL, add_code, &c, &err), LP_OK);
	assert_int_equal(c.n, 80);
	for (int i = 0; i < c.n; i++)
		assert_true(sla_db_cases(&db, i % 3 + 1, c.code[i], LP_STATUS_NEW,
					 LP_STAGE_VERIFICATION, SLA_NOW + 86400) > 0);
	struct lp_session *adm = sla_db_session(&db, "adm");
	assert_non_null(adm);
	struct lp_stats_opts o = { NULL, 0, 0, LP_STATS_BY_AGENCY };
	assert_int_equal(lp_stats(adm, &o, add_row, &x, &err), LP_OK);
	lp_session_close(adm);
	assert_int_equal(x.n, 80);
	for (int i = 1; i < x.n; i++)
		assert_true(strcmp(x.key[i - 1], x.key[i]) < 0);
	for (int i = 0; i < c.n; i++) {
		int j = 0;
		while (j < x.n && strcmp(x.key[j], c.code[i]) != 0)
			j++;
		assert_true(j < x.n);
		assert_int_equal(x.received[j], i % 3 + 1);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_ontime_per_stage, setup, teardown),
		cmocka_unit_test(test_outcome_rule),
		cmocka_unit_test_setup_teardown(test_many_groups, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
