/* sla_db.c: see sla_db.h. */
#include "sla_db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int put_officer(struct lp_store *st, const char *login, enum lp_role role,
		       const char *agency)
{
	struct lp_officer o;
	struct lp_error err;
	memset(&o, 0, sizeof o);
	lp_strlcpy(o.login, login, sizeof o.login);
	lp_strlcpy(o.name, login, sizeof o.name);
	lp_strlcpy(o.agency, agency, sizeof o.agency);
	o.role = role;
	o.active = true;
	if (lp_store_officer_put(st, &o, &err) != LP_OK) {
		fprintf(stderr, "officer %s: %s\n", login, err.msg);
		return -1;
	}
	return 0;
}

int sla_db_open(struct sla_db *d)
{
	struct lp_error err;
	memset(d, 0, sizeof *d);
	strcpy(d->dir, "/tmp/lapor-test-sla-XXXXXX");
	if (!mkdtemp(d->dir))
		return -1;
	snprintf(d->path, sizeof d->path, "%s/lapor.db", d->dir);
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
	return 0;
}

void sla_db_close(struct sla_db *d)
{
	char cmd[160];
	lp_session_close(d->s);
	d->s = NULL;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", d->dir);
	if (system(cmd) != 0)
		fprintf(stderr, "could not remove %s\n", d->dir);
}

struct lp_session *sla_db_session(const struct sla_db *d, const char *login)
{
	struct lp_session *s = NULL;
	struct lp_error err;
	struct lp_session_opts o = { .db = d->path, .as_login = login,
				     .identity = login ? LP_IDENTITY_REQUIRED
						       : LP_IDENTITY_OPTIONAL };
	if (lp_session_open(&o, &s, &err) != LP_OK) {
		fprintf(stderr, "open as %s: %s\n", login ? login : "root", err.msg);
		return NULL;
	}
	lp_session_set_now(s, SLA_NOW);
	return s;
}

int64_t sla_db_cases(struct sla_db *d, int n, const char *agency, enum lp_status status,
		     enum lp_sla_stage stage, int64_t due)
{
	struct lp_error err;
	int64_t first = 0;
	if (lp_store_begin(d->st, true, &err) != LP_OK)
		return 0;
	for (int i = 0; i < n; i++) {
		struct lp_case c;
		char tid[LP_TRACKING_MAX];
		static int serial;
		memset(&c, 0, sizeof c);
		snprintf(tid, sizeof tid, "WEB-SLA-%06d", ++serial);
		lp_strlcpy(c.tracking_id, tid, sizeof c.tracking_id);
		c.kind = LP_KIND_COMPLAINT;
		c.channel = LP_CHANNEL_WEB;
		c.status = status;
		c.privacy = LP_PRIVACY_PUBLIC;
		lp_strlcpy(c.region, "31.71", sizeof c.region);
		lp_strlcpy(c.agency, agency, sizeof c.agency);
		lp_strlcpy(c.category, "transportasi", sizeof c.category);
		c.title = "Lampu lalu lintas mati";
		c.body = "Di simpang Harmoni";
		c.submitted_at = c.created_at = c.updated_at = SLA_NOW - 30 * 86400;
		c.version = 1;
		c.clock_stage = stage;
		c.due_at = due;
		if (lp_store_case_insert(d->st, &c, &err) != LP_OK) {
			fprintf(stderr, "insert: %s\n", err.msg);
			lp_store_rollback(d->st);
			return 0;
		}
		if (!first)
			first = c.id;
	}
	if (lp_store_commit(d->st, &err) != LP_OK)
		return 0;
	return first;
}

struct lp_case sla_db_case(struct sla_db *d, int64_t id)
{
	struct lp_case c;
	struct lp_error err;
	memset(&c, 0, sizeof c);
	if (lp_store_case_get(d->st, id, &c, &err) != LP_OK)
		fprintf(stderr, "case %lld: %s\n", (long long)id, err.msg);
	return c;
}
