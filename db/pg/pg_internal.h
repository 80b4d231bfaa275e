/* pg_internal.h: the PostgreSQL backend's handle and helpers, shared by
 * the files of db/pg/ (private).  The ops of each file are declared here
 * and gathered into lp_pg_ops by pg_open.c.
 *
 * Every statement runs with bound parameters: its first run on a
 * connection goes in one round trip as an unnamed statement
 * (PQexecParams), its second PQprepare's it as a named statement that
 * PQexecPrepared runs from then on, so a short-lived process pays no
 * extra round trip for statements it runs once.  Values are text format
 * except bytea hashes, which go binary. */
#ifndef LAPOR_PG_INTERNAL_H
#define LAPOR_PG_INTERNAL_H

#include <libpq-fe.h>
#include "pg_libpq.h" /* libpq loaded at run time */
#include <stdbool.h>
#include <stdint.h>

#include "store_backend.h"

#define PG_MAX_PARAMS 40    /* parameters of one statement */
#define PG_PAGE_ROWS 500    /* rows fetched per round trip by streaming lists */

/* Which relations a connection reads cases and events from. */
enum pg_read_mode {
	PG_READ_UNKNOWN = 0, /* not probed yet (no schema when opened) */
	PG_READ_FULL,        /* the tables themselves (owner, admin) */
	PG_READ_MASKED,      /* case_visible / event_visible (other officers) */
};

struct pg_store {
	struct lp_store base;   /* must be first */
	PGconn *conn;           /* owned */
	char *uri;              /* owned: what was opened, for reconnecting */
	char where[160];        /* "server 127.0.0.1:5432, database lapor", for messages */
	int flags;              /* enum lp_store_open_flags */
	int depth;              /* open transaction levels (0 = none) */
	uint64_t *prepared;     /* owned: keys of statements prepared on this connection */
	unsigned n_prepared, cap_prepared;
	uint64_t *seen;         /* owned: keys of statements run once, unnamed, on it */
	unsigned n_seen, cap_seen;
	bool write_txn;         /* the open transaction was begun for writing */
	bool may_lock;          /* may lock case rows (UPDATE on kase.version) */
	int64_t changes;        /* notifications from other connections (data_version) */
	bool listening;         /* LISTEN lapor_changes done on this connection */
	enum pg_read_mode read_mode;
	bool write_content;     /* may UPDATE title, body and reporter columns */
	uint64_t txn;           /* counts transactions begun (pg_begin) */
	struct lp_case held;    /* owned: the case last read under lock (pg_cases.c) */
	uint64_t held_txn;      /* ... in this transaction (txn then) */
	/* A bulk intake (pg_bulk.h): rows gathered for COPY. */
	bool bulk;              /* on: copied rows are gathered */
	bool bulk_sending;      /* a COPY is in progress */
	bool bulk_report;       /* the temporary table lapor_report_load exists */
	bool bulk_seq;          /* cases copied: move the sequence at the end */
	bool bulk_staged;       /* cases are in lapor_kase_load, not yet in kase */
	bool bulk_moving;       /* pg_bulk_move is running */
	int bulk_depth;         /* the transaction level it began in */
	int bulk_table;         /* enum pg_bulk_table of the gathered rows */
	char *bulk_buf;         /* owned: the rows, COPY text format */
	size_t bulk_len, bulk_cap;
	/* Agency subtrees read lately (pg_query.c): path and the codes under
	 * it as an array literal, owned; read again after a notification. */
	struct pg_subtree {
		char *path, *codes;
		int64_t changes;
		uint64_t used;  /* subtree_clock when last used */
	} subtree[4];
	uint64_t subtree_clock;
};

static inline struct pg_store *pg(struct lp_store *s)
{
	return (struct pg_store *)s;
}

/* A statement: `key` names it on the connection (0: the struct's own
 * address; built statements: their shape with PG_KEY_TAG), `sql` is its
 * text.  `retry_safe` marks statements that may be re-run after the
 * connection dropped while they ran (reads and idempotent writes).
 * `custom` statements are sent unnamed at every run, so the server plans
 * them for their values (queue pages and searches); the others are
 * prepared on their second run and keep the server's plan cache. */
struct pg_sql {
	uint64_t key;
	const char *sql;
	bool retry_safe;
	bool custom;    /* planned for its values at every run (never prepared) */
};

#define PG_KEY_TAG (UINT64_C(1) << 63)

