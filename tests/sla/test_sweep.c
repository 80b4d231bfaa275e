/* test_sweep.c: lp_sweep on a real SQLite database: escalation level
 * and holder, the Escalated queue, closing waited-out cases, a second
 * run changing nothing, dry runs, permissions, and two sweeps running at
 * once in two processes producing one escalation per case. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sla.h"
#include "sla_db.h"
#include "sweep.h"
#include "workflow.h"

static int setup(void **state)
{
	struct sla_db *d = calloc(1, sizeof *d);
	if (!d || sla_db_open(d) != 0)
		return -1;
	*state = d;
	return 0;
}

static int teardown(void **state)
{
	struct sla_db *d = *state;
	sla_db_close(d);
	free(d);
	return 0;
}

struct last_event {
	struct lp_event e;
	int escalations;
};

static int keep_last(const struct lp_event *e, void *ud)
{
	struct last_event *l = ud;
	lp_event_clear(&l->e);
	lp_event_copy(&l->e, e);
	l->escalations += e->action == LP_ACTION_ESCALATE;
	return 0;
}

static struct last_event events_of(struct sla_db *d, int64_t id)
{
	struct last_event l;
	struct lp_error err;
	memset(&l, 0, sizeof l);
	assert_int_equal(lp_store_event_list(d->st, id, keep_last, &l, &err), LP_OK);
	return l;
}

static int64_t escalated_queue(struct sla_db *d, const char *code)
{
	struct lp_case_filter f;
	struct lp_error err;
	int64_t n = -1;
	lp_case_filter_init(&f);
	f.escalated_to = code;
	assert_int_equal(lp_store_case_count(d->st, &f, &n, &err), LP_OK);
	return n;
}

static void test_escalates_one_level(void **state)
{
	struct sla_db *d = *state;
	struct lp_error err;
	struct lp_sweep_stats st;
	int64_t late = sla_db_cases(d, 1, "31.71.DISHUB", LP_STATUS_IN_PROGRESS,
				    LP_STAGE_FIRST_RESPONSE, SLA_NOW - 3600);
	int64_t early = sla_db_cases(d, 1, "31.71.DISHUB", LP_STATUS_ASSIGNED,
				     LP_STAGE_FIRST_RESPONSE, SLA_NOW + 3600);
	assert_true(late > 0 && early > 0);

	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	assert_int_equal(st.escalated, 1);
	assert_int_equal(st.closed + st.skipped + st.failed + st.at_top, 0);
	struct lp_case c = sla_db_case(d, late);
	assert_int_equal(c.escalation, 1);
	assert_string_equal(c.escalated_to, "31.71");
	assert_int_equal(c.version, 2);
	assert_true(c.due_at > SLA_NOW);                 /* a fresh period for 31.71 */
	assert_int_equal(c.status, LP_STATUS_IN_PROGRESS);
	assert_int_equal(escalated_queue(d, "31.71"), 1);
	struct last_event l = events_of(d, late);
	assert_int_equal(l.e.action, LP_ACTION_ESCALATE);
	assert_string_equal(l.e.officer, "system");
	assert_non_null(strstr(l.e.text, "SLA sweep"));
	lp_event_clear(&l.e);
	lp_case_clear(&c);
	c = sla_db_case(d, early);
	assert_int_equal(c.escalation, 0);
	assert_int_equal(c.version, 1);
	lp_case_clear(&c);

	/* The second run finds nothing to do. */
	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	assert_int_equal(st.escalated + st.closed + st.skipped + st.failed + st.at_top, 0);
	c = sla_db_case(d, late);
	assert_int_equal(c.version, 2);
	assert_int_equal(c.escalation, 1);
	lp_case_clear(&c);

	/* When the new deadline passes too, the next level up: 31, then the root. */
	lp_session_set_now(d->s, SLA_NOW + 20 * 86400);
	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	assert_int_equal(st.escalated, 2);                   /* both cases now */
	c = sla_db_case(d, late);
	assert_int_equal(c.escalation, 2);
	assert_string_equal(c.escalated_to, "31");
	lp_case_clear(&c);
	assert_int_equal(escalated_queue(d, "31"), 1);
	assert_int_equal(escalated_queue(d, "31.71"), 1);    /* the other case */
	lp_session_set_now(d->s, SLA_NOW + 40 * 86400);
	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	c = sla_db_case(d, late);
	assert_int_equal(c.escalation, 3);
	assert_string_equal(c.escalated_to, "KEMENPANRB");
	int64_t version = c.version;
	lp_case_clear(&c);
	/* At the root there is no level above: left alone, counted. */
	lp_session_set_now(d->s, SLA_NOW + 60 * 86400);
	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	assert_true(st.at_top >= 1);
	c = sla_db_case(d, late);
	assert_int_equal(c.version, version);
	lp_case_clear(&c);
	l = events_of(d, late);
	assert_int_equal(l.escalations, 3);
	lp_event_clear(&l.e);
}

