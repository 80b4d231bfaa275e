/* sq_open.c: the SQLite backend's handle: open with its pragmas, close,
 * transactions (BEGIN IMMEDIATE, savepoints when nested), data_version,
 * and the ops table. */
#include "i18n.h"
#include "sq_internal.h"
#include "sq_case_row.h"
#include "sq_find.h"
#include "sq_stats.h"
#include "sq_stage.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define SQ_BUSY_TIMEOUT_MS 5000
/* The page cache per connection: small, so that the console's memory
 * does not grow with the database (the console reads one page of a list
 * at a time; the kernel caches the file).  With 2 MiB its high-water
 * mark is the same on 10,000 and 1,000,000 cases (tests/bench/console.sh)
 * and its keys are no slower.  A bulk load raises it for its transaction
 * (the pages of every index it touches stay in memory, and are written
 * once at commit instead of spilled and read back). */
#ifndef SQ_CACHE_KIB
#define SQ_CACHE_KIB 2048
#endif
/* A batch of transactions (the sweep's pages) keeps this much. */
#define SQ_BATCH_CACHE_KIB (64 * 1024)
#ifndef SQ_BULK_CACHE_KIB
#define SQ_BULK_CACHE_KIB (512 * 1024)
#endif

static int busy_timeout_ms(void)
{
	const char *v = getenv("LAPOR_BUSY_TIMEOUT");
	if (v && *v) {
		char *end;
		long ms = strtol(v, &end, 10);
		if (*end == '\0' && ms >= 0 && ms <= 3600 * 1000)
			return (int)ms;
	}
	return SQ_BUSY_TIMEOUT_MS;
}

int sq_exec(struct sq_store *q, const char *sql, struct lp_error *err)
{
	int rc = sqlite3_exec(q->db, sql, NULL, NULL, NULL);
	return rc == SQLITE_OK ? LP_OK : sq_fail(q, rc, err);
}

/* Reads an integer pragma such as user_version. */
static int pragma_int(struct sq_store *q, const char *sql, int64_t *out, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, sql, err);
	if (!st)
		return err->code;
	int rc = sq_step(q, st, err);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sq_release(q, st);
	if (rc < 0)
		return -rc;
	if (rc != SQLITE_ROW)
		return lp_error_set(err, LP_EINTERNAL, _("%s returned nothing"), sql);
	return LP_OK;
}

static const char SQL_USER_VERSION[] = "PRAGMA user_version";
static const char SQL_DATA_VERSION[] = "PRAGMA data_version";

int sq_schema_version(struct sq_store *q, int *out, struct lp_error *err)
{
	int64_t v = 0;
	int rc = pragma_int(q, SQL_USER_VERSION, &v, err);
	*out = (int)v;
	return rc;
}

static int check_version(struct sq_store *q, struct lp_error *err)
{
	int v;
	int rc = sq_schema_version(q, &v, err);
	if (rc)
		return rc;
	if (v > LP_SCHEMA_VERSION)
		return lp_error_set(err, LP_EIO,
				    _("database schema version %d is newer than this lapor (%d); "
				    "upgrade lapor"), v, LP_SCHEMA_VERSION);
	if (v < LP_SCHEMA_VERSION && !(q->flags & LP_STORE_CREATE)) {
		if (v == 0)
			return lp_error_set(err, LP_EDATA,
					    _("the database %s has no lapor schema yet; "
					    "create it with `lapor init`"), q->path);
		return lp_error_set(err, LP_EDATA,
				    _("the database %s has schema version %d, older than this "
				    "lapor (%d); upgrade it with `lapor init`"),
				    q->path, v, LP_SCHEMA_VERSION);
	}
	return LP_OK;
}

