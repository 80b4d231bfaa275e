/* test_workflow.c: lp_workflow_check for every action x status x role,
 * against a table written here from DESIGN.md (not from the code's
 * tables), plus the agency-subtree rules and lp_workflow_next_status. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <string.h>

#include "core_fixtures.h"
#include "error.h"
#include "workflow.h"
#include "workflow_internal.h"

/* DESIGN.md's table, as words: the statuses an action starts from and
 * the roles that may perform it (at least on their own agency's cases). */
static const struct {
	enum lp_action action;
	const char *from;
	const char *roles;
} expected[] = {
	{ LP_ACTION_INTAKE, "", "" },
	{ LP_ACTION_MESSAGE, "", "" },
	{ LP_ACTION_FEEDBACK, "", "" },
	{ LP_ACTION_VERIFY, "new postponed", "admin coordinator" },
	{ LP_ACTION_POSTPONE, "new", "admin coordinator" },
	{ LP_ACTION_ARCHIVE, "new postponed", "admin coordinator" },
	{ LP_ACTION_CLAIM, "assigned in_progress", "supervisor clerk" },
	{ LP_ACTION_ASSIGN, "assigned in_progress", "admin supervisor" },
	{ LP_ACTION_REPLY, "assigned in_progress", "admin supervisor clerk" },
	{ LP_ACTION_NOTE, "new postponed assigned in_progress responded closed",
	  "admin coordinator supervisor clerk" },
	{ LP_ACTION_TRANSFER, "assigned in_progress", "admin coordinator supervisor clerk" },
	{ LP_ACTION_ESCALATE, "new postponed assigned in_progress responded",
	  "admin supervisor clerk system" },
	{ LP_ACTION_EXTEND, "new postponed assigned in_progress responded", "admin supervisor" },
	{ LP_ACTION_CLOSE, "in_progress responded", "admin supervisor system" },
	{ LP_ACTION_REOPEN, "closed", "admin supervisor" },
	{ LP_ACTION_MERGE, "new postponed assigned in_progress responded",
	  "admin coordinator supervisor" },
};

/* True when the space-separated list `words` holds `w`. */
static bool has_word(const char *words, const char *w)
{
	size_t n = strlen(w);
	for (const char *p = words; (p = strstr(p, w)) != NULL; p += n)
		if ((p == words || p[-1] == ' ') && (p[n] == ' ' || p[n] == '\0'))
			return true;
	return false;
}

/* Officer and case both at 31.71: every role is on its own ground. */
static void every_action_status_role(void **state)
{
	(void)state;
	assert_int_equal(sizeof expected / sizeof expected[0], LP_ACTION_COUNT);
	struct lp_agency city = fx_agency(FX_C3171);
	int checked = 0;
	for (size_t i = 0; i < LP_ACTION_COUNT; i++) {
		enum lp_action a = expected[i].action;
		assert_int_equal(a, (enum lp_action)i);
		for (int st = 0; st < LP_STATUS_COUNT; st++) {
			for (int r = 0; r < LP_ROLE_COUNT; r++) {
				struct lp_officer o = fx_officer("budi", (enum lp_role)r, "31.71");
				struct lp_actor who = { &o, &city };
				struct lp_case c = fx_case(123, "31.71", (enum lp_status)st);
				struct lp_error err = { 0 };
				const char *role = lp_role_name((enum lp_role)r);
				const char *status = lp_status_name((enum lp_status)st);
				int want;
				if (!has_word(expected[i].roles, role))
					want = LP_EPERM;
				else if (r == LP_ROLE_CLERK && (st == LP_STATUS_NEW ||
								st == LP_STATUS_POSTPONED))
					want = LP_EPERM; /* clerks see cases once verified */
				else if (!has_word(expected[i].from, status))
					want = LP_EREFUSED;
				else
					want = LP_OK;
				int got = lp_workflow_check(&who, &c, &city, a, &err);
				if (got != want)
					fail_msg("%s by a %s on a %s case: got %d (%s), "
						 "want %d", lp_action_name(a), role, status, got,
						 err.msg, want);
				if (want != LP_OK)
					assert_true(strlen(err.msg) > 10);
				if (want == LP_EREFUSED)
					assert_non_null(strstr(err.msg, "case 123 is"));
				checked++;
			}
		}
	}
	assert_int_equal(checked, LP_ACTION_COUNT * LP_STATUS_COUNT * LP_ROLE_COUNT);
}

/* The subtree rules: a role at `officer_agency` acting on a case at
 * `case_agency`, status assigned (in_progress for close). */
