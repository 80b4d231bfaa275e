/* test_intake.c: lp_import and lp_intake_add on a real SQLite database in
 * a temporary directory. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "audit.h"
#include "intake.h"
#include "session.h"
#include "store.h"

#define NOW 1795832100 /* 2026-11-28T09:15:00+07:00 */

struct fx {
	char dir[64];
	char db[128];
	struct lp_session *s;
	struct lp_store *st;
};

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	struct lp_error err;
	strcpy(f->dir, "/tmp/lapor-intake-XXXXXX");
	if (!f || !mkdtemp(f->dir))
		return -1;
	snprintf(f->db, sizeof f->db, "%s/lapor.db", f->dir);
	struct lp_session_opts o = { .db = f->db, .create = true,
				     .identity = LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &f->s, &err) != LP_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	f->st = lp_session_store(f->s);
	/* the Unix login becomes a central admin (import and audit need one) */
	struct lp_officer me = { 0 };
	lp_strlcpy(me.login, lp_session_unix_login(f->s), sizeof me.login);
	lp_strlcpy(me.name, "Penguji", sizeof me.name);
	lp_strlcpy(me.agency, "KEMENPANRB", sizeof me.agency);
	me.role = LP_ROLE_ADMIN;
	me.active = true;
	if (lp_store_officer_put(f->st, &me, &err) != LP_OK ||
	    lp_session_refresh(f->s, &err) != LP_OK) {
		fprintf(stderr, "officer: %s\n", err.msg);
		return -1;
	}
	lp_session_set_now(f->s, NOW);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[256];
	lp_session_close(f->s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* Imports `text` (len bytes) as a file; returns the status. */
static int import_n(struct fx *f, const char *text, size_t len, struct lp_import_stats *st,
		    struct lp_error *err)
{
	FILE *in = fmemopen((void *)text, len, "r");
	assert_non_null(in);
	int rc = lp_import(f->s, in, "reports.jsonl", st, err);
	fclose(in);
	return rc;
}

static int import(struct fx *f, const char *text, struct lp_import_stats *st, struct lp_error *err)
{
	return import_n(f, text, strlen(text), st, err);
}

static int64_t count_cases(struct fx *f)
{
	struct lp_case_filter flt;
	int64_t n = -1;
	lp_case_filter_init(&flt);
	assert_int_equal(lp_store_case_count(f->st, &flt, &n, NULL), LP_OK);
	return n;
}

#define R(tid, region, extra) \
	"{\"tracking_id\":\"" tid "\",\"kind\":\"complaint\",\"channel\":\"web\"," \
	"\"submitted_at\":\"2026-11-27T20:00:00+07:00\",\"title\":\"Jalan berlubang\"," \
	"\"body\":\"Mohon diperbaiki.\",\"category\":\"jalan-rusak\",\"region\":\"" region "\"," \
	"\"privacy\":\"public\"" extra "}"

static const char good_file[] =
	R("W-1", "31.71", ",\"reporter\":{\"name\":\"Siti\",\"phone\":\"0812\"}") "\n"
	"\n"
	R("W-2", "31.71.01.1001", "") "\r\n"
	"   \n"
	R("W-3", "32", ",\"field_check\":true") "\n"
	"{\"tracking_id\":\"W-4\",\"kind\":\"aspiration\",\"channel\":\"sms\","
	"\"submitted_at\":\"2026-11-27T20:00:00Z\",\"title\":\"\\u001b]0;judul\\u0007\","
	"\"body\":\"\\u001b[31mmerah 東京\",\"category\":\"umum\",\"region\":\"35.78\","
	"\"privacy\":\"anonymous\",\"reporter\":{\"name\":\"Rahasia\"}}";

struct ev_list {
	struct lp_event ev[8];
	int n;
};

static int ev_cb(const struct lp_event *e, void *ud)
{
	struct ev_list *l = ud;
	if (l->n < 8)
		lp_event_copy(&l->ev[l->n], e);
	l->n++;
	return 0;
}

static void ev_clear(struct ev_list *l)
{
	for (int i = 0; i < l->n && i < 8; i++)
		lp_event_clear(&l->ev[i]);
	l->n = 0;
}

static void test_good_file(void **state)
{
	struct fx *f = *state;
	struct lp_import_stats st;
	struct lp_error err;
	struct lp_case c;

	assert_int_equal(import(f, good_file, &st, &err), LP_OK);
	assert_int_equal(st.lines, 6);
	assert_int_equal(st.created, 4);
	assert_int_equal(st.duplicates, 0);
	assert_int_equal(st.messages, 0);
	assert_int_equal(count_cases(f), 4);

	assert_int_equal(lp_store_case_get_by_tracking(f->st, "W-1", &c, &err), LP_OK);
	assert_string_equal(c.agency, "31.71");
	assert_int_equal(c.status, LP_STATUS_NEW);
	assert_int_equal(c.created_at, NOW);
	assert_int_equal(c.submitted_at, NOW - 13 * 3600 - 15 * 60);
	assert_string_equal(c.reporter_name, "Siti");
	assert_int_equal(c.event_count, 1);
	assert_int_equal(c.version, 1);
	struct ev_list l = { .n = 0 };
	assert_int_equal(lp_store_event_list(f->st, c.id, ev_cb, &l, &err), LP_OK);
	assert_int_equal(l.n, 1);
	assert_int_equal(l.ev[0].action, LP_ACTION_INTAKE);
	assert_string_equal(l.ev[0].officer, "intake");
	assert_string_equal(l.ev[0].actor, lp_session_unix_login(f->s));
	assert_int_equal(l.ev[0].status_from, LP_STATUS_NEW);
	assert_int_equal(l.ev[0].status_to, LP_STATUS_NEW);
	assert_string_equal(l.ev[0].agency_to, "31.71");
	assert_int_equal(l.ev[0].visibility, LP_VIS_SYSTEM);
	assert_null(l.ev[0].text);
	assert_string_equal(l.ev[0].detail, "web");
	ev_clear(&l);
	lp_case_clear(&c);

	assert_int_equal(lp_store_case_get_by_tracking(f->st, "W-2", &c, &err), LP_OK);
	assert_string_equal(c.agency, "31.71");
	assert_string_equal(c.region, "31.71.01.1001");
	lp_case_clear(&c);
	assert_int_equal(lp_store_case_get_by_tracking(f->st, "W-3", &c, &err), LP_OK);
	assert_string_equal(c.agency, "32");
	assert_true(c.field_check);
	lp_case_clear(&c);
	/* escape sequences are stored as given; anonymous keeps the reporter */
	assert_int_equal(lp_store_case_get_by_tracking(f->st, "W-4", &c, &err), LP_OK);
	assert_string_equal(c.agency, "35.78");
	assert_string_equal(c.title, "\x1b]0;judul\x07");
	assert_string_equal(c.body, "\x1b[31mmerah 東京");
	assert_int_equal(c.privacy, LP_PRIVACY_ANONYMOUS);
	assert_string_equal(c.reporter_name, "Rahasia");
	lp_case_clear(&c);

	struct lp_audit_report rep;
	assert_int_equal(lp_audit_verify(f->s, &rep, &err), LP_OK);
	assert_false(rep.broken);
	assert_int_equal(rep.cases, 4);
	assert_int_equal(rep.events, 4);
}

/* Reads a whole file (NULL when missing) into *len bytes. */
static char *slurp(const char *path, size_t *len)
{
	FILE *in = fopen(path, "rb");
	*len = 0;
	if (!in)
		return NULL;
	char *buf = NULL;
	size_t cap = 0;
	for (;;) {
		if (*len == cap) {
			cap = cap ? cap * 2 : 65536;
			buf = realloc(buf, cap);
			assert_non_null(buf);
		}
		size_t n = fread(buf + *len, 1, cap - *len, in);
		if (n == 0)
			break;
		*len += n;
	}
	fclose(in);
	return buf;
}

static void assert_same_file(const char *path, const char *before, size_t blen)
{
	size_t alen;
	char *after = slurp(path, &alen);
	assert_int_equal(alen, blen);
	if (blen)
		assert_memory_equal(after, before, blen);
	free(after);
}

static void test_reimport_is_noop(void **state)
{
	struct fx *f = *state;
	struct lp_import_stats st;
	struct lp_error err;
	char wal[160];

	assert_int_equal(import(f, good_file, &st, &err), LP_OK);
	snprintf(wal, sizeof wal, "%s-wal", f->db);
	size_t dlen, wlen;
	char *db = slurp(f->db, &dlen);
	char *w = slurp(wal, &wlen);
	int64_t version;
	assert_int_equal(lp_store_data_version(f->st, &version, &err), LP_OK);

	assert_int_equal(import(f, good_file, &st, &err), LP_OK);
	assert_int_equal(st.created, 0);
	assert_int_equal(st.duplicates, 4);
	assert_int_equal(count_cases(f), 4);
	assert_same_file(f->db, db, dlen);
	assert_same_file(wal, w, wlen);
	free(db);
	free(w);
}

/* A good line then `bad` as line 2: LP_EDATA naming line 2 and `want`,
 * and nothing written. */
static void refuse(struct fx *f, const char *bad, const char *want)
{
	struct lp_import_stats st;
	struct lp_error err;
	char text[4096];
	int64_t before = count_cases(f);
	snprintf(text, sizeof text, "%s\n%s\n%s\n", R("OK-1", "31.71", ""), bad,
		 R("OK-2", "31.71", ""));
	assert_int_equal(import(f, text, &st, &err), LP_EDATA);
	if (!strstr(err.msg, "reports.jsonl: line 2: ") || !strstr(err.msg, want))
		fail_msg("for %s: got \"%s\", wanted \"%s\"", bad, err.msg, want);
	assert_int_equal(st.created, 0);
	assert_int_equal(count_cases(f), before);
	struct lp_case c;
	assert_int_equal(lp_store_case_get_by_tracking(f->st, "OK-1", &c, NULL), LP_ENOENT);
}

static void test_bad_lines(void **state)
{
	struct fx *f = *state;
	refuse(f, "{\"tracking_id\": \"x\",", "invalid JSON at column");
	refuse(f, R("B-1", "99.99", ""), "unknown region \"99.99\"");
	refuse(f, R("B-1", "99", ""), "unknown region \"99\"");
	refuse(f, "{\"tracking_id\":\"B\",\"kind\":\"complaint\"}", "missing field \"channel\"");
	refuse(f, "{\"tracking_id\":\"B\",\"kind\":\"keluhan\"}",
	       "\"kind\" must be one of complaint, aspiration, information_request");
	refuse(f, "{\"title\":\"\xC3\x28\"}", "invalid UTF-8");
	refuse(f, "{\"type\":\"message\",\"tracking_id\":\"NOPE\","
		  "\"submitted_at\":\"2026-11-28T00:00:00Z\",\"body\":\"x\"}",
	       "unknown tracking id \"NOPE\"");
	refuse(f, "{\"type\":\"feedback\"}", "tracking_id");
	refuse(f, "[]", "a line must be a JSON object");
}

static void test_line_too_long(void **state)
{
	struct fx *f = *state;
	struct lp_import_stats st;
	struct lp_error err;
	size_t n = LP_IMPORT_LINE_MAX + 100;
	char *text = malloc(n + 600);
	assert_non_null(text);
	int h = snprintf(text, 500, "%s\n{\"title\":\"", R("OK-1", "31.71", ""));
	memset(text + h, 'a', n);
	strcpy(text + h + n, "\"}\n");
	assert_int_equal(import(f, text, &st, &err), LP_EDATA);
	assert_non_null(strstr(err.msg, "line 2: longer than 1048576 bytes"));
	assert_int_equal(count_cases(f), 0);
	free(text);
}

/* Sets a case's status directly in the store (test setup only). */
static void force_status(struct fx *f, const char *tid, enum lp_status status)
{
	struct lp_case c;
	assert_int_equal(lp_store_case_get_by_tracking(f->st, tid, &c, NULL), LP_OK);
	int64_t v = c.version;
	c.status = status;
	c.version = v + 1;
	if (status == LP_STATUS_POSTPONED)
		c.clock_paused_at = NOW - 3600;
	if (status == LP_STATUS_CLOSED)
		c.clock_stage = -1, c.due_at = 0;
	assert_int_equal(lp_store_case_update(f->st, &c, v, NULL), LP_OK);
	lp_case_clear(&c);
}

#define MSG(tid, body) "{\"type\":\"message\",\"tracking_id\":\"" tid "\"," \
	"\"submitted_at\":\"2026-11-28T08:00:00+07:00\",\"body\":\"" body "\"}\n"

#define TWO_MSGS MSG("W-1", "Alamat: Jl. Kramat Raya 5") MSG("W-3", "Terima kasih")

static void test_messages(void **state)
{
	struct fx *f = *state;
	struct lp_import_stats st;
	struct lp_error err;
	struct lp_case c;

	assert_int_equal(import(f, good_file, &st, &err), LP_OK);
	force_status(f, "W-1", LP_STATUS_POSTPONED);
	force_status(f, "W-3", LP_STATUS_CLOSED);
	assert_int_equal(import(f, TWO_MSGS, &st, &err), LP_OK);
	assert_int_equal(st.messages, 2);
	assert_int_equal(st.created, 0);

	assert_int_equal(lp_store_case_get_by_tracking(f->st, "W-1", &c, &err), LP_OK);
	assert_int_equal(c.status, LP_STATUS_NEW);
	assert_int_equal(c.clock_paused_at, 0);
	assert_int_equal(c.event_count, 2);
	assert_int_equal(c.version, 3);
	struct ev_list l = { .n = 0 };
	assert_int_equal(lp_store_event_list(f->st, c.id, ev_cb, &l, &err), LP_OK);
	assert_int_equal(l.n, 2);
	assert_int_equal(l.ev[1].action, LP_ACTION_MESSAGE);
	assert_int_equal(l.ev[1].status_from, LP_STATUS_POSTPONED);
	assert_int_equal(l.ev[1].status_to, LP_STATUS_NEW);
	assert_int_equal(l.ev[1].visibility, LP_VIS_PUBLIC);
	assert_string_equal(l.ev[1].text, "Alamat: Jl. Kramat Raya 5");
	assert_string_equal(l.ev[1].officer, "intake");
	ev_clear(&l);
	lp_case_clear(&c);

	assert_int_equal(lp_store_case_get_by_tracking(f->st, "W-3", &c, &err), LP_OK);
	assert_int_equal(c.status, LP_STATUS_CLOSED);
	assert_int_equal(c.event_count, 2);
	lp_case_clear(&c);

	/* the same messages again: nothing new */
	assert_int_equal(import(f, TWO_MSGS, &st, &err), LP_OK);
	assert_int_equal(st.messages, 0);
	assert_int_equal(st.duplicates, 2);
	assert_int_equal(lp_store_case_get_by_tracking(f->st, "W-1", &c, &err), LP_OK);
	assert_int_equal(c.event_count, 2);
	lp_case_clear(&c);

	struct lp_audit_report rep;
	assert_int_equal(lp_audit_verify(f->s, &rep, &err), LP_OK);
	assert_false(rep.broken);
}

static void test_intake_add(void **state)
{
	struct fx *f = *state;
	struct lp_error err;
	struct lp_case c = { 0 };

	lp_strlcpy(c.tracking_id, "API-1", sizeof c.tracking_id);
	lp_strlcpy(c.region, "32.73.01", sizeof c.region);
	lp_strlcpy(c.category, "sampah", sizeof c.category);
	c.title = strdup("Sampah");
	c.body = strdup("Menumpuk.");
	c.kind = LP_KIND_COMPLAINT;
	assert_int_equal(lp_store_begin(f->st, true, &err), LP_OK);
	assert_int_equal(lp_intake_add(f->s, &c, &err), LP_OK);
	assert_true(c.id > 0);
	assert_string_equal(c.agency, "32.73");
	assert_int_equal(c.event_count, 1);
	assert_int_not_equal(c.clock_stage, -1);
	/* the same tracking id again is refused, unknown regions too */
	assert_int_equal(lp_intake_add(f->s, &c, &err), LP_EREFUSED);
	lp_strlcpy(c.tracking_id, "API-2", sizeof c.tracking_id);
	lp_strlcpy(c.region, "98.01", sizeof c.region);
	assert_int_equal(lp_intake_add(f->s, &c, &err), LP_EDATA);
	assert_non_null(strstr(err.msg, "unknown region \"98.01\""));
	assert_int_equal(lp_store_commit(f->st, &err), LP_OK);
	lp_case_clear(&c);
	assert_int_equal(count_cases(f), 1);
}

static void test_permission(void **state)
{
	struct fx *f = *state;
	struct lp_error err;
	struct lp_import_stats st;
	struct lp_officer me;
	const char *login = lp_session_unix_login(f->s);
	assert_int_equal(lp_store_officer_get(f->st, login, &me, &err), LP_OK);
	me.role = LP_ROLE_CLERK;
	lp_strlcpy(me.agency, "31.71", sizeof me.agency);
	assert_int_equal(lp_store_officer_put(f->st, &me, &err), LP_OK);
	assert_int_equal(lp_session_refresh(f->s, &err), LP_OK);
	int rc = import(f, good_file, &st, &err);
	if (lp_session_is_root(f->s)) {
		assert_int_equal(rc, LP_OK);    /* root may always import */
	} else {
		assert_int_equal(rc, LP_EPERM);
		assert_int_equal(count_cases(f), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_good_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_reimport_is_noop, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_lines, setup, teardown),
		cmocka_unit_test_setup_teardown(test_line_too_long, setup, teardown),
		cmocka_unit_test_setup_teardown(test_messages, setup, teardown),
		cmocka_unit_test_setup_teardown(test_intake_add, setup, teardown),
		cmocka_unit_test_setup_teardown(test_permission, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
