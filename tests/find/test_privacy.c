/* test_privacy.c: search and queries as officers of different roles: a
 * clerk's search never matches a secret case of another agency, nor
 * reporter text; internal notes match only where the officer reads
 * them; everything returned is masked; snippets carry the markers. */
#include "fixture.h"

#include <stdlib.h>
#include <stdio.h>
#include <string.h>

struct hits {
	int64_t id[16];
	char where[16][16];
	char snip[16][256];
	bool title_masked[16];
	int n;
};

static int hit_add(const struct lp_find_hit *h, void *ud)
{
	struct hits *x = ud;
	if (x->n < 16) {
		x->id[x->n] = h->c->id;
		lp_strlcpy(x->where[x->n], h->where, sizeof x->where[0]);
		lp_strlcpy(x->snip[x->n], h->snippet ? h->snippet : "", sizeof x->snip[0]);
		x->title_masked[x->n] = h->c->title == NULL;
	}
	x->n++;
	return 0;
}

static int cmp64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

/* The hit ids, ascending, as "1,2". */
static const char *search(struct ffx *f, const char *text, struct hits *h)
{
	static char s[128];
	struct lp_error err;
	memset(h, 0, sizeof *h);
	assert_ok(lp_search(f->s, text, 50, hit_add, h, &err), &err);
	int64_t v[16];
	memcpy(v, h->id, sizeof v);
	qsort(v, (size_t)(h->n < 16 ? h->n : 16), sizeof *v, cmp64);
	s[0] = '\0';
	for (int i = 0; i < h->n && i < 16; i++) {
		size_t n = strlen(s);
		snprintf(s + n, sizeof s - n, "%s%lld", i ? "," : "", (long long)v[i]);
	}
	return s;
}

static const char *query(struct ffx *f, const char *text)
{
	static struct ids got;
	struct lp_error err;
	memset(&got, 0, sizeof got);
	assert_ok(lp_cases_query_text(f->s, NULL, text, ids_add, &got, &err), &err);
	return got.s;
}

static void clerk_elsewhere(void **state)
{
	struct ffx *f = *state;
	struct hits h;
	ffx_become(f, LP_ROLE_CLERK, "31.71");
	assert_string_equal(search(f, "pungutan", &h), "");
	assert_string_equal(search(f, "uang", &h), "");
	assert_string_equal(search(f, "joko", &h), "");
	assert_string_equal(search(f, "Siti", &h), "");
	assert_string_equal(query(f, "pungutan"), "");
	assert_string_equal(query(f, "privacy:secret"), ""); /* not its agency at all */
	/* Its own agency, verified cases only (6 is new). */
	assert_string_equal(search(f, "jalan", &h), "1,5,7");
	assert_string_equal(search(f, "sampah", &h), "");
	assert_string_equal(query(f, ""), "1,2,5,7,8,9,10,11");
}

static void coordinator_above(void **state)
{
	struct ffx *f = *state;
	struct hits h;
	struct lp_error err;
	ffx_become(f, LP_ROLE_COORDINATOR, "31");
	/* The secret case is in its subtree: listed, but its text never matches. */
	assert_string_equal(search(f, "pungutan", &h), "");
	assert_string_equal(search(f, "joko", &h), "");
	assert_string_equal(query(f, "pungutan"), "");
	assert_string_equal(query(f, "privacy:secret"), "3");
	struct lp_case c;
	assert_ok(lp_case_get(f->s, 3, &c, &err), &err);
	assert_null(c.title);
	lp_case_clear(&c);
	/* The anonymous case's reporter is masked in results. */
	struct hits hh;
	assert_string_equal(search(f, "lama", &hh), "5");
	assert_false(hh.title_masked[0]);
	assert_string_equal(search(f, "Siti", &h), "");
	/* Outside the subtree: nothing from 32.73. */
	assert_string_equal(search(f, "bandung", &h), "");
}

