/* pg_open.c: the PostgreSQL backend's handle: connect, close,
 * transactions (READ COMMITTED, savepoints when nested), data_version
 * through LISTEN/NOTIFY, and the ops table. */
#include "i18n.h"
#include "pg_find.h"
#include "pg_internal.h"
#include "pg_bulk.h"
#include "pg_stage.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PG_LOCK_TIMEOUT_MS 5000
#define PG_CONNECT_TIMEOUT "10"

/* What a connection may do: read unmasked, write content, lock case rows. */
#define PG_PRIVILEGE_COLS \
	"has_column_privilege('kase', 'title', 'SELECT') " \
	"AND has_column_privilege('event', 'text', 'SELECT'), " \
	"has_column_privilege('kase', 'title', 'UPDATE'), " \
	"has_column_privilege('kase', 'version', 'UPDATE')"

PG_SQL(SQL_HAS_SCHEMA, true, "SELECT to_regclass('lapor_schema') IS NOT NULL");
PG_SQL(SQL_SCHEMA_VERSION, true, "SELECT coalesce(max(version), 0) FROM lapor_schema");
PG_SQL(SQL_PRIVILEGES, true,
       "SELECT " PG_PRIVILEGE_COLS);

/* Same variable as the SQLite backend's busy timeout. */
static int lock_timeout_ms(void)
{
	const char *v = getenv("LAPOR_BUSY_TIMEOUT");
	if (v && *v) {
		char *end;
		long ms = strtol(v, &end, 10);
		if (*end == '\0' && ms >= 0 && ms <= 3600 * 1000)
			return (int)ms;
	}
	return PG_LOCK_TIMEOUT_MS;
}

int pg_schema_version(struct pg_store *g, int *out, struct lp_error *err)
{
	*out = 0;
	PGresult *r = pg_run(g, &SQL_HAS_SCHEMA, NULL, err);
	if (!r)
		return err->code;
	bool has = pg_bool(r, 0, 0);
	PQclear(r);
	if (!has)
		return LP_OK;
	r = pg_run(g, &SQL_SCHEMA_VERSION, NULL, err);
	if (!r)
		return err->code;
	*out = (int)pg_int(r, 0, 0);
	PQclear(r);
	return LP_OK;
}

int pg_probe_privileges(struct pg_store *g, struct lp_error *err)
{
	PGresult *r = pg_run(g, &SQL_PRIVILEGES, NULL, err);
	if (!r)
		return err->code;
	g->read_mode = pg_bool(r, 0, 0) ? PG_READ_FULL : PG_READ_MASKED;
	g->write_content = pg_bool(r, 0, 1);
	g->may_lock = pg_bool(r, 0, 2);
	PQclear(r);
	return LP_OK;
}

/* Refuses a schema this lapor cannot use (newer, or older without
 * LP_STORE_CREATE). */
static int judge_version(struct pg_store *g, int v, struct lp_error *err)
{
	if (v > LP_SCHEMA_VERSION)
		return lp_error_set(err, LP_EIO,
				    _("database schema version %d is newer than this lapor (%d); "
				    "upgrade lapor"), v, LP_SCHEMA_VERSION);
	if (v < LP_SCHEMA_VERSION && !(g->flags & LP_STORE_CREATE)) {
		if (v == 0)
			return lp_error_set(err, LP_EDATA,
					    _("the PostgreSQL %s has no lapor schema yet; "
					    "create it with `lapor init`"), g->where);
		return lp_error_set(err, LP_EDATA,
				    _("the PostgreSQL %s has schema version %d, older than this "
				    "lapor (%d); upgrade it with `lapor init`"),
				    g->where, v, LP_SCHEMA_VERSION);
	}
	return LP_OK;
}

static int check_version(struct pg_store *g, struct lp_error *err)
{
	int v;
	int rc = pg_schema_version(g, &v, err);
	if (!rc)
		rc = judge_version(g, v, err);
	if (!rc && v >= 1)
		rc = pg_probe_privileges(g, err);
	return rc;
}

void pg_session_settings(const struct pg_store *g, char *sql, size_t n)
{
	snprintf(sql, n, "SET lock_timeout = %d%s", lock_timeout_ms(),
		 (g->flags & LP_STORE_READONLY) ?
		 "; SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY" : "");
}

/* Session settings; the values are numbers, never input text. */
static int session_setup(struct pg_store *g, struct lp_error *err)
{
	char sql[PG_SETTINGS_MAX];
	pg_session_settings(g, sql, sizeof sql);
	return pg_exec(g, sql, err);
}

