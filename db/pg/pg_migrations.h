/* pg_migrations.h: the PostgreSQL schema migrations, generated at build
 * time from db/schema/pg/NNN_name.sql by db/gen_embed.py (the generator
 * of the SQLite ones; pg_migrations.c renames its symbols). */
#ifndef LAPOR_PG_MIGRATIONS_H
#define LAPOR_PG_MIGRATIONS_H

#include "sq_migrations.h"

/* Migrations 1..count, in order (static); the same struct as SQLite's:
 * version, name ("001_init") and the script, run with PQexec. */
extern const struct lp_sq_migration lp_pg_migrations[];
extern const int lp_pg_migration_count;

#endif
