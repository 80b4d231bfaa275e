/* test_open.c: opening, migrating, transactions, data_version, meta. */
#include "fixture.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static void open_migrate_reopen(void **state)
{
	struct fx *f = *state;
	struct lp_store *s = NULL;
	int from = -1, to = -1;
	assert_ok(lp_store_open(f->uri, LP_STORE_CREATE, &s, &f->err), &f->err);
	assert_string_equal(lp_store_backend(s), fx_is_sqlite() ? "sqlite" : "postgresql");
	assert_ok(lp_store_migrate(s, &from, &to, &f->err), &f->err);
	assert_int_equal(from, 0);
	assert_int_equal(to, LP_SCHEMA_VERSION);
	assert_ok(lp_store_meta_put(s, "site", "Kota Bandung", &f->err), &f->err);
	lp_store_close(s);

	/* Reopened without CREATE: the schema and the data are there. */
	s = NULL;
	assert_ok(lp_store_open(f->uri, 0, &s, &f->err), &f->err);
	char *v = NULL;
	assert_ok(lp_store_meta_get(s, "site", &v, &f->err), &f->err);
	assert_string_equal(v, "Kota Bandung");
	free(v);
	/* Migrating again changes nothing and seeds nothing twice. */
	assert_ok(lp_store_migrate(s, &from, &to, &f->err), &f->err);
	assert_int_equal(from, LP_SCHEMA_VERSION);
	assert_int_equal(to, LP_SCHEMA_VERSION);
	struct lp_officer o;
	assert_ok(lp_store_officer_get(s, "system", &o, &f->err), &f->err);
	lp_store_close(s);
}

static void missing_file(void **state)
{
	struct fx *f = *state;
	if (!fx_is_sqlite())
		skip(); /* files */
	struct lp_store *s = (struct lp_store *)1;
	assert_int_equal(lp_store_open(f->uri, 0, &s, &f->err), LP_ENOENT);
	assert_null(s);
	assert_int_equal(f->err.code, LP_ENOENT);
	assert_non_null(strstr(f->err.msg, f->uri));
	assert_non_null(strstr(f->err.msg, "lapor init"));
	/* Read-only does not create it either. */
	assert_int_equal(lp_store_open(f->uri, LP_STORE_READONLY, &s, &f->err), LP_ENOENT);
	assert_int_equal(lp_store_open(NULL, 0, &s, &f->err), LP_EUSAGE);
}

static void no_schema_needs_init(void **state)
{
	struct fx *f = *state;
	if (!fx_is_sqlite())
		skip(); /* files */
	struct lp_store *s = NULL;
	/* Created but never migrated. */
	assert_ok(lp_store_open(f->uri, LP_STORE_CREATE, &s, &f->err), &f->err);
	lp_store_close(s);
	s = NULL;
	assert_int_equal(lp_store_open(f->uri, 0, &s, &f->err), LP_EDATA);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, "lapor init"));
}

static void not_a_database(void **state)
{
	struct fx *f = *state;
	if (!fx_is_sqlite())
		skip(); /* files */
	FILE *fp = fopen(f->uri, "w");
	assert_non_null(fp);
	for (int i = 0; i < 100; i++)
		fputs("this is not an SQLite database, just text\n", fp);
	fclose(fp);
	struct lp_store *s = NULL;
	assert_int_equal(lp_store_open(f->uri, 0, &s, &f->err), LP_EIO);
	assert_null(s);
	assert_non_null(strstr(f->err.msg, f->uri));
	assert_int_equal(lp_store_open(f->uri, LP_STORE_CREATE, &s, &f->err), LP_EIO);
}

