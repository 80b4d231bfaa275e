/* sq_internal.h: the SQLite backend's handle and helpers, shared by the
 * files of db/sqlite/ (private).  The ops in each file are declared here
 * and gathered into lp_sqlite_ops by sq_open.c. */
#ifndef LAPOR_SQ_INTERNAL_H
#define LAPOR_SQ_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>

#include "store_backend.h"

#define SQ_CACHE_SIZE 96 /* prepared statements kept per store */

struct sq_cached {
	uint64_t key;      /* (uintptr_t)sql for static text, SQ_KEY_TAG|... for built lists */
	sqlite3_stmt *st;  /* owned by the cache */
};

/* Keys of built statements have this bit set (pointers never do). */
#define SQ_KEY_TAG (UINT64_C(1) << 63)

struct sq_store {
	struct lp_store base;                  /* must be first */
	sqlite3 *db;                           /* owned */
	char *path;                            /* owned: the file, for messages */
	int flags;                             /* enum lp_store_open_flags */
	int depth;                             /* open transaction levels (0 = none) */
	struct sq_cached cache[SQ_CACHE_SIZE]; /* prepared statements */
	unsigned cache_next;                   /* next victim when the cache is full */
	bool bulk;                             /* page cache raised until the transaction ends */
	bool batch;                            /* a batch of transactions (lp_store_batch) */
	struct sq_intake_bulk *intake;         /* owned: a bulk intake under way (sq_bulk.c) */
};

static inline struct sq_store *sq(struct lp_store *s)
{
	return (struct sq_store *)s;
}

/* Maps SQLite's error `rc` (and the connection's message) to an lp_error
 * and returns its code: BUSY/LOCKED -> LP_EBUSY, I/O family -> LP_EIO,
 * CONSTRAINT -> LP_EDATA, others LP_EINTERNAL. */
int sq_fail(struct sq_store *q, int rc, struct lp_error *err);

/* The cached statement for static text `sql` (prepared on first use), or
 * a fresh one when the cached one is in use by an outer iteration.  NULL
 * with err set on failure.  Give it back with sq_release(). */
sqlite3_stmt *sq_stmt(struct sq_store *q, const char *sql, struct lp_error *err);
/* The same for built text: `key` (with SQ_KEY_TAG) names the text, which
 * build(ctx) writes into a malloc'd string only on a cache miss. */
sqlite3_stmt *sq_stmt_keyed(struct sq_store *q, uint64_t key, char *(*build)(const void *ctx),
			    const void *ctx, struct lp_error *err);
/* Resets a statement from sq_stmt*() (or finalizes it when it was a
 * fresh one).  Accepts NULL. */
void sq_release(struct sq_store *q, sqlite3_stmt *st);
/* Finalizes every cached statement. */
void sq_cache_clear(struct sq_store *q);

/* sqlite3_step() that maps errors: returns SQLITE_ROW or SQLITE_DONE, or
 * minus the lp_status_code with err set (so `if (rc < 0) return -rc;`). */
int sq_step(struct sq_store *q, sqlite3_stmt *st, struct lp_error *err);
/* Runs a statement that returns no rows (step to done, release).  Maps
 * errors; releases st in all cases. */
int sq_exec_stmt(struct sq_store *q, sqlite3_stmt *st, struct lp_error *err);

/* Binding by parameter name (":sp"); a name not in the statement is
 * skipped.  Text is bound SQLITE_STATIC: it must outlive the step. */
void sq_bind_text(sqlite3_stmt *st, const char *name, const char *v);
void sq_bind_int64(sqlite3_stmt *st, const char *name, int64_t v);

/* Copies column i (NULL as "") into a fixed array of size n. */
void sq_col_copy(sqlite3_stmt *st, int i, char *dst, unsigned long n);
/* A malloc'd copy of column i, NULL when the column is NULL.  Sets *oom
 * when allocation fails. */
char *sq_col_dup(sqlite3_stmt *st, int i, bool *oom);
/* The out-of-memory error. */
int sq_oom(struct lp_error *err);

/* Runs fixed SQL text (no values in it: DDL, pragmas, transactions). */
int sq_exec(struct sq_store *q, const char *sql, struct lp_error *err);
/* A bulk load (a case with its first event: import, demo) is under way in
 * the open write transaction: raises the page cache until it ends (sq_open.c). */
