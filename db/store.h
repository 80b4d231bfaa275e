/* store.h: the storage contract between liblapor and a database backend.
 *
 * A store is an opaque handle on one database (a SQLite file today, a
 * PostgreSQL server later).  Every function returns an enum
 * lp_status_code and fills `err` (which may be NULL) on failure:
 * LP_ENOENT when a looked-up row is absent, LP_EBUSY when the database
 * stayed locked past the busy timeout, LP_EIO for I/O errors (disk full,
 * read-only, corrupt file), LP_EDATA when a row breaks a constraint.
 *
 * The store applies no permission rules and no privacy masking: core
 * decides who may read or change what and passes the scope it computed
 * in struct lp_case_filter.  Every statement is prepared with bound
 * parameters.  Text in and out is UTF-8 and never altered.
 *
 * Structs returned through `out` parameters are filled by the store and
 * owned by the caller (free them with lp_case_clear() / lp_event_clear()).
 * Structs passed to callbacks are borrowed: valid only during the call.
 * A callback that returns non-zero stops the iteration; the list
 * function then returns that value. */
#ifndef LAPOR_STORE_H
#define LAPOR_STORE_H

#include <stdbool.h>
#include <stdint.h>

#include "error.h"
#include "model.h"

struct lp_store;

/* The newest schema version this build knows. */
#define LP_SCHEMA_VERSION 1

enum lp_store_open_flags {
	LP_STORE_CREATE = 1 << 0,   /* create the file if missing (SQLite) */
	LP_STORE_READONLY = 1 << 1, /* open for reading only */
};

/* Opens the database named by `uri`: a file path for SQLite (later also
 * "postgresql://..." or "host=... dbname=..." for PostgreSQL).  Does not
 * create or upgrade the schema: see lp_store_migrate().  Fails with
 * LP_ENOENT when the file is missing (and LP_STORE_CREATE is not set),
 * LP_EIO when it is not a database, or its schema is newer than
 * LP_SCHEMA_VERSION (the message says so), and LP_EDATA when it has no
 * schema yet or an older one (the message names `lapor init`) unless
 * LP_STORE_CREATE is set.  On success *out is owned by the caller; close
 * it with lp_store_close(). */
int lp_store_open(const char *uri, int flags, struct lp_store **out, struct lp_error *err);

/* Closes the store, rolling back any open transaction.  Accepts NULL. */
void lp_store_close(struct lp_store *s);

/* "sqlite" or "postgresql"; static string. */
const char *lp_store_backend(const struct lp_store *s);

/* Creates the schema in an empty database or upgrades an older one to
 * LP_SCHEMA_VERSION, in one transaction, seeding the shipped data (the
 * agency tree from db/data/ and the system officers "system" and
 * "intake").  Refuses (LP_EIO) a database whose schema is newer.
 * *from and *to (either may be NULL) receive the versions before/after. */
int lp_store_migrate(struct lp_store *s, int *from, int *to, struct lp_error *err);

/* Transactions.  lp_store_begin(write=true) takes the write lock at once
 * (SQLite: BEGIN IMMEDIATE), waiting up to the busy timeout, then fails
 * with LP_EBUSY.  Transactions nest: a begin inside an open transaction
 * opens a savepoint, and its rollback undoes only what was done since.
 * Commit of the outermost level makes the changes durable. */
int lp_store_begin(struct lp_store *s, bool write, struct lp_error *err);
int lp_store_commit(struct lp_store *s, struct lp_error *err);
/* Rolls back the innermost open level.  Never fails; accepts no open level. */
void lp_store_rollback(struct lp_store *s);

/* A number that changes whenever another connection commits a change
 * (SQLite: PRAGMA data_version).  Cheap: called every second by the console. */
int lp_store_data_version(struct lp_store *s, int64_t *out, struct lp_error *err);

/* ---- agencies ---- */

typedef int (*lp_agency_cb)(const struct lp_agency *a, void *ud);

/* Inserts or replaces the agency with a->code. */
int lp_store_agency_put(struct lp_store *s, const struct lp_agency *a, struct lp_error *err);
/* Fills *out with the agency `code`, or LP_ENOENT. */
int lp_store_agency_get(struct lp_store *s, const char *code, struct lp_agency *out, struct lp_error *err);
/* Calls cb for every agency whose path starts with `under_path` (NULL or
 * "" for all), in path order (so a parent comes before its children). */
