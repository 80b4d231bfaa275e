/* fixture.h: what every store conformance test starts from.
 *
 * The suite runs on the backend named by $LAPOR_TEST_STORE: unset or
 * "sqlite" for a fresh SQLite file per test (in a temporary directory);
 * a later PostgreSQL backend adds its own way to make a fresh database
 * here, and the test functions stay the same. */
#ifndef LAPOR_TEST_STORE_FIXTURE_H
#define LAPOR_TEST_STORE_FIXTURE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <cmocka.h>

#include "store.h"

struct fx {
	char dir[256];          /* temporary directory (SQLite) */
	char uri[512];          /* the database */
	struct lp_store *s;     /* open and migrated; owned */
	struct lp_error err;
};

/* cmocka setup/teardown: *state becomes a struct fx with a fresh,
 * migrated database open in it. */
int fx_setup(void **state);
int fx_teardown(void **state);
/* Setup that only makes the URI (nothing created or opened). */
int fx_setup_empty(void **state);

/* True when the suite runs on SQLite (raw-file tests are SQLite only). */
bool fx_is_sqlite(void);

/* Asserts rc == LP_OK, printing err's message otherwise. */
#define assert_ok(rc, e)                                                             \
	do {                                                                         \
		int rc_ = (rc);                                                      \
		if (rc_ != LP_OK)                                                    \
			fail_msg("%s: %d: %s", #rc, rc_, (e)->msg);                  \
	} while (0)

/* Fills c with a valid case on `agency` (strings owned by c). */
void fx_case(struct lp_case *c, const char *tracking_id, const char *agency);

/* The test groups (one per file); each returns the failure count. */
int run_open_tests(void);
int run_directory_tests(void);
int run_case_tests(void);
int run_list_tests(void);
int run_log_tests(void);
int run_sqlite_tests(void);

#endif
