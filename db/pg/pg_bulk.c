/* pg_bulk.c: gathering copied rows and sending them with COPY (pg_bulk.h).
 * The rows are in COPY's text format: tab between columns, \N for NULL,
 * backslash escapes for backslash, tab, newline and carriage return;
 * binary parameters (hashes) as bytea hex (\\x...). */
#include "i18n.h"
#include "pg_bulk.h"

#include <stdlib.h>
#include <string.h>

/* The columns of each table's rows, as the statements they replace bind
 * them (pg_cases.c SQL_IMPORT, pg_events.c SQL_EVENT_APPEND). */
static const char *const copy_sql[] = {
	[PG_BULK_KASE] = "COPY lapor_kase_load(tracking_id, kind, channel, status, privacy, category, region, "
			 "agency, assignee, priority, title, body, reporter_name, reporter_phone, "
			 "reporter_email, submitted_at, created_at, updated_at, due_at, escalation, "
			 "escalated_to, version, merged_into, field_check, extended_days, "
			 "clock_stage, clock_paused_at, event_count, last_hash, id) FROM STDIN",
	[PG_BULK_EVENT] = "COPY event(case_id, seq, at, officer, actor, action, status_from, "
			  "status_to, agency_from, agency_to, visibility, text, detail, "
			  "prev_hash, hash) FROM STDIN",
	[PG_BULK_REPORT] = "COPY lapor_report_load(id, verify_due, verified_at, respond_due, "
			   "responded_at, settle_due, settled_at, replied_at, closed_at) "
			   "FROM STDIN",
};

#define BULK_SEND (4u << 20) /* bytes gathered before they are sent */

static bool put(struct pg_store *g, const char *s, size_t n)
{
	if (g->bulk_len + n > g->bulk_cap) {
		size_t cap = g->bulk_cap ? g->bulk_cap : 1u << 16;
		while (cap < g->bulk_len + n)
			cap *= 2;
		char *b = realloc(g->bulk_buf, cap);
		if (!b)
			return false;
		g->bulk_buf = b;
		g->bulk_cap = cap;
	}
	memcpy(g->bulk_buf + g->bulk_len, s, n);
	g->bulk_len += n;
	return true;
}

static bool put_text(struct pg_store *g, const char *v)
{
	const char *run = v;
	for (const char *c = v;; c++) {
		const char *esc = NULL;
		switch (*c) {
		case '\\': esc = "\\\\"; break;
		case '\t': esc = "\\t"; break;
		case '\n': esc = "\\n"; break;
		case '\r': esc = "\\r"; break;
		case '\0': return put(g, run, (size_t)(c - run));
		default: continue;
		}
		if (!put(g, run, (size_t)(c - run)) || !put(g, esc, 2))
			return false;
		run = c + 1;
	}
}

static bool put_hex(struct pg_store *g, const unsigned char *v, int len)
{
	static const char hex[] = "0123456789abcdef";
	if (!put(g, "\\\\x", 3))
		return false;
	for (int i = 0; i < len; i++) {
		char two[2] = { hex[v[i] >> 4], hex[v[i] & 15] };
		if (!put(g, two, 2))
			return false;
	}
	return true;
}

#define CASE_COLS \
	"tracking_id, kind, channel, status, privacy, category, region, agency, assignee, " \
	"priority, title, body, reporter_name, reporter_phone, reporter_email, submitted_at, " \
	"created_at, updated_at, due_at, escalation, escalated_to, version, merged_into, " \
	"field_check, extended_days, clock_stage, clock_paused_at, event_count, last_hash, id"
#define REPORT_COLS \
	"verify_due, verified_at, respond_due, responded_at, settle_due, settled_at, " \
	"replied_at, closed_at"

/* The temporary table of report columns put during the bulk intake. */
static int report_begin(struct pg_store *g, struct lp_error *err)
{
	int rc = pg_exec(g, "CREATE TEMP TABLE IF NOT EXISTS lapor_report_load(id bigint, "
			 "verify_due bigint, verified_at bigint, respond_due bigint, "
			 "responded_at bigint, settle_due bigint, settled_at bigint, "
			 "replied_at bigint, closed_at bigint) ON COMMIT DROP", err);
	if (!rc)
		g->bulk_report = true;
	return rc;
}

/* Copied cases first go to a temporary table without indexes or
 * triggers (lapor_kase_load); pg_bulk_move moves them into kase. */
static int stage_begin(struct pg_store *g, struct lp_error *err)
{
	int rc = g->bulk_report ? LP_OK : report_begin(g, err);
	if (!rc)
		rc = pg_exec(g, "CREATE TEMP TABLE IF NOT EXISTS lapor_kase_load ON COMMIT DROP AS "
			     "SELECT " CASE_COLS " FROM kase WITH NO DATA", err);
	if (!rc)
		g->bulk_staged = true;
	return rc;
}

