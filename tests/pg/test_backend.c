/* test_backend.c: what only the PostgreSQL backend has: the schema
 * version table, foreign databases, row locks and their timeout, dropped
 * connections, LISTEN/NOTIFY, read-only sessions, unreachable servers,
 * the text-search column.
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
#include "store.h"

struct fx {
	char db[64];
	char uri[1024];
	struct lp_store *s;
	PGconn *raw; /* the same database, as its owner, outside lapor */
	struct lp_error err;
};

static int setup_empty(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f || pg_testdb_create(f->db, sizeof f->db, f->uri, sizeof f->uri)) {
		free(f);
		return -1;
	}
	f->raw = PQconnectdb(f->uri);
	if (PQstatus(f->raw) != CONNECTION_OK)
		return -1;
	*state = f;
	return 0;
}

static int setup(void **state)
{
	if (setup_empty(state))
		return -1;
	struct fx *f = *state;
	if (lp_store_open(f->uri, LP_STORE_CREATE, &f->s, &f->err) ||
	    lp_store_migrate(f->s, NULL, NULL, &f->err)) {
		fprintf(stderr, "setup: %s\n", f->err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	lp_store_close(f->s);
	PQfinish(f->raw);
	pg_testdb_drop(f->db);
	free(f);
	return 0;
}

static void raw_ok(struct fx *f, const char *sql)
{
	PGresult *r = PQexec(f->raw, sql);
	if (PQresultStatus(r) != PGRES_COMMAND_OK && PQresultStatus(r) != PGRES_TUPLES_OK)
		fail_msg("%s: %s", sql, PQerrorMessage(f->raw));
	PQclear(r);
}

static int64_t new_case(struct fx *f, const char *tid, const char *body)
{
	struct lp_case c;
	memset(&c, 0, sizeof c);
	lp_strlcpy(c.tracking_id, tid, sizeof c.tracking_id);
	lp_strlcpy(c.agency, "31.71", sizeof c.agency);
	c.status = LP_STATUS_ASSIGNED;
	c.title = lp_strdup("Jalan rusak");
	c.body = lp_strdup(body);
	c.version = 1;
	c.clock_stage = -1;
	int rc = lp_store_case_insert(f->s, &c, &f->err);
	if (rc)
		fail_msg("insert: %s", f->err.msg);
	int64_t id = c.id;
	lp_case_clear(&c);
	return id;
}

static void schema_versions(void **state)
{
	struct fx *f = *state;
	struct lp_store *s = NULL;
	/* An empty database needs `lapor init`. */
	assert_int_equal(lp_store_open(f->uri, 0, &s, &f->err), LP_EDATA);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "lapor init"));
	/* Someone else's tables are left alone. */
	raw_ok(f, "CREATE TABLE t(x int)");
	assert_int_equal(lp_store_open(f->uri, LP_STORE_CREATE, &s, &f->err), LP_OK);
	assert_string_equal(lp_store_backend(s), "postgresql");
	assert_int_equal(lp_store_migrate(s, NULL, NULL, &f->err), LP_EIO);
	assert_non_null(strstr(f->err.msg, "not a lapor database"));
	/* The failed migration left nothing behind, and the store still works. */
	raw_ok(f, "DROP TABLE t");
	int from = -1, to = -1;
	assert_int_equal(lp_store_migrate(s, &from, &to, &f->err), LP_OK);
	assert_int_equal(from, 0);
	assert_int_equal(to, LP_SCHEMA_VERSION);
	lp_store_close(s);
	/* A newer lapor's schema is refused. */
	raw_ok(f, "UPDATE lapor_schema SET version = 99");
	s = NULL;
	assert_int_equal(lp_store_open(f->uri, 0, &s, &f->err), LP_EIO);
	assert_non_null(strstr(f->err.msg, "newer than this lapor"));
	assert_null(s);
}

static void unreachable(void **state)
{
	(void)state;
	struct lp_error err;
	struct lp_store *s = NULL;
	assert_int_equal(lp_store_open("postgresql://127.0.0.1:1/lapor?connect_timeout=2", 0, &s,
				       &err), LP_EIO);
	assert_null(s);
	assert_non_null(strstr(err.msg, "cannot connect to the PostgreSQL server"));
}

/* A row locked by another transaction: LP_EBUSY after the lock timeout,
 * and a stale version refused once the other commits. */