/* The whole of session_setup and check_version in one round trip, on a
 * database that has the schema: the settings, LISTEN, the version and the
 * privileges as one simple query.  *fallback is set, with nothing done
 * (the statements ran as one implicit transaction, rolled back), when
 * lapor_schema is missing; the caller then takes the long way. */
static int quick_setup(struct pg_store *g, bool *fallback, struct lp_error *err)
{
	char set[PG_SETTINGS_MAX], sql[PG_SETTINGS_MAX + 400];
	*fallback = false;
	pg_session_settings(g, set, sizeof set);
	snprintf(sql, sizeof sql, "%s; SELECT coalesce(max(version), 0), " PG_PRIVILEGE_COLS
		 " FROM lapor_schema", set);
	if (!PQsendQuery(g->conn, sql))
		return pg_fail(g, NULL, err);
	PGresult *r, *last = NULL, *bad = NULL;
	while ((r = PQgetResult(g->conn)) != NULL) {
		ExecStatusType rs = PQresultStatus(r);
		if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK && !bad) {
			bad = r;
		} else if (rs == PGRES_TUPLES_OK && !bad) {
			PQclear(last);
			last = r;
		} else {
			PQclear(r);
		}
	}
	int rc = LP_OK;
	if (bad) {
		const char *st = PQresultErrorField(bad, PG_DIAG_SQLSTATE);
		if (st && !strcmp(st, "42P01"))
			*fallback = true;
		else
			rc = pg_fail(g, bad, err);
	} else if (!last || PQntuples(last) != 1) {
		rc = lp_error_set(err, LP_EINTERNAL, _("the session setup returned no row"));
	} else {
		int v = (int)pg_int(last, 0, 0);
		if (v >= 1) {
			g->read_mode = pg_bool(last, 0, 1) ? PG_READ_FULL : PG_READ_MASKED;
			g->write_content = pg_bool(last, 0, 2);
			g->may_lock = pg_bool(last, 0, 3);
		}
		rc = judge_version(g, v, err);
	}
	PQclear(bad);
	PQclear(last);
	return rc;
}

static void pg_close(struct lp_store *s)
{
	struct pg_store *g = pg(s);
	if (g->conn && g->depth > 0 && PQstatus(g->conn) == CONNECTION_OK)
		PQclear(PQexec(g->conn, "ROLLBACK"));
	PQfinish(g->conn);
	pg_bulk_free(g);
	lp_case_clear(&g->held);
	free(g->prepared);
	free(g->seen);
	for (unsigned i = 0; i < sizeof g->subtree / sizeof *g->subtree; i++) {
		free(g->subtree[i].path);
		free(g->subtree[i].codes);
	}
	free(g->uri);
	free(g);
}

/* libpq's message, on one line. */
static void conn_message(PGconn *c, char *buf, size_t n)
{
	snprintf(buf, n, "%s", c ? PQerrorMessage(c) : "out of memory");
	for (char *p = buf; *p; p++)
		if (*p == '\n')
			*p = p[1] ? ' ' : '\0';
}

/* Server notices (NOTICE, WARNING) are not for the officer's terminal:
 * libpq would print them raw on stderr. */
static void ignore_notice(void *arg, const char *message)
{
	(void)arg;
	(void)message;
}

static int pg_open(const char *uri, int flags, struct lp_store **out, struct lp_error *err)
{
	int lrc = pg_libpq_load(err);
	if (lrc)
		return lrc;
	struct pg_store *g = calloc(1, sizeof *g);
	if (!g || !(g->uri = strdup(uri))) {
		free(g);
		return pg_oom(err);
	}
	g->base.ops = &lp_pg_ops;
	g->flags = flags;
	/* Defaults first: what the URI says overrides them. */
	const char *keys[] = { "connect_timeout", "fallback_application_name", "dbname",
			       "client_encoding", NULL };
	const char *vals[] = { PG_CONNECT_TIMEOUT, "lapor", uri, "UTF8", NULL };
	g->conn = PQconnectdbParams(keys, vals, 1);
	if (!g->conn || PQstatus(g->conn) != CONNECTION_OK) {
		char msg[600];
		conn_message(g->conn, msg, sizeof msg);
		pg_close(&g->base);
		return lp_error_set(err, LP_EIO,
				    _("cannot connect to the PostgreSQL server: %s"), msg);
	}
	PQsetNoticeProcessor(g->conn, ignore_notice, NULL);
	const char *host = PQhost(g->conn);
	snprintf(g->where, sizeof g->where, "server %s%s%s, database %s",
		 host && *host ? host : "localhost", host && *host == '/' ? " port " : ":",
		 PQport(g->conn), PQdb(g->conn));
	bool fallback = false;
	int rc = quick_setup(g, &fallback, err);
	if (!rc && fallback)
		rc = session_setup(g, err);
	if (!rc && fallback)
		rc = check_version(g, err);
	if (rc) {
		pg_close(&g->base);
		return rc;
	}
	*out = &g->base;
	return LP_OK;
}