static int check_at(enum lp_role role, enum fx_agency officer_agency, enum fx_agency case_agency,
		    enum lp_action a, enum lp_status st, struct lp_error *err)
{
	struct lp_agency oa = fx_agency(officer_agency), ca = fx_agency(case_agency);
	struct lp_officer o = fx_officer("ani", role, oa.code);
	struct lp_actor who = { &o, &oa };
	struct lp_case c = fx_case(123, ca.code, st);
	return lp_workflow_check(&who, &c, &ca, a, err);
}

static void subtree_rules(void **state)
{
	(void)state;
	struct lp_error err = { 0 };
	const enum lp_status A = LP_STATUS_ASSIGNED;
	/* Child agency: the province's supervisor, coordinator, auditor reach
	 * the city's cases; a clerk only its own agency. */
	assert_int_equal(check_at(LP_ROLE_SUPERVISOR, FX_P31, FX_C3171, LP_ACTION_REPLY, A, &err),
			 LP_OK);
	assert_int_equal(check_at(LP_ROLE_SUPERVISOR, FX_P31, FX_UNIT, LP_ACTION_ASSIGN, A, &err),
			 LP_OK);
	assert_int_equal(check_at(LP_ROLE_COORDINATOR, FX_P31, FX_C3171, LP_ACTION_VERIFY,
				  LP_STATUS_NEW, &err), LP_OK);
	assert_int_equal(check_at(LP_ROLE_CLERK, FX_P31, FX_C3171, LP_ACTION_REPLY, A, &err),
			 LP_EPERM);
	assert_string_equal(err.msg, "you are a clerk of 31; case 123 is handled by 31.71");
	assert_int_equal(check_at(LP_ROLE_CLERK, FX_C3171, FX_UNIT, LP_ACTION_CLAIM, A, &err),
			 LP_EPERM);
	/* Parent agency: a unit's supervisor cannot reach the city's cases. */
	assert_int_equal(check_at(LP_ROLE_SUPERVISOR, FX_UNIT, FX_C3171, LP_ACTION_CLOSE,
				  LP_STATUS_IN_PROGRESS, &err), LP_EPERM);
	/* Other province: only admin and the system officer. */
	for (int r = 0; r < LP_ROLE_COUNT; r++) {
		int want = r == LP_ROLE_ADMIN || r == LP_ROLE_SYSTEM ? LP_OK : LP_EPERM;
		assert_int_equal(check_at((enum lp_role)r, FX_P31, FX_C3273, LP_ACTION_ESCALATE, A,
					  &err), want);
	}
	assert_int_equal(check_at(LP_ROLE_SUPERVISOR, FX_P31, FX_C3273, LP_ACTION_NOTE, A, &err),
			 LP_EPERM);
	assert_non_null(strstr(err.msg,
			       "you are a supervisor of 31; case 123 is handled by 32.73"));
	assert_int_equal(check_at(LP_ROLE_COORDINATOR, FX_P31, FX_C3273, LP_ACTION_VERIFY,
				  LP_STATUS_NEW, &err), LP_EPERM);
	assert_int_equal(check_at(LP_ROLE_ADMIN, FX_C3171, FX_C3273, LP_ACTION_VERIFY,
				  LP_STATUS_NEW, &err), LP_OK);
}

static void messages(void **state)
{
	(void)state;
	struct lp_error err = { 0 };
	assert_int_equal(check_at(LP_ROLE_SUPERVISOR, FX_C3171, FX_C3171, LP_ACTION_CLOSE,
				  LP_STATUS_CLOSED, &err), LP_EREFUSED);
	assert_string_equal(err.msg, "case 123 is closed; only cases that are in_progress or "
				     "responded can be closed");
	assert_int_equal(check_at(LP_ROLE_CLERK, FX_C3171, FX_C3171, LP_ACTION_VERIFY,
				  LP_STATUS_NEW, &err), LP_EPERM);
	assert_string_equal(err.msg, "you are a clerk; only an admin or a coordinator can verify "
				     "cases");
	assert_int_equal(check_at(LP_ROLE_AUDITOR, FX_ROOT, FX_C3171, LP_ACTION_NOTE,
				  LP_STATUS_ASSIGNED, &err), LP_EPERM);
	assert_non_null(strstr(err.msg, "auditor"));
}

