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
#define LP_SCHEMA_VERSION 11

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
/* True when every statement is a round trip to a server, so that reading
 * a small table whole beats reading its rows one by one. */
bool lp_store_remote(const struct lp_store *s);

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
 * (SQLite: PRAGMA data_version).  Cheap: called every second by the console.
 * On PostgreSQL the store listens for changes from its first call on (a
 * process that never asks is never woken by others' commits). */
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
/* The same, for the events after seq `after` only (reads no earlier one). */
int lp_store_event_list_after(struct lp_store *s, int64_t case_id, int64_t after, lp_event_cb cb,
			      void *ud, struct lp_error *err);
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

/* ---- finding cases: the query language, full-text search, saved
 * queues, the dashboard (added with search; SQLite schema 002).  A
 * backend without these answers LP_EUSAGE "not supported on this
 * backend yet". ---- */

struct lp_query; /* core/query.h: a parsed query */

/* What a query or search needs beyond the filter, resolved by core from
 * the session (never from input). */
struct lp_query_ctx {
	int64_t now;                /* unix seconds: durations, overdue, due */
	int tz_minutes;             /* zone of dates in the query (UTC offset) */
	const char *me;             /* login for assignee:me ("" matches no one) */
	bool content_all;           /* text matches every case (admin, system) */
	const char *content_agency; /* else: a secret case's text matches only when
				     * it is handled by this agency */
	bool notes;                 /* search internal notes too (lp_store_case_search) */
	int64_t count_cap;          /* lp_store_case_query_count counts at most this
				     * many (0: all); a count equal to it means "at
				     * least", and costs no more than reading it */
};

/* Calls cb for each case matching f (scope, selection, order, keyset
 * page, limit: as lp_store_case_list) AND the query q (NULL or empty:
 * every case), as ONE prepared statement with every value bound.  A
 * text term matches title and body, never reporter fields, and never
 * the text of a secret case outside x->content_agency (unless
 * x->content_all).  x must not be NULL. */
int lp_store_case_query(struct lp_store *s, const struct lp_case_filter *f,
			const struct lp_query *q, const struct lp_query_ctx *x, lp_case_cb cb,
			void *ud, struct lp_error *err);
/* Counts the cases lp_store_case_query would give (page and limit ignored). */
int lp_store_case_query_count(struct lp_store *s, const struct lp_case_filter *f,
			      const struct lp_query *q, const struct lp_query_ctx *x,
			      int64_t *out, struct lp_error *err);

/* Snippet highlight markers: the matched words lie between them. */
#define LP_HL_ON "\x02"
#define LP_HL_OFF "\x03"

/* One search result.  Borrowed by the callback. */
struct lp_search_hit {
	const struct lp_case *c;    /* the case, unmasked (core masks it) */
	double rank;                /* lower is better: bm25 (negative), or the tier 1..3 */
	const char *where;          /* "title", "body", "reply", "note" or "message" */
	int64_t seq;                /* the event's seq for reply/note/message, else 0 */
	const char *snippet;        /* raw text around the match, matches between
				     * LP_HL_ON and LP_HL_OFF; NULL when none */
};
typedef int (*lp_search_cb)(const struct lp_search_hit *h, void *ud);

/* Full-text search: `text` is words separated by white space (all must
 * match, in any order; a word ending in '*' matches words starting with
 * it; no other syntax), over titles, bodies, replies, the citizen's
 * messages and, with x->notes, internal notes.  Cases within f (scope
 * and selection; order and page ignored), best first, at most `limit`
 * (1..1000): by bm25 when few cases match, else title matches, then
 * body, then events, newest first (rank 1, 2, 3).  The privacy
 * condition of x applies in SQL before ranking, so a page is full.
 * LP_EUSAGE when text has no word. */
int lp_store_case_search(struct lp_store *s, const struct lp_case_filter *f,
			 const struct lp_query_ctx *x, const char *text, int limit,
			 lp_search_cb cb, void *ud, struct lp_error *err);

/* Candidates for duplicates of case `id`: open cases (new .. responded)
 * within f's scope, other than `id`, whose region is `region` or whose
 * category is `category` (either may be "" for none), newest first, at
 * most `limit` of each kind (so at most 2 * limit calls).  Core ranks
 * them by text similarity after masking. */
int lp_store_case_similar(struct lp_store *s, const struct lp_case_filter *f, int64_t id,
			  const char *region, const char *category, int limit, lp_case_cb cb,
			  void *ud, struct lp_error *err);

/* A saved queue: a named query, personal (owner set, agency "") or
 * agency-wide (owner "", agency set). */
#define LP_SAVED_QUERY_MAX 8192
struct lp_saved_queue {
	int64_t id;
	char name[LP_NAME_MAX];
	char owner[LP_LOGIN_MAX];
	char agency[LP_CODE_MAX];
	char query[LP_SAVED_QUERY_MAX]; /* canonical query text */
	char created_by[LP_LOGIN_MAX];
	int64_t created_at;
};
typedef int (*lp_queue_cb)(const struct lp_saved_queue *q, void *ud);

/* Inserts the queue, or replaces the query of the one with the same
 * (owner, agency, name); sets q->id. */
int lp_store_queue_put(struct lp_store *s, struct lp_saved_queue *q, struct lp_error *err);
/* Deletes the queue (owner, agency, name), or LP_ENOENT. */
int lp_store_queue_delete(struct lp_store *s, const char *owner, const char *agency,
			  const char *name, struct lp_error *err);
/* Calls cb for the personal queues of `owner` then the agency-wide
 * queues of `agency`, each by name. */
int lp_store_queue_list(struct lp_store *s, const char *owner, const char *agency,
			lp_queue_cb cb, void *ud, struct lp_error *err);

/* Dashboard rows: open cases (new .. in_progress; responded waits on the
 * citizen) of one agency or officer. */
struct lp_dash_count {
	const char *key;            /* agency code or officer login; borrowed */
	int64_t open;               /* open cases */
	int64_t due_soon;           /* running clock, due within [now, soon) */
	int64_t overdue;            /* running clock, due before now */
};
typedef int (*lp_dash_count_cb)(const struct lp_dash_count *r, void *ud);
enum lp_dash_by { LP_DASH_BY_AGENCY, LP_DASH_BY_OFFICER };

/* Calls cb once per agency (or assignee, unassigned left out) with open
 * cases within f's scope (scope_path, scope_agency, under_path, agency;
 * scope_status_mask).  Read from tallies kept by the schema, plus the
 * cases due on the partial days at now and soon, so it does not grow
 * with the number of cases. */
int lp_store_dash_counts(struct lp_store *s, const struct lp_case_filter *f,
			 enum lp_dash_by by, int64_t now, int64_t soon, lp_dash_count_cb cb,
			 void *ud, struct lp_error *err);
/* Fills received[i] and closed[i] (i < days) with the cases created, and
 * closed, within f's scope (agency conditions only) on day first_day + i
 * (days since 1970-01-01, each agency's local day; tz_minutes is the
 * zone of the caller, for backends that keep UTC times). */
int lp_store_dash_days(struct lp_store *s, const struct lp_case_filter *f, int64_t first_day,
		       int days, int tz_minutes, int64_t *received, int64_t *closed,
		       struct lp_error *err);
/* Counts the SLA-measured answers and closings from local day
 * `since_day` on, within f's agency scope: *measured in all, *on_time of
 * them before their deadline. */
int lp_store_dash_ontime(struct lp_store *s, const struct lp_case_filter *f, int64_t since_day,
			 int64_t *on_time, int64_t *measured, struct lp_error *err);
/* Calls cb with the title of each case created in [from, to) within f's
 * scope whose content x lets be read (secret cases outside
 * x->content_agency are left out), newest first, at most `limit`
 * (0: all): the sample of the dashboard's hot words. */
typedef int (*lp_text_cb)(const char *text, int64_t at, void *ud);
int lp_store_dash_titles(struct lp_store *s, const struct lp_case_filter *f,
			 const struct lp_query_ctx *x, int64_t from, int64_t to, int limit,
			 lp_text_cb cb, void *ud, struct lp_error *err);

/* ---- a new case with its first event (added for the import's speed) ---- */

/* Completes e from c once c->id is known, and sets c->event_count and
 * c->last_hash from it (core/journal.h: lp_journal_seal). */
typedef void (*lp_seal_fn)(struct lp_case *c, struct lp_event *e);
/* Inserts the new case c (c->id ignored, then set to the new number, as
 * lp_store_case_insert) together with its first event e: calls seal(c, e)
 * once the number is known, then writes the case row once, already
 * holding event_count and last_hash, and appends e.  Call it inside a
 * write transaction; on failure roll it back (c and e may be half set).
 * A backend without the op gets the same rows from insert, seal, event
 * append and update.  e's strings stay owned by the caller. */
int lp_store_case_insert_first(struct lp_store *s, struct lp_case *c, struct lp_event *e,
			       lp_seal_fn seal, struct lp_error *err);

/* ---- performance reports (added with `lapor stats`) ---- */

enum lp_stats_by { LP_STATS_BY_NONE, LP_STATS_BY_AGENCY, LP_STATS_BY_OFFICER,
		   LP_STATS_BY_CATEGORY };

/* One row of `lapor stats`: the cases received in [from, to) of one
 * group.  Borrowed by the callback. */
struct lp_stats_row {
	const char *key;            /* agency, assignee or category; "" for all */
	int64_t received;           /* cases received (created) in the window */
	int64_t closed;             /* of them: closed now */
	int64_t open;               /* of them: open now (new .. responded) */
	int64_t overdue;            /* of them: open, running clock, due before now */
	int64_t responded;          /* of them: answered at least once */
	int64_t median_response;    /* seconds to the first reply (lower median); -1 none */
	int64_t median_closure;     /* seconds to the last close of closed ones; -1 none */
	int64_t rating_sum;         /* sum of the feedback ratings on them */
	int64_t rating_count;       /* number of feedback ratings on them */
	/* Added with the on-time rate per stage (schema 3), indexed by enum
	 * lp_sla_stage: VERIFICATION, FIRST_RESPONSE, SETTLEMENT (FEEDBACK,
	 * the citizen's window, stays 0).  Of the cases in the row:
	 * stage_ended: the stage ended (kase X_at and X_due set) and is not
	 * running again now (clock_stage <> the stage); stage_met: of those,
	 * ended at or before the deadline then in force (X_at <= X_due);
	 * stage_late: open now, that stage's clock running (not paused) and
	 * its deadline (due_at) before now.  The on-time rate is
	 * met / (ended + late); lp_stats_ontime() computes it. */
	int64_t stage_ended[LP_STAGE_COUNT];
	int64_t stage_met[LP_STAGE_COUNT];
	int64_t stage_late[LP_STAGE_COUNT];
};
typedef int (*lp_stats_cb)(const struct lp_stats_row *r, void *ud);

/* Calls cb once per group (ordered by key) for the cases within f's scope
 * and selection created in [from, to), figures as of `now`, computed in
 * one statement of aggregates (a backend without it answers LP_EUSAGE). */
int lp_store_stats(struct lp_store *s, const struct lp_case_filter *f, int64_t from, int64_t to,
		   enum lp_stats_by by, int64_t now, lp_stats_cb cb, void *ud,
		   struct lp_error *err);

/* ---- copying a database (added with `lapor migrate`; a backend
 * without an op answers LP_EUSAGE) ---- */

/* Inserts c keeping its id and every field as given (the hash chains
 * name case ids), for copying a database; LP_EDATA when the id or the
 * tracking id exists.  PostgreSQL only so far. */
int lp_store_case_import(struct lp_store *s, const struct lp_case *c, struct lp_error *err);
/* One saved draft; the strings are borrowed by the callback. */
typedef int (*lp_draft_cb)(int64_t case_id, const char *login, enum lp_action kind,
			   const char *text, int64_t at, void *ud);
/* Calls cb for every draft the connection may read (all of them on SQLite
 * and for PostgreSQL's owner role), by case then login. */
int lp_store_draft_scan(struct lp_store *s, lp_draft_cb cb, void *ud, struct lp_error *err);
/* One setting; borrowed by the callback. */
typedef int (*lp_meta_cb)(const char *key, const char *value, void *ud);
/* Calls cb for every setting, by key. */
int lp_store_meta_list(struct lp_store *s, lp_meta_cb cb, void *ud, struct lp_error *err);

/* ---- bulk intake (added for the import's speed) ---- */

/* Inside an open write transaction, on=true starts a bulk intake: the
 * backend may defer the per-row work the schema does for each NEW case
 * (SQLite: the full-text index and the dashboard's tallies, kept by
 * triggers) and do it set-based later; on=false does what was deferred
 * and ends it.  The result is the same rows as without it.  Between the
 * two, the caller may insert cases (lp_store_case_insert_first) and
 * change existing ones (the backend catches up before a case update);
 * other writes and the searches and tallies of the same transaction may
 * not see the new cases yet.  Commit ends a bulk intake still open;
 * rollback of the level it began in forgets it (a rollback of a nested
 * level inside it is caught up with).  A backend without it does
 * nothing (LP_OK). */
int lp_store_bulk_intake(struct lp_store *s, bool on, struct lp_error *err);

/* ---- a batch of write transactions (added for the sweep's speed) ---- */

/* Outside a transaction, on=true says that many write transactions
 * follow (the SLA sweep's pages): the backend may write them in fewer,
 * larger steps (SQLite: the WAL is copied back into the database every
 * few transactions instead of after each).  on=false ends the batch and
 * does what was put off (SQLite: a checkpoint that does not wait).  Every
 * commit in between is as durable as any other.  A backend without it
 * does nothing (LP_OK). */
int lp_store_batch(struct lp_store *s, bool on, struct lp_error *err);

/* ---- SLA outcomes (added with the on-time rate per stage, schema 3) ---- */

/* What one action did to the report's columns of a case (core/sla.h:
 * lp_sla_outcome fills it).  stage: the measured stage (enum
 * lp_sla_stage, not FEEDBACK) whose clock the action stopped, or -1;
 * then due is the deadline in force and ended_at when the clock stopped.
 * replied_at: the time of a reply (kept only when none was recorded),
 * closed_at: the time of a close; 0 for none. */
struct lp_case_outcome {
	int stage;
	int64_t due;
	int64_t ended_at;
	int64_t replied_at;
	int64_t closed_at;
};

/* Writes o to case id's columns (kase verify_due .. closed_at), inside
 * the caller's transaction; a later end of the same stage replaces the
 * earlier one.  LP_ENOENT when there is no such case; a backend without
 * the op answers LP_EUSAGE. */
int lp_store_case_outcome(struct lp_store *s, int64_t id, const struct lp_case_outcome *o,
			  struct lp_error *err);

/* ---- report columns, copied (added for lapor migrate, schema 3) ---- */

/* The report columns of one case (kase verify_due .. closed_at, see
 * lp_case_outcome), as stored: v[i] is column i when bit i of present is
 * set, else the column is NULL. */
enum lp_report_col {
	LP_REPORT_VERIFY_DUE, LP_REPORT_VERIFIED_AT, LP_REPORT_RESPOND_DUE,
	LP_REPORT_RESPONDED_AT, LP_REPORT_SETTLE_DUE, LP_REPORT_SETTLED_AT,
	LP_REPORT_REPLIED_AT, LP_REPORT_CLOSED_AT, LP_REPORT_NCOLS
};
struct lp_case_report {
	int64_t id;
	int64_t v[LP_REPORT_NCOLS];
	unsigned present;
};
typedef int (*lp_case_report_cb)(const struct lp_case_report *r, void *ud);

/* Every case with at least one report column set, by id (a backend
 * without the op: LP_EUSAGE). */
int lp_store_case_report_scan(struct lp_store *s, lp_case_report_cb cb, void *ud,
			      struct lp_error *err);
/* Sets case r->id's report columns to exactly r's, inside the caller's
 * transaction.  During a bulk intake the case may come after (a copy puts
 * the reports first, so that a backend can write them with the case) and
 * the backend may apply it at the end; a put for a case that never came
 * is then ignored.  Otherwise LP_ENOENT when there is no such case.  A
 * backend without the op: LP_EUSAGE. */
int lp_store_case_report_put(struct lp_store *s, const struct lp_case_report *r,
			     struct lp_error *err);

#endif
