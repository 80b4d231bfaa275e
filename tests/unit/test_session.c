/* test_session.c: opening a session (identity, --as, LAPOR_NOW), the
 * default path, and the directory (agencies, officer registration), on a
 * real SQLite store in a temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "directory.h"
#include "session.h"
#include "session_slots.h"
#include "store.h"
#include "workflow.h"

struct fx {
	char dir[64];
	char db[128];
	struct lp_session *s; /* identity optional: the Unix login is no officer yet */
};

static struct lp_officer officer(const char *login, enum lp_role role, const char *agency)
{
	struct lp_officer o = { 0 };
	lp_strlcpy(o.login, login, sizeof o.login);
	lp_strlcpy(o.name, "Nama Petugas", sizeof o.name);
	lp_strlcpy(o.agency, agency, sizeof o.agency);
	o.role = role;
	o.active = true;
	return o;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct lp_error err;
	strcpy(f->dir, "/tmp/lapor-test-session-XXXXXX");
	if (!f || !mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof f->db, "%s/a/b/lapor.db", f->dir);
	unsetenv("LAPOR_NOW");
	struct lp_session_opts o = { .db = f->db, .create = true,
				     .identity = LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &f->s, &err) != LP_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[160];
	lp_session_close(f->s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	int rc = system(cmd);
	free(f);
	unsetenv("LAPOR_NOW");
	return rc == 0 ? 0 : -1;
}

static void unknown_login(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	struct lp_session *s = NULL;
	const char *me = lp_session_unix_login(f->s);
	assert_null(lp_session_officer(f->s));
	assert_null(lp_session_agency(f->s));
	struct lp_session_opts o = { .db = f->db, .identity = LP_IDENTITY_REQUIRED };
	assert_int_equal(lp_session_open(&o, &s, &err), LP_EPERM);
	assert_null(s);
	char want[512];
	snprintf(want, sizeof want,
		 "you (%s) are not a registered officer in %s; an admin can register you with: "
		 "lapor officer add %s --name NAME --agency CODE --role ROLE", me, f->db, me);
	assert_string_equal(err.msg, want);
	/* A missing database is not created without create. */
	char other[160];
	snprintf(other, sizeof other, "%s/none.db", f->dir);
	o.db = other;
	assert_int_equal(lp_session_open(&o, &s, &err), LP_ENOENT);
}

static void registered_and_refresh(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	struct lp_officer me = officer(lp_session_unix_login(f->s), LP_ROLE_SUPERVISOR, "31.71");
	assert_int_equal(lp_store_officer_put(lp_session_store(f->s), &me, &err), LP_OK);
	/* refresh picks up the officer registered meanwhile */
	assert_int_equal(lp_session_refresh(f->s, &err), LP_OK);
	assert_non_null(lp_session_officer(f->s));
	assert_int_equal(lp_session_officer(f->s)->role, LP_ROLE_SUPERVISOR);
	assert_string_equal(lp_session_agency(f->s)->path, "/KEMENPANRB/31/31.71/");
	assert_int_equal(lp_session_is_root(f->s), geteuid() == 0);
	assert_non_null(lp_session_calendar_slot(f->s));

	struct lp_session *s = NULL;
	struct lp_session_opts o = { .db = f->db, .identity = LP_IDENTITY_REQUIRED };
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	assert_string_equal(lp_session_officer(s)->login, me.login);
	/* --as: allowed to root and admins only. */
	lp_session_close(s);
	s = NULL;
	o.as_login = "intake";
	int rc = lp_session_open(&o, &s, &err);
	if (geteuid() == 0) {
		assert_int_equal(rc, LP_OK);
		assert_string_equal(lp_session_officer(s)->login, "intake");
		assert_string_equal(lp_session_unix_login(s), me.login);
	} else {
		assert_int_equal(rc, LP_EPERM);
		assert_non_null(strstr(err.msg, "only root or an admin"));
	}
	lp_session_close(s);
	s = NULL;
	o.as_login = "nobody-here";
	rc = lp_session_open(&o, &s, &err);
	assert_int_equal(rc, LP_EPERM);
	assert_null(s);

	/* Deactivated: refused. */
	me.active = false;
	assert_int_equal(lp_store_officer_put(lp_session_store(f->s), &me, &err), LP_OK);
	o.as_login = NULL;
	assert_int_equal(lp_session_open(&o, &s, &err), LP_EPERM);
	assert_non_null(strstr(err.msg, "inactive"));
}

static int first_event(const struct lp_event *e, void *ud)
{
	struct lp_event *got = ud;
	if (got->seq == 0)
		assert_true(lp_event_copy(got, e));
	return 0;
}

/* Under --as, events record the Unix login as the actor. */
static void as_records_actor(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	if (geteuid() != 0) {
		/* Only root may --as without being an admin: covered above. */
		assert_false(lp_session_is_root(f->s));
		return;
	}
	struct lp_officer koor = officer("koor", LP_ROLE_COORDINATOR, "31.71");
	struct lp_store *st = lp_session_store(f->s);
	assert_int_equal(lp_store_officer_put(st, &koor, &err), LP_OK);
	struct lp_case c = { 0 };
	lp_strlcpy(c.tracking_id, "WEB-9", sizeof c.tracking_id);
	lp_strlcpy(c.agency, "31.71", sizeof c.agency);
	lp_strlcpy(c.region, "31.71", sizeof c.region);
	c.status = LP_STATUS_NEW;
	c.version = 1;
	c.clock_stage = -1;
	assert_int_equal(lp_store_case_insert(st, &c, &err), LP_OK);
	struct lp_session *s = NULL;
	struct lp_session_opts o = { .db = f->db, .as_login = "koor",
				     .identity = LP_IDENTITY_REQUIRED };
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	struct lp_action_args a = { .action = LP_ACTION_POSTPONE, .case_id = c.id,
				    .text = "Mohon lampirkan foto" };
	struct lp_case after = { 0 };
	assert_int_equal(lp_act(s, &a, &after, &err), LP_OK);
	assert_int_equal(after.status, LP_STATUS_POSTPONED);
	assert_int_equal(after.event_count, 1);
	lp_case_clear(&after);
	lp_session_close(s);
	struct lp_event got = { 0 };
	assert_int_equal(lp_store_event_list(st, c.id, first_event, &got, &err), LP_OK);
	assert_int_equal(got.seq, 1);
	assert_string_equal(got.officer, "koor");
	assert_string_equal(got.actor, lp_session_unix_login(f->s));
	assert_int_equal(got.action, LP_ACTION_POSTPONE);
	assert_string_equal(got.text, "Mohon lampirkan foto");
	lp_event_clear(&got);
	lp_case_clear(&c);
}

/* With --as the acting officer's role alone decides: root acting as a
 * coordinator has no bootstrap powers (officer add, import, sweep, demo
 * all check lp_session_is_root()); root without --as keeps them. */
static void as_drops_root(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	if (geteuid() != 0) {
		skip();
		return;
	}
	assert_true(lp_session_is_root(f->s));
	struct lp_officer koor = officer("koor", LP_ROLE_COORDINATOR, "31.71");
	struct lp_officer adm = officer("adm", LP_ROLE_ADMIN, "KEMENPANRB");
	assert_int_equal(lp_officer_add(f->s, &koor, &err), LP_OK);
	assert_int_equal(lp_officer_add(f->s, &adm, &err), LP_OK);
	struct lp_session *s = NULL;
	struct lp_session_opts o = { .db = f->db, .as_login = "koor",
				     .identity = LP_IDENTITY_OPTIONAL };
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	assert_false(lp_session_is_root(s));
	struct lp_officer budi = officer("budi", LP_ROLE_CLERK, "31.71");
	assert_int_equal(lp_officer_add(s, &budi, &err), LP_EPERM);
	assert_non_null(strstr(err.msg, "only an admin"));
	/* Refreshing keeps the --as officer and no root powers. */
	assert_int_equal(lp_session_refresh(s, &err), LP_OK);
	assert_string_equal(lp_session_officer(s)->login, "koor");
	assert_false(lp_session_is_root(s));
	lp_session_close(s);
	/* As an admin, the admin's role allows it. */
	s = NULL;
	o.as_login = "adm";
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	assert_false(lp_session_is_root(s));
	assert_int_equal(lp_officer_add(s, &budi, &err), LP_OK);
	lp_session_close(s);
	struct lp_officer got;
	assert_int_equal(lp_officer_get(f->s, "budi", &got, &err), LP_OK);
	assert_int_equal(got.role, LP_ROLE_CLERK);
}

static void now_from_env(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	struct lp_session *s = NULL;
	struct lp_session_opts o = { .db = f->db, .identity = LP_IDENTITY_OPTIONAL };
	setenv("LAPOR_NOW", "2026-11-28T09:15:00+07:00", 1);
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	assert_int_equal(lp_session_now(s), 1795832100);
	lp_session_set_now(s, 42);
	assert_int_equal(lp_session_now(s), 42);
	lp_session_set_now(s, 0);
	assert_int_equal(lp_session_now(s), 1795832100);
	lp_session_close(s);
	setenv("LAPOR_NOW", "1700000000", 1);
	assert_int_equal(lp_session_open(&o, &s, &err), LP_OK);
	assert_int_equal(lp_session_now(s), 1700000000);
	lp_session_close(s);
	setenv("LAPOR_NOW", "besok pagi", 1);
	assert_int_equal(lp_session_open(&o, &s, &err), LP_EUSAGE);
	assert_non_null(strstr(err.msg, "LAPOR_NOW"));
	unsetenv("LAPOR_NOW");
}

static void default_path(void **state)
{
	(void)state;
	char buf[256];
	setenv("LAPOR_DB", "/srv/lapor.db", 1);
	assert_string_equal(lp_default_db_path(buf, sizeof buf), "/srv/lapor.db");
	unsetenv("LAPOR_DB");
	setenv("XDG_DATA_HOME", "/x/data", 1);
	assert_string_equal(lp_default_db_path(buf, sizeof buf), "/x/data/lapor/lapor.db");
	unsetenv("XDG_DATA_HOME");
	setenv("HOME", "/home/budi", 1);
	assert_string_equal(lp_default_db_path(buf, sizeof buf),
			    "/home/budi/.local/share/lapor/lapor.db");
}

static int count_agency(const struct lp_agency *a, void *ud)
{
	(*(int *)ud)++;
	assert_non_null(strstr(a->path, "/31.71/"));
	return 0;
}

static void directory(void **state)
{
	struct fx *f = *state;
	struct lp_error err = { 0 };
	struct lp_agency a;
	assert_int_equal(lp_agency_get(f->s, "31.71", &a, &err), LP_OK);
	assert_int_equal(lp_agency_depth(&a), 2);
	assert_int_equal(a.kind, LP_AGENCY_CITY);
	assert_int_equal(lp_agency_get(f->s, "99.99", &a, &err), LP_ENOENT);
	assert_string_equal(err.msg, "no agency 99.99");
	int n = 0;
	assert_int_equal(lp_agency_list(f->s, "31.71", count_agency, &n, &err), LP_OK);
	assert_true(n >= 3); /* the city and its units */

	/* Registering officers: only admins or root. */
	struct lp_officer o = officer("budi", LP_ROLE_CLERK, "31.71");
	int rc = lp_officer_add(f->s, &o, &err);
	if (geteuid() != 0) {
		assert_int_equal(rc, LP_EPERM);
		return;
	}
	assert_int_equal(rc, LP_OK);
	struct lp_officer got;
	assert_int_equal(lp_officer_get(f->s, "budi", &got, &err), LP_OK);
	assert_string_equal(got.agency, "31.71");
	assert_int_equal(lp_officer_get(f->s, "nobody", &got, &err), LP_ENOENT);
	o = officer("bad login", LP_ROLE_CLERK, "31.71");
	assert_int_equal(lp_officer_add(f->s, &o, &err), LP_EDATA);
	o = officer("sys2", LP_ROLE_SYSTEM, "KEMENPANRB");
	assert_int_equal(lp_officer_add(f->s, &o, &err), LP_EDATA);
	o = officer("x", LP_ROLE_CLERK, "99.99");
	assert_int_equal(lp_officer_add(f->s, &o, &err), LP_ENOENT);
	o = officer("adm2", LP_ROLE_ADMIN, "31");
	assert_int_equal(lp_officer_add(f->s, &o, &err), LP_EDATA);
	o = officer("system", LP_ROLE_ADMIN, "KEMENPANRB");
	assert_int_equal(lp_officer_add(f->s, &o, &err), LP_EREFUSED);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(unknown_login, setup, teardown),
		cmocka_unit_test_setup_teardown(registered_and_refresh, setup, teardown),
		cmocka_unit_test_setup_teardown(as_records_actor, setup, teardown),
		cmocka_unit_test_setup_teardown(as_drops_root, setup, teardown),
		cmocka_unit_test_setup_teardown(now_from_env, setup, teardown),
		cmocka_unit_test(default_path),
		cmocka_unit_test_setup_teardown(directory, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
