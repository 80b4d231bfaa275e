/* test_find_privacy_pg.c: searching on PostgreSQL as the officers
 * themselves (their own database roles, so row-level security and the
 * masking views apply): a clerk's or supervisor's search never matches a
 * secret case of another agency nor reporter text, even when the query
 * context asks for every text (as if core's condition were missing);
 * negated text terms match such a case without telling its text.
 *
 * Needs $LAPOR_TEST_PG_URI; exits 77 (skipped) without it. */
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
#include "query.h"
#include "store.h"

enum { ADMIN, CLERK, SUP, N_OFFICERS };
static const struct {
	const char *suffix, *agency;
	enum lp_role role;
} officers[N_OFFICERS] = {
	{ "admin", "KEMENPANRB", LP_ROLE_ADMIN },
	{ "clerk", "31.71", LP_ROLE_CLERK },
	{ "sup", "31.71", LP_ROLE_SUPERVISOR },
};

/* 1: public, the clerk's agency; 2: secret, another agency (under the
 * supervisor's); 3: anonymous, the clerk's agency, reporter "Rahasia". */
enum { C_PUBLIC, C_SECRET, C_ANON, N_CASES };
static const struct {
	const char *agency, *title, *body, *reporter;
	enum lp_privacy privacy;
} cases[N_CASES] = {
	{ "31.71", "Pungutan parkir", "Tarif parkir liar", "Andi", LP_PRIVACY_PUBLIC },
	{ "31.71.DISHUB", "Pungutan liar di terminal", "Petugas meminta suap", "Candra",
	  LP_PRIVACY_SECRET },
	{ "31.71", "Lampu jalan mati", "Gelap sekali", "Rahasia Sekali", LP_PRIVACY_ANONYMOUS },
};

static char dbname[64];
static char login[N_OFFICERS][96];
static int64_t case_id[N_CASES];
static struct lp_store *st[N_OFFICERS];

static int setup(void **state)
{
	(void)state;
	char uri[1024];
	struct lp_error err;
	struct lp_store *s = NULL;
	if (pg_testdb_create(dbname, sizeof dbname, uri, sizeof uri))
		return -1;
	if (lp_store_open(uri, LP_STORE_CREATE, &s, &err) || lp_store_migrate(s, NULL, NULL, &err))
		goto fail;
	for (int i = 0; i < N_OFFICERS; i++) {
		struct lp_officer o;
		memset(&o, 0, sizeof o);
		snprintf(login[i], sizeof login[i], "%s_%s", dbname, officers[i].suffix);
		lp_strlcpy(o.login, login[i], sizeof o.login);
		lp_strlcpy(o.name, officers[i].suffix, sizeof o.name);
		lp_strlcpy(o.agency, officers[i].agency, sizeof o.agency);
		o.role = officers[i].role;
		o.active = true;
		if (lp_store_officer_put(s, &o, &err) || lp_store_officer_provision(s, &o, &err))
			goto fail;
	}
	for (int i = 0; i < N_CASES; i++) {
		struct lp_case c;
		memset(&c, 0, sizeof c);
		snprintf(c.tracking_id, sizeof c.tracking_id, "T-%d", i);
		c.kind = LP_KIND_COMPLAINT;
		c.channel = LP_CHANNEL_WEB;
		c.status = LP_STATUS_ASSIGNED;
		c.privacy = cases[i].privacy;
		lp_strlcpy(c.agency, cases[i].agency, sizeof c.agency);
		c.title = lp_strdup(cases[i].title);
		c.body = lp_strdup(cases[i].body);
		c.reporter_name = lp_strdup(cases[i].reporter);
		c.version = 1;
		c.clock_stage = -1;
		c.created_at = c.updated_at = 1795000000 - i;
		int rc = lp_store_case_insert(s, &c, &err);
		case_id[i] = c.id;
		lp_case_clear(&c);
		if (rc)
			goto fail;
	}
	lp_store_close(s);
	for (int i = 0; i < N_OFFICERS; i++) {
		if (pg_testdb_uri(dbname, login[i], uri, sizeof uri) ||
		    lp_store_open(uri, 0, &st[i], &err))
			goto fail;
	}
	return 0;
fail:
	fprintf(stderr, "setup: %s\n", err.msg);
	lp_store_close(s);
	return -1;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < N_OFFICERS; i++)
		lp_store_close(st[i]);
	pg_testdb_drop(dbname);
	pg_testdb_drop_roles(dbname);
	return 0;
}

