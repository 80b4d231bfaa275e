/* test_bulk_intake.c: a large import (bulk intake: the store fills the
 * full-text index and the tallies set-based, lp_store_bulk_intake) gives
 * exactly the rows of the same reports imported one by one (the schema's
 * triggers, per row).  Two databases get the same lines, with the same
 * clock: A as whole files, B one line per import.  Then every case,
 * event, tally and full-text index entry (fts5vocab 'instance': term,
 * row, column, offset) must be equal, and FTS5's integrity-check pass on
 * both.  Also: a bad line late in a large file leaves the database as it
 * was, triggers included; FTS5's settings are as they were after a bulk
 * intake; a small import keeps the per-row path. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "intake.h"
#include "session.h"
#include "store.h"
#include "workflow.h"

#define NOW 1795832100 /* 2026-11-28T09:15:00+07:00 */
#define N_REPORTS 400  /* more than intake.c's BULK_AFTER (256) */

struct db {
	char path[160];
	struct lp_session *s;
};

struct fx {
	char dir[64];
	struct db a, b;
};

static int open_db(struct fx *f, struct db *d, const char *name)
{
	struct lp_error err;
	snprintf(d->path, sizeof d->path, "%s/%s.db", f->dir, name);
	struct lp_session_opts o = { .db = d->path, .create = true,
				     .identity = LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &d->s, &err) != LP_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	struct lp_officer me = { 0 };
	lp_strlcpy(me.login, lp_session_unix_login(d->s), sizeof me.login);
	lp_strlcpy(me.name, "Penguji", sizeof me.name);
	lp_strlcpy(me.agency, "KEMENPANRB", sizeof me.agency);
	me.role = LP_ROLE_ADMIN;
	me.active = true;
	if (lp_store_officer_put(lp_session_store(d->s), &me, &err) != LP_OK ||
	    lp_session_refresh(d->s, &err) != LP_OK) {
		fprintf(stderr, "officer: %s\n", err.msg);
		return -1;
	}
	lp_session_set_now(d->s, NOW);
	return 0;
}

static int setup(void **state)
{
	struct fx *f = calloc(1, sizeof *f);
	if (!f)
		return -1;
	strcpy(f->dir, "/tmp/lapor-bulk-XXXXXX");
	if (!mkdtemp(f->dir) || open_db(f, &f->a, "bulk") < 0 || open_db(f, &f->b, "rows") < 0)
		return -1;
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fx *f = *state;
	char cmd[256];
	lp_session_close(f->a.s);
	lp_session_close(f->b.s);
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	free(f);
	return 0;
}

/* ---- the reports ---- */

static const char *const regions[] = { "31.71", "32.73", "51.71", "91.71", "73.71.01", "11" };
static const char *const kinds[] = { "complaint", "aspiration", "information_request" };
static const char *const channels[] = { "web", "sms", "app", "social", "letter", "walk_in" };
static const char *const privacies[] = { "public", "anonymous", "secret" };
static const char *const words[] = {
	"jalan", "rusak", "berlubang", "sampah", "menumpuk", "lampu", "mati", "puskesmas",
	"antrean", "sekolah", "pungutan", "KTP", "bantuan", "sosial", "air", "PDAM", "izin",
	"usaha", "banjir", "kantor", "kecamatan", "kelurahan", "Désa", "café", "warga",
};
#define N_WORDS (sizeof words / sizeof words[0])

/* Appends a report line of round r, number i, to buf (size n). */
static size_t report(char *buf, size_t n, int r, int i)
{
	char title[128], body[512];
	size_t t = 0, b = 0;
	for (int w = 0; w < 3; w++)
		t += (size_t)snprintf(title + t, sizeof title - t, "%s%s", w ? " " : "",
				      words[(size_t)(i * 7 + w * 3 + r) % N_WORDS]);
	for (int w = 0; w < 20 + i % 17; w++)
		b += (size_t)snprintf(body + b, sizeof body - b, "%s%s", w ? " " : "",
				      words[(size_t)(i * 13 + w * w + r * 5) % N_WORDS]);
	const char *privacy = privacies[i % 3];
	char reporter[96] = "";
	if (i % 4 != 0)
		snprintf(reporter, sizeof reporter,
			 ",\"reporter\":{\"name\":\"Warga %d\",\"phone\":\"0812%06d\"}", i, i);
	return (size_t)snprintf(buf, n,
		"{\"tracking_id\":\"R%d-%d\",\"kind\":\"%s\",\"channel\":\"%s\","
		"\"submitted_at\":\"2026-11-27T20:%02d:00+07:00\",\"title\":\"%s %d\","
		"\"body\":\"%s\",\"category\":\"cat-%d\",\"region\":\"%s\",\"privacy\":\"%s\"%s%s}\n",
		r, i, kinds[i % 3], channels[i % 6], i % 60, title, i, body, i % 5,
		regions[i % 6], privacy, reporter, i % 9 == 0 ? ",\"field_check\":true" : "");
}

