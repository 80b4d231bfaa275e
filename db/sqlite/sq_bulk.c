/* sq_bulk.c: a bulk intake (lp_store_bulk_intake) on SQLite.
 *
 * Per row, the triggers of 002_search.sql index a new case's title and
 * body (kase_fts_insert) and count it in the tallies (stat_insert); that
 * costs most of an import's time (FTS5 writes a small segment per
 * statement).  During a bulk intake the two triggers are dropped INSIDE
 * the import's own write transaction (so no other connection ever sees
 * the schema without them, and a crash or a rollback brings them back),
 * and the same rows are written set-based for the cases inserted since
 * (ids above the largest before): one INSERT ... SELECT into case_fts
 * and one grouped upsert into each tally.  The deferred rows are filled
 * before a change to one of them (sq_bulk_sync: a citizen's message in
 * the same file updates its case, and stat_update must find the case
 * counted) and at the end, when the triggers are created again
 * from their own stored text.  The full-text index is written in large
 * segments, not merged with the older ones (hashsize, automerge below).
 * A trigger whose text is not the one this file reproduces (a later
 * migration changed it) is left alone, and the import runs per row as
 * before. */
#include "i18n.h"
#include "sq_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* The triggers replaced, with their text from 002_search.sql (compared
 * with white space collapsed). */
static const struct {
	const char *name;
	const char *sql;
} replaced[] = {
	{ "kase_fts_insert",
	  "CREATE TRIGGER kase_fts_insert AFTER INSERT ON kase BEGIN INSERT INTO "
	  "case_fts(rowid, title, body) VALUES (new.id, new.title, new.body); END" },
	{ "stat_insert",
	  "CREATE TRIGGER stat_insert AFTER INSERT ON kase BEGIN INSERT INTO stat_open(agency, "
	  "assignee, status, due_day, n) SELECT new.agency, new.assignee, new.status, CASE WHEN "
	  "new.due_at = 0 THEN -1 ELSE new.due_at / 86400 END, 1 WHERE new.status IN ('new', "
	  "'postponed', 'assigned', 'in_progress') ON CONFLICT DO UPDATE SET n = n + 1; INSERT "
	  "INTO stat_day(agency, day, received) SELECT new.agency, (new.created_at + tz_minutes "
	  "* 60) / 86400, 1 FROM agency WHERE code = new.agency ON CONFLICT DO UPDATE SET "
	  "received = received + 1; END" },
};
#define N_REPLACED (sizeof replaced / sizeof replaced[0])

/* FTS5 keeps this much text in memory before it writes a segment: the
 * set-based fill writes fewer, larger segments than with FTS5's 1 MiB
 * default, which is set back at the end.  With 16 MiB, 300,000 new cases
 * made enough segments for FTS5 to merge them during the fill (5.3 s of
 * CPU against 2.7 s with 64 MiB; the peak memory of the import, mostly
 * its page cache, did not grow). */
#define BULK_FTS_HASHSIZE (64 * 1024 * 1024)
#define FTS_HASHSIZE_DEFAULT (1024 * 1024)
/* FTS5 merges segments as it writes them (automerge, default 4).  The
 * bulk fill writes with it off: with it on, the new cases' segment is
 * merged at once with older ones, rewriting index pages of the whole
 * database (100,000 cases indexed on top of 1,000,000: 3.7 s with it,
 * 0.6 s without, and the pages rewritten are written twice more, to the
 * WAL and at the checkpoint).  The database's setting is put back at the
 * end, in the same transaction: later writes merge the new segment in
 * small steps like any other, and a level that reaches crisismerge
 * segments is merged whatever the setting. */
#define FTS_AUTOMERGE_DEFAULT 4

struct sq_intake_bulk {
	int depth;                 /* the transaction level it started at */
	bool resync;               /* a partial rollback may have undone a fill */
	int64_t from;              /* cases with id >= from are not yet filled */
	int64_t automerge;         /* case_fts's setting before */
	char *sql[N_REPLACED];     /* the dropped triggers' stored text */
};

static const char SQL_TRIGGER_SQL[] =
	"SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1";