static int hit_id(const struct lp_search_hit *h, void *ud)
{
	char *s = ud;
	size_t n = strlen(s);
	snprintf(s + n, 128 - n, "%s%s", n ? "," : "", h->c->tracking_id);
	return 0;
}

static int case_tid(const struct lp_case *c, void *ud)
{
	char *s = ud;
	size_t n = strlen(s);
	snprintf(s + n, 128 - n, "%s%s", n ? "," : "", c->tracking_id);
	return 0;
}

/* Tracking ids found by searching `text` as officer i, with a context
 * that lets every text match (core's privacy condition left out). */
static const char *search_as(int i, const char *text)
{
	static char out[128];
	struct lp_error err;
	struct lp_query_ctx x = { .now = 1795000000, .content_all = true, .notes = true };
	out[0] = '\0';
	int rc = lp_store_case_search(st[i], NULL, &x, text, 50, hit_id, out, &err);
	if (rc)
		fail_msg("search %s: %s", text, err.msg);
	return out;
}

static const char *query_as(int i, const char *text)
{
	static char out[128];
	struct lp_error err;
	struct lp_query *q = NULL;
	struct lp_query_ctx x = { .now = 1795000000, .content_all = true };
	struct lp_case_filter f;
	lp_case_filter_init(&f);
	out[0] = '\0';
	if (lp_query_parse(text, &q, &err))
		fail_msg("parse %s: %s", text, err.msg);
	int rc = lp_store_case_query(st[i], &f, q, &x, case_tid, out, &err);
	lp_query_destroy(q);
	if (rc)
		fail_msg("query %s: %s", text, err.msg);
	return out;
}

static void admin_finds_all(void **state)
{
	(void)state;
	assert_string_equal(search_as(ADMIN, "pungutan"), "T-0,T-1");
	assert_string_equal(query_as(ADMIN, "pungutan"), "T-0,T-1");
}

static void clerk_never_matches_secret_nor_reporter(void **state)
{
	(void)state;
	assert_string_equal(search_as(CLERK, "pungutan"), "T-0");
	assert_string_equal(search_as(CLERK, "suap"), "");
	assert_string_equal(search_as(CLERK, "rahasia"), "");
	assert_string_equal(search_as(CLERK, "candra"), "");
	assert_string_equal(query_as(CLERK, "pungutan"), "T-0");
	assert_string_equal(query_as(CLERK, "rahasia"), "");
}

static void supervisor_sees_secret_case_not_its_text(void **state)
{
	(void)state;
	/* The secret case is in the supervisor's subtree: listed, masked. */
	assert_string_equal(query_as(SUP, "status:assigned"), "T-0,T-1,T-2");
	assert_string_equal(search_as(SUP, "pungutan"), "T-0");
	assert_string_equal(search_as(SUP, "terminal"), "");
	assert_string_equal(search_as(SUP, "pung*"), "T-0");
	assert_string_equal(query_as(SUP, "pungutan"), "T-0");
	/* One text term of the whole query is read through
	 * lapor_case_matches first: title and body, prefixes, beside other
	 * terms; two text terms are tested on each case. */
	assert_string_equal(query_as(SUP, "liar"), "T-0"); /* T-0's body, T-1's hidden title */
	assert_string_equal(query_as(SUP, "liar status:assigned"), "T-0");
	assert_string_equal(query_as(SUP, "pung* status:assigned"), "T-0");
	assert_string_equal(query_as(SUP, "gelap -status:closed"), "T-2");
	assert_string_equal(query_as(SUP, "liar OR gelap"), "T-0,T-2");
	assert_string_equal(query_as(CLERK, "liar status:assigned"), "T-0");
	/* Not matching a hidden text tells nothing: the secret case is in. */
	assert_string_equal(query_as(SUP, "-terminal"), "T-0,T-1,T-2");
	assert_string_equal(search_as(SUP, "rahasia"), "");
}

