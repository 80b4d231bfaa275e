/* sla_db_pg.c: the SLA tests' database (tests/sla/sla_db.c) on
 * PostgreSQL: a fresh database on the server of $LAPOR_TEST_PG_URI (as
 * its superuser) per sla_db_open, dropped by sla_db_close.  The officers
 * and cases are those of sla_db.c. */
#define sla_db_open sq_sla_db_open
#define sla_db_close sq_sla_db_close
#define sla_db_session sq_sla_db_session
#include "sla_db.c"
#undef sla_db_open
#undef sla_db_close
#undef sla_db_session

#include "pg_testdb.h"

int sla_db_open(struct sla_db *d);
void sla_db_close(struct sla_db *d);
struct lp_session *sla_db_session(const struct sla_db *d, const char *login);

static const char *const LOGINS[] = { "adm", "sup", "budi" };

/* Gives each officer a database role of the same name (a server acts as
 * the role it is connected as).  The names are the cluster's: drops
 * them first, in case an earlier run left them. */
static int provision(struct sla_db *d)
{
	struct lp_error err;
	for (size_t i = 0; i < sizeof LOGINS / sizeof *LOGINS; i++) {
		struct lp_officer o;
		if (lp_store_officer_get(d->st, LOGINS[i], &o, &err) ||
		    lp_store_officer_provision(d->st, &o, &err)) {
			fprintf(stderr, "provision %s: %s\n", LOGINS[i], err.msg);
			return -1;
		}
	}
	return 0;
}

int sla_db_open(struct sla_db *d)
{
	struct lp_error err;
	memset(d, 0, sizeof *d);
	if (pg_testdb_create(d->dir, sizeof d->dir, d->path, sizeof d->path))
		return -1;
	unsetenv("LAPOR_NOW");
	struct lp_session_opts o = { .db = d->path, .create = true,
				     .identity = LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &d->s, &err) != LP_OK) {
		fprintf(stderr, "open: %s\n", err.msg);
		return -1;
	}
	lp_session_set_now(d->s, SLA_NOW);
	d->st = lp_session_store(d->s);
	if (put_officer(d->st, "adm", LP_ROLE_ADMIN, "KEMENPANRB") ||
	    put_officer(d->st, "sup", LP_ROLE_SUPERVISOR, "31.71") ||
	    put_officer(d->st, "budi", LP_ROLE_CLERK, "31.71.DISHUB"))
		return -1;
	return provision(d);
}

struct lp_session *sla_db_session(const struct sla_db *d, const char *login)
{
	if (!login)
		return sq_sla_db_session(d, NULL);
	char uri[sizeof d->path + 64];
	struct lp_session *s = NULL;
	struct lp_error err;
	if (pg_testdb_uri(d->dir, login, uri, sizeof uri))
		return NULL;
	struct lp_session_opts o = { .db = uri, .identity = LP_IDENTITY_REQUIRED };
	if (lp_session_open(&o, &s, &err) != LP_OK) {
		fprintf(stderr, "open as %s: %s\n", login, err.msg);
		return NULL;
	}
	lp_session_set_now(s, SLA_NOW);
	return s;
}

void sla_db_close(struct sla_db *d)
{
	lp_session_close(d->s);
	d->s = NULL;
	pg_testdb_drop(d->dir);
}
