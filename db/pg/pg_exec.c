/* pg_exec.c: running statements on libpq: lazy PQprepare per connection,
 * parameters, bounded retries of safe statements, error mapping by
 * SQLSTATE, and column helpers. */
#include "i18n.h"
#include "pg_internal.h"
#include "pg_bulk.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#define PG_RETRIES 3 /* extra attempts of a retry-safe statement */

int pg_oom(struct lp_error *err)
{
	return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
}

/* ---- parameters ---- */

static int pp_add(struct pg_params *p, const char *v, int len, int fmt)
{
	if (p->n >= PG_MAX_PARAMS)
		abort(); /* a statement with more parameters than PG_MAX_PARAMS: a bug */
	p->v[p->n] = v;
	p->len[p->n] = len;
	p->fmt[p->n] = fmt;
	return ++p->n;
}

int pp_text(struct pg_params *p, const char *v)
{
	return pp_add(p, v, 0, 0);
}

int pp_int(struct pg_params *p, int64_t v)
{
	if (p->n >= PG_MAX_PARAMS)
		abort();
	snprintf(p->buf[p->n], sizeof p->buf[p->n], "%" PRId64, v);
	return pp_add(p, p->buf[p->n], 0, 0);
}

int pp_bool(struct pg_params *p, bool v)
{
	return pp_add(p, v ? "t" : "f", 0, 0);
}

int pp_bytes(struct pg_params *p, const unsigned char *v, int len)
{
	return pp_add(p, (const char *)v, len, 1);
}

/* ---- errors ---- */

static bool conn_lost(const struct pg_store *g, const PGresult *res)
{
	if (!g->conn || PQstatus(g->conn) != CONNECTION_OK)
		return true;
	const char *state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
	return !res || (state && (strncmp(state, "08", 2) == 0 || strcmp(state, "57P01") == 0 ||
				  strcmp(state, "57P02") == 0 || strcmp(state, "57P03") == 0));
}

/* The server's message without libpq's trailing newline. */
static void server_msg(const struct pg_store *g, const PGresult *res, char *buf, size_t n)
{
	const char *m = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_PRIMARY) : NULL;
	if (!m)
		m = g->conn ? PQerrorMessage(g->conn) : "no connection";
	const char *d = res ? PQresultErrorField(res, PG_DIAG_MESSAGE_DETAIL) : NULL;
	snprintf(buf, n, "%s%s%s", m, d ? ": " : "", d ? d : "");
	size_t len = strlen(buf);
	while (len > 0 && (buf[len - 1] == '\n' || buf[len - 1] == ' '))
		buf[--len] = '\0';
}

int pg_fail(struct pg_store *g, const PGresult *res, struct lp_error *err)
{
	char msg[700];
	server_msg(g, res, msg, sizeof msg);
	/* Inside a transaction (COMMIT not sent: pg_commit says so itself)
	 * the server rolled it back when the connection dropped: nothing was
	 * saved, and running the action again (on a new connection, which
	 * the next transaction opens) is safe, as after a deadlock. */
	if (conn_lost(g, res) && g->depth > 0)
		return lp_error_set(err, LP_EBUSY, _("lost the connection to the PostgreSQL %s "
				    "during the change (%s); nothing was saved, try again"),
				    g->where, msg);
	if (conn_lost(g, res))
		return lp_error_set(err, LP_EIO, _("lost the connection to the PostgreSQL %s (%s)"),
				    g->where, msg);
	const char *st = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	if (!st)
		st = "";
	if (!strcmp(st, "40001") || !strcmp(st, "40P01"))
		return lp_error_set(err, LP_EBUSY, _("another officer changed the same data at the "
				    "same time (%s); nothing was saved, try again"), msg);
	if (!strcmp(st, "55P03") || !strcmp(st, "57014"))
		return lp_error_set(err, LP_EBUSY, _("the database is busy (%s); try again"), msg);
	if (!strcmp(st, "53300"))
		return lp_error_set(err, LP_EBUSY, _("the PostgreSQL %s has too many connections; "
				    "try again"), g->where);
	if (!strncmp(st, "53", 2))
		return lp_error_set(err, LP_EIO, _("the PostgreSQL %s is out of resources (%s)"),
				    g->where, msg);
	if (!strcmp(st, "42501"))
		return lp_error_set(err, LP_EPERM, _("the database refused: %s"), msg);
	if (!strncmp(st, "23", 2))
		return lp_error_set(err, LP_EDATA,
				    _("the change breaks a rule of the database (%s)"),
				    msg);
	if (!strcmp(st, "25006"))
		return lp_error_set(err, LP_EIO, _("the database is open read-only (%s)"), msg);
	if (!strncmp(st, "58", 2) || !strncmp(st, "XX", 2))
		return lp_error_set(err, LP_EIO, _("I/O error on the PostgreSQL %s (%s)"), g->where,
				    msg);
	return lp_error_set(err, LP_EINTERNAL, _("database error on the PostgreSQL %s: %s [%s]"),
			    g->where, msg, st);
}