/* Parameters of one execution.  Text values are borrowed (they must live
 * until pg_run returns); integers are formatted into `buf`. */
struct pg_params {
	int n;
	const char *v[PG_MAX_PARAMS];
	int len[PG_MAX_PARAMS];
	int fmt[PG_MAX_PARAMS];
	char buf[PG_MAX_PARAMS][24];
};

/* Adds a parameter and returns its number ($1 = 1).  pp_text(NULL) is
 * SQL NULL; pp_bytes is a binary bytea value. */
int pp_text(struct pg_params *p, const char *v);
int pp_int(struct pg_params *p, int64_t v);
int pp_bool(struct pg_params *p, bool v);
int pp_bytes(struct pg_params *p, const unsigned char *v, int len);

/* Runs the statement (preparing it first on this connection) and returns
 * its result (PGRES_TUPLES_OK or PGRES_COMMAND_OK), owned by the caller
 * (PQclear), or NULL with err set.  Outside a transaction only, and at
 * most 3 more times with a short backoff: reconnects a connection found
 * dropped, re-runs after a serialization failure or deadlock, and after a
 * connection dropped mid-statement when retry_safe.  Inside a transaction
 * nothing is retried (the caller's whole transaction would have to be):
 * the error is reported (LP_EBUSY "try again", LP_EIO for the server). */
PGresult *pg_run(struct pg_store *g, const struct pg_sql *st, const struct pg_params *p,
		 struct lp_error *err);
/* With $LAPOR_TRACE_SQL set, writes the statement and its values to
 * stderr, one line (pg_run does for each statement it runs).  fmt may be
 * NULL (all text). */
void pg_trace(const char *sql, int n, const char *const *v, const int *fmt);
/* pg_run for a statement returning no rows: LP_OK or the error code.
 * *rows (may be NULL) receives the number of rows changed. */
int pg_run_cmd(struct pg_store *g, const struct pg_sql *st, const struct pg_params *p,
	       int64_t *rows, struct lp_error *err);
/* Runs fixed SQL text with no values (transactions, DDL, LISTEN). */
int pg_exec(struct pg_store *g, const char *sql, struct lp_error *err);
/* The session's settings and LISTEN as one simple query, into sql (n bytes,
 * PG_SETTINGS_MAX is enough): run after connecting and reconnecting. */
#define PG_SETTINGS_MAX 200
void pg_session_settings(const struct pg_store *g, char *sql, size_t n);

/* Maps a failed result (or a dead connection when res is NULL) to an
 * lp_error by SQLSTATE and returns its code: 40001/40P01 -> LP_EBUSY,
 * 08xxx and lost connections -> LP_EIO naming the server, 23xxx ->
 * LP_EDATA, 42501 -> LP_EPERM, 53xxx -> LP_EIO, others LP_EINTERNAL. */
int pg_fail(struct pg_store *g, const PGresult *res, struct lp_error *err);
/* The out-of-memory error. */
int pg_oom(struct lp_error *err);

/* Column helpers (text result format).  pg_copy copies column i (NULL as
 * "") into a fixed array; pg_dup returns a malloc'd copy or NULL for SQL
 * NULL (setting *oom on allocation failure); pg_int/pg_bool parse;
 * pg_hash decodes a bytea into LP_HASH_LEN bytes (zero when NULL). */
void pg_copy(const PGresult *r, int row, int i, char *dst, unsigned long n);
char *pg_dup(const PGresult *r, int row, int i, bool *oom);
int64_t pg_int(const PGresult *r, int row, int i);
bool pg_bool(const PGresult *r, int row, int i);
int pg_hash(const PGresult *r, int row, int i, unsigned char out[32], struct lp_error *err);

/* Learns (once the schema exists) whether this connection reads the
 * tables or the masking views, may write content columns and may lock
 * case rows. */
int pg_probe_privileges(struct pg_store *g, struct lp_error *err);
/* Reads the schema version (0 when there is no lapor schema). */
int pg_schema_version(struct pg_store *g, int *out, struct lp_error *err);
/* Forgets what was prepared (after a reconnect or a rolled back DDL). */
void pg_forget_prepared(struct pg_store *g);

/* The ops, by file.  `err` is never NULL (store.c passes its own). */
int pg_migrate(struct lp_store *s, int *from, int *to, struct lp_error *err);
int pg_officer_provision(struct lp_store *s, const struct lp_officer *o, struct lp_error *err);

