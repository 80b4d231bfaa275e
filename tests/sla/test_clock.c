/* test_clock.c: every clock transition (lp_sla_compute) and the
 * extension rule, on constructed cases with a test calendar. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include "sla_fixtures.h"
#include "workflow.h"

struct fx {
	struct lp_calendar *cal;
	struct fx_policies pol;
	struct lp_error err;
};

static int setup(void **state)
{
	static struct fx f;
	memset(&f, 0, sizeof f);
	f.cal = lp_calendar_create();
	f.pol.days_override = -1;
	if (!f.cal || lp_calendar_add(f.cal, "2026-12-01") != 0)   /* a Tuesday off */
		return -1;
	*state = &f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	lp_calendar_destroy(f->cal);
	return 0;
}

/* Applies `a` to *c (after starts as a copy of before, as lp_act does). */
static int apply(struct fx *f, enum lp_action a, struct lp_case *c, enum lp_status to,
		 int64_t now)
{
	struct lp_case before = *c;
	c->status = to;
	return lp_sla_compute(fx_lookup, &f->pol, f->cal, WIB, a, &before, c, now, &f->err);
}

static void test_intake_starts_verification(void **state)
{
	struct fx *f = *state;
	struct lp_case c = fx_case(LP_STATUS_NEW);
	c.created_at = at(2026, 11, 26, 9, 0, WIB);              /* Thursday */
	assert_int_equal(apply(f, LP_ACTION_INTAKE, &c, LP_STATUS_NEW, c.created_at + 5), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_VERIFICATION);
	/* Fri, Mon, (Tue off), Wed. */
	assert_int_equal(c.due_at, day_end(2026, 12, 2, WIB));
	assert_int_equal(c.clock_paused_at, 0);
	/* The same in WIT, where the agency's day ends two hours earlier. */
	struct lp_case before = fx_case(LP_STATUS_NEW), d = before;
	d.created_at = c.created_at;
	assert_int_equal(lp_sla_compute(fx_lookup, &f->pol, f->cal, WIT, LP_ACTION_INTAKE, &before,
					&d, d.created_at, &f->err), LP_OK);
	assert_int_equal(d.due_at, day_end(2026, 12, 2, WIT));
}

static void test_verify_and_transfer(void **state)
{
	struct fx *f = *state;
	struct lp_case c = fx_case(LP_STATUS_NEW);
	c.created_at = at(2026, 11, 23, 9, 0, WIB);              /* Monday */
	assert_int_equal(apply(f, LP_ACTION_INTAKE, &c, LP_STATUS_NEW, c.created_at), LP_OK);
	int64_t now = at(2026, 11, 24, 11, 0, WIB);              /* Tuesday */
	assert_int_equal(apply(f, LP_ACTION_VERIFY, &c, LP_STATUS_ASSIGNED, now), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_FIRST_RESPONSE);
	/* Wed, Thu, Fri, Mon, (Tue off), Wed. */
	assert_int_equal(c.due_at, day_end(2026, 12, 2, WIB));
	/* A transfer restarts the first-response clock at the receiving agency. */
	now = at(2026, 11, 27, 15, 0, WIB);                      /* Friday */
	assert_int_equal(apply(f, LP_ACTION_TRANSFER, &c, LP_STATUS_ASSIGNED, now), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_FIRST_RESPONSE);
	assert_int_equal(c.due_at, day_end(2026, 12, 7, WIB));
	/* Back to triage: the verification clock restarts. */
	assert_int_equal(apply(f, LP_ACTION_TRANSFER, &c, LP_STATUS_NEW, now), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_VERIFICATION);
	assert_int_equal(c.due_at, day_end(2026, 12, 3, WIB));
}

static void test_unchanged_actions(void **state)
{
	struct fx *f = *state;
	const enum lp_action same[] = { LP_ACTION_CLAIM, LP_ACTION_ASSIGN, LP_ACTION_NOTE };
	for (size_t i = 0; i < sizeof same / sizeof same[0]; i++) {
		struct lp_case c = fx_case(LP_STATUS_ASSIGNED);
		c.clock_stage = LP_STAGE_FIRST_RESPONSE;
		c.due_at = day_end(2026, 12, 2, WIB);
		assert_int_equal(apply(f, same[i], &c, LP_STATUS_IN_PROGRESS,
				       at(2026, 12, 5, 0, 0, WIB)), LP_OK);
		assert_int_equal(c.clock_stage, LP_STAGE_FIRST_RESPONSE);
		assert_int_equal(c.due_at, day_end(2026, 12, 2, WIB));
	}
}