/* ---- prepared statements ---- */

void pg_forget_prepared(struct pg_store *g)
{
	g->n_prepared = 0;
}

static bool key_in(const uint64_t *keys, unsigned n, uint64_t key)
{
	for (unsigned i = 0; i < n; i++)
		if (keys[i] == key)
			return true;
	return false;
}

static bool key_add(uint64_t **keys, unsigned *n, unsigned *cap, uint64_t key)
{
	if (*n == *cap) {
		unsigned c = *cap ? *cap * 2 : 64;
		uint64_t *p = realloc(*keys, c * sizeof *p);
		if (!p)
			return false;
		*keys = p;
		*cap = c;
	}
	(*keys)[(*n)++] = key;
	return true;
}

static bool is_prepared(const struct pg_store *g, uint64_t key)
{
	return key_in(g->prepared, g->n_prepared, key);
}

static bool mark_prepared(struct pg_store *g, uint64_t key)
{
	return key_add(&g->prepared, &g->n_prepared, &g->cap_prepared, key);
}

/* True the first time a statement runs on this handle: it then goes
 * unnamed in one round trip instead of being prepared. */
static bool first_run(struct pg_store *g, uint64_t key, bool *oom)
{
	if (key_in(g->seen, g->n_seen, key))
		return false;
	*oom = !key_add(&g->seen, &g->n_seen, &g->cap_seen, key);
	return true;
}

/* Reconnects a dropped connection (outside a transaction only). */
static int reconnect(struct pg_store *g, struct lp_error *err)
{
	PQreset(g->conn);
	pg_forget_prepared(g);
	g->listening = false;
	if (PQstatus(g->conn) != CONNECTION_OK)
		return pg_fail(g, NULL, err);
	g->changes++; /* notifications may have been missed */
	char sql[PG_SETTINGS_MAX];
	pg_session_settings(g, sql, sizeof sql); /* a new session: set again */
	return pg_exec(g, sql, err); /* LISTEN again at the next data_version */
}

/* True when running the statement again outside a transaction is safe:
 * after a serialization failure or deadlock (the statement was rolled
 * back), after a failed prepare (nothing ran), and after a dropped
 * connection for statements marked retry_safe (their effect may or may
 * not have been committed). */
static bool may_rerun(const struct pg_store *g, const struct pg_sql *st, const PGresult *res,
		      bool executed)
{
	if (conn_lost(g, res))
		return st->retry_safe || !executed;
	const char *state = PQresultErrorField(res, PG_DIAG_SQLSTATE);
	return state && (!strcmp(state, "40001") || !strcmp(state, "40P01"));
}

/* True when t is short printable ASCII. */
static bool trace_plain(const char *t)
{
	size_t n = 0;
	for (; t[n]; n++)
		if (t[n] < 0x20 || t[n] > 0x7e || n >= 200)
			return false;
	return true;
}

/* True when t is a whole number as PostgreSQL writes one (no leading
 * zero: "0812..." is a phone number, text). */
static bool trace_number(const char *t)
{
	size_t i = *t == '-';
	if (!t[i] || (t[i] == '0' && t[i + 1]))
		return false;
	for (; t[i]; i++)
		if (t[i] < '0' || t[i] > '9')
			return false;
	return true;
}

void pg_trace(const char *sql, int n, const char *const *v, const int *fmt)
{
	static int on = -1;
	if (on < 0)
		on = getenv("LAPOR_TRACE_SQL") != NULL;
	if (!on)
		return;
	/* Each value as an SQL literal, for tests/bench/pg_search.sh to send
	 * again; text that is long or not printable ASCII (a citizen's, which
	 * is never written to a terminal raw) and binary values by their size
	 * only. */
	fprintf(stderr, "%s;", sql);
	for (int i = 0; i < n; i++) {
		if (!v[i]) {
			fprintf(stderr, " $%d=NULL", i + 1);
		} else if (fmt && fmt[i]) {
			fprintf(stderr, " $%d=binary", i + 1);
		} else if (trace_number(v[i])) {
			fprintf(stderr, " $%d=%s", i + 1, v[i]);
		} else if (!trace_plain(v[i])) {
			fprintf(stderr, " $%d=%zu bytes", i + 1, strlen(v[i]));
		} else {
			fprintf(stderr, " $%d='", i + 1);
			for (const char *c = v[i]; *c; c++)
				fprintf(stderr, *c == '\'' ? "''" : "%c", *c);
			fprintf(stderr, "'");
		}
	}
	fprintf(stderr, "\n");
}

static void backoff(int attempt)
{
	struct timespec ts = { 0, 20000000L * attempt * attempt }; /* 20, 80, 180 ms */
	nanosleep(&ts, NULL);
}

