/* pg_migrations.c: the embedded PostgreSQL migrations.  db/gen_embed.py
 * writes them as lp_sqlite_migrations[]; they are renamed here. */
#include "pg_migrations.h"

#define lp_sqlite_migrations lp_pg_migrations
#define lp_sqlite_migration_count lp_pg_migration_count
#include "pg_migrations_data.h"