static int pg_begin(struct lp_store *s, bool write, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	char sql[112];
	/* lapor.notify: a write transaction notifies after its commit
	 * (pg_commit), not from the triggers (005_pg_speed.sql says why). */
	if (g->depth == 0)
		snprintf(sql, sizeof sql, "BEGIN ISOLATION LEVEL READ COMMITTED%s",
			 write ? "; SET LOCAL lapor.notify = 'after_commit'" : "");
	else
		snprintf(sql, sizeof sql, "SAVEPOINT lp%d", g->depth);
	int rc = pg_exec(g, sql, err);
	if (!rc && g->depth++ == 0) {
		g->write_txn = write;
		g->txn++;
	}
	return rc;
}

static int pg_commit(struct lp_store *s, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	if (g->depth == 0)
		return lp_error_set(err, LP_EINTERNAL, _("commit without a transaction"));
	if (g->depth > 1) {
		char sql[48];
		snprintf(sql, sizeof sql, "RELEASE SAVEPOINT lp%d", g->depth - 1);
		int rc = pg_exec(g, sql, err);
		if (!rc)
			g->depth--;
		return rc;
	}
	if (g->bulk) { /* a commit ends a bulk intake: its rows go first */
		int rc = pg_bulk_intake(s, false, err);
		if (rc)
			return rc;
	}
	/* A write transaction's listeners hear of it after the commit, from
	 * a transaction of its own that writes nothing (005_pg_speed.sql says
	 * why not from the triggers), sent in the same round trip: a failed
	 * COMMIT skips it.  Its own failure loses one refresh, not the
	 * change: not reported. */
	PGresult *res = NULL;
	if (PQsendQuery(g->conn, g->write_txn ? "COMMIT; NOTIFY lapor_changes" : "COMMIT")) {
		res = PQgetResult(g->conn); /* the COMMIT's */
		for (PGresult *more; (more = PQgetResult(g->conn)) != NULL;)
			PQclear(more);
	}
	ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = LP_OK;
	if (rs != PGRES_COMMAND_OK) {
		/* Lost while committing: not "try again" (pg_fail inside a
		 * transaction), the commit may have happened. */
		rc = PQstatus(g->conn) == CONNECTION_OK ? pg_fail(g, res, err) : LP_EIO;
		if (rc == LP_EIO && PQstatus(g->conn) != CONNECTION_OK)
			lp_error_set(err, LP_EIO,
				     _("lost the connection to the PostgreSQL %s while "
				     "committing: the change may or may not have been saved"),
				     g->where);
	} else if (strcmp(PQcmdStatus(res), "COMMIT") != 0) {
		rc = lp_error_set(err, LP_EINTERNAL, _("the transaction had failed and was rolled "
				  "back; nothing was saved"));
	}
	PQclear(res);
	g->depth = 0;
	return rc;
}

static void pg_rollback(struct lp_store *s)
{
	struct pg_store *g = pg(s);
	if (g->depth == 0)
		return;
	/* Rows gathered belong to the innermost level (any statement, such
	 * as a SAVEPOINT, sends them first); the level a bulk intake began
	 * in takes it along. */
	pg_bulk_forget(g);
	if (g->bulk && g->depth <= g->bulk_depth) {
		g->bulk = g->bulk_report = g->bulk_seq = g->bulk_staged = false;
		g->bulk_table = PG_BULK_NONE;
	}
	if (PQstatus(g->conn) != CONNECTION_OK) {
		g->depth = 0; /* the server rolled it back when the connection dropped */
		return;
	}
	char sql[80];
	if (g->depth > 1)
		snprintf(sql, sizeof sql, "ROLLBACK TO SAVEPOINT lp%d; RELEASE SAVEPOINT lp%d",
			 g->depth - 1, g->depth - 1);
	else
		snprintf(sql, sizeof sql, "ROLLBACK");
	PQclear(PQexec(g->conn, sql));
	g->depth--;
	if (PQtransactionStatus(g->conn) == PQTRANS_IDLE)
		g->depth = 0;
}

