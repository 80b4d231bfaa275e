/* sq_migrations.h: the SQLite schema migrations, generated at build time
 * from db/schema/sqlite/NNN_name.sql by db/gen_embed.py. */
#ifndef LAPOR_SQ_MIGRATIONS_H
#define LAPOR_SQ_MIGRATIONS_H

/* One migration: brings the schema from version-1 to version. */
struct lp_sq_migration {
	int version;       /* NNN of the file; PRAGMA user_version after it */
	const char *name;  /* "001_init" */
	const char *sql;   /* the script, run with sqlite3_exec() */
};

/* Migrations 1..count, in order (static). */
extern const struct lp_sq_migration lp_sqlite_migrations[];
extern const int lp_sqlite_migration_count;

#endif
