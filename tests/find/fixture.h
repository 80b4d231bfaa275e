/* fixture.h: a small SQLite database of known cases for the finder's
 * tests, and a session whose officer (the Unix login) can be made any
 * role at any agency. */
#ifndef LAPOR_TEST_FIND_FIXTURE_H
#define LAPOR_TEST_FIND_FIXTURE_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "find.h"
#include "session.h"
#include "store.h"

#define NOW 1795000000 /* 2026-11-18, a Wednesday */
#define DAYS(n) ((int64_t)(n) * 86400)

struct ffx {
	char dir[64];
	char db[128];
	struct lp_session *s;
	struct lp_store *st;
};

/* cmocka setup/teardown: the fixture cases (see fixture.c's table). */
int ffx_setup(void **state);
int ffx_teardown(void **state);
/* Makes the session's officer `role` at `agency`. */
void ffx_become(struct ffx *f, enum lp_role role, const char *agency);
/* The ids a callback collected, ascending, as "1,2,3". */
struct ids {
	char s[256];
	int n;
};
int ids_add(const struct lp_case *c, void *ud);

#define assert_ok(rc, e)                                                             \
	do {                                                                         \
		int rc_ = (rc);                                                      \
		if (rc_ != LP_OK)                                                    \
			fail_msg("%s: %d: %s", #rc, rc_, (e)->msg);                  \
	} while (0)

int run_store_query_tests(void);
int run_privacy_tests(void);
int run_queue_dash_tests(void);

#endif
