/* test_search_pass_pg.c: how the search functions of 009_pg_search_pass.sql
 * and 011_pg_title_index.sql read the cases, seen in their plans (auto_explain, sent to the client
 * as notices) while a supervisor calls them as psql would:
 *
 * - lapor_case_rank ranks each match in the pass that finds it: no case
 *   is read a second time by its id;
 * - lapor_case_matches applies the rule after the text index's scan (the
 *   OFFSET 0 subquery c), so PostgreSQL never ANDs the text index with a
 *   bitmap of every case of the subtree;
 * - lapor_case_matches reads title matches, and its window of newest
 *   cases, from the index of titles (kase_scope_title);
 * - lapor_case_matches, finding too few matches among the newest cases,
 *   widens its window by the rate it found instead of reading every
 *   match, and still returns the newest;
 * - both plan their queries for each call's values, also after the fifth
 *   call of a session (010_pg_search_plans.sql).
 *
 * Needs $LAPOR_TEST_PG_URI (a superuser: auto_explain is loaded and the
 * case numbers are set by hand); exits 77 (skipped) without it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pg_testdb.h"
#include "store.h"

static char dbname[64];
static char sup_login[96];

/* A case with that title in 31.71 (the supervisor's agency), numbered
 * `id` when id > 0 (the sequence is restarted there first). */
static int add_case(struct lp_store *s, PGconn *raw, int64_t id, const char *title,
		    const char *body, struct lp_error *err)
{
	if (id > 0) {
		char sql[96];
		snprintf(sql, sizeof sql, "ALTER TABLE kase ALTER COLUMN id RESTART WITH %lld",
			 (long long)id);
		PGresult *r = PQexec(raw, sql);
		bool ok = PQresultStatus(r) == PGRES_COMMAND_OK;
		PQclear(r);
		if (!ok)
			return lp_error_set(err, LP_EIO, "%s", PQerrorMessage(raw));
	}
	static int n;
	struct lp_case c;
	memset(&c, 0, sizeof c);
	snprintf(c.tracking_id, sizeof c.tracking_id, "S-%d", n++);
	c.kind = LP_KIND_COMPLAINT;
	c.channel = LP_CHANNEL_WEB;
	c.status = LP_STATUS_ASSIGNED;
	c.privacy = LP_PRIVACY_PUBLIC;
	lp_strlcpy(c.agency, "31.71", sizeof c.agency);
	c.title = lp_strdup(title);
	c.body = lp_strdup(body);
	c.version = 1;
	c.clock_stage = -1;
	c.created_at = c.updated_at = 1795000000;
	int rc = lp_store_case_insert(s, &c, err);
	lp_case_clear(&c);
	return rc;
}

/* Cases with "sampah" in the title: 1 to 4, then 150000 and 200000; and
 * 300 others (1000 to 1299), so that a title's words are a selective
 * condition, as they are among many cases. */
static int setup(void **state)
{
	(void)state;
	char uri[1024];
	struct lp_error err = { 0 };
	struct lp_store *s = NULL;
	PGconn *raw = NULL;
	if (pg_testdb_create(dbname, sizeof dbname, uri, sizeof uri))
		return -1;
	raw = PQconnectdb(uri);
	if (lp_store_open(uri, LP_STORE_CREATE, &s, &err) || lp_store_migrate(s, NULL, NULL, &err))
		goto fail;
	struct lp_officer o;
	memset(&o, 0, sizeof o);
	snprintf(sup_login, sizeof sup_login, "%s_sup", dbname);
	lp_strlcpy(o.login, sup_login, sizeof o.login);
	lp_strlcpy(o.name, "sup", sizeof o.name);
	lp_strlcpy(o.agency, "31.71", sizeof o.agency);
	o.role = LP_ROLE_SUPERVISOR;
	o.active = true;
	if (lp_store_officer_put(s, &o, &err) || lp_store_officer_provision(s, &o, &err))
		goto fail;
	static const int64_t ids[] = { 0, 0, 0, 0, 150000, 200000 };
	for (size_t i = 0; i < sizeof ids / sizeof ids[0]; i++) {
		if (add_case(s, raw, ids[i], "Sampah menumpuk", "Tumpukan di pinggir jalan", &err))
			goto fail;
		for (int k = 0; i == 3 && k < 300; k++)
			if (add_case(s, raw, k ? 0 : 1000, "Lampu mati di gang", "Gelap gulita",
				     &err))
				goto fail;
	}
	PGresult *r = PQexec(raw, "ANALYZE");
	PQclear(r);
	PQfinish(raw);
	lp_store_close(s);
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", err.msg);
	PQfinish(raw);
	lp_store_close(s);
	return -1;
}

static int teardown(void **state)
{
	(void)state;
	pg_testdb_drop(dbname);
	pg_testdb_drop_roles(dbname);
	return 0;
}

