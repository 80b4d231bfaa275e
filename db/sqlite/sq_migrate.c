/* sq_migrate.c: creating and upgrading the schema (PRAGMA user_version),
 * in one write transaction, with the shipped data for a new database. */
#include "i18n.h"
#include "sq_internal.h"

#include <stdio.h>

#include "seed.h"
#include "sq_migrations.h"

static const char SQL_HAS_TABLES[] = "SELECT count(*) FROM sqlite_schema";

/* Refuses to build a schema over someone else's tables. */
static int check_empty(struct sq_store *q, struct lp_error *err)
{
	sqlite3_stmt *st = sq_stmt(q, SQL_HAS_TABLES, err);
	if (!st)
		return err->code;
	int rc = sq_step(q, st, err);
	int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sq_release(q, st);
	if (rc < 0)
		return -rc;
	if (n > 0)
		return lp_error_set(err, LP_EIO, _("%s is not a lapor database: it has tables but "
				    "no lapor schema"), q->path);
	return LP_OK;
}

static int run_migrations(struct sq_store *q, int from, struct lp_error *err)
{
	int rc = LP_OK;
	if (from == 0)
		rc = check_empty(q, err);
	for (int v = from + 1; !rc && v <= LP_SCHEMA_VERSION; v++) {
		const struct lp_sq_migration *m = &lp_sqlite_migrations[v - 1];
		char *msg = NULL;
		int src = sqlite3_exec(q->db, m->sql, NULL, NULL, &msg);
		if (src != SQLITE_OK) {
			rc = sq_fail(q, src, err);
			if (rc == LP_EINTERNAL)
				lp_error_set(err, LP_EINTERNAL, _("schema migration %s failed: %s"),
					     m->name, msg ? msg : "?");
		}
		sqlite3_free(msg);
		if (!rc && v == 1)
			rc = lp_seed_apply(&q->base, err);
	}
	if (!rc) {
		char sql[48];
		snprintf(sql, sizeof sql, "PRAGMA user_version=%d", LP_SCHEMA_VERSION);
		rc = sq_exec(q, sql, err);
	}
	return rc;
}

int sq_migrate(struct lp_store *s, int *from, int *to, struct lp_error *err)
{
	struct sq_store *q = sq(s);
	if (lp_sqlite_migration_count != LP_SCHEMA_VERSION)
		return lp_error_set(err, LP_EINTERNAL, _("this lapor has %d schema migrations for "
				    "schema version %d"), lp_sqlite_migration_count,
				    LP_SCHEMA_VERSION);
	if (q->flags & LP_STORE_READONLY)
		return lp_error_set(err, LP_EIO, _("the database %s is open read-only"), q->path);
	int rc = lp_store_begin(s, true, err);
	if (rc)
		return rc;
	/* Read inside the write lock: another lapor may have just migrated. */
	int v = 0;
	rc = sq_schema_version(q, &v, err);
	if (!rc && v > LP_SCHEMA_VERSION)
		rc = lp_error_set(err, LP_EIO, _("database schema version %d is newer than this "
				  "lapor (%d); upgrade lapor"), v, LP_SCHEMA_VERSION);
	if (!rc && v < LP_SCHEMA_VERSION)
		rc = run_migrations(q, v, err);
	if (!rc)
		rc = lp_store_commit(s, err);
	if (rc) {
		lp_store_rollback(s);
		return rc;
	}
	if (from)
		*from = v;
	if (to)
		*to = LP_SCHEMA_VERSION;
	return LP_OK;
}