int lp_store_agency_list(struct lp_store *s, const char *under_path, lp_agency_cb cb, void *ud, struct lp_error *err);

/* ---- officers ---- */

typedef int (*lp_officer_cb)(const struct lp_officer *o, void *ud);

/* Inserts the officer (o->id is ignored) or, when the login exists,
 * updates name, agency, role and active. */
int lp_store_officer_put(struct lp_store *s, const struct lp_officer *o, struct lp_error *err);
/* Fills *out with the officer `login`, or LP_ENOENT. */
int lp_store_officer_get(struct lp_store *s, const char *login, struct lp_officer *out, struct lp_error *err);
/* Calls cb for every officer whose agency's path starts with under_path
 * (NULL or "" for all), ordered by agency path then login. */
int lp_store_officer_list(struct lp_store *s, const char *under_path, lp_officer_cb cb, void *ud, struct lp_error *err);

/* ---- cases ---- */

typedef int (*lp_case_cb)(const struct lp_case *c, void *ud);

enum lp_case_order {
	LP_ORDER_ID,       /* case number */
	LP_ORDER_DUE,      /* due_at (cases without a clock last), then id */
	LP_ORDER_UPDATED,  /* updated_at, then id */
};

/* Which cases a list or count covers.  All conditions are ANDed; a zero
 * or NULL member means "no condition". */
struct lp_case_filter {
	/* Scope: filled by core from the acting officer, never from input. */
	const char *scope_path;      /* agency path prefix the case's agency must have */
	const char *scope_agency;    /* the case's agency must be exactly this */
	unsigned scope_status_mask;  /* bit (1u << status) set for each status allowed */

	/* Selection. */
	unsigned status_mask;        /* bit (1u << status) set for each status wanted */
	const char *agency;          /* exact handling agency */
	const char *under_path;      /* handling agency's path starts with this */
	const char *assignee;        /* login; "" selects unassigned cases */
	int kind;                    /* enum lp_kind, or -1 for any */
	int privacy;                 /* enum lp_privacy, or -1 for any */
	const char *escalated_to;    /* agency code holding the escalation */
	int64_t due_before;          /* due_at != 0 and due_at < this */
	int64_t updated_after;       /* updated_at >= this */

	/* Order and page (keyset pagination: never reads skipped rows). */
	enum lp_case_order order;
	bool descending;
	bool has_after;              /* start after the row (after_key, after_id) */
	int64_t after_key;           /* the order column's value of the last row seen (ignored for LP_ORDER_ID) */
	int64_t after_id;            /* the id of the last row seen */
	int limit;                   /* 0 = no limit */
};

/* Initialises f to "no condition": kind and privacy -1, the rest zero. */
void lp_case_filter_init(struct lp_case_filter *f);

/* Inserts a new case.  c->id is ignored and set to the new number;
 * c->tracking_id must be unique (LP_EDATA otherwise). */
int lp_store_case_insert(struct lp_store *s, struct lp_case *c, struct lp_error *err);
/* Fills *out with case `id`, or LP_ENOENT. */
int lp_store_case_get(struct lp_store *s, int64_t id, struct lp_case *out, struct lp_error *err);
/* Fills *out with the case whose tracking id is `tid`, or LP_ENOENT. */
int lp_store_case_get_by_tracking(struct lp_store *s, const char *tid, struct lp_case *out, struct lp_error *err);
/* Writes every field of c to the row c->id, but only if that row's
 * version is still `expected_version`; returns LP_EREFUSED (changing
 * nothing) otherwise.  c->version must already hold the new version. */
int lp_store_case_update(struct lp_store *s, const struct lp_case *c, int64_t expected_version, struct lp_error *err);
/* Calls cb for each case matching f, in f's order, at most f->limit. */
int lp_store_case_list(struct lp_store *s, const struct lp_case_filter *f, lp_case_cb cb, void *ud, struct lp_error *err);
/* Counts the cases matching f (limit and page ignored). */
int lp_store_case_count(struct lp_store *s, const struct lp_case_filter *f, int64_t *out, struct lp_error *err);

/* ---- events (append only: nothing updates or deletes them) ---- */

typedef int (*lp_event_cb)(const struct lp_event *e, void *ud);