/* Whether this role owns kase (or is a superuser): then it may switch
 * the tallies' row trigger off for the move and tally set-based. */
PG_SQL(SQL_OWNS_KASE, true,
       "SELECT pg_has_role(current_user, relowner, 'USAGE') FROM pg_class "
       "WHERE oid = 'kase'::regclass");
/* The moved cases with the report columns put for them; then the same
 * tallies as kase_stat_insert (002_search.sql) gives per row. */
PG_SQL(SQL_MOVE, false,
       "INSERT INTO kase(" CASE_COLS ", " REPORT_COLS ") SELECT l.*, r.verify_due, "
       "r.verified_at, r.respond_due, r.responded_at, r.settle_due, r.settled_at, "
       "r.replied_at, r.closed_at FROM lapor_kase_load l LEFT JOIN lapor_report_load r "
       "ON r.id = l.id ORDER BY l.id");
PG_SQL(SQL_TALLY_OPEN, false,
       "INSERT INTO stat_open(agency, assignee, status, due_day, n) SELECT agency, assignee, "
       "status, CASE WHEN due_at = 0 THEN -1 ELSE due_at / 86400 END, count(*) "
       "FROM lapor_kase_load WHERE status IN ('new', 'postponed', 'assigned', 'in_progress') "
       "GROUP BY 1, 2, 3, 4 ON CONFLICT (agency, assignee, status, due_day) "
       "DO UPDATE SET n = stat_open.n + excluded.n");
PG_SQL(SQL_TALLY_DAY, false,
       "INSERT INTO stat_day(agency, day, received, closed, measured, on_time) "
       "SELECT l.agency, (l.created_at + a.tz_minutes * 60) / 86400, count(*), 0, 0, 0 "
       "FROM lapor_kase_load l JOIN agency a ON a.code = l.agency GROUP BY 1, 2 "
       "ON CONFLICT (agency, day) DO UPDATE SET received = stat_day.received + "
       "excluded.received");
PG_SQL(SQL_REPORT_DONE, false,
       "DELETE FROM lapor_report_load r USING lapor_kase_load l WHERE r.id = l.id");
PG_SQL(SQL_STAGE_CLEAR, false, "TRUNCATE lapor_kase_load");

int pg_bulk_move(struct pg_store *g, struct lp_error *err)
{
	if (!g->bulk_staged || g->bulk_moving)
		return LP_OK;
	int rc = pg_bulk_flush(g, err);
	if (rc)
		return rc;
	g->bulk_moving = true;
	bool owner = false;
	PGresult *r = pg_run(g, &SQL_OWNS_KASE, NULL, err);
	if (!r) {
		g->bulk_moving = false;
		return err->code;
	}
	owner = PQntuples(r) == 1 && pg_bool(r, 0, 0);
	PQclear(r);
	/* DDL inside the transaction: other sessions never see the trigger
	 * off; they wait to write cases until the commit. */
	if (owner)
		rc = pg_exec(g, "ALTER TABLE kase DISABLE TRIGGER kase_stat_insert", err);
	if (!rc) {
		rc = pg_run_cmd(g, &SQL_MOVE, NULL, NULL, err);
		if (rc == LP_EDATA) {
			char why[sizeof err->msg];
			lp_strlcpy(why, err->msg, sizeof why);
			lp_error_set(err, LP_EDATA, _("a copied case is already there (%s)"), why);
		}
	}
	if (!rc && owner)
		rc = pg_run_cmd(g, &SQL_TALLY_OPEN, NULL, NULL, err);
	if (!rc && owner)
		rc = pg_run_cmd(g, &SQL_TALLY_DAY, NULL, NULL, err);
	if (!rc && owner)
		rc = pg_exec(g, "ALTER TABLE kase ENABLE TRIGGER kase_stat_insert", err);
	if (!rc)
		rc = pg_run_cmd(g, &SQL_REPORT_DONE, NULL, NULL, err);
	if (!rc)
		rc = pg_run_cmd(g, &SQL_STAGE_CLEAR, NULL, NULL, err);
	g->bulk_moving = false;
	if (!rc)
		g->bulk_staged = false;
	return rc;
}

