/* test_sqlite.c: what only the SQLite backend has: the file's schema
 * version, locks, read-only files, the raw tables and their triggers. */
#include "fixture.h"

#include "config.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static sqlite3 *raw_open(struct fx *f)
{
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->uri, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	return db;
}

static void newer_schema_refused(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = raw_open(f);
	/* The open store is asked to migrate a database a newer lapor wrote. */
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL),
			 SQLITE_OK);
	assert_int_equal(lp_store_migrate(f->s, NULL, NULL, &f->err), LP_EIO);
	assert_non_null(strstr(f->err.msg, "newer"));
	lp_store_close(f->s);
	f->s = NULL;
	assert_int_equal(lp_store_open(f->uri, 0, &f->s, &f->err), LP_EIO);
	assert_null(f->s);
	assert_non_null(strstr(f->err.msg, "database schema version 99 is newer than this lapor"));
	assert_non_null(strstr(f->err.msg, "upgrade lapor"));
	assert_int_equal(lp_store_open(f->uri, LP_STORE_CREATE, &f->s, &f->err), LP_EIO);
	sqlite3_close(db);
}

static void foreign_tables_refused(void **state)
{
	struct fx *f = *state;
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open(f->uri, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	struct lp_store *s = NULL;
	assert_ok(lp_store_open(f->uri, LP_STORE_CREATE, &s, &f->err), &f->err);
	assert_int_equal(lp_store_migrate(s, NULL, NULL, &f->err), LP_EIO);
	assert_non_null(strstr(f->err.msg, "not a lapor database"));
	lp_store_close(s);
}

static void busy(void **state)
{
	struct fx *f = *state;
	setenv("LAPOR_BUSY_TIMEOUT", "100", 1);
	struct lp_store *s = NULL;
	assert_ok(lp_store_open(f->uri, 0, &s, &f->err), &f->err);
	unsetenv("LAPOR_BUSY_TIMEOUT");
	sqlite3 *db = raw_open(f);
	assert_int_equal(sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
	assert_int_equal(lp_store_begin(s, true, &f->err), LP_EBUSY);
	assert_string_equal(f->err.msg,
			    "the database is busy (locked by another lapor); try again");
	assert_int_equal(lp_store_meta_put(s, "k", "v", &f->err), LP_EBUSY);
	/* Readers are not blocked (WAL). */
	int64_t v;
	assert_ok(lp_store_data_version(s, &v, &f->err), &f->err);
	struct lp_agency a;
	assert_ok(lp_store_agency_get(s, "31", &a, &f->err), &f->err);
	assert_int_equal(sqlite3_exec(db, "COMMIT", NULL, NULL, NULL), SQLITE_OK);
	/* Free again: the store works. */
	assert_ok(lp_store_begin(s, true, &f->err), &f->err);
	assert_ok(lp_store_meta_put(s, "k", "v", &f->err), &f->err);
	assert_ok(lp_store_commit(s, &f->err), &f->err);
	sqlite3_close(db);
	lp_store_close(s);
}

static void read_only(void **state)
{
	struct fx *f = *state;
	lp_store_close(f->s);
	f->s = NULL;
	struct lp_store *s = NULL;
	assert_ok(lp_store_open(f->uri, LP_STORE_READONLY, &s, &f->err), &f->err);
	struct lp_officer o;
	assert_ok(lp_store_officer_get(s, "system", &o, &f->err), &f->err);
	assert_int_equal(lp_store_meta_put(s, "k", "v", &f->err), LP_EIO);
	assert_non_null(strstr(f->err.msg, f->uri));
	assert_int_equal(lp_store_migrate(s, NULL, NULL, &f->err), LP_EIO);
	lp_store_close(s);

	/* A file the user may not write (root may write anything). */
	if (geteuid() == 0)
		return;
	assert_int_equal(chmod(f->uri, 0444), 0);
	s = NULL;
	int rc = lp_store_open(f->uri, 0, &s, &f->err);
	if (rc == LP_OK)
		rc = lp_store_meta_put(s, "k", "v", &f->err);
	assert_int_equal(rc, LP_EIO);
	lp_store_close(s);
	chmod(f->uri, 0644);
}

static int one_text(void *ud, int n, char **v, char **names)
{
	(void)names;
	if (n > 0 && v[0])
		lp_strlcpy(ud, v[0], 64);
	return 0;
}

static void raw_file(void **state)
{
	struct fx *f = *state;
	struct lp_case c;
	fx_case(&c, "WEB-1", "31.71");
	c.status = LP_STATUS_IN_PROGRESS;
	assert_ok(lp_store_case_insert(f->s, &c, &f->err), &f->err);
	struct lp_event e;
	memset(&e, 0, sizeof e);
	e.case_id = c.id;
	e.seq = 1;
	strcpy(e.officer, "intake");
	e.action = LP_ACTION_INTAKE;
	e.text = lp_strdup("asli");
	assert_ok(lp_store_event_append(f->s, &e, &f->err), &f->err);

	sqlite3 *db = raw_open(f);
	char v[64] = "";
	/* Readable with plain sqlite3: names, not numbers. */
	sqlite3_exec(db, "SELECT status FROM kase", one_text, v, NULL);
	assert_string_equal(v, "in_progress");
	sqlite3_exec(db, "SELECT action FROM event", one_text, v, NULL);
	assert_string_equal(v, "intake");
	sqlite3_exec(db, "PRAGMA journal_mode", one_text, v, NULL);
	assert_string_equal(v, "wal");
	sqlite3_exec(db, "PRAGMA user_version", one_text, v, NULL);
	assert_int_equal(atoi(v), LP_SCHEMA_VERSION);

	/* Append only, even for someone with the file. */
	char *msg = NULL;
	assert_int_not_equal(sqlite3_exec(db, "UPDATE event SET text = 'palsu'", NULL, NULL,
					  &msg), SQLITE_OK);
	assert_non_null(strstr(msg, "append-only"));
	sqlite3_free(msg);
	assert_int_not_equal(sqlite3_exec(db, "DELETE FROM event", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_exec(db, "SELECT text FROM event", one_text, v, NULL);
	assert_string_equal(v, "asli");
	sqlite3_close(db);
	lp_case_clear(&c);
	lp_event_clear(&e);
}

/* Without libpq, PostgreSQL URIs are refused with a clear message. */
static void postgresql_uri(void **state)
{
	(void)state;
	if (LAPOR_HAVE_POSTGRESQL)
		skip();
	struct lp_error err;
	struct lp_store *s = NULL;
	const char *uris[] = { "postgresql://lapor@db/lapor", "postgres://db/lapor",
			       "host=db dbname=lapor", "dbname = lapor" };
	for (int i = 0; i < 4; i++) {
		assert_int_equal(lp_store_open(uris[i], 0, &s, &err), LP_EUSAGE);
		assert_non_null(strstr(err.msg, "PostgreSQL"));
		assert_null(s);
	}
}

int run_sqlite_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(newer_schema_refused, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(foreign_tables_refused, fx_setup_empty,
						fx_teardown),
		cmocka_unit_test_setup_teardown(busy, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(read_only, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(raw_file, fx_setup, fx_teardown),
		cmocka_unit_test(postgresql_uri),
	};
	return cmocka_run_group_tests_name("store: SQLite files", tests, NULL, NULL);
}