static void row_locks(void **state)
{
	struct fx *f = *state;
	int64_t id = new_case(f, "WEB-1", "isi");
	setenv("LAPOR_BUSY_TIMEOUT", "200", 1);
	struct lp_store *b = NULL;
	assert_int_equal(lp_store_open(f->uri, 0, &b, &f->err), LP_OK);
	unsetenv("LAPOR_BUSY_TIMEOUT");

	struct lp_case ca, cb;
	assert_int_equal(lp_store_case_get(f->s, id, &ca, &f->err), LP_OK);
	assert_int_equal(lp_store_case_get(b, id, &cb, &f->err), LP_OK);
	assert_int_equal(lp_store_begin(f->s, true, &f->err), LP_OK);
	ca.version = 2;
	ca.priority = 1;
	assert_int_equal(lp_store_case_update(f->s, &ca, 1, &f->err), LP_OK);

	assert_int_equal(lp_store_begin(b, true, &f->err), LP_OK);
	cb.version = 2;
	cb.priority = 2;
	assert_int_equal(lp_store_case_update(b, &cb, 1, &f->err), LP_EBUSY);
	assert_non_null(strstr(f->err.msg, "try again"));
	lp_store_rollback(b);

	assert_int_equal(lp_store_commit(f->s, &f->err), LP_OK);
	assert_int_equal(lp_store_case_update(b, &cb, 1, &f->err), LP_EREFUSED);
	assert_non_null(strstr(f->err.msg, "changed by someone else"));
	lp_case_clear(&cb);
	assert_int_equal(lp_store_case_get(b, id, &cb, &f->err), LP_OK);
	assert_int_equal(cb.priority, 1);
	lp_case_clear(&ca);
	lp_case_clear(&cb);
	lp_store_close(b);
}

static void kill_backend(struct fx *f)
{
	raw_ok(f, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
		  "WHERE datname = current_database() AND pid <> pg_backend_pid()");
}

/* A dropped connection: reconnected outside a transaction, reported
 * (naming the server) inside one as "busy": the server rolled the
 * transaction back, so running it again (on a new connection) is safe. */
static void dropped_connection(void **state)
{
	struct fx *f = *state;
	char *v = NULL;
	assert_int_equal(lp_store_meta_put(f->s, "k", "1", &f->err), LP_OK);
	int64_t dv1 = 0, dv2 = 0;
	assert_int_equal(lp_store_data_version(f->s, &dv1, &f->err), LP_OK);

	kill_backend(f);
	assert_int_equal(lp_store_meta_get(f->s, "k", &v, &f->err), LP_OK);
	assert_string_equal(v, "1");
	free(v);
	/* Changes may have been missed while disconnected. */
	assert_int_equal(lp_store_data_version(f->s, &dv2, &f->err), LP_OK);
	assert_true(dv2 != dv1);

	assert_int_equal(lp_store_begin(f->s, true, &f->err), LP_OK);
	assert_int_equal(lp_store_meta_put(f->s, "k", "2", &f->err), LP_OK);
	kill_backend(f);
	assert_int_equal(lp_store_meta_put(f->s, "k", "3", &f->err), LP_EBUSY);
	assert_non_null(strstr(f->err.msg, "lost the connection to the PostgreSQL server"));
	assert_non_null(strstr(f->err.msg, "nothing was saved"));
	lp_store_rollback(f->s);
	/* Nothing of the broken transaction was saved; the store goes on. */
	v = NULL;
	assert_int_equal(lp_store_meta_get(f->s, "k", &v, &f->err), LP_OK);
	assert_string_equal(v, "1");
	free(v);
}