static void test_escalate(void **state)
{
	struct fx *f = *state;
	struct lp_case c = fx_case(LP_STATUS_IN_PROGRESS);
	c.clock_stage = LP_STAGE_FIRST_RESPONSE;
	c.due_at = day_end(2026, 11, 27, WIB);
	/* Before the deadline: an escalation gives no extra time. */
	assert_int_equal(apply(f, LP_ACTION_ESCALATE, &c, LP_STATUS_IN_PROGRESS,
			       at(2026, 11, 26, 9, 0, WIB)), LP_OK);
	assert_int_equal(c.due_at, day_end(2026, 11, 27, WIB));
	/* After it: the level above gets a fresh 5 working days from now. */
	assert_int_equal(apply(f, LP_ACTION_ESCALATE, &c, LP_STATUS_IN_PROGRESS,
			       at(2026, 11, 30, 9, 0, WIB)), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_FIRST_RESPONSE);
	assert_int_equal(c.due_at, day_end(2026, 12, 8, WIB));
	/* A feedback window is never moved by an escalation. */
	struct lp_case r = fx_case(LP_STATUS_RESPONDED);
	r.clock_stage = LP_STAGE_FEEDBACK;
	r.due_at = day_end(2026, 11, 27, WIB);
	assert_int_equal(apply(f, LP_ACTION_ESCALATE, &r, LP_STATUS_RESPONDED,
			       at(2026, 11, 30, 9, 0, WIB)), LP_OK);
	assert_int_equal(r.due_at, day_end(2026, 11, 27, WIB));
}

static void test_reply_starts_feedback(void **state)
{
	struct fx *f = *state;
	struct lp_case c = fx_case(LP_STATUS_IN_PROGRESS);
	c.clock_stage = LP_STAGE_FIRST_RESPONSE;
	c.due_at = day_end(2026, 11, 27, WIB);
	int64_t now = at(2026, 11, 24, 14, 0, WIB);              /* Tuesday */
	assert_int_equal(apply(f, LP_ACTION_REPLY, &c, LP_STATUS_RESPONDED, now), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_FEEDBACK);
	/* 10 working days, one of them (1 Dec) off: Wed 9 Dec. */
	assert_int_equal(c.due_at, day_end(2026, 12, 9, WIB));
}

static void test_postpone_and_resume(void **state)
{
	struct fx *f = *state;
	struct lp_case c = fx_case(LP_STATUS_NEW);
	c.created_at = at(2026, 11, 23, 9, 0, WIB);              /* Monday */
	assert_int_equal(apply(f, LP_ACTION_INTAKE, &c, LP_STATUS_NEW, c.created_at), LP_OK);
	assert_int_equal(c.due_at, day_end(2026, 11, 26, WIB));
	int64_t pause = at(2026, 11, 24, 10, 0, WIB);            /* Tuesday */
	assert_int_equal(apply(f, LP_ACTION_POSTPONE, &c, LP_STATUS_POSTPONED, pause), LP_OK);
	assert_int_equal(c.clock_paused_at, pause);
	assert_int_equal(c.due_at, day_end(2026, 11, 26, WIB));  /* kept */
	assert_int_equal(c.clock_stage, LP_STAGE_VERIFICATION);
	/* The citizen answers the next Monday: Wed, Thu, Fri, Mon were lost. */
	int64_t back = at(2026, 11, 30, 8, 0, WIB);
	assert_int_equal(apply(f, LP_ACTION_MESSAGE, &c, LP_STATUS_NEW, back), LP_OK);
	assert_int_equal(c.clock_paused_at, 0);
	assert_int_equal(c.clock_stage, LP_STAGE_VERIFICATION);
	/* Thu 26 + 4 working days: Fri, Mon, (Tue off), Wed, Thu. */
	assert_int_equal(c.due_at, day_end(2026, 12, 3, WIB));
	/* Paused and answered the same day: nothing lost. */
	int64_t due = c.due_at;
	assert_int_equal(apply(f, LP_ACTION_POSTPONE, &c, LP_STATUS_POSTPONED, back + 60), LP_OK);
	assert_int_equal(apply(f, LP_ACTION_MESSAGE, &c, LP_STATUS_NEW, back + 3600), LP_OK);
	assert_int_equal(c.due_at, due);
	assert_int_equal(c.clock_paused_at, 0);
	/* A message on a case that is not waiting changes nothing. */
	assert_int_equal(apply(f, LP_ACTION_MESSAGE, &c, LP_STATUS_NEW, back + 7200), LP_OK);
	assert_int_equal(c.due_at, due);
	/* Postponing a case without a clock pauses nothing. */
	struct lp_case n = fx_case(LP_STATUS_NEW);
	assert_int_equal(apply(f, LP_ACTION_POSTPONE, &n, LP_STATUS_POSTPONED, pause), LP_OK);
	assert_int_equal(n.clock_paused_at, 0);
	assert_int_equal(n.due_at, 0);
}