static const char SQL_NEXT_ID[] = "SELECT coalesce(max(id), 0) + 1 FROM kase";
/* The first case not in the full-text index (FTS5's table of row sizes
 * has a row per indexed case). */
static const char SQL_FIRST_UNFILLED[] = "SELECT coalesce(max(id), 0) + 1 FROM case_fts_docsize";
static const char SQL_FILL_FTS[] =
	"INSERT INTO case_fts(rowid, title, body) SELECT id, title, body FROM kase "
	"WHERE id >= ?1 ORDER BY id";
static const char SQL_FILL_OPEN[] =
	"INSERT INTO stat_open(agency, assignee, status, due_day, n) "
	"SELECT agency, assignee, status, CASE WHEN due_at = 0 THEN -1 ELSE due_at / 86400 END, "
	"count(*) FROM kase NOT INDEXED WHERE id >= ?1 "
	"AND status IN ('new', 'postponed', 'assigned', 'in_progress') "
	"GROUP BY 1, 2, 3, 4 HAVING 1 ON CONFLICT DO UPDATE SET n = n + excluded.n";
/* The new cases by number, then their agency (the planner would scan an
 * index of every case otherwise: the fill runs before each message). */
static const char SQL_FILL_DAY[] =
	"INSERT INTO stat_day(agency, day, received) "
	"SELECT k.agency, (k.created_at + a.tz_minutes * 60) / 86400, count(*) "
	"FROM kase k NOT INDEXED CROSS JOIN agency a ON a.code = k.agency WHERE k.id >= ?1 "
	"GROUP BY 1, 2 HAVING 1 ON CONFLICT DO UPDATE SET received = received + excluded.received";
static const char SQL_HASHSIZE[] = "INSERT INTO case_fts(case_fts, rank) VALUES ('hashsize', ?1)";
static const char SQL_AUTOMERGE[] =
	"INSERT INTO case_fts(case_fts, rank) VALUES ('automerge', ?1)";
static const char SQL_AUTOMERGE_GET[] =
	"SELECT coalesce((SELECT v FROM case_fts_config WHERE k = 'automerge'), ?1)";

/* True when a and b are equal once runs of white space are one space. */
static bool same_text(const char *a, const char *b)
{
	for (;;) {
		bool sa = false, sb = false;
		while (isspace((unsigned char)*a)) {
			a++;
			sa = true;
		}
		while (isspace((unsigned char)*b)) {
			b++;
			sb = true;
		}
		if (!*a || !*b)
			return !*a && !*b;
		if (sa != sb || *a != *b)
			return false;
		a++;
		b++;
	}
}

static void intake_free(struct sq_intake_bulk *b)
{
	if (!b)
		return;
	for (size_t i = 0; i < N_REPLACED; i++)
		free(b->sql[i]);
	free(b);
}

/* The stored text of trigger `name` (malloc'd into *out), or NULL when
 * there is no such trigger. */
static int trigger_sql(struct sq_store *q, const char *name, char **out, struct lp_error *err)
{
	*out = NULL;
	sqlite3_stmt *st = sq_stmt(q, SQL_TRIGGER_SQL, err);
	if (!st)
		return err->code;
	sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
	int rc = sq_step(q, st, err);
	bool oom = false;
	if (rc == SQLITE_ROW)
		*out = sq_col_dup(st, 0, &oom);
	sq_release(q, st);
	if (rc < 0)
		return -rc;
	return oom ? sq_oom(err) : LP_OK;
}

static int next_id(struct sq_store *q, const char *sql, int64_t *out, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, sql, err);
	if (!st)
		return err->code;
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sq_release(q, st);
	return rc < 0 ? -rc : LP_OK;
}

static int get_int(struct sq_store *q, const char *sql, int64_t v, int64_t *out,
		   struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, sql, err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, v);
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sq_release(q, st);
	return rc < 0 ? -rc : LP_OK;
}

static int run_int(struct sq_store *q, const char *sql, int64_t v, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, sql, err);
	if (!st)
		return err->code;
	sqlite3_bind_int64(st, 1, v);
	return sq_exec_stmt(q, st, err);
}