/* Own commits do not count as changes; others' do, once each. */
static void notifications(void **state)
{
	struct fx *f = *state;
	struct lp_store *b = NULL;
	assert_int_equal(lp_store_open(f->uri, 0, &b, &f->err), LP_OK);
	int64_t v0, v1, v2;
	assert_int_equal(lp_store_data_version(f->s, &v0, &f->err), LP_OK);
	new_case(f, "WEB-1", "isi");
	assert_int_equal(lp_store_data_version(f->s, &v1, &f->err), LP_OK);
	assert_true(v1 == v0);
	int64_t b0, b1;
	assert_int_equal(lp_store_data_version(b, &b0, &f->err), LP_OK);
	new_case(f, "WEB-2", "isi");
	assert_int_equal(lp_store_data_version(b, &b1, &f->err), LP_OK);
	assert_true(b1 != b0);
	assert_int_equal(lp_store_data_version(b, &v2, &f->err), LP_OK);
	assert_true(v2 == b1);
	/* A write transaction notifies after its commit, not from the
	 * triggers (005_pg_speed.sql): heard once, and not before. */
	int64_t a0, a1, b2, b3, b4;
	assert_int_equal(lp_store_data_version(f->s, &a0, &f->err), LP_OK);
	assert_int_equal(lp_store_begin(f->s, true, &f->err), LP_OK);
	new_case(f, "WEB-3", "isi");
	assert_int_equal(lp_store_data_version(b, &b2, &f->err), LP_OK);
	assert_true(b2 == v2);
	assert_int_equal(lp_store_commit(f->s, &f->err), LP_OK);
	assert_int_equal(lp_store_data_version(b, &b3, &f->err), LP_OK);
	assert_true(b3 != b2);
	assert_int_equal(lp_store_data_version(b, &b4, &f->err), LP_OK);
	assert_true(b4 == b3);
	assert_int_equal(lp_store_data_version(f->s, &a1, &f->err), LP_OK);
	assert_true(a1 == a0);
	lp_store_close(b);
}

/* A store listens from its first data_version on, not from its opening:
 * every listening backend is woken by every commit, and most lapor
 * processes (ls, batch, import) never ask. */
static void listens_when_asked(void **state)
{
	struct fx *f = *state;
	struct lp_store *b = NULL;
	assert_int_equal(lp_store_open(f->uri, 0, &b, &f->err), LP_OK);
	int64_t b0, b1;
	new_case(f, "WEB-1", "isi");
	/* Not heard: b was not listening yet. */
	assert_int_equal(lp_store_data_version(b, &b0, &f->err), LP_OK);
	assert_true(b0 == 0);
	new_case(f, "WEB-2", "isi");
	assert_int_equal(lp_store_data_version(b, &b1, &f->err), LP_OK);
	assert_true(b1 == b0 + 1);
	lp_store_close(b);
}

/* An update after a read under lock leaves the content alone when it is
 * unchanged, and still writes it when the caller changed it. */
static void update_content(void **state)
{
	struct fx *f = *state;
	int64_t id = new_case(f, "WEB-1", "isi lama");
	struct lp_case c;
	assert_int_equal(lp_store_begin(f->s, true, &f->err), LP_OK);
	assert_int_equal(lp_store_case_get(f->s, id, &c, &f->err), LP_OK);
	c.status = LP_STATUS_IN_PROGRESS;
	c.version++;
	assert_int_equal(lp_store_case_update(f->s, &c, c.version - 1, &f->err), LP_OK);
	lp_case_clear(&c);
	assert_int_equal(lp_store_case_get(f->s, id, &c, &f->err), LP_OK);
	free(c.body);
	c.body = lp_strdup("isi baru");
	c.version++;
	assert_int_equal(lp_store_case_update(f->s, &c, c.version - 1, &f->err), LP_OK);
	lp_case_clear(&c);
	assert_int_equal(lp_store_commit(f->s, &f->err), LP_OK);
	assert_int_equal(lp_store_case_get(f->s, id, &c, &f->err), LP_OK);
	assert_int_equal(c.status, LP_STATUS_IN_PROGRESS);
	assert_string_equal(c.body, "isi baru");
	assert_string_equal(c.title, "Jalan rusak");
	lp_case_clear(&c);
	/* Read in one transaction, written in another: the whole row. */
	assert_int_equal(lp_store_begin(f->s, true, &f->err), LP_OK);
	assert_int_equal(lp_store_case_get(f->s, id, &c, &f->err), LP_OK);
	assert_int_equal(lp_store_commit(f->s, &f->err), LP_OK);
	free(c.title);
	c.title = lp_strdup("Judul baru");
	c.version++;
	assert_int_equal(lp_store_begin(f->s, true, &f->err), LP_OK);
	assert_int_equal(lp_store_case_update(f->s, &c, c.version - 1, &f->err), LP_OK);
	assert_int_equal(lp_store_commit(f->s, &f->err), LP_OK);
	lp_case_clear(&c);
	assert_int_equal(lp_store_case_get(f->s, id, &c, &f->err), LP_OK);
	assert_string_equal(c.title, "Judul baru");
	lp_case_clear(&c);
}