static void nested_transactions(void **state)
{
	struct fx *f = *state;
	char *v = NULL;
	assert_ok(lp_store_begin(f->s, true, &f->err), &f->err);
	assert_ok(lp_store_meta_put(f->s, "outer", "1", &f->err), &f->err);
	assert_ok(lp_store_begin(f->s, true, &f->err), &f->err);
	assert_ok(lp_store_meta_put(f->s, "inner", "1", &f->err), &f->err);
	assert_ok(lp_store_meta_put(f->s, "outer", "changed", &f->err), &f->err);
	lp_store_rollback(f->s); /* undoes the inner level only */
	assert_ok(lp_store_begin(f->s, false, &f->err), &f->err);
	assert_ok(lp_store_meta_put(f->s, "kept", "1", &f->err), &f->err);
	assert_ok(lp_store_commit(f->s, &f->err), &f->err);
	assert_ok(lp_store_commit(f->s, &f->err), &f->err);

	assert_ok(lp_store_meta_get(f->s, "outer", &v, &f->err), &f->err);
	assert_string_equal(v, "1");
	free(v);
	assert_ok(lp_store_meta_get(f->s, "kept", &v, &f->err), &f->err);
	free(v);
	assert_int_equal(lp_store_meta_get(f->s, "inner", &v, &f->err), LP_ENOENT);
	assert_null(v);

	/* Rolling back the outermost level undoes everything. */
	assert_ok(lp_store_begin(f->s, true, &f->err), &f->err);
	assert_ok(lp_store_begin(f->s, true, &f->err), &f->err);
	assert_ok(lp_store_meta_put(f->s, "gone", "1", &f->err), &f->err);
	assert_ok(lp_store_commit(f->s, &f->err), &f->err);
	lp_store_rollback(f->s);
	assert_int_equal(lp_store_meta_get(f->s, "gone", &v, &f->err), LP_ENOENT);

	/* No level open: commit is a bug, rollback a no-op. */
	lp_store_rollback(f->s);
	assert_int_not_equal(lp_store_commit(f->s, &f->err), LP_OK);
	/* Closing with an open transaction rolls it back. */
	assert_ok(lp_store_begin(f->s, true, &f->err), &f->err);
	assert_ok(lp_store_meta_put(f->s, "unsaved", "1", &f->err), &f->err);
	lp_store_close(f->s);
	f->s = NULL;
	assert_ok(lp_store_open(f->uri, 0, &f->s, &f->err), &f->err);
	assert_int_equal(lp_store_meta_get(f->s, "unsaved", &v, &f->err), LP_ENOENT);
}

static void data_version_sees_others(void **state)
{
	struct fx *f = *state;
	struct lp_store *other = NULL;
	int64_t v1 = 0, v2 = 0, v3 = 0;
	assert_ok(lp_store_open(f->uri, 0, &other, &f->err), &f->err);
	assert_ok(lp_store_data_version(f->s, &v1, &f->err), &f->err);
	assert_ok(lp_store_data_version(f->s, &v2, &f->err), &f->err);
	assert_true(v1 == v2);
	assert_ok(lp_store_meta_put(other, "ping", "1", &f->err), &f->err);
	assert_ok(lp_store_data_version(f->s, &v3, &f->err), &f->err);
	assert_true(v3 != v2);
	/* And the change is visible. */
	char *v = NULL;
	assert_ok(lp_store_meta_get(f->s, "ping", &v, &f->err), &f->err);
	assert_string_equal(v, "1");
	free(v);
	lp_store_close(other);
}

static void meta(void **state)
{
	struct fx *f = *state;
	char *v = (char *)1;
	assert_int_equal(lp_store_meta_get(f->s, "theme", &v, &f->err), LP_ENOENT);
	assert_null(v);
	assert_int_equal(f->err.code, LP_ENOENT);
	assert_ok(lp_store_meta_put(f->s, "theme", "gelap", &f->err), &f->err);
	assert_ok(lp_store_meta_put(f->s, "theme", "terang \xe2\x98\x80", &f->err), &f->err);
	assert_ok(lp_store_meta_get(f->s, "theme", &v, &f->err), &f->err);
	assert_string_equal(v, "terang \xe2\x98\x80");
	free(v);
	assert_int_equal(lp_store_meta_put(f->s, "", "x", &f->err), LP_EDATA);
}

static void null_handle(void **state)
{
	(void)state;
	struct lp_error err;
	int64_t n;
	lp_store_close(NULL);
	lp_store_rollback(NULL);
	assert_int_not_equal(lp_store_data_version(NULL, &n, &err), LP_OK);
	assert_int_not_equal(lp_store_case_count(NULL, NULL, &n, NULL), LP_OK);
}

int run_open_tests(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(open_migrate_reopen, fx_setup_empty, fx_teardown),
		cmocka_unit_test_setup_teardown(missing_file, fx_setup_empty, fx_teardown),
		cmocka_unit_test_setup_teardown(no_schema_needs_init, fx_setup_empty,
						fx_teardown),
		cmocka_unit_test_setup_teardown(not_a_database, fx_setup_empty, fx_teardown),
		cmocka_unit_test_setup_teardown(nested_transactions, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(data_version_sees_others, fx_setup, fx_teardown),
		cmocka_unit_test_setup_teardown(meta, fx_setup, fx_teardown),
		cmocka_unit_test(null_handle),
	};
	return cmocka_run_group_tests_name("store: open, migrate, transactions", tests, NULL,
					   NULL);
}