int pg_agency_put(struct lp_store *s, const struct lp_agency *a, struct lp_error *err);
int pg_agency_get(struct lp_store *s, const char *code, struct lp_agency *out,
		  struct lp_error *err);
int pg_agency_list(struct lp_store *s, const char *under_path, lp_agency_cb cb, void *ud,
		   struct lp_error *err);
int pg_officer_put(struct lp_store *s, const struct lp_officer *o, struct lp_error *err);
int pg_officer_get(struct lp_store *s, const char *login, struct lp_officer *out,
		   struct lp_error *err);
int pg_officer_list(struct lp_store *s, const char *under_path, lp_officer_cb cb, void *ud,
		    struct lp_error *err);

int pg_case_insert(struct lp_store *s, struct lp_case *c, struct lp_error *err);
int pg_case_get(struct lp_store *s, int64_t id, struct lp_case *out, struct lp_error *err);
int pg_case_get_by_tracking(struct lp_store *s, const char *tid, struct lp_case *out,
			    struct lp_error *err);
int pg_case_update(struct lp_store *s, const struct lp_case *c, int64_t expected_version,
		   struct lp_error *err);
int pg_case_list(struct lp_store *s, const struct lp_case_filter *f, lp_case_cb cb, void *ud,
		 struct lp_error *err);
int pg_case_count(struct lp_store *s, const struct lp_case_filter *f, int64_t *out,
		  struct lp_error *err);
/* Copying a database in (lapor migrate): pg_cases.c, pg_settings.c. */
int pg_case_import(struct lp_store *s, const struct lp_case *c, struct lp_error *err);
int pg_draft_scan(struct lp_store *s, lp_draft_cb cb, void *ud, struct lp_error *err);
int pg_meta_list(struct lp_store *s, lp_meta_cb cb, void *ud, struct lp_error *err);
/* Reads the case columns (PG_CASE_COLS order) of row `row` into *c. */
int pg_read_case(const PGresult *r, int row, struct lp_case *c, struct lp_error *err);
/* The codes of the agencies under path as an array literal ("{31,31.71}"),
 * kept on the connection (the last few paths) until a notification says
 * something changed; NULL with err set on failure (pg_query.c).  Borrowed:
 * valid until the next call. */
const char *pg_subtree_codes(struct pg_store *g, const char *path, struct lp_error *err);
/* Calls cb with each case of r (rows of PG_CASE_COLS), moving page's
 * keyset (after_id, after_key) past it; returns cb's or a read's
 * non-zero stop, else 0. */
int pg_emit_page(const PGresult *r, struct lp_case_filter *page, lp_case_cb cb, void *ud,
		 struct lp_error *err);

int pg_event_append(struct lp_store *s, const struct lp_event *e, struct lp_error *err);
int pg_event_list(struct lp_store *s, int64_t case_id, int64_t after, lp_event_cb cb, void *ud,
		  struct lp_error *err);
int pg_event_scan(struct lp_store *s, lp_event_cb cb, void *ud, struct lp_error *err);
int pg_draft_put(struct lp_store *s, int64_t case_id, const char *login, enum lp_action kind,
		 const char *text, int64_t at, struct lp_error *err);
int pg_draft_get(struct lp_store *s, int64_t case_id, const char *login, enum lp_action *kind,
		 char **text, struct lp_error *err);
int pg_draft_delete(struct lp_store *s, int64_t case_id, const char *login,
		    struct lp_error *err);

int pg_holiday_put(struct lp_store *s, const struct lp_holiday *h, struct lp_error *err);
int pg_holiday_list(struct lp_store *s, const char *from, const char *to, lp_holiday_cb cb,
		    void *ud, struct lp_error *err);
int pg_policy_put(struct lp_store *s, const struct lp_sla_policy *p, struct lp_error *err);
int pg_policy_get(struct lp_store *s, enum lp_kind kind, enum lp_sla_stage stage,
		  bool field_check, struct lp_sla_policy *out, struct lp_error *err);
int pg_policy_list(struct lp_store *s, lp_policy_cb cb, void *ud, struct lp_error *err);
int pg_meta_get(struct lp_store *s, const char *key, char **out, struct lp_error *err);
int pg_meta_put(struct lp_store *s, const char *key, const char *value, struct lp_error *err);

/* Declares a static statement: PG_SQL(NAME, retry_safe, "text"). */
#define PG_SQL(name, safe, text) \
	static const char name##_text[] = text; \
	static const struct pg_sql name = { (uint64_t)0, name##_text, safe, false }

#endif