/* How many rows fn(words, flag, NULL) (lapor_case_matches: flag is
 * title_only; lapor_event_matches: notes; 004_search_fn.sql, run with
 * the owner's rights) gives officer i calling it directly, as psql would;
 * -1 when the call fails. */
static long direct_sql(int i, const char *sql, const char *words)
{
	char uri[512];
	long n = -1;
	if (pg_testdb_uri(dbname, login[i], uri, sizeof uri))
		return -1;
	PGconn *c = PQconnectdb(uri);
	const char *v[1] = { words };
	PGresult *r = PQstatus(c) == CONNECTION_OK ?
			      PQexecParams(c, sql, 1, NULL, v, NULL, NULL, 0) : NULL;
	if (r && PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1)
		n = strtol(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	PQfinish(c);
	return n;
}

static long direct_matches(int i, const char *fn, const char *words, bool flag)
{
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s($1, %s, NULL)", fn,
		 flag ? "true" : "false");
	long all = direct_sql(i, sql, words);
	/* With a limit (the newest first, through a window of ids), and
	 * counted up to a cap: the same cases. */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s($1, %s, 5)", fn,
		 flag ? "true" : "false");
	assert_int_equal(direct_sql(i, sql, words), all);
	if (strcmp(fn, "lapor_case_matches") == 0 && !flag)
		assert_int_equal(direct_sql(i, "SELECT lapor_case_match_count($1, 10)", words), all);
	return all;
}

/* The match functions, called directly, apply the same rules: the clerk
 * of 31.71 finds nothing of the secret case of 31.71.DISHUB (neither its
 * row nor its text), the supervisor above it sees the row but not its
 * text, the admin finds it. */
static void match_functions_keep_the_rules(void **state)
{
	(void)state;
	const char *cm = "lapor_case_matches";
	assert_int_equal(direct_matches(CLERK, cm, "pungutan", false), 1); /* T-0 only */
	assert_int_equal(direct_matches(CLERK, cm, "suap", false), 0);
	assert_int_equal(direct_matches(CLERK, cm, "terminal", false), 0);
	assert_int_equal(direct_matches(SUP, cm, "pungutan", false), 1);
	assert_int_equal(direct_matches(SUP, cm, "terminal", false), 0);
	assert_int_equal(direct_matches(ADMIN, cm, "terminal", false), 1);
	assert_int_equal(direct_matches(ADMIN, cm, "pungutan", false), 2);
	/* title_only: "liar" is in the secret case's title, in the public
	 * case's body only. */
	assert_int_equal(direct_matches(ADMIN, cm, "liar", false), 2);
	assert_int_equal(direct_matches(ADMIN, cm, "liar", true), 1);
	assert_int_equal(direct_matches(CLERK, cm, "liar", false), 1);
	assert_int_equal(direct_matches(CLERK, cm, "liar", true), 0);
	assert_int_equal(direct_matches(CLERK, "lapor_event_matches", "suap", true), 0);
}

int main(void)
{
	if (!pg_testdb_server())
		return 77;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(admin_finds_all),
		cmocka_unit_test(clerk_never_matches_secret_nor_reporter),
		cmocka_unit_test(supervisor_sees_secret_case_not_its_text),
		cmocka_unit_test(match_functions_keep_the_rules),
	};
	return cmocka_run_group_tests_name("PostgreSQL search privacy", tests, setup, teardown);
}
