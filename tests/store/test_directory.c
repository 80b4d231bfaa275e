/* test_directory.c: the seeded agency tree, agencies, officers, SLA
 * policies and the holiday calendar. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_AGENCIES 2000

struct tree {
	struct lp_agency a[MAX_AGENCIES];
	int n;
};

static int collect_agency(const struct lp_agency *a, void *ud)
{
	struct tree *t = ud;
	if (t->n >= MAX_AGENCIES)
		return 1;
	t->a[t->n++] = *a;
	return 0;
}

static const struct lp_agency *find(const struct tree *t, const char *code)
{
	for (int i = 0; i < t->n; i++)
		if (strcmp(t->a[i].code, code) == 0)
			return &t->a[i];
	return NULL;
}

static void seeded_tree(void **state)
{
	struct fx *f = *state;
	struct tree *t = calloc(1, sizeof *t);
	assert_non_null(t);
	assert_ok(lp_store_agency_list(f->s, NULL, collect_agency, t, &f->err), &f->err);
	int kinds[LP_AGENCY_KIND_COUNT] = { 0 };
	for (int i = 0; i < t->n; i++) {
		const struct lp_agency *a = &t->a[i];
		kinds[a->kind]++;
		if (i > 0)
			assert_true(strcmp(t->a[i - 1].path, a->path) < 0); /* path order */
		if (!a->parent[0]) {
			assert_string_equal(a->code, "KEMENPANRB");
			assert_string_equal(a->path, "/KEMENPANRB/");
			continue;
		}
		/* The parent comes first and the path extends the parent's. */
		const struct lp_agency *p = find(t, a->parent);
		assert_non_null(p);
		assert_true(p < a);
		char want[LP_PATH_MAX + LP_CODE_MAX + 2];
		snprintf(want, sizeof want, "%s%s/", p->path, a->code);
		assert_string_equal(a->path, want);
		if (a->kind == LP_AGENCY_PROVINCE || a->kind == LP_AGENCY_MINISTRY ||
		    a->kind == LP_AGENCY_NATIONAL_BODY)
			assert_string_equal(a->parent, "KEMENPANRB");
		if (a->kind == LP_AGENCY_REGENCY || a->kind == LP_AGENCY_CITY) {
			assert_int_equal(p->kind, LP_AGENCY_PROVINCE);
			assert_int_equal(a->tz_minutes, p->tz_minutes);
		}
	}
	assert_int_equal(kinds[LP_AGENCY_CENTRAL], 1);
	assert_int_equal(kinds[LP_AGENCY_PROVINCE], 38);
	assert_int_equal(kinds[LP_AGENCY_REGENCY] + kinds[LP_AGENCY_CITY], 514);
	assert_int_equal(kinds[LP_AGENCY_REGENCY], 416);
	assert_int_equal(kinds[LP_AGENCY_CITY], 98);
	assert_true(kinds[LP_AGENCY_MINISTRY] + kinds[LP_AGENCY_NATIONAL_BODY] >= 25);
	assert_true(kinds[LP_AGENCY_UNIT] >= 5);

	const struct lp_agency *a = find(t, "31.71");
	assert_non_null(a);
	assert_string_equal(a->path, "/KEMENPANRB/31/31.71/");
	assert_int_equal(a->kind, LP_AGENCY_CITY);
	assert_int_equal(a->tz_minutes, 420);
	a = find(t, "51.71");
	assert_non_null(a);
	assert_int_equal(a->tz_minutes, 480);
	a = find(t, "91.71");
	assert_non_null(a);
	assert_int_equal(a->tz_minutes, 540);
	a = find(t, "11.01");
	assert_non_null(a);
	assert_int_equal(a->kind, LP_AGENCY_REGENCY);
	a = find(t, "31.71.DISHUB");
	assert_non_null(a);
	assert_string_equal(a->path, "/KEMENPANRB/31/31.71/31.71.DISHUB/");
	assert_int_equal(a->kind, LP_AGENCY_UNIT);
	a = find(t, "KEMENKES");
	assert_non_null(a);
	assert_int_equal(a->kind, LP_AGENCY_MINISTRY);
	assert_int_equal(a->tz_minutes, 420);

	/* A subtree: the province and everything below it, nothing else. */
	int expect = 0;
	for (int i = 0; i < t->n; i++)
		expect += strncmp(t->a[i].path, "/KEMENPANRB/31/", 15) == 0;
	struct tree *sub = calloc(1, sizeof *sub);
	assert_non_null(sub);
	assert_ok(lp_store_agency_list(f->s, "/KEMENPANRB/31/", collect_agency, sub, &f->err),
		  &f->err);
	assert_int_equal(sub->n, expect);
	assert_true(sub->n >= 7 + 4); /* the province, 6 regencies and cities, 4 units */
	assert_string_equal(sub->a[0].code, "31");
	for (int i = 0; i < sub->n; i++)
		assert_int_equal(strncmp(sub->a[i].path, "/KEMENPANRB/31/", 15), 0);
	free(sub);
	free(t);
}

