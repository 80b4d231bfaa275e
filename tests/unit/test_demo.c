/* test_demo.c: lp_demo_fill on a real SQLite database: officers, cases
 * spread over statuses, deterministic for a seed, valid audit chains. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audit.h"
#include "demo.h"
#include "safetext.h"
#include "session.h"
#include "store.h"

#define NOW 1795832100 /* 2026-11-28T09:15:00+07:00 */
#define N 300

struct db {
	char dir[64];
	struct lp_session *s;
};

static void db_open(struct db *d)
{
	struct lp_error err;
	char path[128];
	strcpy(d->dir, "/tmp/lapor-demo-XXXXXX");
	assert_non_null(mkdtemp(d->dir));
	snprintf(path, sizeof path, "%s/lapor.db", d->dir);
	struct lp_session_opts o = { .db = path, .create = true, .identity = LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &d->s, &err) != LP_OK)
		fail_msg("open: %s", err.msg);
}

static void db_close(struct db *d)
{
	char cmd[128];
	lp_session_close(d->s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->dir);
	assert_int_equal(system(cmd), 0);
}

static void fill(struct db *d, uint64_t seed, struct lp_demo_stats *st)
{
	struct lp_error err;
	struct lp_demo_opts o = { .cases = N, .seed = seed, .login = lp_session_unix_login(d->s),
				  .role = LP_ROLE_ADMIN, .agency = NULL };
	if (lp_demo_fill(d->s, &o, st, &err) != LP_OK)
		fail_msg("demo: %s", err.msg);
}

/* What a case looks like, for comparing two databases. */
struct digest {
	unsigned long long h;
	int64_t n;
	int64_t status[LP_STATUS_COUNT];
	int64_t escalated, merged, clean_text;
};

static int digest_cb(const struct lp_case *c, void *ud)
{
	struct digest *g = ud;
	const char *parts[] = { c->tracking_id, c->title, c->body, c->agency, c->region,
				c->category, lp_status_name(c->status), c->assignee };
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		for (const char *p = parts[i] ? parts[i] : ""; *p; p++)
			g->h = g->h * 1099511628211ULL ^ (unsigned char)*p;
	g->h = g->h * 31 + (unsigned long long)c->submitted_at + (unsigned long long)c->event_count;
	g->n++;
	g->status[c->status]++;
	g->escalated += c->escalation > 0;
	g->merged += c->merged_into != 0;
	/* demo text is clean: no control characters, valid UTF-8 */
	char *safe = lp_safe_text(c->body, strlen(c->body), 0);
	g->clean_text += safe && strcmp(safe, c->body) == 0 && strlen(c->title) > 0;
	free(safe);
	return 0;
}

static void digest(struct db *d, struct digest *g)
{
	struct lp_case_filter f;
	memset(g, 0, sizeof *g);
	g->h = 1469598103934665603ULL;
	lp_case_filter_init(&f);
	assert_int_equal(lp_store_case_list(lp_session_store(d->s), &f, digest_cb, g, NULL), LP_OK);
}

static void test_fill(void **state)
{
	(void)state;
	struct db a;
	struct lp_demo_stats st;
	struct lp_error err;

	db_open(&a);
	fill(&a, 42, &st);
	assert_int_equal(st.cases, N);
	assert_true(st.officers >= 17);
	assert_true(st.events > N);

	struct digest g;
	digest(&a, &g);
	assert_int_equal(g.n, N);
	assert_int_equal(g.clean_text, N);
	for (int s = 0; s < LP_STATUS_COUNT; s++)
		if (g.status[s] == 0)
			fail_msg("no case ended %s", lp_status_name(s));
	assert_true(g.status[LP_STATUS_CLOSED] > N / 10);
	assert_true(g.merged > 0 || g.status[LP_STATUS_ARCHIVED] > 0);

	/* officers of every role */
	struct lp_officer o;
	struct lp_store *store = lp_session_store(a.s);
	assert_int_equal(lp_store_officer_get(store, "budi.santoso", &o, &err), LP_OK);
	assert_int_equal(o.role, LP_ROLE_CLERK);
	assert_string_equal(o.agency, "31.71");
	assert_int_equal(lp_store_officer_get(store, "agus.setiawan", &o, &err), LP_OK);
	assert_int_equal(o.role, LP_ROLE_COORDINATOR);
	assert_int_equal(lp_store_officer_get(store, "indah.puspita", &o, &err), LP_OK);
	assert_int_equal(o.role, LP_ROLE_AUDITOR);
	assert_int_equal(lp_store_officer_get(store, lp_session_unix_login(a.s), &o, &err), LP_OK);
	assert_int_equal(o.role, LP_ROLE_ADMIN);
	assert_string_equal(o.agency, "KEMENPANRB");

	/* the histories are valid hash chains */
	struct lp_audit_report rep;
	assert_int_equal(lp_session_refresh(a.s, &err), LP_OK);
	assert_int_equal(lp_audit_verify(a.s, &rep, &err), LP_OK);
	if (rep.broken)
		fail_msg("case %lld event %lld: %s", (long long)rep.case_id, (long long)rep.seq,
			 rep.why);
	assert_int_equal(rep.cases, N);
	assert_int_equal(rep.events, st.events);

	/* a second fill is refused */
	struct lp_demo_opts o2 = { .cases = 5, .seed = 1, .role = LP_ROLE_ADMIN };
	assert_int_equal(lp_demo_fill(a.s, &o2, &st, &err), LP_EREFUSED);
	db_close(&a);
}

static void test_deterministic(void **state)
{
	(void)state;
	struct db a, b, c;
	struct lp_demo_stats st;
	struct digest ga, gb, gc;

	db_open(&a);
	db_open(&b);
	db_open(&c);
	fill(&a, 7, &st);
	fill(&b, 7, &st);
	fill(&c, 8, &st);
	digest(&a, &ga);
	digest(&b, &gb);
	digest(&c, &gc);
	assert_int_equal(ga.h, gb.h);
	assert_memory_equal(ga.status, gb.status, sizeof ga.status);
	assert_int_not_equal(ga.h, gc.h);
	db_close(&a);
	db_close(&b);
	db_close(&c);
}

int main(void)
{
	/* a fixed clock: the demo writes the 90 days before it */
	setenv("LAPOR_NOW", "1795832100", 1);
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fill),
		cmocka_unit_test(test_deterministic),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