/* Appends an event; (case_id, seq) must be new (LP_EDATA otherwise). */
int lp_store_event_append(struct lp_store *s, const struct lp_event *e, struct lp_error *err);
/* Calls cb for the events of one case in seq order. */
int lp_store_event_list(struct lp_store *s, int64_t case_id, lp_event_cb cb, void *ud, struct lp_error *err);
/* Calls cb for every event of every case, ordered by case then seq,
 * streaming (memory does not grow with the log).  For audit verify. */
int lp_store_event_scan(struct lp_store *s, lp_event_cb cb, void *ud, struct lp_error *err);

/* ---- drafts: what an officer is writing, kept across crashes ---- */

/* Saves (replaces) the draft of `login` on case `case_id`; kind is
 * LP_ACTION_REPLY or LP_ACTION_NOTE. */
int lp_store_draft_put(struct lp_store *s, int64_t case_id, const char *login, enum lp_action kind,
		       const char *text, int64_t at, struct lp_error *err);
/* Fills *kind and *text (malloc'd, caller frees) with the draft, or LP_ENOENT. */
int lp_store_draft_get(struct lp_store *s, int64_t case_id, const char *login, enum lp_action *kind,
		       char **text, struct lp_error *err);
/* Deletes the draft if there is one. */
int lp_store_draft_delete(struct lp_store *s, int64_t case_id, const char *login, struct lp_error *err);

/* ---- working-day calendar and SLA policies ---- */

typedef int (*lp_holiday_cb)(const struct lp_holiday *h, void *ud);
typedef int (*lp_policy_cb)(const struct lp_sla_policy *p, void *ud);

/* Inserts or replaces the holiday on h->date. */
int lp_store_holiday_put(struct lp_store *s, const struct lp_holiday *h, struct lp_error *err);
/* Calls cb for each holiday with from <= date <= to ("YYYY-MM-DD";
 * NULL for open ends), in date order. */
int lp_store_holiday_list(struct lp_store *s, const char *from, const char *to, lp_holiday_cb cb,
			  void *ud, struct lp_error *err);
/* Inserts or replaces the policy for (kind, stage, field_check).  The
 * migration seeds the defaults of DESIGN.md for every kind. */
int lp_store_policy_put(struct lp_store *s, const struct lp_sla_policy *p, struct lp_error *err);
/* Fills *out with the policy for (kind, stage, field_check), or LP_ENOENT. */
int lp_store_policy_get(struct lp_store *s, enum lp_kind kind, enum lp_sla_stage stage,
			bool field_check, struct lp_sla_policy *out, struct lp_error *err);
/* Calls cb for every policy, ordered by kind, stage, field_check. */
int lp_store_policy_list(struct lp_store *s, lp_policy_cb cb, void *ud, struct lp_error *err);

/* ---- settings kept in the database ---- */

/* Fills *out (malloc'd, caller frees) with the value of `key`, or LP_ENOENT. */
int lp_store_meta_get(struct lp_store *s, const char *key, char **out, struct lp_error *err);
/* Sets `key` to `value`. */
int lp_store_meta_put(struct lp_store *s, const char *key, const char *value, struct lp_error *err);

/* ---- officers' database identities (added with the PostgreSQL backend) ---- */

/* Gives officer o its identity in the database: on PostgreSQL, creates
 * the LOGIN role o->login when missing, makes it a member of the group
 * role of o->role only (lapor_admin, lapor_coordinator, ...; "system"
 * joins lapor_admin) and allows its login only when o->active.  Call it
 * after lp_store_officer_put().  LP_EPERM unless the connection is the
 * database's owner or an admin officer; LP_EDATA for a login that cannot
 * be an officer's role (a superuser, a group, "pg_*").  No-op (LP_OK) on
 * SQLite, where the officer is the Unix login. */
int lp_store_officer_provision(struct lp_store *s, const struct lp_officer *o,
			       struct lp_error *err);

/* The database role this connection acts as (PostgreSQL: the login role,
 * which is the acting officer's login there and what row-level security
 * enforces), or NULL when the database has no roles (SQLite: the officer
 * is the Unix login).  Borrowed: valid until lp_store_close().  Accepts
 * NULL. */
const char *lp_store_db_login(const struct lp_store *s);

#endif