static size_t message(char *buf, size_t n, const char *tid, int i)
{
	return (size_t)snprintf(buf, n,
		"{\"type\":\"message\",\"tracking_id\":\"%s\","
		"\"submitted_at\":\"2026-11-28T01:%02d:00+07:00\","
		"\"body\":\"Tambahan keterangan %s: lampu %s masih mati\"}\n",
		tid, i % 60, words[(size_t)i % N_WORDS], words[(size_t)(i * 3) % N_WORDS]);
}

/* Round r's file: N_REPORTS reports, a duplicate, and citizen messages
 * on cases of this file (after the bulk has begun) and on `old_tid`. */
static char *round_file(int r, const char *old_tid, size_t *len)
{
	size_t cap = (size_t)N_REPORTS * 1024 + 8192, used = 0;
	char *buf = malloc(cap);
	assert_non_null(buf);
	for (int i = 1; i <= N_REPORTS; i++) {
		used += report(buf + used, cap - used, r, i);
		if (i > 300 && i % 25 == 0) {
			char tid[32];
			snprintf(tid, sizeof tid, "R%d-%d", r, i - 20);
			used += message(buf + used, cap - used, tid, i);
		}
		if (i == 330 && old_tid)
			used += message(buf + used, cap - used, old_tid, i);
		if (i == 340)
			used += report(buf + used, cap - used, r, 5); /* a duplicate */
	}
	*len = used;
	return buf;
}

static int import_text(struct db *d, const char *text, size_t len, struct lp_import_stats *st,
		       struct lp_error *err)
{
	FILE *in = fmemopen((void *)text, len, "r");
	assert_non_null(in);
	int rc = lp_import(d->s, in, "reports.jsonl", st, err);
	fclose(in);
	return rc;
}

/* B: one import per line (each far below BULK_AFTER: the triggers). */
static void import_by_line(struct db *d, const char *text, size_t len)
{
	const char *p = text, *end = text + len;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) + 1 : (size_t)(end - p);
		struct lp_error err;
		assert_int_equal(import_text(d, p, n, NULL, &err), LP_OK);
		p += n;
	}
}

static void act(struct db *d, enum lp_action action, int64_t id, const char *agency)
{
	struct lp_action_args a = { .action = action, .case_id = id, .agency = agency,
				    .text = "Mohon lengkapi alamat" };
	struct lp_error err;
	int rc = lp_act(d->s, &a, NULL, &err);
	if (rc != LP_OK)
		fprintf(stderr, "act: %s\n", err.msg);
	assert_int_equal(rc, LP_OK);
}

/* ---- comparing ---- */

static int64_t q_int(sqlite3 *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(db));
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	int64_t v = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return v;
}

static void q_exec(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		fail_msg("%s: %s", sql, msg ? msg : "?");
}

/* Rows of `what` (a table or SELECT list) in one database and not the other. */
static void same_rows(sqlite3 *db, const char *a, const char *b)
{
	char sql[1024];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", a, b);
	int64_t n1 = q_int(db, sql);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM (%s EXCEPT %s)", b, a);
	int64_t n2 = q_int(db, sql);
	if (n1 || n2)
		fail_msg("%lld rows of [%s] are not in [%s], %lld the other way", (long long)n1, a,
			 b, (long long)n2);
}