static int set_pragmas(struct sq_store *q, struct lp_error *err)
{
	char sql[64];
	int rc = LP_OK;
	if (!(q->flags & LP_STORE_READONLY))
		rc = sq_exec(q, "PRAGMA journal_mode=WAL", err);
	if (!rc)
		rc = sq_exec(q, "PRAGMA synchronous=FULL", err);
	if (!rc)
		rc = sq_exec(q, "PRAGMA foreign_keys=ON", err);
	/* Savepoint journals and sorts stay in memory: the sweep's savepoint
	 * per case otherwise writes a temporary file for each. */
	if (!rc)
		rc = sq_exec(q, "PRAGMA temp_store=MEMORY", err);
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", SQ_CACHE_KIB);
	if (!rc)
		rc = sq_exec(q, sql, err);
	return rc;
}

static void sq_close(struct lp_store *s)
{
	struct sq_store *q = sq(s);
	if (q->db && q->depth > 0)
		sqlite3_exec(q->db, "ROLLBACK", NULL, NULL, NULL);
	q->depth = 0;
	sq_bulk_rolled_back(q);
	sq_cache_clear(q);
	sqlite3_close_v2(q->db);
	free(q->path);
	free(q);
}

static int open_v2(struct sq_store *q, const char *name, int oflags, struct lp_error *err)
{
	if (q->db) {
		sq_cache_clear(q);
		sqlite3_close_v2(q->db);
		q->db = NULL;
	}
	int rc = sqlite3_open_v2(name, &q->db, oflags | SQLITE_OPEN_NOMUTEX, NULL);
	if (rc != SQLITE_OK)
		return sq_fail(q, rc, err);
	sqlite3_extended_result_codes(q->db, 1);
	sqlite3_busy_timeout(q->db, busy_timeout_ms());
	return LP_OK;
}

/* True when PATH-suffix exists (or cannot be checked). */
static bool side_file(const char *path, const char *suffix)
{
	char name[PATH_MAX];
	struct stat sb;
	if ((size_t)snprintf(name, sizeof name, "%s%s", path, suffix) >= sizeof name)
		return true;
	return stat(name, &sb) == 0 || errno != ENOENT;
}

/* Opens q->path.  A file this user may not write (a read-only file or
 * directory, as an officer who only reads may be given) is opened for
 * reading.  When no -wal or -shm file exists (no writer is at work and
 * no change is pending), as an immutable file: SQLite then creates no
 * -wal or -shm owned by this user, which would keep the file's owner
 * from writing later; else with the writers' -shm.  Writes then fail
 * (sq_begin: LP_EIO, naming the file). */
static int open_file(struct sq_store *q, struct lp_error *err)
{
	int oflags = q->flags & LP_STORE_READONLY ? SQLITE_OPEN_READONLY :
		     SQLITE_OPEN_READWRITE | (q->flags & LP_STORE_CREATE ? SQLITE_OPEN_CREATE : 0);
	int rc = open_v2(q, q->path, oflags, err);
	if (rc || sqlite3_db_readonly(q->db, "main") != 1)
		return rc;
	q->flags |= LP_STORE_READONLY;
	if (side_file(q->path, "-wal") || side_file(q->path, "-shm"))
		return open_v2(q, q->path, SQLITE_OPEN_READONLY, err);
	/* file:PATH?immutable=1, with the characters a URI reserves escaped. */
	char *u = malloc(strlen(q->path) * 3 + 32);
	if (!u)
		return sq_oom(err);
	char *p = u + sprintf(u, "file:");
	for (const char *c = q->path; *c; c++)
		p += (*c == '%' || *c == '?' || *c == '#') ? sprintf(p, "%%%02X", *c) :
							   sprintf(p, "%c", *c);
	strcpy(p, "?immutable=1");
	rc = open_v2(q, u, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, err);
	free(u);
	return rc;
}