static void claim_rules(void **state)
{
	(void)state;
	struct lp_agency city = fx_agency(FX_C3171);
	struct lp_officer clerk = fx_officer("budi", LP_ROLE_CLERK, "31.71");
	struct lp_officer sup = fx_officer("sari", LP_ROLE_SUPERVISOR, "31.71");
	struct lp_actor as_clerk = { &clerk, &city }, as_sup = { &sup, &city };
	struct lp_case c = fx_case(9, "31.71", LP_STATUS_IN_PROGRESS);
	struct lp_error err = { 0 };
	lp_strlcpy(c.assignee, "dewi", sizeof c.assignee);
	assert_int_equal(lp_workflow_check(&as_clerk, &c, &city, LP_ACTION_CLAIM, &err),
			 LP_EREFUSED);
	assert_non_null(strstr(err.msg, "assigned to dewi"));
	assert_int_equal(lp_workflow_check(&as_sup, &c, &city, LP_ACTION_CLAIM, &err), LP_OK);
	lp_strlcpy(c.assignee, "budi", sizeof c.assignee);
	assert_int_equal(lp_workflow_check(&as_clerk, &c, &city, LP_ACTION_CLAIM, &err),
			 LP_EREFUSED);
	assert_non_null(strstr(err.msg, "already yours"));
	c.status = LP_STATUS_ASSIGNED;
	c.assignee[0] = '\0';
	assert_int_equal(lp_workflow_check(&as_clerk, &c, &city, LP_ACTION_CLAIM, &err), LP_OK);
	/* An inactive officer does nothing. */
	clerk.active = false;
	assert_int_equal(lp_workflow_check(&as_clerk, &c, &city, LP_ACTION_CLAIM, &err), LP_EPERM);
}

static void escalation(void **state)
{
	(void)state;
	struct lp_agency unit = fx_agency(FX_UNIT), p31 = fx_agency(FX_P31);
	struct lp_agency root = fx_agency(FX_ROOT);
	struct lp_case c = fx_case(5, "31.71.DISHUB", LP_STATUS_IN_PROGRESS);
	char next[LP_CODE_MAX];
	assert_true(lp_escalation_next(&c, &unit, next));
	assert_string_equal(next, "31.71");
	lp_strlcpy(c.escalated_to, "31.71", sizeof c.escalated_to);
	assert_true(lp_escalation_next(&c, &unit, next));
	assert_string_equal(next, "31");
	lp_strlcpy(c.escalated_to, "31", sizeof c.escalated_to);
	assert_true(lp_escalation_next(&c, &unit, next));
	assert_string_equal(next, "KEMENPANRB");
	lp_strlcpy(c.escalated_to, "KEMENPANRB", sizeof c.escalated_to);
	assert_false(lp_escalation_next(&c, &unit, next));

	/* A case held at the top is refused by the check. */
	struct lp_officer sys = fx_officer("system", LP_ROLE_SYSTEM, "KEMENPANRB");
	struct lp_actor who = { &sys, &root };
	struct lp_error err = { 0 };
	assert_int_equal(lp_workflow_check(&who, &c, &unit, LP_ACTION_ESCALATE, &err), LP_EREFUSED);
	assert_non_null(strstr(err.msg, "top"));
	struct lp_case at_root = fx_case(6, "KEMENPANRB", LP_STATUS_ASSIGNED);
	assert_int_equal(lp_workflow_check(&who, &at_root, &root, LP_ACTION_ESCALATE, &err),
			 LP_EREFUSED);

	/* Escalated to the province: the province is within itself. */
	lp_strlcpy(c.escalated_to, "31", sizeof c.escalated_to);
	assert_true(lp_escalated_within(&c, &unit, &p31));
	assert_true(lp_escalated_within(&c, &unit, &root));
	struct lp_agency city = fx_agency(FX_C3171);
	assert_false(lp_escalated_within(&c, &unit, &city));

	/* Extend is once only. */
	struct lp_officer sup = fx_officer("sari", LP_ROLE_SUPERVISOR, "31");
	struct lp_actor s = { &sup, &p31 };
	c.extended_days = 3;
	assert_int_equal(lp_workflow_check(&s, &c, &unit, LP_ACTION_EXTEND, &err), LP_EREFUSED);
	assert_non_null(strstr(err.msg, "already extended"));
}