static void test_stop_actions(void **state)
{
	struct fx *f = *state;
	const enum lp_action stops[] = { LP_ACTION_CLOSE, LP_ACTION_ARCHIVE, LP_ACTION_MERGE };
	const enum lp_status to[] = { LP_STATUS_CLOSED, LP_STATUS_ARCHIVED, LP_STATUS_ARCHIVED };
	for (size_t i = 0; i < 3; i++) {
		struct lp_case c = fx_case(LP_STATUS_POSTPONED);
		c.clock_stage = LP_STAGE_VERIFICATION;
		c.due_at = day_end(2026, 12, 2, WIB);
		c.clock_paused_at = at(2026, 11, 30, 9, 0, WIB);
		assert_int_equal(apply(f, stops[i], &c, to[i], at(2026, 12, 1, 0, 0, WIB)), LP_OK);
		assert_int_equal(c.clock_stage, -1);
		assert_int_equal(c.due_at, 0);
		assert_int_equal(c.clock_paused_at, 0);
	}
}

static void test_reopen_starts_settlement(void **state)
{
	struct fx *f = *state;
	struct lp_case c = fx_case(LP_STATUS_CLOSED);
	int64_t now = at(2026, 11, 27, 10, 0, WIB);
	assert_int_equal(apply(f, LP_ACTION_REOPEN, &c, LP_STATUS_IN_PROGRESS, now), LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_SETTLEMENT);
	assert_int_equal(c.due_at, day_end(2026, 12, 11, WIB));  /* 14 calendar days */
	struct lp_case fc = fx_case(LP_STATUS_CLOSED);
	fc.field_check = true;
	assert_int_equal(apply(f, LP_ACTION_REOPEN, &fc, LP_STATUS_IN_PROGRESS, now), LP_OK);
	assert_int_equal(fc.due_at, day_end(2027, 1, 26, WIB));  /* 60 calendar days */
	/* A dissatisfied citizen's feedback reopening through intake. */
	struct lp_case r = fx_case(LP_STATUS_RESPONDED);
	r.clock_stage = LP_STAGE_FEEDBACK;
	r.due_at = day_end(2026, 12, 9, WIB);
	assert_int_equal(apply(f, LP_ACTION_FEEDBACK, &r, LP_STATUS_IN_PROGRESS, now), LP_OK);
	assert_int_equal(r.clock_stage, LP_STAGE_SETTLEMENT);
	assert_int_equal(r.due_at, day_end(2026, 12, 11, WIB));
	/* Satisfied feedback: the window runs on. */
	struct lp_case s = fx_case(LP_STATUS_RESPONDED);
	s.clock_stage = LP_STAGE_FEEDBACK;
	s.due_at = day_end(2026, 12, 9, WIB);
	assert_int_equal(apply(f, LP_ACTION_FEEDBACK, &s, LP_STATUS_RESPONDED, now), LP_OK);
	assert_int_equal(s.due_at, day_end(2026, 12, 9, WIB));
}

static void test_extend_moves_due(void **state)
{
	struct fx *f = *state;
	struct lp_case c = fx_case(LP_STATUS_IN_PROGRESS);
	c.clock_stage = LP_STAGE_FIRST_RESPONSE;
	c.due_at = day_end(2026, 11, 27, WIB);                   /* Friday */
	struct lp_case before = c;
	c.extended_days = 2;
	assert_int_equal(lp_sla_compute(fx_lookup, &f->pol, f->cal, WIB, LP_ACTION_EXTEND, &before,
					&c, at(2026, 11, 26, 9, 0, WIB), &f->err), LP_OK);
	/* Mon 30, (Tue 1 Dec off), Wed 2. */
	assert_int_equal(c.due_at, day_end(2026, 12, 2, WIB));
	assert_int_equal(c.extended_days, 2);
	/* The caller must say by how much. */
	struct lp_case d = before;
	assert_int_equal(lp_sla_compute(fx_lookup, &f->pol, f->cal, WIB, LP_ACTION_EXTEND, &before,
					&d, at(2026, 11, 26, 9, 0, WIB), &f->err), LP_EINTERNAL);
}

static void test_zero_day_policy(void **state)
{
	struct fx *f = *state;
	f->pol.days_override = 0;
	struct lp_case c = fx_case(LP_STATUS_NEW);
	c.created_at = at(2026, 11, 28, 9, 0, WIB);              /* Saturday */
	assert_int_equal(apply(f, LP_ACTION_INTAKE, &c, LP_STATUS_NEW, c.created_at), LP_OK);
	assert_int_equal(c.due_at, day_end(2026, 11, 30, WIB));  /* Monday's end */
	f->pol.days_override = -1;
}