struct notices {
	char text[65536];
};

static void collect(void *arg, const PGresult *res)
{
	struct notices *n = arg;
	const char *m = PQresultErrorMessage(res);
	size_t have = strlen(n->text);
	snprintf(n->text + have, sizeof n->text - have, "%s", m);
}

/* Runs sql as the supervisor (SET SESSION AUTHORIZATION, after loading
 * auto_explain as the superuser) with every nested statement's plan
 * collected into plans; the first column of each row, joined by ",",
 * into out. */
static void run_as_sup(const char *sql, struct notices *plans, char *out, size_t out_size)
{
	char uri[1024], set_role[160];
	assert_int_equal(pg_testdb_uri(dbname, NULL, uri, sizeof uri), 0);
	PGconn *c = PQconnectdb(uri);
	assert_int_equal(PQstatus(c), CONNECTION_OK);
	snprintf(set_role, sizeof set_role, "SET SESSION AUTHORIZATION \"%s\"", sup_login);
	const char *setup_sql[] = {
		"LOAD 'auto_explain'", "SET auto_explain.log_min_duration = 0",
		"SET auto_explain.log_nested_statements = on", "SET auto_explain.log_level = notice",
		"SET client_min_messages = notice",
		/* the index paths a big table takes */
		"SET enable_seqscan = off", set_role,
	};
	for (size_t i = 0; i < sizeof setup_sql / sizeof setup_sql[0]; i++) {
		PGresult *r = PQexec(c, setup_sql[i]);
		assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
		PQclear(r);
	}
	plans->text[0] = '\0';
	PQsetNoticeReceiver(c, collect, plans);
	PGresult *r = PQexec(c, sql);
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	out[0] = '\0';
	for (int i = 0; i < PQntuples(r); i++) {
		size_t have = strlen(out);
		snprintf(out + have, out_size - have, "%s%s", i ? "," : "", PQgetvalue(r, i, 0));
	}
	PQclear(r);
	PQfinish(c);
}

static void rank_reads_each_match_once(void **state)
{
	(void)state;
	static struct notices plans;
	char out[256];
	run_as_sup("SELECT hit_case FROM lapor_case_rank('sampah', false, 3, 100)", &plans, out,
		   sizeof out);
	assert_string_equal(out, "1,2,3"); /* equal ranks: by number */
	assert_non_null(strstr(plans.text, "ts_rank_cd"));
	/* No case is read again by its number, as 008 did (WHERE k.id =
	 * ANY (ids)) to rank what it had found. */
	assert_null(strstr(plans.text, "id = ANY"));
	/* More than the cap: the marker row, from the same single pass. */
	run_as_sup("SELECT count(*) FILTER (WHERE hit_case IS NULL) FROM "
		   "lapor_case_rank('sampah', false, 3, 4)",
		   &plans, out, sizeof out);
	assert_string_equal(out, "1");
	assert_null(strstr(plans.text, "id = ANY"));
}

/* The lines of the scan of kase that follows `from` in plans: its
 * conditions and filter, up to the next plan node or statement. */
static void scan_lines(const char *from, char *lines, size_t size)
{
	const char *scan = strstr(from, "on kase k");
	assert_non_null(scan);
	const char *next = strstr(scan, "->"), *stmt = strstr(scan, "NOTICE");
	if (!next || (stmt && stmt < next))
		next = stmt;
	snprintf(lines, size, "%.*s", next ? (int)(next - scan) : (int)strlen(scan), scan);
}

static void matches_apply_the_rule_after_the_index(void **state)
{
	(void)state;
	static struct notices plans;
	char out[256], lines[2048];
	run_as_sup("SELECT * FROM lapor_case_matches('sampah', false, NULL)", &plans, out,
		   sizeof out);
	assert_string_equal(out, "200000,150000,4,3,2,1");
	/* The rule is the subquery's filter, above the scan of the text
	 * index, whose conditions are the words and the subtree only. */
	const char *sub = strstr(plans.text, "Subquery Scan on c");
	assert_non_null(sub);
	const char *filter = strstr(sub, "Filter:");
	assert_non_null(filter);
	assert_non_null(strstr(filter, "agency"));
	scan_lines(sub, lines, sizeof lines);
	assert_non_null(strstr(lines, "@@"));
	assert_non_null(strstr(lines, "&&"));
	assert_null(strstr(lines, "agency ="));
	assert_null(strstr(lines, "privacy"));
	assert_null(strstr(lines, "ts_filter"));
}