static sqlite3 *open_both(struct fx *f)
{
	sqlite3 *db = NULL;
	char sql[256];
	assert_int_equal(sqlite3_open_v2(f->a.path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);
	snprintf(sql, sizeof sql, "ATTACH '%s' AS b", f->b.path);
	q_exec(db, sql);
	q_exec(db, "CREATE VIRTUAL TABLE temp.va USING fts5vocab(main, case_fts, instance);"
		   "CREATE VIRTUAL TABLE temp.vb USING fts5vocab(b, case_fts, instance);"
		   "CREATE VIRTUAL TABLE temp.ea USING fts5vocab(main, event_fts, instance);"
		   "CREATE VIRTUAL TABLE temp.eb USING fts5vocab(b, event_fts, instance)");
	return db;
}

static void compare(struct fx *f, int64_t cases)
{
	sqlite3 *db = open_both(f);
	assert_int_equal(q_int(db, "SELECT count(*) FROM main.kase"), cases);
	assert_int_equal(q_int(db, "SELECT count(*) FROM b.kase"), cases);
	same_rows(db, "SELECT * FROM main.kase", "SELECT * FROM b.kase");
	same_rows(db, "SELECT * FROM main.event", "SELECT * FROM b.event");
	same_rows(db, "SELECT * FROM main.stat_open", "SELECT * FROM b.stat_open");
	same_rows(db, "SELECT * FROM main.stat_day", "SELECT * FROM b.stat_day");
	same_rows(db, "SELECT * FROM temp.va", "SELECT * FROM temp.vb");
	same_rows(db, "SELECT * FROM temp.ea", "SELECT * FROM temp.eb");
	/* Searches too (the index and the content table agree). */
	same_rows(db, "SELECT rowid FROM main.case_fts('jal* AND rusak')",
		  "SELECT rowid FROM b.case_fts('jal* AND rusak')");
	same_rows(db, "SELECT type, name, tbl_name, sql FROM main.sqlite_schema",
		  "SELECT type, name, tbl_name, sql FROM b.sqlite_schema");
	assert_true(q_int(db, "SELECT count(*) FROM main.case_fts('desa')") > 0);
	assert_true(q_int(db, "SELECT sum(n) FROM main.stat_open") > 0);
	q_exec(db, "INSERT INTO main.case_fts(case_fts, rank) VALUES ('integrity-check', 1);"
		   "INSERT INTO b.case_fts(case_fts, rank) VALUES ('integrity-check', 1);"
		   "INSERT INTO main.event_fts(event_fts, rank) VALUES ('integrity-check', 1);"
		   "INSERT INTO b.event_fts(event_fts, rank) VALUES ('integrity-check', 1)");
	/* A went through the bulk path: its insert triggers were created again
	 * (after everything else of the schema); B's were never touched. */
#define MOVED(s) "SELECT (SELECT rowid FROM " s ".sqlite_schema WHERE name = " \
		"'kase_fts_insert') > (SELECT rowid FROM " s ".sqlite_schema WHERE name = 'saved_queue')"
	assert_int_equal(q_int(db, MOVED("main")), 1);
	assert_int_equal(q_int(db, MOVED("b")), 0);
#undef MOVED
	sqlite3_close(db);
}

static void test_bulk_equals_rows(void **state)
{
	struct fx *f = *state;
	struct lp_import_stats st;
	struct lp_error err;
	size_t len;

	/* Round 1. */
	char *text = round_file(1, NULL, &len);
	assert_int_equal(import_text(&f->a, text, len, &st, &err), LP_OK);
	assert_int_equal(st.created, N_REPORTS);
	assert_int_equal(st.duplicates, 1);
	assert_int_equal(st.messages, 4);
	import_by_line(&f->b, text, len);
	free(text);

	/* Between rounds, the same actions on both: a postponed case (a
	 * message brings it back to new) and a routed one (a running clock). */
	struct db *d[2] = { &f->a, &f->b };
	for (int i = 0; i < 2; i++) {
		act(d[i], LP_ACTION_POSTPONE, 7, NULL);
		act(d[i], LP_ACTION_VERIFY, 8, "31.71");
		lp_session_set_now(d[i]->s, NOW + 86400 + 13 * 3600);
	}

	/* Round 2, on another (local) day, with a message on case 7. */
	text = round_file(2, "R1-7", &len);
	assert_int_equal(import_text(&f->a, text, len, &st, &err), LP_OK);
	assert_int_equal(st.created, N_REPORTS);
	assert_int_equal(st.messages, 5);
	import_by_line(&f->b, text, len);
	free(text);

	compare(f, 2 * N_REPORTS);
}

/* A bulk intake begun by an outer transaction outlives a nested import
 * that failed after its messages made the store fill the new cases: the
 * fills it rolled back are made again. */
static void test_nested_rollback(void **state)
{
	struct fx *f = *state;
	struct lp_store *st = lp_session_store(f->a.s);
	struct lp_error err;
	size_t len;
	char *text = round_file(5, NULL, &len);
	char *bad = malloc(len + 64);
	assert_non_null(bad);
	memcpy(bad, text, len);
	size_t badlen = len + (size_t)sprintf(bad + len, "{\"tracking_id\":\"X\"}\n");

	assert_int_equal(lp_store_begin(st, true, &err), LP_OK);
	assert_int_equal(lp_store_bulk_intake(st, true, &err), LP_OK);
	assert_int_equal(import_text(&f->a, bad, badlen, NULL, &err), LP_EDATA);
	assert_int_equal(import_text(&f->a, text, len, NULL, &err), LP_OK);
	assert_int_equal(lp_store_bulk_intake(st, false, &err), LP_OK);
	assert_int_equal(lp_store_commit(st, &err), LP_OK);
	import_by_line(&f->b, text, len);
	free(bad);
	free(text);
	compare(f, N_REPORTS);
}

static void test_bad_line_changes_nothing(void **state)
{
	struct fx *f = *state;
	struct lp_error err;
	size_t len;
	char *text = round_file(3, NULL, &len);
	/* A bad line near the end, well after the bulk began. */
	char *bad = malloc(len + 64);
	assert_non_null(bad);
	memcpy(bad, text, len);
	len += (size_t)sprintf(bad + len, "{\"tracking_id\":\"X\",\"kind\":\"nope\"}\n");
	free(text);

	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->a.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	const char *schema = "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger' AND "
			     "name IN ('kase_fts_insert', 'stat_insert')";
	int64_t version = q_int(db, "PRAGMA schema_version");
	assert_int_equal(import_text(&f->a, bad, len, NULL, &err), LP_EDATA);
	if (!strstr(err.msg, "line 406:"))
		fail_msg("%s", err.msg);    /* 400 reports, 4 messages, a duplicate */
	assert_int_equal(q_int(db, "SELECT count(*) FROM kase"), 0);
	assert_int_equal(q_int(db, "SELECT count(*) FROM stat_day"), 0);
	assert_int_equal(q_int(db, schema), 2);
	assert_int_equal(q_int(db, "PRAGMA schema_version"), version);

	/* The same file without the bad line, then again: nothing new. */
	struct lp_import_stats st;
	assert_int_equal(import_text(&f->a, bad, len - 35, &st, &err), LP_OK);
	assert_int_equal(st.created, N_REPORTS);
	assert_int_equal(q_int(db, schema), 2);
	assert_int_equal(q_int(db, "SELECT count(*) FROM case_fts_docsize"), N_REPORTS);
	version = q_int(db, "PRAGMA schema_version");
	assert_int_equal(import_text(&f->a, bad, len - 35, &st, &err), LP_OK);
	assert_int_equal(st.created, 0);
	assert_int_equal(st.duplicates, N_REPORTS + 5); /* messages and the duplicate too */
	assert_int_equal(q_int(db, "PRAGMA schema_version"), version);
	sqlite3_close(db);
	free(bad);
}

/* The bulk fill writes the full-text index with FTS5's automerge off
 * (sq_bulk.c); the database's own setting is back after the import, the
 * default as well as one set by hand, and the index checks out. */
static void test_fts_settings_kept(void **state)
{
	struct fx *f = *state;
	struct lp_error err;
	struct lp_import_stats st;
	size_t len;
	const char *am = "SELECT coalesce((SELECT v FROM case_fts_config WHERE k = 'automerge'), 4)";
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->a.path, &db, SQLITE_OPEN_READWRITE, NULL), SQLITE_OK);

	char *text = round_file(6, NULL, &len);
	assert_int_equal(import_text(&f->a, text, len, &st, &err), LP_OK);
	assert_int_equal(st.created, N_REPORTS);
	free(text);
	assert_int_equal(q_int(db, am), 4);

	q_exec(db, "INSERT INTO case_fts(case_fts, rank) VALUES ('automerge', 8)");
	text = round_file(7, NULL, &len);
	assert_int_equal(import_text(&f->a, text, len, &st, &err), LP_OK);
	assert_int_equal(st.created, N_REPORTS);
	free(text);
	assert_int_equal(q_int(db, am), 8);
	assert_int_equal(q_int(db, "SELECT count(*) FROM case_fts_docsize"), 2 * N_REPORTS);
	assert_true(q_int(db, "SELECT count(*) FROM case_fts('desa')") > 0);
	q_exec(db, "INSERT INTO case_fts(case_fts, rank) VALUES ('integrity-check', 1)");
	sqlite3_close(db);
}

static void test_small_import_per_row(void **state)
{
	struct fx *f = *state;
	struct lp_error err;
	char buf[1024];
	size_t len = report(buf, sizeof buf, 4, 1);
	sqlite3 *db = NULL;
	assert_int_equal(sqlite3_open_v2(f->a.path, &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	int64_t version = q_int(db, "PRAGMA schema_version");
	assert_int_equal(import_text(&f->a, buf, len, NULL, &err), LP_OK);
	assert_int_equal(q_int(db, "PRAGMA schema_version"), version);
	assert_int_equal(q_int(db, "SELECT count(*) FROM case_fts_docsize"), 1);
	assert_int_equal(q_int(db, "SELECT sum(received) FROM stat_day"), 1);
	sqlite3_close(db);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_bulk_equals_rows, setup, teardown),
		cmocka_unit_test_setup_teardown(test_nested_rollback, setup, teardown),
		cmocka_unit_test_setup_teardown(test_bad_line_changes_nothing, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fts_settings_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_small_import_per_row, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
