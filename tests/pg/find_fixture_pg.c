/* find_fixture_pg.c: the finder's fixture (tests/find/fixture.c) on
 * PostgreSQL.  The finder's tests are linked unchanged against it: each
 * test gets a fresh database on the server of $LAPOR_TEST_PG_URI (as its
 * superuser, so the session's officer is a row and core's rules decide;
 * test_find_privacy_pg.c connects as the officers themselves), dropped
 * afterwards.  The cases are those of fixture.c. */
#define ffx_setup sq_ffx_setup
#define ffx_teardown sq_ffx_teardown
#include "fixture.c"
#undef ffx_setup
#undef ffx_teardown

#include "pg_testdb.h"

int ffx_setup(void **state);
int ffx_teardown(void **state);

int ffx_setup(void **state)
{
	struct ffx *f = calloc(1, sizeof *f);
	struct lp_error err;
	if (!f)
		return -1;
	if (pg_testdb_create(f->dir, sizeof f->dir, f->db, sizeof f->db)) {
		free(f);
		return -1;
	}
	unsetenv("LAPOR_NOW");
	struct lp_session_opts o = { .db = f->db, .create = true,
				     .identity = LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &f->s, &err) != LP_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		pg_testdb_drop(f->dir);
		free(f);
		return -1;
	}
	lp_session_set_now(f->s, NOW);
	f->st = lp_session_store(f->s);
	*state = f;
	add_cases(f);
	return 0;
}

int ffx_teardown(void **state)
{
	struct ffx *f = *state;
	lp_session_close(f->s);
	pg_testdb_drop(f->dir);
	free(f);
	return 0;
}
