/* pg_migrate.c: creating and upgrading the schema on PostgreSQL (table
 * lapor_schema), in one transaction under an advisory lock, with the
 * shipped data for a new database; and provisioning officers' roles. */
#include "i18n.h"
#include "pg_internal.h"

#include "pg_migrations.h"
#include "seed.h"

/* Serializes concurrent `lapor init` runs on one database. */
PG_SQL(SQL_LOCK, false, "SELECT pg_advisory_xact_lock(7365723180)");
PG_SQL(SQL_TABLES, true,
       "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
       "WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm')");
PG_SQL(SQL_SET_VERSION, false, "UPDATE lapor_schema SET version = $1");
/* Migrations run on "<lapor's schema>, pg_temp" (this transaction only):
 * a function made with SET search_path FROM CURRENT then never reads a
 * temporary table of its caller's for one of lapor's (007_pg_identity.sql). */
PG_SQL(SQL_PIN_PATH, false,
       "SELECT set_config('search_path', quote_ident(current_schema()) || ', pg_temp', true)");
PG_SQL(SQL_PROVISION, true, "SELECT lapor_provision($1, $2, $3)");

/* Refuses to build a schema over someone else's tables. */
static int check_empty(struct pg_store *g, struct lp_error *err)
{
	PGresult *r = pg_run(g, &SQL_TABLES, NULL, err);
	if (!r)
		return err->code;
	int64_t n = pg_int(r, 0, 0);
	PQclear(r);
	if (n > 0)
		return lp_error_set(err, LP_EIO, _("the PostgreSQL %s is not a lapor database: it "
				    "has tables but no lapor schema"), g->where);
	return LP_OK;
}

static int run_migrations(struct pg_store *g, int from, struct lp_error *err)
{
	int rc = from == 0 ? check_empty(g, err) : LP_OK;
	if (!rc)
		rc = pg_run_cmd(g, &SQL_PIN_PATH, NULL, NULL, err);
	for (int v = from + 1; !rc && v <= LP_SCHEMA_VERSION; v++) {
		const struct lp_sq_migration *m = &lp_pg_migrations[v - 1];
		/* Fixed script text with no values in it (DDL). */
		rc = pg_exec(g, m->sql, err);
		if (rc == LP_EINTERNAL) {
			char msg[sizeof err->msg];
			lp_strlcpy(msg, err->msg, sizeof msg);
			lp_error_set(err, LP_EINTERNAL,
				     _("schema migration %s failed: %s"), m->name,
				     msg);
		}
		if (!rc && v == 1)
			rc = lp_seed_apply(&g->base, err);
		if (!rc) {
			struct pg_params p = { 0 };
			pp_int(&p, v);
			rc = pg_run_cmd(g, &SQL_SET_VERSION, &p, NULL, err);
		}
	}
	return rc;
}

int pg_migrate(struct lp_store *s, int *from, int *to, struct lp_error *err)
{
	struct pg_store *g = pg(s);
	if (lp_pg_migration_count != LP_SCHEMA_VERSION)
		return lp_error_set(err, LP_EINTERNAL, _("this lapor has %d PostgreSQL schema "
				    "migrations for schema version %d"), lp_pg_migration_count,
				    LP_SCHEMA_VERSION);
	if (g->flags & LP_STORE_READONLY)
		return lp_error_set(err, LP_EIO,
				    _("the PostgreSQL %s is open read-only"), g->where);
	int rc = lp_store_begin(s, true, err);
	if (rc)
		return rc;
	rc = pg_run_cmd(g, &SQL_LOCK, NULL, NULL, err);
	/* Read under the lock: another lapor may have just migrated. */
	int v = 0;
	if (!rc)
		rc = pg_schema_version(g, &v, err);
	if (!rc && v > LP_SCHEMA_VERSION)
		rc = lp_error_set(err, LP_EIO, _("database schema version %d is newer than this "
				  "lapor (%d); upgrade lapor"), v, LP_SCHEMA_VERSION);
	if (!rc && v < LP_SCHEMA_VERSION)
		rc = run_migrations(g, v, err);
	if (!rc)
		rc = lp_store_commit(s, err);
	if (rc) {
		lp_store_rollback(s);
		/* Statements prepared on tables that were rolled back are stale. */
		if (PQstatus(g->conn) == CONNECTION_OK)
			PQclear(PQexec(g->conn, "DEALLOCATE ALL"));
		pg_forget_prepared(g);
		return rc;
	}
	rc = pg_probe_privileges(g, err);
	if (rc)
		return rc;
	if (from)
		*from = v;
	if (to)
		*to = LP_SCHEMA_VERSION;
	return LP_OK;
}

int pg_officer_provision(struct lp_store *s, const struct lp_officer *o, struct lp_error *err)
{
	struct pg_params p = { 0 };
	pp_text(&p, o->login);
	pp_text(&p, lp_role_name(o->role));
	pp_bool(&p, o->active);
	int rc = pg_run_cmd(pg(s), &SQL_PROVISION, &p, NULL, err);
	if (rc == LP_EPERM) {
		char why[sizeof err->msg];
		lp_strlcpy(why, err->msg, sizeof why);
		lp_error_set(err, LP_EPERM, _("cannot create the database role %s: only the owner "
			     "of the lapor database or an admin officer may (%s)"), o->login, why);
	}
	return rc;
}
