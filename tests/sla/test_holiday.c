/* test_holiday.c: the holiday file import and list, the session's
 * calendar, and lp_sla_apply / lp_sla_check_extend through a session. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "holiday_import.h"
#include "sla.h"
#include "sla_db.h"
#include "sla_fixtures.h"

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

static int import_text(struct lp_session *s, const char *text, struct lp_holiday_stats *st,
		       struct lp_error *err)
{
	FILE *f = fmemopen((void *)text, strlen(text), "r");
	assert_non_null(f);
	int rc = lp_holiday_import(s, f, "libur.csv", st, err);
	fclose(f);
	return rc;
}

struct got {
	int n;
	struct lp_holiday h[16];
};

static int collect(const struct lp_holiday *h, void *ud)
{
	struct got *g = ud;
	if (g->n < 16)
		g->h[g->n++] = *h;
	return 0;
}

static int count_all(struct sla_db *d)
{
	struct got g = { 0 };
	struct lp_error err;
	assert_int_equal(lp_holiday_list(d->s, 0, collect, &g, &err), LP_OK);
	return g.n;
}

static const char good[] =
	"\xef\xbb\xbf" "date,name,kind\r\n"
	"2026-12-25,Hari Raya Natal,national\r\n"
	"\r\n"
	"2026-12-24,\"Cuti bersama Natal, 2026\",joint_leave\r\n"
	"2027-01-01,Tahun Baru 2027 Masehi,national\n";

static void test_import_and_list(void **state)
{
	struct sla_db *d = *state;
	struct lp_holiday_stats st;
	struct lp_error err;
	assert_int_equal(import_text(d->s, good, &st, &err), LP_OK);
	assert_int_equal(st.rows, 3);
	assert_int_equal(st.added, 3);
	assert_int_equal(st.changed + st.unchanged, 0);

	struct got g = { 0 };
	assert_int_equal(lp_holiday_list(d->s, 2026, collect, &g, &err), LP_OK);
	assert_int_equal(g.n, 2);
	assert_string_equal(g.h[0].date, "2026-12-24");
	assert_string_equal(g.h[0].name, "Cuti bersama Natal, 2026");
	assert_string_equal(g.h[0].kind, "joint_leave");
	assert_string_equal(g.h[1].date, "2026-12-25");
	assert_int_equal(count_all(d), 3);
	assert_int_equal(lp_holiday_list(d->s, 20260, collect, &g, &err), LP_EUSAGE);

	/* The same file again changes nothing; a renamed day is changed. */
	assert_int_equal(import_text(d->s, good, &st, &err), LP_OK);
	assert_int_equal(st.unchanged, 3);
	assert_int_equal(st.added + st.changed, 0);
	assert_int_equal(import_text(d->s, "2027-01-01,Tahun Baru Masehi,national\n", &st, &err),
			 LP_OK);
	assert_int_equal(st.changed, 1);
	assert_int_equal(count_all(d), 3);
}

/* Each bad file is refused whole, naming its first bad line. */
static void test_bad_rows(void **state)
{
	struct sla_db *d = *state;
	static const struct {
		const char *text, *where, *what;
	} bad[] = {
		{ "2026-12-25,Natal,national\n2026-02-30,Salah,national\n", ":2:", "not a date" },
		{ "2026-12-25,Natal,national\n2026-12-26,Boxing,bank\n", ":2:", "neither" },
		{ "date,name,kind\n2026-12-25,Natal\n", ":2:", "3 fields" },
		{ "2026-12-25,Natal,national,extra\n", ":1:", "3 fields" },
		{ "2026-12-25,,national\n", ":1:", "no name" },
		{ "2026-12-25,Natal,national\n2026-12-25,Natal lagi,national\n", ":2:",
		  "already listed on line 1" },
		{ "2026-12-25,\"Natal,national\n", ":1:", "CSV" },
		{ "2026-12-25,Na\x1b[2Jtal,national\n", ":1:", "control" },
		{ "2026-12-25,Na\xfftal,national\n", ":1:", "UTF-8" },
		{ "25/12/2026,Natal,national\n", ":1:", "not a date" },
		{ "x,y,z\n2026-12-25,Natal,national\n", ":1:", "not a date" },
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		struct lp_holiday_stats st;
		struct lp_error err;
		assert_int_equal(import_text(d->s, bad[i].text, &st, &err), LP_EDATA);
		if (!strstr(err.msg, bad[i].where) || !strstr(err.msg, bad[i].what))
			fail_msg("case %zu: %s", i, err.msg);
		assert_non_null(strstr(err.msg, "libur.csv"));
		assert_int_equal(st.rows, 0);
		assert_int_equal(count_all(d), 0);
	}
}

