/* sq_stmt.c: the per-store cache of prepared statements, error mapping
 * and small binding and column helpers. */
#include "i18n.h"
#include "sq_internal.h"

#include <stdlib.h>
#include <string.h>

int sq_oom(struct lp_error *err)
{
	return lp_error_set(err, LP_EINTERNAL, _("out of memory"));
}

int sq_fail(struct sq_store *q, int rc, struct lp_error *err)
{
	const char *msg = q->db ? sqlite3_errmsg(q->db) : sqlite3_errstr(rc);
	const char *file = q->path ? q->path : "(database)";

	switch (rc & 0xff) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return lp_error_set(err, LP_EBUSY,
				    _("the database is busy (locked by another lapor); try again"));
	case SQLITE_FULL:
		return lp_error_set(err, LP_EIO, _("the disk holding the database %s is full (%s)"),
				    file, msg);
	case SQLITE_READONLY:
		return lp_error_set(err, LP_EIO, _("the database %s is read-only (%s)"), file, msg);
	case SQLITE_CANTOPEN:
		return lp_error_set(err, LP_EIO, _("cannot open the database %s (%s)"), file, msg);
	case SQLITE_PERM:
		return lp_error_set(err, LP_EIO,
				    _("permission denied on the database %s (%s)"), file,
				    msg);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return lp_error_set(err, LP_EIO, _("%s is not a lapor database or is damaged (%s)"),
				    file, msg);
	case SQLITE_IOERR:
		return lp_error_set(err, LP_EIO, _("I/O error on the database %s (%s)"), file, msg);
	case SQLITE_CONSTRAINT:
		return lp_error_set(err, LP_EDATA,
				    _("the change breaks a rule of the database (%s)"),
				    msg);
	case SQLITE_NOMEM:
		return sq_oom(err);
	default:
		return lp_error_set(err, LP_EINTERNAL, _("database error on %s: %s"), file, msg);
	}
}

static struct sq_cached *cache_find(struct sq_store *q, uint64_t key)
{
	for (unsigned i = 0; i < SQ_CACHE_SIZE; i++)
		if (q->cache[i].st && q->cache[i].key == key)
			return &q->cache[i];
	return NULL;
}

/* A free slot, or the oldest idle one (finalized); NULL when all are busy. */
static struct sq_cached *cache_slot(struct sq_store *q)
{
	for (unsigned i = 0; i < SQ_CACHE_SIZE; i++)
		if (!q->cache[i].st)
			return &q->cache[i];
	for (unsigned n = 0; n < SQ_CACHE_SIZE; n++) {
		struct sq_cached *c = &q->cache[q->cache_next];
		q->cache_next = (q->cache_next + 1) % SQ_CACHE_SIZE;
		if (!sqlite3_stmt_busy(c->st)) {
			sqlite3_finalize(c->st);
			c->st = NULL;
			return c;
		}
	}
	return NULL;
}

static sqlite3_stmt *prepare(struct sq_store *q, uint64_t key, const char *sql,
			     struct lp_error *err)
{
	struct sq_cached *slot = cache_slot(q);
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v3(q->db, sql, -1, slot ? SQLITE_PREPARE_PERSISTENT : 0, &st,
				    NULL);
	if (rc != SQLITE_OK) {
		sq_fail(q, rc, err);
		sqlite3_finalize(st);
		return NULL;
	}
	if (slot) {
		slot->key = key;
		slot->st = st;
	}
	return st;
}

sqlite3_stmt *sq_stmt_keyed(struct sq_store *q, uint64_t key, char *(*build)(const void *ctx),
			    const void *ctx, struct lp_error *err)
{
	struct sq_cached *c = cache_find(q, key);
	if (c && !sqlite3_stmt_busy(c->st))
		return c->st;
	char *sql = build(ctx);
	if (!sql) {
		sq_oom(err);
		return NULL;
	}
	sqlite3_stmt *st;
	if (c) {
		/* In use by an outer iteration: a private statement. */
		int rc = sqlite3_prepare_v3(q->db, sql, -1, 0, &st, NULL);
		if (rc != SQLITE_OK) {
			sq_fail(q, rc, err);
			sqlite3_finalize(st);
			st = NULL;
		}
	} else {
		st = prepare(q, key, sql, err);
	}
	free(sql);
	return st;
}

sqlite3_stmt *sq_stmt(struct sq_store *q, const char *sql, struct lp_error *err)
{
	uint64_t key = (uint64_t)(uintptr_t)sql;
	struct sq_cached *c = cache_find(q, key);
	if (c && !sqlite3_stmt_busy(c->st))
		return c->st;
	if (c) {
		sqlite3_stmt *st = NULL;
		int rc = sqlite3_prepare_v3(q->db, sql, -1, 0, &st, NULL);
		if (rc == SQLITE_OK)
			return st;
		sq_fail(q, rc, err);
		sqlite3_finalize(st);
		return NULL;
	}
	return prepare(q, key, sql, err);
}

void sq_release(struct sq_store *q, sqlite3_stmt *st)
{
	if (!st)
		return;
	for (unsigned i = 0; i < SQ_CACHE_SIZE; i++) {
		if (q->cache[i].st == st) {
			sqlite3_reset(st);
			sqlite3_clear_bindings(st);
			return;
		}
	}
	sqlite3_finalize(st);
}

void sq_cache_clear(struct sq_store *q)
{
	for (unsigned i = 0; i < SQ_CACHE_SIZE; i++) {
		sqlite3_finalize(q->cache[i].st);
		q->cache[i].st = NULL;
	}
}

int sq_step(struct sq_store *q, sqlite3_stmt *st, struct lp_error *err)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW || rc == SQLITE_DONE)
		return rc;
	return -sq_fail(q, rc, err);
}

int sq_exec_stmt(struct sq_store *q, sqlite3_stmt *st, struct lp_error *err)
{
	int rc = sq_step(q, st, err);
	sq_release(q, st);
	return rc < 0 ? -rc : LP_OK;
}

void sq_bind_text(sqlite3_stmt *st, const char *name, const char *v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i > 0)
		sqlite3_bind_text(st, i, v, -1, SQLITE_STATIC);
}

void sq_bind_int64(sqlite3_stmt *st, const char *name, int64_t v)
{
	int i = sqlite3_bind_parameter_index(st, name);
	if (i > 0)
		sqlite3_bind_int64(st, i, v);
}

void sq_col_copy(sqlite3_stmt *st, int i, char *dst, unsigned long n)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	lp_strlcpy(dst, t ? (const char *)t : "", n);
}

char *sq_col_dup(sqlite3_stmt *st, int i, bool *oom)
{
	const unsigned char *t = sqlite3_column_text(st, i);
	if (!t)
		return NULL;
	int len = sqlite3_column_bytes(st, i);
	char *s = malloc((size_t)len + 1);
	if (!s) {
		*oom = true;
		return NULL;
	}
	memcpy(s, t, (size_t)len);
	s[len] = '\0';
	return s;
}
