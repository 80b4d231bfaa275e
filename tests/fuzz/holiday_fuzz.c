/* holiday_fuzz.c: libFuzzer target for the calendar's CSV import
 * (core/holiday_import.c), fed through fmemopen into a throwaway
 * database (a temporary file, made once per run).  An import either
 * fails with LP_EDATA naming "fuzz.csv:LINE" or succeeds with stats that
 * add up, and the calendar lists only real dates of a known kind. */
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "error.h"
#include "holiday_import.h"
#include "model.h"
#include "safetext.h"
#include "session.h"
#include "store.h"
#include "sla.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static struct lp_session *session;
static char dir[] = "/tmp/lapor-holiday-fuzz.XXXXXX";
static char path[sizeof dir + 16];

static void cleanup(void)
{
	lp_session_close(session);
	static const char *const sfx[] = {"", "-wal", "-shm", "-journal"};
	char p[sizeof path + 16];
	for (size_t i = 0; i < sizeof sfx / sizeof sfx[0]; i++) {
		snprintf(p, sizeof p, "%s%s", path, sfx[i]);
		unlink(p);
	}
	rmdir(dir);
}

static struct lp_session *open_once(void)
{
	if (session)
		return session;
	if (!mkdtemp(dir))
		abort();
	snprintf(path, sizeof path, "%s/lapor.db", dir);
	struct lp_session_opts o = {.db = path, .create = true, .identity = LP_IDENTITY_OPTIONAL};
	struct lp_error err = {0};
	if (lp_session_open(&o, &session, &err) != LP_OK) {
		fprintf(stderr, "holiday_fuzz: cannot open %s: %s\n", path, err.msg);
		abort();
	}
	atexit(cleanup);
	if (!lp_session_is_root(session)) {
		/* Register the Unix user as an admin, as `lapor init` would. */
		struct lp_officer me = {.role = LP_ROLE_ADMIN, .active = true};
		lp_strlcpy(me.login, lp_session_unix_login(session), sizeof me.login);
		lp_strlcpy(me.name, "Fuzz Admin", sizeof me.name);
		lp_strlcpy(me.agency, "KEMENPANRB", sizeof me.agency);
		struct lp_store *st = lp_session_store(session);
		if (lp_store_begin(st, true, &err) != LP_OK ||
		    lp_store_officer_put(st, &me, &err) != LP_OK || lp_store_commit(st, &err) != LP_OK ||
		    lp_session_refresh(session, &err) != LP_OK) {
			fprintf(stderr, "holiday_fuzz: cannot register %s: %s\n", me.login, err.msg);
			abort();
		}
	}
	return session;
}

static int listed(const struct lp_holiday *h, void *ud)
{
	int y, m, d;
	(*(long *)ud)++;
	if (lp_date_parse(h->date, &y, &m, &d) != 0)
		abort();
	if (strcmp(h->kind, "national") != 0 && strcmp(h->kind, "joint_leave") != 0)
		abort();
	if (!h->name[0] || !lp_utf8_valid(h->name, strlen(h->name)))
		abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct lp_session *s = open_once();
	FILE *in = fmemopen((void *)data, size ? size : 1, "r");
	if (!in)
		return 0;
	if (size == 0) {
		fclose(in);
		return 0;
	}
	struct lp_holiday_stats st;
	struct lp_error err = {0};
	int rc = lp_holiday_import(s, in, "fuzz.csv", &st, &err);
	fclose(in);
	if (rc == LP_OK) {
		if (st.rows < 0 || st.added + st.changed + st.unchanged > st.rows)
			abort();
	} else if (rc == LP_EDATA) {
		if (strncmp(err.msg, "fuzz.csv:", 9) != 0 || strchr(err.msg, '\x1b'))
			abort();
	} else {
		fprintf(stderr, "holiday_fuzz: unexpected error %d: %s\n", rc, err.msg);
		abort();
	}
	long n = 0;
	if (lp_holiday_list(s, 0, listed, &n, &err) != LP_OK)
		abort();
	return 0;
}