static void test_paused_and_unclocked_are_left(void **state)
{
	struct sla_db *d = *state;
	struct lp_error err;
	struct lp_sweep_stats st;
	int64_t paused = sla_db_cases(d, 1, "31.71", LP_STATUS_POSTPONED, LP_STAGE_VERIFICATION,
				      SLA_NOW - 86400);
	int64_t closed = sla_db_cases(d, 1, "31.71", LP_STATUS_CLOSED, LP_STAGE_SETTLEMENT,
				      SLA_NOW - 86400);
	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	assert_int_equal(st.escalated + st.closed, 0);
	struct lp_case c = sla_db_case(d, paused);
	assert_int_equal(c.version, 1);
	lp_case_clear(&c);
	c = sla_db_case(d, closed);
	assert_int_equal(c.version, 1);
	lp_case_clear(&c);
}

static void test_closes_waited_out(void **state)
{
	struct sla_db *d = *state;
	struct lp_error err;
	struct lp_sweep_stats st;
	int64_t over = sla_db_cases(d, 2, "31.71.DISHUB", LP_STATUS_RESPONDED, LP_STAGE_FEEDBACK,
				    SLA_NOW - 60);
	int64_t waiting = sla_db_cases(d, 1, "31.71.DISHUB", LP_STATUS_RESPONDED,
				       LP_STAGE_FEEDBACK, SLA_NOW + 86400);
	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	assert_int_equal(st.closed, 2);
	assert_int_equal(st.escalated, 0);
	for (int64_t id = over; id < over + 2; id++) {
		struct lp_case c = sla_db_case(d, id);
		assert_int_equal(c.status, LP_STATUS_CLOSED);
		assert_int_equal(c.due_at, 0);
		assert_int_equal(c.clock_stage, -1);
		lp_case_clear(&c);
		struct last_event l = events_of(d, id);
		assert_int_equal(l.e.action, LP_ACTION_CLOSE);
		assert_string_equal(l.e.officer, "system");
		assert_string_equal(l.e.detail, "no_response");
		lp_event_clear(&l.e);
	}
	struct lp_case w = sla_db_case(d, waiting);
	assert_int_equal(w.status, LP_STATUS_RESPONDED);
	lp_case_clear(&w);
	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	assert_int_equal(st.closed + st.escalated + st.skipped + st.failed, 0);
}

struct seen {
	int escalate, close;
};

static void count_item(const struct lp_sweep_item *it, void *ud)
{
	struct seen *s = ud;
	if (it->action == LP_ACTION_ESCALATE) {
		s->escalate++;
		assert_string_equal(it->to, "31.71");
	} else {
		s->close++;
	}
}

static void test_dry_run(void **state)
{
	struct sla_db *d = *state;
	struct lp_error err;
	struct lp_sweep_stats st;
	int64_t late = sla_db_cases(d, 3, "31.71.DISHUB", LP_STATUS_ASSIGNED,
				    LP_STAGE_FIRST_RESPONSE, SLA_NOW - 3600);
	sla_db_cases(d, 1, "31.71.DISHUB", LP_STATUS_RESPONDED, LP_STAGE_FEEDBACK, SLA_NOW - 1);
	struct seen seen = { 0, 0 };
	assert_int_equal(lp_sweep_report(d->s, true, count_item, &seen, &st, &err), LP_OK);
	assert_int_equal(st.escalated, 3);
	assert_int_equal(st.closed, 1);
	assert_int_equal(seen.escalate, 3);
	assert_int_equal(seen.close, 1);
	struct lp_case c = sla_db_case(d, late);
	assert_int_equal(c.version, 1);
	assert_int_equal(c.escalation, 0);
	lp_case_clear(&c);
	/* Then for real: the same numbers. */
	assert_int_equal(lp_sweep(d->s, false, &st, &err), LP_OK);
	assert_int_equal(st.escalated, 3);
	assert_int_equal(st.closed, 1);
}

