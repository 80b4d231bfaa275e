/* pg_testdb.c: fresh PostgreSQL databases for tests (see pg_testdb.h). */
#include "pg_testdb.h"

#include <libpq-fe.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static PGconn *admin;

static void admin_close(void)
{
	PQfinish(admin);
	admin = NULL;
}

static PGconn *admin_conn(void)
{
	if (admin && PQstatus(admin) == CONNECTION_OK)
		return admin;
	const char *uri = getenv("LAPOR_TEST_PG_URI");
	if (!uri || !*uri) {
		fprintf(stderr, "pg_testdb: LAPOR_TEST_PG_URI is not set\n");
		return NULL;
	}
	PQfinish(admin);
	admin = PQconnectdb(uri);
	if (PQstatus(admin) != CONNECTION_OK) {
		fprintf(stderr, "pg_testdb: %s", PQerrorMessage(admin));
		return NULL;
	}
	static bool registered;
	if (!registered)
		atexit(admin_close);
	registered = true;
	return admin;
}

/* Appends key='value' (quoted as libpq wants) to buf. */
static int append_kv(char *buf, size_t size, const char *key, const char *val)
{
	size_t len = strlen(buf);
	int n = snprintf(buf + len, size - len, "%s%s='", len ? " " : "", key);
	if (n < 0 || (size_t)n >= size - len)
		return -1;
	len += (size_t)n;
	for (const char *p = val; *p; p++) {
		if (len + 3 >= size)
			return -1;
		if (*p == '\'' || *p == '\\')
			buf[len++] = '\\';
		buf[len++] = *p;
	}
	if (len + 2 >= size)
		return -1;
	buf[len++] = '\'';
	buf[len] = '\0';
	return 0;
}

bool pg_testdb_server(void)
{
	const char *uri = getenv("LAPOR_TEST_PG_URI");
	if (uri && *uri)
		return true;
	printf("skipped: LAPOR_TEST_PG_URI is not set (see tests/pg/start-cluster.sh)\n");
	return false;
}

int pg_testdb_uri(const char *name, const char *user, char *uri, size_t uri_size)
{
	const char *base = getenv("LAPOR_TEST_PG_URI");
	char *msg = NULL;
	PQconninfoOption *opts = PQconninfoParse(base ? base : "", &msg);
	if (!opts) {
		fprintf(stderr, "pg_testdb: LAPOR_TEST_PG_URI: %s", msg ? msg : "bad URI\n");
		PQfreemem(msg);
		return -1;
	}
	uri[0] = '\0';
	int rc = 0;
	for (PQconninfoOption *o = opts; !rc && o->keyword; o++) {
		if (!o->val || !strcmp(o->keyword, "dbname") || (user && !strcmp(o->keyword, "user")))
			continue;
		rc = append_kv(uri, uri_size, o->keyword, o->val);
	}
	if (!rc && user)
		rc = append_kv(uri, uri_size, "user", user);
	if (!rc)
		rc = append_kv(uri, uri_size, "dbname", name);
	PQconninfoFree(opts);
	return rc;
}

/* Runs fixed SQL on the admin connection. */
static int admin_exec(const char *sql)
{
	PGconn *c = admin_conn();
	if (!c)
		return -1;
	PGresult *r = PQexec(c, sql);
	int ok = PQresultStatus(r) == PGRES_COMMAND_OK || PQresultStatus(r) == PGRES_TUPLES_OK;
	if (!ok)
		fprintf(stderr, "pg_testdb: %s: %s", sql, PQerrorMessage(c));
	PQclear(r);
	return ok ? 0 : -1;
}

int pg_testdb_create(char *name, size_t name_size, char *uri, size_t uri_size)
{
	static unsigned serial;
	char sql[160];
	/* The name is made of numbers only: no quoting needed. */
	snprintf(name, name_size, "lapor_t%ld_%u", (long)getpid(), ++serial);
	snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
	if (admin_exec(sql))
		return -1;
	return pg_testdb_uri(name, NULL, uri, uri_size);
}

void pg_testdb_drop(const char *name)
{
	char sql[160];
	if (!name || !*name)
		return;
	snprintf(sql, sizeof sql, "DROP DATABASE IF EXISTS %s WITH (FORCE)", name);
	admin_exec(sql);
}

void pg_testdb_drop_roles(const char *prefix)
{
	PGconn *c = admin_conn();
	if (!c || !prefix || !*prefix)
		return;
	const char *v[1] = { prefix };
	PGresult *r = PQexecParams(c, "SELECT rolname FROM pg_roles "
				   "WHERE starts_with(rolname, $1 || '_')", 1, NULL, v, NULL,
				   NULL, 0);
	for (int i = 0; PQresultStatus(r) == PGRES_TUPLES_OK && i < PQntuples(r); i++) {
		char *id = PQescapeIdentifier(c, PQgetvalue(r, i, 0), strlen(PQgetvalue(r, i, 0)));
		char sql[256];
		if (id) {
			snprintf(sql, sizeof sql, "DROP ROLE IF EXISTS %s", id);
			admin_exec(sql);
		}
		PQfreemem(id);
	}
	PQclear(r);
}