/* Counts the notifications libpq has received from other connections. */
static void drain_notifies(struct pg_store *g)
{
	int self = PQbackendPID(g->conn);
	PGnotify *n;
	while ((n = PQnotifies(g->conn)) != NULL) {
		if (n->be_pid != self)
			g->changes++;
		PQfreemem(n);
	}
}

/* Counts the notifications of other connections since the last call. */
static int pg_data_version(struct lp_store *s, int64_t *out, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	if (!out)
		return lp_error_set(err, LP_EINTERNAL, "data_version: no place for the result");
	if (PQstatus(g->conn) != CONNECTION_OK && g->depth > 0)
		return pg_fail(g, NULL, err);
	/* Only a process that asks hears: every commit signals each
	 * listening backend, which wakes and sends the notification on.
	 * When 16 `lapor batch` processes all listened, sending and
	 * handling those signals alone took 8% of the machine's CPU (perf),
	 * and not listening made them 25% faster.  Inside a transaction a
	 * LISTEN would wait for its commit: it starts at the next call. */
	if (!g->listening && g->depth == 0) {
		int rc = pg_exec(g, "LISTEN lapor_changes", err); /* reconnects first */
		if (rc)
			return rc;
		g->listening = true;
	}
	if (!PQconsumeInput(g->conn))
		return pg_fail(g, NULL, err);
	int64_t before = g->changes;
	drain_notifies(g);
	if (g->changes == before) {
		/* A commit that returned to its client just now has signalled
		 * this backend, which sends the notification before it answers
		 * its next query: one empty round trip makes it certain. */
		PGresult *r = PQexec(g->conn, "");
		bool ok = r && PQresultStatus(r) == PGRES_EMPTY_QUERY;
		PQclear(r);
		if (!ok)
			return pg_fail(g, NULL, err);
		drain_notifies(g);
	}
	*out = g->changes;
	return LP_OK;
}

/* The role libpq logged in as (no role is changed with SET ROLE). */
static const char *pg_db_login(const struct lp_store *s)
{
	const struct pg_store *g = (const struct pg_store *)s;
	return g->conn ? PQuser(g->conn) : NULL;
}

const struct lp_store_ops lp_pg_ops = {
	.name = "postgresql",
	.remote = true,
	.open = pg_open,
	.close = pg_close,
	.migrate = pg_migrate,
	.begin = pg_begin,
	.commit = pg_commit,
	.rollback = pg_rollback,
	.data_version = pg_data_version,
	.agency_put = pg_agency_put,
	.agency_get = pg_agency_get,
	.agency_list = pg_agency_list,
	.officer_put = pg_officer_put,
	.officer_get = pg_officer_get,
	.officer_list = pg_officer_list,
	.case_insert = pg_case_insert,
	.case_get = pg_case_get,
	.case_get_by_tracking = pg_case_get_by_tracking,
	.case_update = pg_case_update,
	.case_list = pg_case_list,
	.case_count = pg_case_count,
	.event_append = pg_event_append,
	.event_list = pg_event_list,
	.event_scan = pg_event_scan,
	.draft_put = pg_draft_put,
	.draft_get = pg_draft_get,
	.draft_delete = pg_draft_delete,
	.holiday_put = pg_holiday_put,
	.holiday_list = pg_holiday_list,
	.policy_put = pg_policy_put,
	.policy_get = pg_policy_get,
	.policy_list = pg_policy_list,
	.meta_get = pg_meta_get,
	.meta_put = pg_meta_put,
	.officer_provision = pg_officer_provision,
	.db_login = pg_db_login,
	/* copying a database in (lapor migrate) */
	.case_import = pg_case_import,
	.draft_scan = pg_draft_scan,
	.meta_list = pg_meta_list,
	/* finding cases (pg_query.c, pg_search.c, pg_queue.c, pg_dashboard.c, pg_stats.c) */
	.case_query = pg_case_query,
	.case_query_count = pg_case_query_count,
	.case_search = pg_case_search,
	.case_similar = pg_case_similar,
	.queue_put = pg_queue_put,
	.queue_delete = pg_queue_delete,
	.queue_list = pg_queue_list,
	.dash_counts = pg_dash_counts,
	.dash_days = pg_dash_days,
	.dash_ontime = pg_dash_ontime,
	.dash_titles = pg_dash_titles,
	.stats = pg_stats,
	/* SLA outcomes (pg_stage.c) */
	.case_outcome = pg_case_outcome,
	/* copying a database in: bulk COPY and report columns (pg_bulk.c, pg_stage.c) */
	.bulk_intake = pg_bulk_intake,
	.case_report_scan = pg_case_report_scan,
	.case_report_put = pg_case_report_put,
};