static void next_status(void **state)
{
	(void)state;
	const struct {
		enum lp_action a;
		enum lp_status from;
		int to;
	} t[] = {
		{ LP_ACTION_VERIFY, LP_STATUS_NEW, LP_STATUS_ASSIGNED },
		{ LP_ACTION_VERIFY, LP_STATUS_POSTPONED, LP_STATUS_ASSIGNED },
		{ LP_ACTION_VERIFY, LP_STATUS_ASSIGNED, -1 },
		{ LP_ACTION_POSTPONE, LP_STATUS_NEW, LP_STATUS_POSTPONED },
		{ LP_ACTION_POSTPONE, LP_STATUS_POSTPONED, -1 },
		{ LP_ACTION_ARCHIVE, LP_STATUS_POSTPONED, LP_STATUS_ARCHIVED },
		{ LP_ACTION_CLAIM, LP_STATUS_ASSIGNED, LP_STATUS_IN_PROGRESS },
		{ LP_ACTION_ASSIGN, LP_STATUS_IN_PROGRESS, LP_STATUS_IN_PROGRESS },
		{ LP_ACTION_REPLY, LP_STATUS_IN_PROGRESS, LP_STATUS_RESPONDED },
		{ LP_ACTION_REPLY, LP_STATUS_RESPONDED, -1 },
		{ LP_ACTION_NOTE, LP_STATUS_CLOSED, LP_STATUS_CLOSED },
		{ LP_ACTION_NOTE, LP_STATUS_ARCHIVED, -1 },
		{ LP_ACTION_TRANSFER, LP_STATUS_IN_PROGRESS, LP_STATUS_ASSIGNED },
		{ LP_ACTION_ESCALATE, LP_STATUS_POSTPONED, LP_STATUS_POSTPONED },
		{ LP_ACTION_ESCALATE, LP_STATUS_CLOSED, -1 },
		{ LP_ACTION_EXTEND, LP_STATUS_RESPONDED, LP_STATUS_RESPONDED },
		{ LP_ACTION_CLOSE, LP_STATUS_RESPONDED, LP_STATUS_CLOSED },
		{ LP_ACTION_CLOSE, LP_STATUS_ASSIGNED, -1 },
		{ LP_ACTION_REOPEN, LP_STATUS_CLOSED, LP_STATUS_IN_PROGRESS },
		{ LP_ACTION_REOPEN, LP_STATUS_ARCHIVED, -1 },
		{ LP_ACTION_MERGE, LP_STATUS_RESPONDED, LP_STATUS_ARCHIVED },
		{ LP_ACTION_MERGE, LP_STATUS_CLOSED, -1 },
		{ LP_ACTION_MESSAGE, LP_STATUS_POSTPONED, LP_STATUS_NEW },
	};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (lp_workflow_next_status(t[i].a, t[i].from, false) != t[i].to)
			fail_msg("%s from %s", lp_action_name(t[i].a), lp_status_name(t[i].from));
	assert_int_equal(lp_workflow_next_status(LP_ACTION_TRANSFER, LP_STATUS_ASSIGNED, true),
			 LP_STATUS_NEW);
	assert_int_equal(lp_workflow_next_status(LP_ACTION_TRANSFER, LP_STATUS_NEW, true), -1);
	assert_int_equal(lp_workflow_next_status(LP_ACTION_COUNT, LP_STATUS_NEW, false), -1);
	/* Every officer action that may start from a status leads somewhere. */
	for (size_t i = 0; i < LP_ACTION_COUNT; i++)
		for (int st = 0; st < LP_STATUS_COUNT; st++) {
			bool listed = has_word(expected[i].from,
					       lp_status_name((enum lp_status)st));
			if (expected[i].roles[0])
				assert_int_equal(lp_workflow_next_status(expected[i].action,
									 (enum lp_status)st,
									 false) >= 0, listed);
		}
}

static void reason_and_resolution_names(void **state)
{
	(void)state;
	for (int i = 0; i < LP_REASON_COUNT; i++)
		assert_int_equal(lp_archive_reason_parse(lp_archive_reason_name(i)), i);
	for (int i = 0; i < LP_RESOLUTION_COUNT; i++)
		assert_int_equal(lp_resolution_parse(lp_resolution_name(i)), i);
	assert_int_equal(lp_archive_reason_parse("because"), -1);
	assert_int_equal(lp_resolution_parse(NULL), -1);
	assert_string_equal(lp_archive_reason_name(LP_REASON_DUPLICATE), "duplicate");
	assert_string_equal(lp_resolution_help(LP_RESOLUTION_ANSWERED),
			    "the question or request was answered");
	assert_string_equal(lp_resolution_name(LP_RESOLUTION_COUNT), "?");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_action_status_role),
		cmocka_unit_test(subtree_rules),
		cmocka_unit_test(messages),
		cmocka_unit_test(claim_rules),
		cmocka_unit_test(escalation),
		cmocka_unit_test(next_status),
		cmocka_unit_test(reason_and_resolution_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
