/* pg_fixture.c: the store conformance suite's fixture on PostgreSQL.
 *
 * The suite's tests (tests/store/test_*.c) are linked unchanged against
 * this fixture instead of tests/store/fixture.c: each test gets a fresh
 * database on the server of $LAPOR_TEST_PG_URI (a role that may create
 * databases and roles, e.g. the superuser of tests/pg/start-cluster.sh),
 * dropped again afterwards.  fx_case() is taken from fixture.c itself. */
#define fx_setup_empty sq_fx_setup_empty
#define fx_setup sq_fx_setup
#define fx_teardown sq_fx_teardown
#define fx_is_sqlite sq_fx_is_sqlite
#include "fixture.c"
#undef fx_setup_empty
#undef fx_setup
#undef fx_teardown
#undef fx_is_sqlite

#include "pg_testdb.h"

int fx_setup_empty(void **state);
int fx_setup(void **state);
int fx_teardown(void **state);
bool fx_is_sqlite(void);

bool fx_is_sqlite(void)
{
	return false;
}

int fx_setup_empty(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	if (pg_testdb_create(f->dir, sizeof f->dir, f->uri, sizeof f->uri)) {
		free(f);
		return -1;
	}
	*state = f;
	return 0;
}

int fx_setup(void **state)
{
	if (fx_setup_empty(state))
		return -1;
	struct fx *f = *state;
	int rc = lp_store_open(f->uri, LP_STORE_CREATE, &f->s, &f->err);
	if (!rc)
		rc = lp_store_migrate(f->s, NULL, NULL, &f->err);
	if (rc) {
		fprintf(stderr, "fixture: %s\n", f->err.msg);
		return -1;
	}
	return 0;
}

int fx_teardown(void **state)
{
	struct fx *f = *state;
	if (!f)
		return 0;
	lp_store_close(f->s);
	pg_testdb_drop(f->dir);
	free(f);
	return 0;
}