static void test_permissions(void **state)
{
	struct sla_db *d = *state;
	struct lp_error err;
	struct lp_sweep_stats st;
	int64_t late = sla_db_cases(d, 1, "31.71.DISHUB", LP_STATUS_ASSIGNED,
				    LP_STAGE_FIRST_RESPONSE, SLA_NOW - 3600);
	const char *refused[] = { "budi", "sup" };
	for (int i = 0; i < 2; i++) {
		struct lp_session *s = sla_db_session(d, refused[i]);
		assert_non_null(s);
		assert_int_equal(lp_sweep(s, false, &st, &err), LP_EPERM);
		assert_non_null(strstr(err.msg, "admin"));
		lp_session_close(s);
	}
	struct lp_case c = sla_db_case(d, late);
	assert_int_equal(c.version, 1);
	lp_case_clear(&c);
	struct lp_session *adm = sla_db_session(d, "adm");
	assert_non_null(adm);
	assert_int_equal(lp_sweep(adm, false, &st, &err), LP_OK);
	assert_int_equal(st.escalated, 1);
	lp_session_close(adm);
}

/* Two processes sweep the same database at the same moment. */
static void test_concurrent_sweeps(void **state)
{
	struct sla_db *d = *state;
	enum { N = 700 };
	int64_t first = sla_db_cases(d, N, "31.71.DISHUB", LP_STATUS_IN_PROGRESS,
				     LP_STAGE_FIRST_RESPONSE, SLA_NOW - 3600);
	assert_true(first > 0);
	int go[2], out[2];
	assert_int_equal(pipe(go), 0);
	assert_int_equal(pipe(out), 0);
	pid_t kids[2];
	for (int k = 0; k < 2; k++) {
		kids[k] = fork();
		assert_true(kids[k] >= 0);
		if (kids[k] == 0) {
			close(go[1]);
			struct lp_session *s = sla_db_session(d, NULL);
			char b;
			if (!s || read(go[0], &b, 1) != 1)
				_exit(2);
			struct lp_sweep_stats st;
			struct lp_error err;
			int rc = lp_sweep(s, false, &st, &err);
			if (rc)
				fprintf(stderr, "sweep %d: %s\n", k, err.msg);
			long rec[3] = { rc, st.escalated, st.skipped };
			if (write(out[1], rec, sizeof rec) != sizeof rec)
				_exit(3);
			lp_session_close(s);
			_exit(0);
		}
	}
	close(go[0]);
	assert_int_equal(write(go[1], "gg", 2), 2);          /* both start now */
	close(go[1]);
	long total = 0;
	for (int k = 0; k < 2; k++) {
		long rec[3];
		assert_int_equal(read(out[0], rec, sizeof rec), sizeof rec);
		assert_int_equal(rec[0], LP_OK);
		total += rec[1];
		int status;
		assert_int_equal(waitpid(kids[k], &status, 0), kids[k]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	close(out[0]);
	close(out[1]);
	assert_int_equal(total, N);
	for (int64_t id = first; id < first + N; id++) {
		struct lp_case c = sla_db_case(d, id);
		assert_int_equal(c.escalation, 1);
		assert_int_equal(c.version, 2);
		assert_int_equal(c.event_count, 1);
		lp_case_clear(&c);
	}
	assert_int_equal(escalated_queue(d, "31.71"), N);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_escalates_one_level, setup, teardown),
		cmocka_unit_test_setup_teardown(test_paused_and_unclocked_are_left, setup, teardown),
		cmocka_unit_test_setup_teardown(test_closes_waited_out, setup, teardown),
		cmocka_unit_test_setup_teardown(test_dry_run, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permissions, setup, teardown),
		cmocka_unit_test_setup_teardown(test_concurrent_sweeps, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