static int stop_at_three(const struct lp_agency *a, void *ud)
{
	(void)a;
	return ++*(int *)ud == 3 ? 42 : 0;
}

static void agencies(void **state)
{
	struct fx *f = *state;
	struct lp_agency a, b;
	memset(&a, 0, sizeof a);
	strcpy(a.code, "32.73.DISHUB");
	strcpy(a.parent, "32.73");
	strcpy(a.path, "/KEMENPANRB/32/32.73/32.73.DISHUB/");
	strcpy(a.name, "Dinas Perhubungan Kota Bandung");
	a.kind = LP_AGENCY_UNIT;
	a.tz_minutes = 420;
	assert_ok(lp_store_agency_put(f->s, &a, &f->err), &f->err);
	assert_ok(lp_store_agency_get(f->s, "32.73.DISHUB", &b, &f->err), &f->err);
	assert_memory_equal(&a, &b, sizeof a);
	/* Replace by code. */
	strcpy(a.name, "Dishub Kota Bandung");
	assert_ok(lp_store_agency_put(f->s, &a, &f->err), &f->err);
	assert_ok(lp_store_agency_get(f->s, "32.73.DISHUB", &b, &f->err), &f->err);
	assert_string_equal(b.name, "Dishub Kota Bandung");
	/* Two agencies cannot share a path. */
	strcpy(a.code, "32.73.DISHUB2");
	assert_int_equal(lp_store_agency_put(f->s, &a, &f->err), LP_EDATA);
	assert_int_equal(lp_store_agency_get(f->s, "32.73.DISHUB2", &b, &f->err), LP_ENOENT);
	assert_int_equal(lp_store_agency_get(f->s, "NOPE", &b, &f->err), LP_ENOENT);
	assert_non_null(strstr(f->err.msg, "NOPE"));
	/* A callback's non-zero value stops the list and is returned. */
	int n = 0;
	assert_int_equal(lp_store_agency_list(f->s, "", stop_at_three, &n, &f->err), 42);
	assert_int_equal(n, 3);
}

struct names {
	char v[64][LP_LOGIN_MAX];
	int n;
};

static int collect_officer(const struct lp_officer *o, void *ud)
{
	struct names *x = ud;
	if (x->n < 64)
		lp_strlcpy(x->v[x->n++], o->login, LP_LOGIN_MAX);
	return 0;
}