static void read_only(void **state)
{
	struct fx *f = *state;
	struct lp_store *r = NULL;
	assert_int_equal(lp_store_open(f->uri, LP_STORE_READONLY, &r, &f->err), LP_OK);
	struct lp_officer o;
	assert_int_equal(lp_store_officer_get(r, "system", &o, &f->err), LP_OK);
	assert_int_equal(lp_store_meta_put(r, "k", "v", &f->err), LP_EIO);
	assert_int_equal(lp_store_migrate(r, NULL, NULL, &f->err), LP_EIO);
	lp_store_close(r);
}

static void text_search_column(void **state)
{
	struct fx *f = *state;
	new_case(f, "WEB-1", "Jalan berlubang di depan pasar");
	new_case(f, "WEB-2", "Lampu jalan mati");
	PGresult *r = PQexec(f->raw, "SELECT tracking_id FROM kase "
				     "WHERE search @@ plainto_tsquery('simple', 'berlubang')");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_int_equal(PQntuples(r), 1);
	assert_string_equal(PQgetvalue(r, 0, 0), "WEB-1");
	PQclear(r);
	/* The title's words weigh A (006_pg_scope.sql): the title alone is
	 * ts_filter(search, '{a}'), and ranking needs no parsing. */
	r = PQexec(f->raw, "SELECT count(*) FILTER (WHERE ts_filter(search, '{a}') @@ "
			   "to_tsquery('simple', 'rusak')), count(*) FILTER (WHERE "
			   "ts_filter(search, '{a}') @@ to_tsquery('simple', 'berlubang')) FROM kase");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	assert_string_equal(PQgetvalue(r, 0, 0), "2"); /* "Jalan rusak": every title */
	assert_string_equal(PQgetvalue(r, 0, 1), "0"); /* a body's word */
	PQclear(r);
	/* One GIN index answers "these words in this subtree" by itself: both
	 * conditions are its index conditions, no row is read to test the
	 * agency.  (The index of titles, 011, also holds the agencies: on
	 * two cases PostgreSQL may read it for the subtree alone, so it is
	 * set aside here, inside a transaction rolled back.) */
	r = PQexec(f->raw, "BEGIN; DROP INDEX kase_scope_title; SET LOCAL enable_seqscan = off");
	assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
	PQclear(r);
	r = PQexec(f->raw, "EXPLAIN SELECT id FROM kase WHERE search @@ to_tsquery('simple', 'lampu')"
			   " AND ARRAY[agency, escalated_to] && ARRAY['31.71']");
	assert_int_equal(PQresultStatus(r), PGRES_TUPLES_OK);
	char plan[2048] = "";
	for (int i = 0; i < PQntuples(r); i++) {
		strncat(plan, PQgetvalue(r, i, 0), sizeof plan - strlen(plan) - 2);
		strcat(plan, "\n");
	}
	PQclear(r);
	const char *cond = strstr(plan, "Index Cond:");
	assert_non_null(strstr(plan, "Bitmap Index Scan on kase_scope_search"));
	assert_non_null(cond);
	assert_non_null(strstr(cond, "&&"));
	assert_non_null(strstr(cond, "@@"));
	assert_null(strstr(plan, "Filter:"));
	r = PQexec(f->raw, "ROLLBACK");
	PQclear(r);
}

int main(void)
{
	if (!pg_testdb_server())
		return 77;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(schema_versions, setup_empty, teardown),
		cmocka_unit_test(unreachable),
		cmocka_unit_test_setup_teardown(row_locks, setup, teardown),
		cmocka_unit_test_setup_teardown(dropped_connection, setup, teardown),
		cmocka_unit_test_setup_teardown(notifications, setup, teardown),
		cmocka_unit_test_setup_teardown(listens_when_asked, setup, teardown),
		cmocka_unit_test_setup_teardown(update_content, setup, teardown),
		cmocka_unit_test_setup_teardown(read_only, setup, teardown),
		cmocka_unit_test_setup_teardown(text_search_column, setup, teardown),
	};
	return cmocka_run_group_tests_name("PostgreSQL backend", tests, NULL, NULL);
}
