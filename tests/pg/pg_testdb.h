/* pg_testdb.h: fresh PostgreSQL databases for tests, on the server of
 * $LAPOR_TEST_PG_URI (which must name a role that may create databases). */
#ifndef LAPOR_PG_TESTDB_H
#define LAPOR_PG_TESTDB_H

#include <stdbool.h>
#include <stddef.h>

/* Whether $LAPOR_TEST_PG_URI names a server; when not, says the test is
 * skipped (main then returns 77, meson's "skipped"). */
bool pg_testdb_server(void);

/* Creates an empty database; writes its name into name[] and a libpq
 * connection string for it into uri[].  Returns 0, or -1 with a message
 * on stderr. */
int pg_testdb_create(char *name, size_t name_size, char *uri, size_t uri_size);

/* A connection string for database `name` as role `user` (NULL: the
 * role of $LAPOR_TEST_PG_URI).  Returns 0 or -1. */
int pg_testdb_uri(const char *name, const char *user, char *uri, size_t uri_size);

/* Drops the database (forcing other connections out).  Accepts "". */
void pg_testdb_drop(const char *name);

/* Drops the roles whose names start with prefix and "_" (the officers a
 * test provisioned; drop their database first). */
void pg_testdb_drop_roles(const char *prefix);

#endif