static int sq_open(const char *uri, int flags, struct lp_store **out, struct lp_error *err)
{
	struct stat sb;
	if (!(flags & LP_STORE_CREATE) && stat(uri, &sb) != 0) {
		if (errno == ENOENT)
			return lp_error_set(err, LP_ENOENT, _("no database at %s; create it with "
					    "`lapor init`"), uri);
		return lp_error_set(err, LP_EIO, _("cannot open the database %s (%s)"), uri,
				    strerror(errno));
	}
	struct sq_store *q = calloc(1, sizeof *q);
	if (!q || !(q->path = strdup(uri))) {
		free(q);
		return sq_oom(err);
	}
	q->base.ops = &lp_sqlite_ops;
	q->flags = flags;

	int rc = open_file(q, err);
	if (rc) {
		sq_close(&q->base);
		return rc;
	}

	rc = check_version(q, err);
	if (!rc)
		rc = set_pragmas(q, err);
	if (rc) {
		sq_close(&q->base);
		return rc;
	}
	*out = &q->base;
	return LP_OK;
}

/* Sets the page cache size in KiB.  It fails only on a closed handle. */
static void set_cache(struct sq_store *q, int kib)
{
	char sql[48];
	snprintf(sql, sizeof sql, "PRAGMA cache_size=-%d", kib);
	sqlite3_exec(q->db, sql, NULL, NULL, NULL);
}

void sq_bulk(struct sq_store *q)
{
	if (q->bulk || q->depth == 0)
		return;
	set_cache(q, SQ_BULK_CACHE_KIB);
	q->bulk = true;
}

/* The page cache between transactions: larger during a batch. */
static int resting_cache_kib(const struct sq_store *q)
{
	return q->batch ? SQ_BATCH_CACHE_KIB : SQ_CACHE_KIB;
}

/* After the outermost transaction ended: the page cache back to its size
 * (SQLite frees the pages over it). */
static void bulk_end(struct sq_store *q)
{
	if (!q->bulk || q->depth > 0)
		return;
	set_cache(q, resting_cache_kib(q));
	q->bulk = false;
}

