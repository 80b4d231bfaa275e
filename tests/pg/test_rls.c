/* test_rls.c: row-level security and masking on PostgreSQL, seen from
 * outside lapor: each officer connects with plain libpq (as psql would)
 * and may read and change exactly what the console would let it.
 *
 * Needs $LAPOR_TEST_PG_URI (a role that may create databases and roles);
 * exits 77 (skipped) without it. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include <inttypes.h>
#include <libpq-fe.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "pg_testdb.h"
#include "store.h"

enum { ADMIN, KOORD32, SUP3273, CLERK3273, CLERK3171, AUD32, N_OFFICERS };

static const struct {
	const char *suffix, *agency;
	enum lp_role role;
} officers[N_OFFICERS] = {
	{ "admin", "KEMENPANRB", LP_ROLE_ADMIN },
	{ "koord32", "32", LP_ROLE_COORDINATOR },
	{ "sup3273", "32.73", LP_ROLE_SUPERVISOR },
	{ "clerk3273", "32.73", LP_ROLE_CLERK },
	{ "clerk3171", "31.71", LP_ROLE_CLERK },
	{ "aud32", "32", LP_ROLE_AUDITOR },
};

/* The cases, by tracking id: privacy, agency, status, escalated_to. */
enum { C_PUBLIC, C_ANON, C_SECRET, C_NEW, C_OTHER, C_ESCALATED, N_CASES };
static const struct {
	const char *tid, *agency, *escalated_to;
	enum lp_privacy privacy;
	enum lp_status status;
} cases[N_CASES] = {
	{ "A", "32.73", "", LP_PRIVACY_PUBLIC, LP_STATUS_ASSIGNED },
	{ "B", "32.73", "", LP_PRIVACY_ANONYMOUS, LP_STATUS_IN_PROGRESS },
	{ "C", "32.73.DINKES", "", LP_PRIVACY_SECRET, LP_STATUS_ASSIGNED },
	{ "D", "32.73", "", LP_PRIVACY_PUBLIC, LP_STATUS_NEW },
	{ "E", "31.71", "", LP_PRIVACY_PUBLIC, LP_STATUS_ASSIGNED },
	{ "F", "31.71", "32", LP_PRIVACY_PUBLIC, LP_STATUS_IN_PROGRESS },
};

static char dbname[64];
static char login[N_OFFICERS][96];
static int64_t case_id[N_CASES];
static PGconn *conn[N_OFFICERS];

static void add_case(struct lp_store *s, int i)
{
	struct lp_error err;
	struct lp_case c;
	memset(&c, 0, sizeof c);
	lp_strlcpy(c.tracking_id, cases[i].tid, sizeof c.tracking_id);
	c.kind = LP_KIND_COMPLAINT;
	c.channel = LP_CHANNEL_WEB;
	c.status = cases[i].status;
	c.privacy = cases[i].privacy;
	lp_strlcpy(c.agency, cases[i].agency, sizeof c.agency);
	lp_strlcpy(c.region, cases[i].agency, sizeof c.region);
	lp_strlcpy(c.escalated_to, cases[i].escalated_to, sizeof c.escalated_to);
	c.title = lp_strdup("judul");
	c.body = lp_strdup("isi laporan");
	c.reporter_name = lp_strdup("Pelapor");
	c.version = 1;
	c.clock_stage = -1;
	c.event_count = 1;
	memset(c.last_hash, 1, LP_HASH_LEN);
	assert_int_equal(lp_store_case_insert(s, &c, &err), LP_OK);
	case_id[i] = c.id;
	struct lp_event e;
	memset(&e, 0, sizeof e);
	e.case_id = c.id;
	e.seq = 1;
	lp_strlcpy(e.officer, "intake", sizeof e.officer);
	e.action = LP_ACTION_INTAKE;
	e.status_to = c.status;
	e.text = lp_strdup("teks peristiwa");
	memset(e.hash, 1, LP_HASH_LEN);
	assert_int_equal(lp_store_event_append(s, &e, &err), LP_OK);
	lp_event_clear(&e);
	lp_case_clear(&c);
}

static PGconn *connect_as(const char *user)
{
	char uri[1024];
	assert_int_equal(pg_testdb_uri(dbname, user, uri, sizeof uri), 0);
	return PQconnectdb(uri);
}