static void officers(void **state)
{
	struct fx *f = *state;
	struct lp_officer o, g;
	assert_ok(lp_store_officer_get(f->s, "system", &g, &f->err), &f->err);
	assert_int_equal(g.role, LP_ROLE_SYSTEM);
	assert_string_equal(g.agency, "KEMENPANRB");
	assert_string_equal(g.name, "Sistem LAPOR!");
	assert_true(g.active);
	assert_ok(lp_store_officer_get(f->s, "intake", &g, &f->err), &f->err);
	assert_int_equal(g.role, LP_ROLE_SYSTEM);

	const char *logins[] = { "siti", "budi", "andi", "wayan" };
	const char *agencies[] = { "31.71", "31.71.DISHUB", "31", "51.71" };
	for (int i = 0; i < 4; i++) {
		memset(&o, 0, sizeof o);
		strcpy(o.login, logins[i]);
		strcpy(o.name, logins[i]);
		strcpy(o.agency, agencies[i]);
		o.role = LP_ROLE_CLERK;
		o.active = true;
		assert_ok(lp_store_officer_put(f->s, &o, &f->err), &f->err);
	}
	assert_ok(lp_store_officer_get(f->s, "siti", &g, &f->err), &f->err);
	int64_t id = g.id;
	assert_true(id > 0);
	/* Same login: updated in place. */
	strcpy(o.login, "siti");
	strcpy(o.name, "Siti Rahayu");
	strcpy(o.agency, "31.71");
	o.role = LP_ROLE_SUPERVISOR;
	o.active = false;
	assert_ok(lp_store_officer_put(f->s, &o, &f->err), &f->err);
	assert_ok(lp_store_officer_get(f->s, "siti", &g, &f->err), &f->err);
	assert_int_equal(g.id, id);
	assert_string_equal(g.name, "Siti Rahayu");
	assert_int_equal(g.role, LP_ROLE_SUPERVISOR);
	assert_false(g.active);
	/* Unknown agency; unknown login. */
	strcpy(o.login, "ghost");
	strcpy(o.agency, "NOPE");
	assert_int_equal(lp_store_officer_put(f->s, &o, &f->err), LP_EDATA);
	assert_int_equal(lp_store_officer_get(f->s, "ghost", &g, &f->err), LP_ENOENT);

	/* Under Jakarta, by agency path then login. */
	struct names x = { .n = 0 };
	assert_ok(lp_store_officer_list(f->s, "/KEMENPANRB/31/", collect_officer, &x, &f->err),
		  &f->err);
	assert_int_equal(x.n, 3);
	assert_string_equal(x.v[0], "andi");  /* /KEMENPANRB/31/ */
	assert_string_equal(x.v[1], "siti");  /* /KEMENPANRB/31/31.71/ */
	assert_string_equal(x.v[2], "budi");  /* /KEMENPANRB/31/31.71/31.71.DISHUB/ */
	x.n = 0;
	assert_ok(lp_store_officer_list(f->s, NULL, collect_officer, &x, &f->err), &f->err);
	assert_int_equal(x.n, 6);
	assert_string_equal(x.v[0], "intake"); /* /KEMENPANRB/ first */
	assert_string_equal(x.v[1], "system");
}

struct policies {
	struct lp_sla_policy p[64];
	int n;
};

static int collect_policy(const struct lp_sla_policy *p, void *ud)
{
	struct policies *x = ud;
	if (x->n < 64)
		x->p[x->n++] = *p;
	return 0;
}

static void policies(void **state)
{
	struct fx *f = *state;
	struct lp_sla_policy p;
	for (int k = 0; k < LP_KIND_COUNT; k++) {
		assert_ok(lp_store_policy_get(f->s, k, LP_STAGE_VERIFICATION, false, &p, &f->err),
			  &f->err);
		assert_int_equal(p.days, 3);
		assert_true(p.working_days);
		assert_ok(lp_store_policy_get(f->s, k, LP_STAGE_FIRST_RESPONSE, false, &p,
					      &f->err), &f->err);
		assert_int_equal(p.days, 5);
		assert_true(p.working_days);
		assert_ok(lp_store_policy_get(f->s, k, LP_STAGE_SETTLEMENT, false, &p, &f->err),
			  &f->err);
		assert_int_equal(p.days, 14);
		assert_false(p.working_days);
		assert_ok(lp_store_policy_get(f->s, k, LP_STAGE_SETTLEMENT, true, &p, &f->err),
			  &f->err);
		assert_int_equal(p.days, 60);
		assert_false(p.working_days);
		assert_true(p.field_check);
		assert_ok(lp_store_policy_get(f->s, k, LP_STAGE_FEEDBACK, false, &p, &f->err),
			  &f->err);
		assert_int_equal(p.days, 10);
		assert_true(p.working_days);
		assert_int_equal(p.kind, k);
		assert_int_equal(p.stage, LP_STAGE_FEEDBACK);
	}
	p = (struct lp_sla_policy){ LP_KIND_ASPIRATION, LP_STAGE_FIRST_RESPONSE, false, 7, false };
	assert_ok(lp_store_policy_put(f->s, &p, &f->err), &f->err);
	struct lp_sla_policy g;
	assert_ok(lp_store_policy_get(f->s, LP_KIND_ASPIRATION, LP_STAGE_FIRST_RESPONSE, false,
				      &g, &f->err), &f->err);
	assert_int_equal(g.days, 7);
	assert_false(g.working_days);

	struct policies x = { .n = 0 };
	assert_ok(lp_store_policy_list(f->s, collect_policy, &x, &f->err), &f->err);
	assert_int_equal(x.n, LP_KIND_COUNT * LP_STAGE_COUNT * 2);
	for (int i = 1; i < x.n; i++) {
		const struct lp_sla_policy *a = &x.p[i - 1], *b = &x.p[i];
		assert_true(a->kind < b->kind || (a->kind == b->kind && (a->stage < b->stage ||
			    (a->stage == b->stage && !a->field_check && b->field_check))));
	}
	p.days = -1;
	assert_int_equal(lp_store_policy_put(f->s, &p, &f->err), LP_EDATA);
}