static void test_missing_policy(void **state)
{
	struct fx *f = *state;
	f->pol.missing = true;
	struct lp_case c = fx_case(LP_STATUS_NEW);
	c.created_at = at(2026, 11, 28, 9, 0, WIB);
	assert_int_equal(apply(f, LP_ACTION_INTAKE, &c, LP_STATUS_NEW, c.created_at), LP_EDATA);
	assert_non_null(strstr(f->err.msg, "verification"));
	f->pol.missing = false;
}

static int check_extend(struct fx *f, const struct lp_case *c, int days)
{
	return lp_sla_compute_extend(fx_lookup, &f->pol, c, days, &f->err);
}

static void test_extend_rules(void **state)
{
	struct fx *f = *state;
	struct lp_case c = fx_case(LP_STATUS_IN_PROGRESS);
	c.clock_stage = LP_STAGE_FIRST_RESPONSE;
	c.due_at = day_end(2026, 11, 27, WIB);
	assert_int_equal(check_extend(f, &c, 1), LP_OK);
	assert_int_equal(check_extend(f, &c, 5), LP_OK);         /* the original period */
	assert_int_equal(check_extend(f, &c, 6), LP_EREFUSED);   /* too long */
	assert_non_null(strstr(f->err.msg, "between 1 and 5"));
	assert_int_equal(check_extend(f, &c, 0), LP_EREFUSED);
	assert_int_equal(check_extend(f, &c, -3), LP_EREFUSED);
	c.extended_days = 3;                                      /* second extension */
	assert_int_equal(check_extend(f, &c, 1), LP_EREFUSED);
	assert_non_null(strstr(f->err.msg, "only once"));
	c.extended_days = 0;
	c.clock_paused_at = at(2026, 11, 25, 9, 0, WIB);
	assert_int_equal(check_extend(f, &c, 1), LP_EREFUSED);
	c.clock_paused_at = 0;
	c.clock_stage = LP_STAGE_FEEDBACK;
	assert_int_equal(check_extend(f, &c, 1), LP_EREFUSED);
	c.clock_stage = -1;
	c.due_at = 0;
	assert_int_equal(check_extend(f, &c, 1), LP_EREFUSED);
	struct lp_case closed = fx_case(LP_STATUS_CLOSED);
	assert_int_equal(check_extend(f, &closed, 1), LP_EREFUSED);
	/* Settlement with a field check may be extended by up to 60 days. */
	struct lp_case s = fx_case(LP_STATUS_IN_PROGRESS);
	s.clock_stage = LP_STAGE_SETTLEMENT;
	s.due_at = day_end(2027, 1, 26, WIB);
	s.field_check = true;
	assert_int_equal(check_extend(f, &s, 60), LP_OK);
	assert_int_equal(check_extend(f, &s, 61), LP_EREFUSED);
}

/* Only supervisors and admins extend: the role rule is lp_workflow_check's. */
static void test_extend_roles(void **state)
{
	(void)state;
	struct lp_agency city = { .code = "31.71", .parent = "31", .path = "/KEMENPANRB/31/31.71/",
				  .kind = LP_AGENCY_CITY, .tz_minutes = WIB };
	struct lp_officer clerk = { .id = 1, .login = "ani", .agency = "31.71",
				    .role = LP_ROLE_CLERK, .active = true };
	struct lp_officer sup = clerk;
	lp_strlcpy(sup.login, "budi", sizeof sup.login);
	sup.role = LP_ROLE_SUPERVISOR;
	struct lp_case c = fx_case(LP_STATUS_IN_PROGRESS);
	c.clock_stage = LP_STAGE_FIRST_RESPONSE;
	c.due_at = day_end(2026, 11, 27, WIB);
	struct lp_error err;
	struct lp_actor a = { &clerk, &city };
	assert_int_equal(lp_workflow_check(&a, &c, &city, LP_ACTION_EXTEND, &err), LP_EPERM);
	a.officer = &sup;
	assert_int_equal(lp_workflow_check(&a, &c, &city, LP_ACTION_EXTEND, &err), LP_OK);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_intake_starts_verification),
		cmocka_unit_test(test_verify_and_transfer),
		cmocka_unit_test(test_unchanged_actions),
		cmocka_unit_test(test_escalate),
		cmocka_unit_test(test_reply_starts_feedback),
		cmocka_unit_test(test_postpone_and_resume),
		cmocka_unit_test(test_stop_actions),
		cmocka_unit_test(test_reopen_starts_settlement),
		cmocka_unit_test(test_extend_moves_due),
		cmocka_unit_test(test_zero_day_policy),
		cmocka_unit_test(test_missing_policy),
		cmocka_unit_test(test_extend_rules),
		cmocka_unit_test(test_extend_roles),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