static int setup(void **state)
{
	(void)state;
	char uri[1024];
	if (pg_testdb_create(dbname, sizeof dbname, uri, sizeof uri))
		return -1;
	struct lp_store *s = NULL;
	struct lp_error err;
	if (lp_store_open(uri, LP_STORE_CREATE, &s, &err) ||
	    lp_store_migrate(s, NULL, NULL, &err)) {
		fprintf(stderr, "setup: %s\n", err.msg);
		return -1;
	}
	for (int i = 0; i < N_OFFICERS; i++) {
		struct lp_officer o;
		memset(&o, 0, sizeof o);
		snprintf(login[i], sizeof login[i], "%s_%s", dbname, officers[i].suffix);
		lp_strlcpy(o.login, login[i], sizeof o.login);
		lp_strlcpy(o.name, officers[i].suffix, sizeof o.name);
		lp_strlcpy(o.agency, officers[i].agency, sizeof o.agency);
		o.role = officers[i].role;
		o.active = true;
		if (lp_store_officer_put(s, &o, &err) || lp_store_officer_provision(s, &o, &err)) {
			fprintf(stderr, "setup: %s\n", err.msg);
			return -1;
		}
	}
	for (int i = 0; i < N_CASES; i++)
		add_case(s, i);
	lp_store_close(s);
	for (int i = 0; i < N_OFFICERS; i++) {
		conn[i] = connect_as(login[i]);
		if (PQstatus(conn[i]) != CONNECTION_OK) {
			fprintf(stderr, "setup: %s", PQerrorMessage(conn[i]));
			return -1;
		}
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	for (int i = 0; i < N_OFFICERS; i++)
		PQfinish(conn[i]);
	pg_testdb_drop(dbname);
	pg_testdb_drop_roles(dbname);
	return 0;
}

/* The first column of every row, comma-separated; "ERROR sqlstate" when
 * the statement fails. */
static char *col(PGconn *c, const char *sql, const char *param)
{
	static char out[1024];
	const char *v[1] = { param };
	PGresult *r = PQexecParams(c, sql, param ? 1 : 0, NULL, v, NULL, NULL, 0);
	out[0] = '\0';
	if (PQresultStatus(r) == PGRES_TUPLES_OK) {
		for (int i = 0; i < PQntuples(r); i++) {
			size_t len = strlen(out);
			snprintf(out + len, sizeof out - len, "%s%s", i ? "," : "",
				 PQgetisnull(r, i, 0) ? "NULL" : PQgetvalue(r, i, 0));
		}
	} else if (PQresultStatus(r) == PGRES_COMMAND_OK) {
		snprintf(out, sizeof out, "%s", PQcmdStatus(r));
	} else {
		snprintf(out, sizeof out, "ERROR %s", PQresultErrorField(r, PG_DIAG_SQLSTATE));
	}
	PQclear(r);
	return out;
}

static void who_sees_which_cases(void **state)
{
	(void)state;
	static const char *const seen[N_OFFICERS] = {
		[ADMIN] = "A,B,C,D,E,F",
		[KOORD32] = "A,B,C,D,F",
		[SUP3273] = "A,B,C,D",
		[CLERK3273] = "A,B",
		[CLERK3171] = "E,F",
		[AUD32] = "A,B,C,D,F",
	};
	for (int i = 0; i < N_OFFICERS; i++) {
		assert_string_equal(col(conn[i], "SELECT tracking_id FROM case_visible "
					"ORDER BY tracking_id", NULL), seen[i]);
		/* The table itself shows the same rows (row-level security). */
		assert_string_equal(col(conn[i], "SELECT tracking_id FROM kase "
					"ORDER BY tracking_id", NULL), seen[i]);
		assert_string_equal(col(conn[i], "SELECT DISTINCT e.case_id IS NOT NULL FROM "
					"event e", NULL), "t");
		assert_string_equal(col(conn[i], "SELECT string_agg(k.tracking_id, ',' ORDER BY "
					"k.tracking_id) FROM event_visible e JOIN case_visible k "
					"ON k.id = e.case_id", NULL), seen[i]);
	}
}

static void masked_columns(void **state)
{
	(void)state;
	const char *q = "SELECT coalesce(reporter_name, '-') || '/' || coalesce(title, '-') "
			"FROM case_visible WHERE tracking_id = $1";
	/* Anonymous: the reporter for the admin only. */
	assert_string_equal(col(conn[ADMIN], q, "B"), "Pelapor/judul");
	assert_string_equal(col(conn[SUP3273], q, "B"), "-/judul");
	assert_string_equal(col(conn[CLERK3273], q, "B"), "-/judul");
	/* Secret: content and reporter only in the handling agency (32.73.DINKES). */
	assert_string_equal(col(conn[ADMIN], q, "C"), "Pelapor/judul");
	assert_string_equal(col(conn[SUP3273], q, "C"), "-/-");
	assert_string_equal(col(conn[KOORD32], q, "C"), "-/-");
	assert_string_equal(col(conn[SUP3273], "SELECT coalesce(e.text, '-') FROM event_visible e "
				"JOIN kase k ON k.id = e.case_id WHERE k.tracking_id = $1", "C"),
			    "-");
	assert_string_equal(col(conn[SUP3273], "SELECT e.text FROM event_visible e "
				"JOIN kase k ON k.id = e.case_id WHERE k.tracking_id = $1", "A"),
			    "teks peristiwa");
	/* Public: everything. */
	assert_string_equal(col(conn[CLERK3273], q, "A"), "Pelapor/judul");
	/* The masked columns of the tables are closed to all but admins. */
	for (int i = KOORD32; i < N_OFFICERS; i++) {
		assert_string_equal(col(conn[i], "SELECT reporter_name FROM kase", NULL),
				    "ERROR 42501");
		assert_string_equal(col(conn[i], "SELECT title FROM kase", NULL), "ERROR 42501");
		assert_string_equal(col(conn[i], "SELECT text FROM event", NULL), "ERROR 42501");
		assert_string_equal(col(conn[i], "SELECT count(*) FROM kase WHERE search @@ "
					"'judul'::tsquery", NULL), "ERROR 42501");
	}
	assert_string_equal(col(conn[ADMIN], "SELECT count(*) FROM kase WHERE search @@ "
				"'judul'::tsquery", NULL), "6");
}

/* Tables of an officer's own cannot stand in for lapor's: a search path
 * that does not name the session's temporary schema searches it first,
 * and every role may create temporary tables (007_pg_identity.sql).  A
 * clerk makes itself an admin in its own "officer", a supervisor puts
 * every agency under its own in its own "agency"; what they see and find
 * stays what it was. */
static void impostor_tables(void **state)
{
	(void)state;
	static const char *const probes[] = {
		"SELECT string_agg(tracking_id, ',' ORDER BY tracking_id) FROM case_visible",
		"SELECT string_agg(tracking_id, ',' ORDER BY tracking_id) FROM kase",
		"SELECT string_agg(coalesce(reporter_name, '-') || '/' || coalesce(title, '-'), ',' "
		"ORDER BY tracking_id) FROM case_visible",
		"SELECT string_agg(coalesce(e.text, '-'), ',' ORDER BY e.case_id, e.seq) "
		"FROM event_visible e",
		"SELECT count(*) FROM lapor_case_matches('judul', false, NULL)",
		"SELECT count(*) FROM lapor_case_rank('judul', true, 50, 100)",
		"SELECT lapor_my_role() || ' ' || lapor_my_agency() || ' ' || "
		"(SELECT count(*) FROM lapor_my_subtree())",
	};
	enum { N_PROBES = sizeof probes / sizeof *probes };
	static const char *const fake[] = {
		"CREATE TEMP TABLE officer AS SELECT * FROM officer",
		"UPDATE pg_temp.officer SET role = 'admin', agency = 'KEMENPANRB'"
		" WHERE login = current_user AND role = 'clerk'",
		"CREATE TEMP TABLE agency AS SELECT * FROM agency",
		"UPDATE pg_temp.agency SET path = CASE WHEN code = (SELECT agency FROM officer"
		" WHERE login = current_user) THEN '/x/' ELSE '/x/' || code || '/' END",
	};
	const int who[] = { CLERK3273, SUP3273 };
	for (size_t w = 0; w < sizeof who / sizeof *who; w++) {
		PGconn *c = connect_as(login[who[w]]);
		assert_int_equal(PQstatus(c), CONNECTION_OK);
		char before[N_PROBES][1024];
		for (int i = 0; i < N_PROBES; i++)
			lp_strlcpy(before[i], col(c, probes[i], NULL), sizeof before[i]);
		for (size_t i = 0; i < sizeof fake / sizeof *fake; i++) {
			PGresult *r = PQexec(c, fake[i]);
			assert_int_equal(PQresultStatus(r), PGRES_COMMAND_OK);
			PQclear(r);
		}
		/* The impostors are in place: unqualified names find them. */
		assert_string_equal(col(c, "SELECT count(*) FROM agency WHERE path = '/x/'", NULL),
				    "1");
		if (who[w] == CLERK3273)
			assert_string_equal(col(c, "SELECT role FROM officer WHERE login = "
						"current_user", NULL), "admin");
		for (int i = 0; i < N_PROBES; i++)
			assert_string_equal(col(c, probes[i], NULL), before[i]);
		PQfinish(c);
	}
}

static void who_changes_what(void **state)
{
	(void)state;
	char id[24];
	/* A clerk changes the workflow of its own cases only... */
	snprintf(id, sizeof id, "%" PRId64, case_id[C_PUBLIC]);
	assert_string_equal(col(conn[CLERK3273], "UPDATE kase SET priority = 1 WHERE id = $1",
				id), "UPDATE 1");
	snprintf(id, sizeof id, "%" PRId64, case_id[C_OTHER]);
	assert_string_equal(col(conn[CLERK3273], "UPDATE kase SET priority = 1 WHERE id = $1",
				id), "UPDATE 0");
	snprintf(id, sizeof id, "%" PRId64, case_id[C_NEW]);
	assert_string_equal(col(conn[CLERK3273], "UPDATE kase SET priority = 1 WHERE id = $1",
				id), "UPDATE 0");
	/* ...and never what the citizen wrote. */
	assert_string_equal(col(conn[CLERK3273], "UPDATE kase SET reporter_name = 'x'", NULL),
			    "ERROR 42501");
	assert_string_equal(col(conn[SUP3273], "UPDATE kase SET title = 'x'", NULL),
			    "ERROR 42501");
	/* A supervisor reaches its subtree, an auditor nothing. */
	snprintf(id, sizeof id, "%" PRId64, case_id[C_SECRET]);
	assert_string_equal(col(conn[SUP3273], "UPDATE kase SET priority = 2 WHERE id = $1",
				id), "UPDATE 1");
	assert_string_equal(col(conn[AUD32], "UPDATE kase SET priority = 2 WHERE id = $1", id),
			    "ERROR 42501");
	/* Only admins add cases. */
	const char *ins = "INSERT INTO kase(tracking_id, kind, channel, status, privacy, agency) "
			  "VALUES ($1, 'complaint', 'web', 'new', 'public', '32.73')";
	assert_string_equal(col(conn[CLERK3273], ins, "X1"), "ERROR 42501");
	assert_string_equal(col(conn[ADMIN], ins, "X2"), "INSERT 0 1");
	/* The event log is append-only for everyone, the owner included. */
	for (int i = 0; i < N_OFFICERS; i++) {
		assert_string_equal(col(conn[i], "DELETE FROM event", NULL), "ERROR 42501");
		assert_string_equal(col(conn[i], "UPDATE event SET detail = 'x'", NULL),
				    "ERROR 42501");
	}
	PGconn *owner = connect_as(NULL);
	assert_string_equal(col(owner, "UPDATE event SET detail = 'x'", NULL), "ERROR 23000");
	assert_string_equal(col(owner, "DELETE FROM event", NULL), "ERROR 23000");
	assert_string_equal(col(owner, "TRUNCATE event CASCADE", NULL), "ERROR 23000");
	PQfinish(owner);
	/* An auditor appends no event; a clerk may. */
	snprintf(id, sizeof id, "%" PRId64, case_id[C_PUBLIC]);
	const char *ev = "INSERT INTO event(case_id, seq, at, officer, action, status_from, "
			 "status_to, visibility, prev_hash, hash) VALUES ($1, 2, 0, current_user, "
			 "'note', 'assigned', 'assigned', 'internal', '', '')";
	assert_string_equal(col(conn[AUD32], ev, id), "ERROR 42501");
	assert_string_equal(col(conn[CLERK3273], ev, id), "INSERT 0 1");
}

/* Each group has its own policies (008_pg_own_queue.sql), so a statement
 * carries only the branch of the row rule for its officer's group: the
 * planner then estimates it from the column statistics, and an admin's
 * reads have no condition on any column. */
static void one_policy_per_group(void **state)
{
	(void)state;
	static const char *plan = "EXPLAIN (COSTS OFF) SELECT id FROM kase";
	const char *p = col(conn[ADMIN], plan, NULL);
	assert_null(strstr(p, "agency"));
	assert_null(strstr(p, "status"));
	assert_null(strstr(p, "SubPlan"));
	p = col(conn[CLERK3273], plan, NULL);
	assert_non_null(strstr(p, "agency = "));
	assert_null(strstr(p, "SubPlan")); /* the subtree */
	p = col(conn[SUP3273], plan, NULL);
	assert_non_null(strstr(p, "SubPlan"));
	assert_null(strstr(p, "status"));
}

/* GRANT or REVOKE (verb) groups to or from an officer's login, as the
 * owner; returns the command tag. */
static const char *change_groups(PGconn *owner, const char *verb, const char *groups, int who)
{
	char sql[256];
	snprintf(sql, sizeof sql, "%s %s %s \"%s\"", verb, groups,
		 strcmp(verb, "GRANT") ? "FROM" : "TO", login[who]);
	return col(owner, sql, NULL);
}

/* A login granted another group by hand gains nothing: every policy also
 * checks the role in the officer table. */
static void other_groups_grant_nothing(void **state)
{
	(void)state;
	static const char *clerk_extra = "lapor_admin, lapor_supervisor, lapor_coordinator";
	static const char *auditor_extra = "lapor_admin, lapor_clerk";
	static const char *seen = "SELECT string_agg(tracking_id, ',' ORDER BY tracking_id) "
				  "FROM kase";
	char clerk_saw[256], aud_saw[256];
	lp_strlcpy(clerk_saw, col(conn[CLERK3273], seen, NULL), sizeof clerk_saw);
	lp_strlcpy(aud_saw, col(conn[AUD32], seen, NULL), sizeof aud_saw);
	PGconn *owner = connect_as(NULL);
	assert_string_equal(change_groups(owner, "GRANT", clerk_extra, CLERK3273), "GRANT ROLE");
	assert_string_equal(change_groups(owner, "GRANT", auditor_extra, AUD32), "GRANT ROLE");
	PGconn *clerk = connect_as(login[CLERK3273]), *aud = connect_as(login[AUD32]);
	assert_string_equal(col(clerk, seen, NULL), clerk_saw);
	assert_string_equal(col(aud, seen, NULL), aud_saw);
	assert_string_equal(col(clerk, "UPDATE kase SET priority = 3 WHERE tracking_id IN "
				"('C', 'D', 'E', 'F')", NULL), "UPDATE 0");
	assert_string_equal(col(aud, "UPDATE kase SET priority = 3", NULL), "UPDATE 0");
	PQfinish(clerk);
	PQfinish(aud);
	assert_string_equal(change_groups(owner, "REVOKE", clerk_extra, CLERK3273), "REVOKE ROLE");
	assert_string_equal(change_groups(owner, "REVOKE", auditor_extra, AUD32), "REVOKE ROLE");
	PQfinish(owner);
}

static void drafts_are_private(void **state)
{
	(void)state;
	char id[24];
	snprintf(id, sizeof id, "%" PRId64, case_id[C_PUBLIC]);
	const char *put = "INSERT INTO draft(case_id, login, kind, text, updated_at) "
			  "VALUES ($1, current_user, 'reply', 'draf', 0)";
	assert_string_equal(col(conn[CLERK3273], put, id), "INSERT 0 1");
	assert_string_equal(col(conn[SUP3273], put, id), "INSERT 0 1");
	assert_string_equal(col(conn[CLERK3273], "SELECT count(*) FROM draft", NULL), "1");
	assert_string_equal(col(conn[CLERK3273], "INSERT INTO draft(case_id, login, kind, text, "
				"updated_at) VALUES ($1, 'someone', 'reply', 'x', 0)", id),
			    "ERROR 42501");
	assert_string_equal(col(conn[AUD32], put, id), "ERROR 42501");
}

/* lapor itself, connected as a clerk: the same rows, masked, and a
 * workflow update that leaves what it could not read alone. */
static void store_as_officer(void **state)
{
	(void)state;
	char uri[1024];
	struct lp_error err;
	struct lp_store *s = NULL;
	assert_int_equal(pg_testdb_uri(dbname, login[SUP3273], uri, sizeof uri), 0);
	assert_int_equal(lp_store_open(uri, 0, &s, &err), LP_OK);
	assert_string_equal(lp_store_db_login(s), login[SUP3273]);
	int64_t n = 0;
	assert_int_equal(lp_store_case_count(s, NULL, &n, &err), LP_OK);
	assert_int_equal(n, 5); /* A, B, C, D and the admin's X2 */
	struct lp_case c;
	assert_int_equal(lp_store_case_get(s, case_id[C_SECRET], &c, &err), LP_OK);
	assert_null(c.title);
	assert_null(c.reporter_name);
	assert_int_equal(lp_store_case_get(s, case_id[C_OTHER], &c, &err), LP_ENOENT);
	assert_int_equal(lp_store_case_get(s, case_id[C_SECRET], &c, &err), LP_OK);
	int64_t v = c.version;
	c.version = v + 1;
	c.status = LP_STATUS_IN_PROGRESS;
	assert_int_equal(lp_store_case_update(s, &c, v, &err), LP_OK);
	assert_int_equal(lp_store_case_update(s, &c, v, &err), LP_EREFUSED);
	lp_case_clear(&c);
	/* Creating officers' roles is for the owner and admins. */
	struct lp_officer o;
	memset(&o, 0, sizeof o);
	lp_strlcpy(o.login, "intruder", sizeof o.login);
	o.role = LP_ROLE_ADMIN;
	o.active = true;
	assert_int_equal(lp_store_officer_provision(s, &o, &err), LP_EPERM);
	assert_int_equal(lp_store_meta_put(s, "x", "y", &err), LP_EPERM);
	lp_store_close(s);
	/* The secret case kept its content. */
	assert_string_equal(col(conn[ADMIN], "SELECT title || '/' || reporter_name || '/' || "
				"status FROM kase WHERE tracking_id = 'C'", NULL),
			    "judul/Pelapor/in_progress");
}

static void deactivated_officer(void **state)
{
	(void)state;
	char uri[1024];
	struct lp_error err;
	struct lp_store *s = NULL;
	assert_int_equal(pg_testdb_uri(dbname, NULL, uri, sizeof uri), 0);
	assert_int_equal(lp_store_open(uri, 0, &s, &err), LP_OK);
	struct lp_officer o;
	assert_int_equal(lp_store_officer_get(s, login[CLERK3171], &o, &err), LP_OK);
	o.active = false;
	assert_int_equal(lp_store_officer_put(s, &o, &err), LP_OK);
	assert_int_equal(lp_store_officer_provision(s, &o, &err), LP_OK);
	/* A group name is not an officer. */
	lp_strlcpy(o.login, "lapor_admin", sizeof o.login);
	assert_int_equal(lp_store_officer_provision(s, &o, &err), LP_EDATA);
	lp_store_close(s);
	/* The open session sees nothing any more; a new one cannot log in. */
	assert_string_equal(col(conn[CLERK3171], "SELECT count(*) FROM case_visible", NULL), "0");
	PGconn *c = connect_as(login[CLERK3171]);
	assert_int_not_equal(PQstatus(c), CONNECTION_OK);
	PQfinish(c);
}

int main(void)
{
	if (!pg_testdb_server())
		return 77;
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(who_sees_which_cases),
		cmocka_unit_test(masked_columns),
		cmocka_unit_test(impostor_tables),
		cmocka_unit_test(who_changes_what),
		cmocka_unit_test(one_policy_per_group),
		cmocka_unit_test(other_groups_grant_nothing),
		cmocka_unit_test(drafts_are_private),
		cmocka_unit_test(store_as_officer),
		cmocka_unit_test(deactivated_officer),
	};
	return cmocka_run_group_tests_name("PostgreSQL row-level security", tests, setup,
					   teardown);
}