int pg_bulk_add(struct pg_store *g, enum pg_bulk_table t, const struct pg_params *p,
		struct lp_error *err)
{
	if (g->bulk_table != (int)t) {
		int rc = pg_bulk_flush(g, err);
		if (!rc && t != PG_BULK_KASE)
			rc = pg_bulk_move(g, err);
		if (!rc && t == PG_BULK_REPORT && !g->bulk_report)
			rc = report_begin(g, err);
		if (rc)
			return rc;
		g->bulk_table = t;
	}
	/* Also after a statement in between moved the staged cases. */
	if (t == PG_BULK_KASE && !g->bulk_staged) {
		int rc = stage_begin(g, err);
		if (rc)
			return rc;
	}
	for (int i = 0; i < p->n; i++) {
		bool ok = i == 0 || put(g, "\t", 1);
		if (!ok)
			;
		else if (!p->v[i])
			ok = put(g, "\\N", 2);
		else if (p->fmt[i] == 1)
			ok = put_hex(g, (const unsigned char *)p->v[i], p->len[i]);
		else
			ok = put_text(g, p->v[i]);
		if (!ok)
			return pg_oom(err);
	}
	if (!put(g, "\n", 1))
		return pg_oom(err);
	return g->bulk_len >= BULK_SEND ? pg_bulk_flush(g, err) : LP_OK;
}

int pg_bulk_flush(struct pg_store *g, struct lp_error *err)
{
	if (g->bulk_len == 0 || g->bulk_sending)
		return LP_OK;
	enum pg_bulk_table t = g->bulk_table;
	size_t len = g->bulk_len;
	g->bulk_len = 0;
	g->bulk_sending = true;
	PGresult *res = PQexec(g->conn, copy_sql[t]);
	int rc = LP_OK;
	if (!res || PQresultStatus(res) != PGRES_COPY_IN) {
		rc = pg_fail(g, res, err);
		PQclear(res);
		g->bulk_sending = false;
		return rc;
	}
	PQclear(res);
	bool sent = PQputCopyData(g->conn, g->bulk_buf, (int)len) == 1;
	PQputCopyEnd(g->conn, sent ? NULL : "lapor: sending the rows failed");
	while ((res = PQgetResult(g->conn)) != NULL) {
		if (rc == LP_OK && PQresultStatus(res) != PGRES_COMMAND_OK)
			rc = pg_fail(g, res, err);
		PQclear(res);
	}
	if (rc == LP_EDATA && t == PG_BULK_EVENT) {
		/* A copied row clashes with one there (lapor migrate --force). */
		char why[sizeof err->msg];
		lp_strlcpy(why, err->msg, sizeof why);
		lp_error_set(err, LP_EDATA, _("a copied event is already there (%s)"), why);
	}
	if (rc == LP_OK && !sent)
		rc = pg_fail(g, NULL, err);
	g->bulk_sending = false;
	return rc;
}

int pg_bulk_send(struct pg_store *g, struct lp_error *err)
{
	int rc = pg_bulk_flush(g, err);
	return rc ? rc : pg_bulk_move(g, err);
}

void pg_bulk_forget(struct pg_store *g)
{
	g->bulk_len = 0;
}

void pg_bulk_free(struct pg_store *g)
{
	free(g->bulk_buf);
	g->bulk_buf = NULL;
	g->bulk_len = g->bulk_cap = 0;
}

PG_SQL(SQL_REPORT_APPLY, false,
       "UPDATE kase k SET verify_due = r.verify_due, verified_at = r.verified_at, "
       "respond_due = r.respond_due, responded_at = r.responded_at, settle_due = r.settle_due, "
       "settled_at = r.settled_at, replied_at = r.replied_at, closed_at = r.closed_at "
       "FROM lapor_report_load r WHERE k.id = r.id");
PG_SQL(SQL_IMPORT_SEQ, false,
       "SELECT setval(pg_get_serial_sequence('kase', 'id'), (SELECT max(id) FROM kase))");

/* The end of a bulk load: the rows sent, the report columns moved into
 * the cases, the case numbers' sequence past the highest. */
static int bulk_end(struct pg_store *g, struct lp_error *err)
{
	int rc = pg_bulk_flush(g, err);
	if (!rc)
		rc = pg_bulk_move(g, err);
	if (!rc && g->bulk_report) { /* puts for cases already there */
		rc = pg_run_cmd(g, &SQL_REPORT_APPLY, NULL, NULL, err);
		if (!rc)
			rc = pg_exec(g, "DROP TABLE lapor_report_load", err);
		if (!rc)
			rc = pg_exec(g, "DROP TABLE IF EXISTS lapor_kase_load", err);
		g->bulk_report = false;
	}
	if (!rc && g->bulk_seq) {
		rc = pg_run_cmd(g, &SQL_IMPORT_SEQ, NULL, NULL, err);
		g->bulk_seq = false;
	}
	return rc;
}

int pg_bulk_intake(struct lp_store *s, bool on, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	if (on) {
		if (g->depth == 0)
			return lp_error_set(err, LP_EINTERNAL, "lp_store_bulk_intake: outside a transaction");
		g->bulk = true;
		g->bulk_depth = g->depth;
		return LP_OK;
	}
	if (!g->bulk)
		return LP_OK;
	int rc = bulk_end(g, err);
	g->bulk = false;
	g->bulk_table = PG_BULK_NONE;
	return rc;
}