PGresult *pg_run(struct pg_store *g, const struct pg_sql *st, const struct pg_params *p,
		 struct lp_error *err)
{
	static const struct pg_params none;
	uint64_t key = st->key ? st->key : (uint64_t)(uintptr_t)st;
	char name[32];
	snprintf(name, sizeof name, "lp_%016" PRIx64, key);
	if (!p)
		p = &none;
	if (pg_bulk_pending(g) && pg_bulk_send(g, err)) /* rows gathered go first */
		return NULL;
	pg_trace(st->sql, p->n, p->v, p->fmt);
	for (int attempt = 0;; attempt++) {
		bool may_retry = g->depth == 0 && attempt < PG_RETRIES;
		bool executed = false;
		if (PQstatus(g->conn) != CONNECTION_OK) {
			if (g->depth > 0) {
				pg_fail(g, NULL, err);
				return NULL;
			}
			if (reconnect(g, err))
				return NULL;
		}
		PGresult *res = NULL;
		bool oom = false, unnamed = false;
		if (st->custom || (!is_prepared(g, key) && attempt == 0 &&
				   first_run(g, key, &oom))) {
			if (oom) {
				pg_oom(err);
				return NULL;
			}
			executed = unnamed = true;
			res = PQexecParams(g->conn, st->sql, p->n, NULL, p->v, p->len, p->fmt, 0);
		} else if (!is_prepared(g, key)) {
			res = PQprepare(g->conn, name, st->sql, 0, NULL);
			if (res && PQresultStatus(res) == PGRES_COMMAND_OK) {
				PQclear(res);
				res = NULL;
				if (!mark_prepared(g, key)) {
					pg_oom(err);
					return NULL;
				}
			}
		}
		if (!res && !unnamed) {
			executed = true;
			res = PQexecPrepared(g->conn, name, p->n, p->v, p->len, p->fmt, 0);
		}
		ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
		if (rs == PGRES_TUPLES_OK || rs == PGRES_COMMAND_OK)
			return res;
		if (may_retry && may_rerun(g, st, res, executed)) {
			PQclear(res);
			backoff(attempt + 1);
			continue;
		}
		pg_fail(g, res, err);
		PQclear(res);
		return NULL;
	}
}

int pg_run_cmd(struct pg_store *g, const struct pg_sql *st, const struct pg_params *p,
	       int64_t *rows, struct lp_error *err)
{
	PGresult *res = pg_run(g, st, p, err);
	if (!res)
		return err->code;
	if (rows)
		*rows = strtoll(PQcmdTuples(res), NULL, 10);
	PQclear(res);
	return LP_OK;
}

int pg_exec(struct pg_store *g, const char *sql, struct lp_error *err)
{
	if (pg_bulk_pending(g)) { /* rows gathered go first */
		int rc = pg_bulk_send(g, err);
		if (rc)
			return rc;
	}
	if (PQstatus(g->conn) != CONNECTION_OK && g->depth == 0) {
		int rc = reconnect(g, err);
		if (rc)
			return rc;
	}
	PGresult *res = PQexec(g->conn, sql);
	ExecStatusType rs = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
	int rc = LP_OK;
	if (rs != PGRES_COMMAND_OK && rs != PGRES_TUPLES_OK)
		rc = pg_fail(g, res, err);
	PQclear(res);
	return rc;
}

/* ---- columns ---- */

void pg_copy(const PGresult *r, int row, int i, char *dst, unsigned long n)
{
	lp_strlcpy(dst, PQgetisnull(r, row, i) ? "" : PQgetvalue(r, row, i), n);
}

char *pg_dup(const PGresult *r, int row, int i, bool *oom)
{
	if (PQgetisnull(r, row, i))
		return NULL;
	int len = PQgetlength(r, row, i);
	char *s = malloc((size_t)len + 1);
	if (!s) {
		*oom = true;
		return NULL;
	}
	memcpy(s, PQgetvalue(r, row, i), (size_t)len);
	s[len] = '\0';
	return s;
}

int64_t pg_int(const PGresult *r, int row, int i)
{
	return PQgetisnull(r, row, i) ? 0 : strtoll(PQgetvalue(r, row, i), NULL, 10);
}

bool pg_bool(const PGresult *r, int row, int i)
{
	return !PQgetisnull(r, row, i) && PQgetvalue(r, row, i)[0] == 't';
}

int pg_hash(const PGresult *r, int row, int i, unsigned char out[32], struct lp_error *err)
{
	memset(out, 0, LP_HASH_LEN);
	if (PQgetisnull(r, row, i))
		return LP_OK;
	size_t len = 0;
	unsigned char *b = PQunescapeBytea((const unsigned char *)PQgetvalue(r, row, i), &len);
	if (!b)
		return pg_oom(err);
	int rc = LP_OK;
	if (len == LP_HASH_LEN)
		memcpy(out, b, LP_HASH_LEN);
	else if (len != 0)
		rc = lp_error_set(err, LP_EDATA,
				  _("a stored hash has %zu bytes instead of %d"), len,
				  LP_HASH_LEN);
	PQfreemem(b);
	return rc;
}