static int sq_begin(struct lp_store *s, bool write, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	char sql[48];
	if (write && q->depth == 0 && sqlite3_db_readonly(q->db, "main") == 1)
		return lp_error_set(err, LP_EIO,
				    _("the database %s is read-only (this user may not "
				    "write the file or its directory): nothing was changed"),
				    q->path);
	if (q->depth == 0)
		snprintf(sql, sizeof sql, "%s", write ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
	else
		snprintf(sql, sizeof sql, "SAVEPOINT lp%d", q->depth);
	int rc = sq_exec(q, sql, err);
	if (!rc)
		q->depth++;
	return rc;
}

static int sq_commit(struct lp_store *s, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	char sql[48];
	if (q->depth == 0)
		return lp_error_set(err, LP_EINTERNAL, _("commit without a transaction"));
	if (q->depth > 1)
		snprintf(sql, sizeof sql, "RELEASE lp%d", q->depth - 1);
	else
		snprintf(sql, sizeof sql, "COMMIT");
	/* A bulk intake left open ends before its transaction commits. */
	int rc = q->depth == 1 ? sq_bulk_intake(s, false, err) : LP_OK;
	if (rc)
		return rc;
	rc = sq_exec(q, sql, err);
	if (!rc)
		q->depth--;
	else if (sqlite3_get_autocommit(q->db))
		q->depth = 0; /* SQLite rolled the whole transaction back */
	if (q->depth == 0)
		sq_bulk_rolled_back(q);
	bulk_end(q);
	return rc;
}

static void sq_rollback(struct lp_store *s)
{
	struct sq_store *q = sq(s);
	char sql[64];
	if (q->depth == 0)
		return;
	if (q->depth > 1)
		snprintf(sql, sizeof sql, "ROLLBACK TO lp%d; RELEASE lp%d", q->depth - 1,
			 q->depth - 1);
	else
		snprintf(sql, sizeof sql, "ROLLBACK");
	sqlite3_exec(q->db, sql, NULL, NULL, NULL);
	q->depth--;
	if (sqlite3_get_autocommit(q->db))
		q->depth = 0;
	sq_bulk_rolled_back(q);
	bulk_end(q);
}

/* During a batch the WAL is copied back after SQ_BATCH_WAL_PAGES pages
 * instead of SQLite's 1,000: a sweep's page of 512 escalations writes
 * about 2,500 pages, so every commit was followed by a checkpoint that
 * wrote again the pages each transaction shares (tallies, the ends of
 * the indexes).  The WAL then grows to about this size before it is
 * reused (tests/bench/sweep.sh). */
#define SQ_BATCH_WAL_PAGES 16384
#define SQ_WAL_PAGES 1000 /* SQLite's default */

static int sq_batch(struct lp_store *s, bool on, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	char sql[64];
	if (q->depth > 0)
		return lp_error_set(err, LP_EINTERNAL, "lp_store_batch: inside a transaction");
	snprintf(sql, sizeof sql, "PRAGMA wal_autocheckpoint=%d", on ? SQ_BATCH_WAL_PAGES : SQ_WAL_PAGES);
	int rc = sq_exec(q, sql, err);
	q->batch = on;
	set_cache(q, resting_cache_kib(q));
	if (rc == LP_OK && !on && !(q->flags & LP_STORE_READONLY))
		sqlite3_wal_checkpoint_v2(q->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
	return rc;
}

static int sq_data_version(struct lp_store *s, int64_t *out, struct lp_error *err)
{
	if (!out)
		return lp_error_set(err, LP_EINTERNAL, "data_version: no place for the result");
	return pragma_int(sq(s), SQL_DATA_VERSION, out, err);
}

const struct lp_store_ops lp_sqlite_ops = {
	.name = "sqlite",
	.remote = false,
	.open = sq_open,
	.close = sq_close,
	.migrate = sq_migrate,
	.begin = sq_begin,
	.commit = sq_commit,
	.rollback = sq_rollback,
	.data_version = sq_data_version,
	.agency_put = sq_agency_put,
	.agency_get = sq_agency_get,
	.agency_list = sq_agency_list,
	.officer_put = sq_officer_put,
	.officer_get = sq_officer_get,
	.officer_list = sq_officer_list,
	.case_insert = sq_case_insert,
	.case_get = sq_case_get,
	.case_get_by_tracking = sq_case_get_by_tracking,
	.case_update = sq_case_update,
	.case_list = sq_case_list,
	.case_count = sq_case_count,
	.event_append = sq_event_append,
	.event_list = sq_event_list,
	.event_scan = sq_event_scan,
	.draft_put = sq_draft_put,
	.draft_get = sq_draft_get,
	.draft_delete = sq_draft_delete,
	.holiday_put = sq_holiday_put,
	.holiday_list = sq_holiday_list,
	.policy_put = sq_policy_put,
	.policy_get = sq_policy_get,
	.policy_list = sq_policy_list,
	.meta_get = sq_meta_get,
	.meta_put = sq_meta_put,
	/* finding cases (sq_find.h) */
	.case_query = sq_case_query,
	.case_query_count = sq_case_query_count,
	.case_search = sq_case_search,
	.case_similar = sq_case_similar,
	.queue_put = sq_queue_put,
	.queue_delete = sq_queue_delete,
	.queue_list = sq_queue_list,
	.dash_counts = sq_dash_counts,
	.dash_days = sq_dash_days,
	.dash_ontime = sq_dash_ontime,
	.dash_titles = sq_dash_titles,
	/* a new case with its first event (sq_case_row.c) */
	.case_insert_first = sq_case_insert_first,
	/* a bulk intake (sq_bulk.c) */
	.bulk_intake = sq_bulk_intake,
	.batch = sq_batch,
	/* SLA outcomes (sq_stage.c) */
	.case_outcome = sq_case_outcome,
	/* report columns read for lapor migrate (sq_report.c) */
	.case_report_scan = sq_case_report_scan,
	/* performance reports (sq_stats.c) */
	.stats = sq_stats,
	/* copying a database out (sq_export.c) */
	.draft_scan = sq_draft_scan,
	.meta_list = sq_meta_list,
};