struct days {
	char d[16][11];
	int n;
};

static int collect_holiday(const struct lp_holiday *h, void *ud)
{
	struct days *x = ud;
	if (x->n < 16)
		memcpy(x->d[x->n++], h->date, 11);
	return 0;
}

static void holidays(void **state)
{
	struct fx *f = *state;
	const struct lp_holiday hs[] = {
		{ "2026-03-20", "Hari Raya Idul Fitri 1447 H", "national" },
		{ "2026-01-01", "Tahun Baru 2026 Masehi", "national" },
		{ "2026-03-23", "Cuti Bersama Idul Fitri", "joint_leave" },
		{ "2026-08-17", "Hari Proklamasi Kemerdekaan", "national" },
	};
	for (int i = 0; i < 4; i++)
		assert_ok(lp_store_holiday_put(f->s, &hs[i], &f->err), &f->err);
	struct days x = { .n = 0 };
	assert_ok(lp_store_holiday_list(f->s, NULL, NULL, collect_holiday, &x, &f->err), &f->err);
	assert_int_equal(x.n, 4);
	assert_string_equal(x.d[0], "2026-01-01");
	assert_string_equal(x.d[3], "2026-08-17");
	x.n = 0; /* bounds are inclusive */
	assert_ok(lp_store_holiday_list(f->s, "2026-03-20", "2026-03-23", collect_holiday, &x,
					&f->err), &f->err);
	assert_int_equal(x.n, 2);
	assert_string_equal(x.d[0], "2026-03-20");
	assert_string_equal(x.d[1], "2026-03-23");
	x.n = 0;
	assert_ok(lp_store_holiday_list(f->s, "2026-03-21", NULL, collect_holiday, &x, &f->err),
		  &f->err);
	assert_int_equal(x.n, 2);
	x.n = 0;
	assert_ok(lp_store_holiday_list(f->s, NULL, "2026-03-20", collect_holiday, &x, &f->err),
		  &f->err);
	assert_int_equal(x.n, 2);
	/* Replace by date. */
	struct lp_holiday h = { "2026-01-01", "Tahun Baru Masehi", "national" };
	assert_ok(lp_store_holiday_put(f->s, &h, &f->err), &f->err);
	x.n = 0;
	assert_ok(lp_store_holiday_list(f->s, NULL, NULL, collect_holiday, &x, &f->err), &f->err);
	assert_int_equal(x.n, 4);
	struct lp_holiday bad = { "1/1/2026", "x", "national" };
	assert_int_equal(lp_store_holiday_put(f->s, &bad, &f->err), LP_EDATA);
}

int run_directory_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(seeded_tree, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(agencies, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(officers, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(policies, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(holidays, fx_setup, fx_teardown),
	};
	return cmocka_run_group_tests_name("store: agencies, officers, calendar", tests, NULL,
					   NULL);
}