/* Writes the index entries and tallies of the cases not yet filled. */
static int fill(struct sq_store *q, struct sq_intake_bulk *b, struct lp_error *err)
{
	int64_t next = 0;
	int rc;
	if (b->resync) {
		if ((rc = next_id(q, SQL_FIRST_UNFILLED, &b->from, err)) != LP_OK)
			return rc;
		b->resync = false;
	}
	if ((rc = next_id(q, SQL_NEXT_ID, &next, err)) != LP_OK)
		return rc;
	if (next <= b->from)
		return LP_OK;
	if ((rc = run_int(q, SQL_FILL_FTS, b->from, err)) != LP_OK ||
	    (rc = run_int(q, SQL_FILL_OPEN, b->from, err)) != LP_OK ||
	    (rc = run_int(q, SQL_FILL_DAY, b->from, err)) != LP_OK)
		return rc;
	b->from = next;
	return LP_OK;
}

static int start(struct sq_store *q, struct lp_error *err)
{
	struct sq_intake_bulk *b = calloc(1, sizeof *b);
	int rc = LP_OK;
	if (!b)
		return sq_oom(err);
	for (size_t i = 0; !rc && i < N_REPLACED; i++) {
		rc = trigger_sql(q, replaced[i].name, &b->sql[i], err);
		if (!rc && (!b->sql[i] || !same_text(b->sql[i], replaced[i].sql))) {
			intake_free(b); /* not the schema this file knows: per row */
			return LP_OK;
		}
	}
	if (!rc)
		rc = next_id(q, SQL_NEXT_ID, &b->from, err);
	if (!rc)
		rc = sq_exec(q, "DROP TRIGGER kase_fts_insert; DROP TRIGGER stat_insert", err);
	if (!rc)
		rc = run_int(q, SQL_HASHSIZE, BULK_FTS_HASHSIZE, err);
	if (!rc)
		rc = get_int(q, SQL_AUTOMERGE_GET, FTS_AUTOMERGE_DEFAULT, &b->automerge, err);
	if (!rc)
		rc = run_int(q, SQL_AUTOMERGE, 0, err);
	if (rc) {
		intake_free(b);
		return rc;
	}
	b->depth = q->depth;
	q->intake = b;
	sq_bulk(q);
	return LP_OK;
}

/* Fills what is deferred and creates the triggers again, in their order. */
static int finish(struct sq_store *q, struct lp_error *err)
{
	struct sq_intake_bulk *b = q->intake;
	int rc = fill(q, b, err);
	if (!rc)
		rc = run_int(q, SQL_HASHSIZE, FTS_HASHSIZE_DEFAULT, err);
	if (!rc)
		rc = run_int(q, SQL_AUTOMERGE, b->automerge, err);
	for (size_t i = 0; !rc && i < N_REPLACED; i++)
		rc = sq_exec(q, b->sql[i], err);
	if (rc)
		return rc; /* the caller rolls back, which forgets b */
	q->intake = NULL;
	intake_free(b);
	return LP_OK;
}

int sq_bulk_intake(struct lp_store *s, bool on, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	if (on) {
		if (q->depth == 0)
			return lp_error_set(err, LP_EINTERNAL,
					    _("a bulk intake needs a write transaction"));
		return q->intake ? LP_OK : start(q, err);
	}
	return q->intake ? finish(q, err) : LP_OK;
}

int sq_bulk_sync(struct sq_store *q, const struct lp_case *c, struct lp_error *err)
{
	struct sq_intake_bulk *b = q->intake;
	if (!b)
		return LP_OK;
	/* A case filled already (or older): its update triggers find it
	 * counted and indexed, and the tallies add up in any order. */
	if (!b->resync && c->id < b->from)
		return LP_OK;
	return fill(q, b, err);
}

void sq_bulk_rolled_back(struct sq_store *q)
{
	if (!q->intake)
		return;
	if (q->depth < q->intake->depth) {
		/* SQLite undid the drops too. */
		intake_free(q->intake);
		q->intake = NULL;
	} else {
		q->intake->resync = true;
	}
}