static void test_only_admins_import(void **state)
{
	struct sla_db *d = *state;
	struct lp_holiday_stats st;
	struct lp_error err;
	struct lp_session *clerk = sla_db_session(d, "budi");
	assert_non_null(clerk);
	assert_int_equal(import_text(clerk, good, &st, &err), LP_EPERM);
	/* Anyone may read it. */
	struct got g = { 0 };
	assert_int_equal(lp_holiday_list(clerk, 0, collect, &g, &err), LP_OK);
	assert_int_equal(g.n, 0);
	lp_session_close(clerk);
	struct lp_session *adm = sla_db_session(d, "adm");
	assert_non_null(adm);
	assert_int_equal(import_text(adm, good, &st, &err), LP_OK);
	lp_session_close(adm);
	assert_int_equal(count_all(d), 3);
}

/* The session's calendar follows an import; clocks use it in the agency's zone. */
static void test_session_calendar(void **state)
{
	struct sla_db *d = *state;
	struct lp_holiday_stats st;
	struct lp_error err;
	const struct lp_calendar *cal = lp_session_calendar(d->s, &err);
	assert_non_null(cal);
	assert_true(lp_calendar_is_working_day(cal, 2026, 12, 24));
	assert_int_equal(import_text(d->s, good, &st, &err), LP_OK);
	cal = lp_session_calendar(d->s, &err);
	assert_non_null(cal);
	assert_false(lp_calendar_is_working_day(cal, 2026, 12, 24));
	assert_false(lp_calendar_is_working_day(cal, 2026, 12, 25));

	/* Intake on Wednesday 23 Dec at a Jakarta unit (WIB): 3 working days
	 * skip 24-25 Dec and the weekend: Mon 28, Tue 29, Wed 30. */
	struct lp_case c = fx_case(LP_STATUS_NEW), before = c;
	lp_strlcpy(c.agency, "31.71.DISHUB", sizeof c.agency);
	c.created_at = at(2026, 12, 23, 10, 0, WIB);
	assert_int_equal(lp_sla_apply(d->s, LP_ACTION_INTAKE, &before, &c, c.created_at, &err),
			 LP_OK);
	assert_int_equal(c.clock_stage, LP_STAGE_VERIFICATION);
	assert_int_equal(c.due_at, day_end(2026, 12, 30, WIB));
	/* Policies come from the database: 5 working days allowed, not 6. */
	c.clock_stage = LP_STAGE_FIRST_RESPONSE;
	assert_int_equal(lp_sla_check_extend(d->s, &c, 5, &err), LP_OK);
	assert_int_equal(lp_sla_check_extend(d->s, &c, 6, &err), LP_EREFUSED);
	/* An unknown agency is an error, not a silent UTC clock. */
	lp_strlcpy(c.agency, "NOPE", sizeof c.agency);
	assert_int_equal(lp_sla_apply(d->s, LP_ACTION_VERIFY, &before, &c, c.created_at, &err),
			 LP_ENOENT);
	/* Forgetting reloads. */
	lp_session_calendar_forget(d->s);
	cal = lp_session_calendar(d->s, &err);
	assert_non_null(cal);
	assert_int_equal(lp_calendar_count(cal), 3);
}

static void test_policy_change_through_store(void **state)
{
	struct sla_db *d = *state;
	struct lp_error err;
	struct lp_sla_policy p = { .kind = LP_KIND_COMPLAINT, .stage = LP_STAGE_VERIFICATION,
				   .field_check = false, .days = 0, .working_days = true };
	assert_int_equal(lp_store_policy_put(d->st, &p, &err), LP_OK);
	lp_session_calendar_forget(d->s);
	struct lp_case c = fx_case(LP_STATUS_NEW), before = c;
	c.created_at = at(2026, 11, 28, 10, 0, WIB);          /* Saturday */
	assert_int_equal(lp_sla_apply(d->s, LP_ACTION_INTAKE, &before, &c, c.created_at, &err),
			 LP_OK);
	assert_int_equal(c.due_at, day_end(2026, 11, 30, WIB));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_import_and_list, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_only_admins_import, setup, teardown),
		cmocka_unit_test_setup_teardown(test_session_calendar, setup, teardown),
		cmocka_unit_test_setup_teardown(test_policy_change_through_store, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