void sq_bulk(struct sq_store *q);
/* Reads PRAGMA user_version into *out. */
int sq_schema_version(struct sq_store *q, int *out, struct lp_error *err);

/* The ops, by file.  `err` is never NULL (store.c passes its own). */
int sq_migrate(struct lp_store *s, int *from, int *to, struct lp_error *err);

int sq_agency_put(struct lp_store *s, const struct lp_agency *a, struct lp_error *err);
int sq_agency_get(struct lp_store *s, const char *code, struct lp_agency *out,
		  struct lp_error *err);
int sq_agency_list(struct lp_store *s, const char *under_path, lp_agency_cb cb, void *ud,
		   struct lp_error *err);
int sq_officer_put(struct lp_store *s, const struct lp_officer *o, struct lp_error *err);
int sq_officer_get(struct lp_store *s, const char *login, struct lp_officer *out,
		   struct lp_error *err);
int sq_officer_list(struct lp_store *s, const char *under_path, lp_officer_cb cb, void *ud,
		    struct lp_error *err);

int sq_case_insert(struct lp_store *s, struct lp_case *c, struct lp_error *err);
int sq_case_get(struct lp_store *s, int64_t id, struct lp_case *out, struct lp_error *err);
int sq_case_get_by_tracking(struct lp_store *s, const char *tid, struct lp_case *out,
			    struct lp_error *err);
int sq_case_update(struct lp_store *s, const struct lp_case *c, int64_t expected_version,
		   struct lp_error *err);
int sq_case_list(struct lp_store *s, const struct lp_case_filter *f, lp_case_cb cb, void *ud,
		 struct lp_error *err);
int sq_case_count(struct lp_store *s, const struct lp_case_filter *f, int64_t *out,
		  struct lp_error *err);

int sq_event_append(struct lp_store *s, const struct lp_event *e, struct lp_error *err);
int sq_event_list(struct lp_store *s, int64_t case_id, int64_t after, lp_event_cb cb, void *ud,
		  struct lp_error *err);
int sq_event_scan(struct lp_store *s, lp_event_cb cb, void *ud, struct lp_error *err);
int sq_draft_put(struct lp_store *s, int64_t case_id, const char *login, enum lp_action kind,
		 const char *text, int64_t at, struct lp_error *err);
int sq_draft_get(struct lp_store *s, int64_t case_id, const char *login, enum lp_action *kind,
		 char **text, struct lp_error *err);
int sq_draft_delete(struct lp_store *s, int64_t case_id, const char *login,
		    struct lp_error *err);
int sq_meta_get(struct lp_store *s, const char *key, char **out, struct lp_error *err);
int sq_meta_put(struct lp_store *s, const char *key, const char *value, struct lp_error *err);

int sq_holiday_put(struct lp_store *s, const struct lp_holiday *h, struct lp_error *err);
int sq_holiday_list(struct lp_store *s, const char *from, const char *to, lp_holiday_cb cb,
		    void *ud, struct lp_error *err);
int sq_policy_put(struct lp_store *s, const struct lp_sla_policy *p, struct lp_error *err);
int sq_policy_get(struct lp_store *s, enum lp_kind kind, enum lp_sla_stage stage,
		  bool field_check, struct lp_sla_policy *out, struct lp_error *err);
int sq_policy_list(struct lp_store *s, lp_policy_cb cb, void *ud, struct lp_error *err);

/* A bulk intake (sq_bulk.c; lp_store_bulk_intake in db/store.h): the op;
 * sq_bulk_sync fills what it deferred (the full-text index and tallies of
 * the new cases) when c is one of them, and must run before any change
 * to an existing case c (sq_case_update does it); sq_bulk_rolled_back is called by rollback
 * (after q->depth was lowered): it forgets the bulk intake when its
 * level was rolled back, else notes that a fill may have been undone. */
int sq_bulk_intake(struct lp_store *s, bool on, struct lp_error *err);
int sq_bulk_sync(struct sq_store *q, const struct lp_case *c, struct lp_error *err);
void sq_bulk_rolled_back(struct sq_store *q);

/* Copying a database out (sq_export.c): every draft, every setting. */
int sq_draft_scan(struct lp_store *s, lp_draft_cb cb, void *ud, struct lp_error *err);
int sq_meta_list(struct lp_store *s, lp_meta_cb cb, void *ud, struct lp_error *err);

#endif