static void own_agency_and_admin(void **state)
{
	struct ffx *f = *state;
	struct hits h;
	ffx_become(f, LP_ROLE_CLERK, "31.71.DISHUB");
	assert_string_equal(search(f, "pungutan", &h), "3");
	assert_string_equal(h.where[0], "title");
	assert_non_null(strstr(h.snip[0], LP_HL_ON "Pungutan" LP_HL_OFF));
	assert_string_equal(search(f, "joko", &h), "3");
	assert_string_equal(h.where[0], "note");
	assert_non_null(strstr(h.snip[0], LP_HL_ON "joko" LP_HL_OFF));

	ffx_become(f, LP_ROLE_ADMIN, "KEMENPANRB");
	assert_string_equal(search(f, "menambal", &h), "1");
	assert_string_equal(h.where[0], "reply");
	assert_string_equal(search(f, "bina marga", &h), "1");
	assert_string_equal(h.where[0], "note");
	assert_string_equal(search(f, "berlubang", &h), "1,7");
	/* Title matches rank above body matches. */
	assert_int_equal(h.id[0], 7);
	assert_string_equal(h.where[1], "body");
	assert_string_equal(search(f, "jal* rusak", &h), "1,4,5,7");
	assert_string_equal(search(f, "Siti", &h), "");
	assert_string_equal(search(f, "\"; DROP TABLE kase; --", &h), "");
	assert_string_equal(search(f, "NEAR(a b) OR x:y ^z", &h), "");
	struct lp_error err;
	assert_int_equal(lp_search(f->s, "  * ", 10, hit_add, &h, &err), LP_EUSAGE);
	assert_int_equal(lp_search(f->s, "jalan", 0, hit_add, &h, &err), LP_EUSAGE);
	assert_int_equal(lp_search(f->s, "\xff", 10, hit_add, &h, &err), LP_EUSAGE);
}

static void limit_and_query_errors(void **state)
{
	struct ffx *f = *state;
	struct lp_error err;
	struct ids got = { 0 };
	ffx_become(f, LP_ROLE_ADMIN, "KEMENPANRB");
	struct lp_list_opts o;
	lp_list_opts_init(&o);
	o.limit = 2;
	o.status_mask = 1u << LP_STATUS_ARCHIVED;
	assert_ok(lp_cases_query_text(f->s, &o, "banjir", ids_add, &got, &err), &err);
	assert_string_equal(got.s, "8,9");
	assert_int_equal(lp_cases_query_text(f->s, NULL, "stauts:new", ids_add, &got, &err),
			 LP_EUSAGE);
	assert_non_null(strstr(err.msg, "column 1"));
	int64_t n = 0;
	struct lp_query *q = NULL;
	assert_ok(lp_query_parse("status:assigned", &q, &err), &err);
	assert_ok(lp_cases_query_count(f->s, NULL, q, &n, &err), &err);
	assert_int_equal(n, 3);
	lp_query_destroy(q);
}

static void highlight(void **state)
{
	(void)state;
	struct lp_span sp[4];
	const char *t = "Jalan rusak, jalanan RUSAK-parah";
	size_t n = lp_highlight(t, "rusak jalan", sp, 4);
	assert_int_equal(n, 3);
	assert_int_equal(sp[0].start, 0);
	assert_int_equal(sp[0].len, 5);
	assert_int_equal(sp[1].start, 6);
	assert_int_equal(sp[2].start, 21);
	n = lp_highlight(t, "jal*", sp, 1);
	assert_int_equal(n, 2); /* "Jalan" and "jalanan"; one span filled */
	assert_int_equal(sp[0].len, 5);
	assert_int_equal(lp_highlight(t, "", sp, 4), 0);
}

int run_privacy_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(clerk_elsewhere, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(coordinator_above, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(own_agency_and_admin, ffx_setup, ffx_teardown),
		cmocka_unit_test_setup_teardown(limit_and_query_errors, ffx_setup, ffx_teardown),
		cmocka_unit_test(highlight),
	};
	return cmocka_run_group_tests_name("search and privacy", tests, NULL, NULL);
}