static void titles_come_from_the_title_index(void **state)
{
	(void)state;
	static struct notices plans;
	char out[256], lines[2048];
	run_as_sup("SELECT * FROM lapor_case_matches('sampah', true, NULL)", &plans, out,
		   sizeof out);
	assert_string_equal(out, "200000,150000,4,3,2,1");
	/* The title's words and the subtree are conditions of the index of
	 * titles (011), not a test of each case whose title or body matched;
	 * the rule stays above them; reading every case, no window. */
	assert_non_null(strstr(plans.text, "on kase_scope_title"));
	assert_null(strstr(plans.text, "kase_scope_search"));
	const char *sub = strstr(plans.text, "Subquery Scan on c");
	assert_non_null(sub);
	scan_lines(sub, lines, sizeof lines);
	assert_non_null(strstr(lines, "ts_filter"));
	assert_non_null(strstr(lines, "&&"));
	assert_null(strstr(lines, "privacy"));
	assert_null(strstr(plans.text, "id > '0'"));
	/* A word of the bodies only is no title match; it is a match. */
	run_as_sup("SELECT count(*) FROM lapor_case_matches('jalan', true, NULL)", &plans, out,
		   sizeof out);
	assert_string_equal(out, "0");
	run_as_sup("SELECT count(*) FROM lapor_case_matches('jalan', false, NULL)", &plans, out,
		   sizeof out);
	assert_string_equal(out, "6");
	/* With a window of newest numbers: the same newest.  (The window is a
	 * column of that index too, for the many cases of a real database;
	 * here PostgreSQL rightly reads the one case above 180000 by its
	 * number instead.) */
	run_as_sup("SELECT * FROM lapor_case_matches('sampah', true, 2)", &plans, out, sizeof out);
	assert_string_equal(out, "200000,150000");
	run_as_sup("SELECT pg_get_indexdef('kase_scope_title'::regclass)", &plans, out, sizeof out);
	assert_non_null(strstr(out, "ts_filter(search, '{a}'::\"char\"[]), id)"));
}

static void matches_widen_by_the_rate_found(void **state)
{
	(void)state;
	static struct notices plans;
	char out[256];
	/* The newest two: among the newest 20,000 numbers (180000 to 200000)
	 * only 200000; at that rate, a window of 80,000 (from 120000) holds
	 * both, and no pass reads every match. */
	run_as_sup("SELECT * FROM lapor_case_matches('sampah', false, 2)", &plans, out,
		   sizeof out);
	assert_string_equal(out, "200000,150000");
	assert_non_null(strstr(plans.text, "'180000'::bigint"));
	assert_non_null(strstr(plans.text, "'120000'::bigint"));
	assert_null(strstr(plans.text, "'0'::bigint"));
	/* Three: the window from 80000 holds two of them; at that rate the
	 * next reaches below 0, so every match is read, and the newest three
	 * are still the answer. */
	run_as_sup("SELECT * FROM lapor_case_matches('sampah', false, 3)", &plans, out,
		   sizeof out);
	assert_string_equal(out, "200000,150000,4");
}

/* Occurrences of needle in hay. */
static int count_of(const char *hay, const char *needle)
{
	int n = 0;
	for (const char *p = strstr(hay, needle); p; p = strstr(p + 1, needle))
		n++;
	return n;
}

/* How often needle is in the plans of `calls` calls of fn_call (a call
 * with g, 1 to calls) in one session. */
static int in_plans_of_calls(const char *fn_call, int calls, const char *needle)
{
	static struct notices plans;
	char sql[256], out[64];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM generate_series(1, %d) g, LATERAL %s",
		 calls, fn_call);
	run_as_sup(sql, &plans, out, sizeof out);
	return count_of(plans.text, needle);
}

static void matches_plan_for_each_call(void **state)
{
	(void)state;
	/* Eight calls in one session: each is planned for its values, the
	 * eighth as the first (a generic plan, which PostgreSQL may choose
	 * from the sixth call on, would show a parameter instead). */
	const char *m = "lapor_case_matches('sampah', false, 2 + 0 * g)";
	int one = in_plans_of_calls(m, 1, "'120000'::bigint");
	assert_true(one > 0);
	assert_int_equal(in_plans_of_calls(m, 8, "'120000'::bigint"), 8 * one);
	/* lapor_case_rank too: its subtree, as values. */
	const char *r = "lapor_case_rank('sampah', false, 3 + 0 * g, 100)";
	one = in_plans_of_calls(r, 1, "&& '{31.71,");
	assert_true(one > 0);
	assert_int_equal(in_plans_of_calls(r, 8, "&& '{31.71,"), 8 * one);
}

int main(void)
{
	if (!pg_testdb_server())
		return 77;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(rank_reads_each_match_once),
		cmocka_unit_test(matches_apply_the_rule_after_the_index),
		cmocka_unit_test(titles_come_from_the_title_index),
		cmocka_unit_test(matches_widen_by_the_rate_found),
		cmocka_unit_test(matches_plan_for_each_call),
	};
	return cmocka_run_group_tests_name("PostgreSQL search passes", tests, setup, teardown);
}
