/* store_backend.h: what a storage backend implements (private to db/).
 *
 * db/store.c picks a backend from the URI and every public lp_store_*
 * function dispatches through the backend's ops table.  A backend
 * allocates its own handle whose first member is struct lp_store, so
 * the two pointers convert.  Each op has the contract of the public
 * function of the same name in db/store.h; store.c has already checked
 * that `s` is not NULL and cleared `err`. */
#ifndef LAPOR_STORE_BACKEND_H
#define LAPOR_STORE_BACKEND_H

#include "store.h"

struct lp_store_ops {
	const char *name; /* "sqlite" or "postgresql": lp_store_backend() */
	bool remote;      /* each statement is a round trip: lp_store_remote() */
	/* Opens `uri` (already matched to this backend); *out owned by the caller. */
	int (*open)(const char *uri, int flags, struct lp_store **out, struct lp_error *err);
	/* Rolls back what is open and frees the handle (never NULL here). */
	void (*close)(struct lp_store *s);
	/* Creates or upgrades the schema and seeds the shipped data (db/seed.h). */
	int (*migrate)(struct lp_store *s, int *from, int *to, struct lp_error *err);
	/* Begins a transaction, or a savepoint when one is open. */
	int (*begin)(struct lp_store *s, bool write, struct lp_error *err);
	/* Commits (outermost) or releases (savepoint) the innermost level. */
	int (*commit)(struct lp_store *s, struct lp_error *err);
	/* Rolls back the innermost level; no-op when none is open. */
	void (*rollback)(struct lp_store *s);
	/* Changes whenever another connection commits. */
	int (*data_version)(struct lp_store *s, int64_t *out, struct lp_error *err);

	/* Agencies: upsert by code, get, list under a path in path order. */
	int (*agency_put)(struct lp_store *s, const struct lp_agency *a, struct lp_error *err);
	int (*agency_get)(struct lp_store *s, const char *code, struct lp_agency *out,
			  struct lp_error *err);
	int (*agency_list)(struct lp_store *s, const char *under_path, lp_agency_cb cb, void *ud,
			   struct lp_error *err);

	/* Officers: upsert by login, get, list under a path. */
	int (*officer_put)(struct lp_store *s, const struct lp_officer *o, struct lp_error *err);
	int (*officer_get)(struct lp_store *s, const char *login, struct lp_officer *out,
			   struct lp_error *err);
	int (*officer_list)(struct lp_store *s, const char *under_path, lp_officer_cb cb, void *ud,
			    struct lp_error *err);

	/* Cases: insert (sets c->id), get by id or tracking id, versioned update,
	 * keyset list, count. */
	int (*case_insert)(struct lp_store *s, struct lp_case *c, struct lp_error *err);
	int (*case_get)(struct lp_store *s, int64_t id, struct lp_case *out, struct lp_error *err);
	int (*case_get_by_tracking)(struct lp_store *s, const char *tid, struct lp_case *out,
				    struct lp_error *err);
	int (*case_update)(struct lp_store *s, const struct lp_case *c, int64_t expected_version,
			   struct lp_error *err);
	int (*case_list)(struct lp_store *s, const struct lp_case_filter *f, lp_case_cb cb,
			 void *ud, struct lp_error *err);
	int (*case_count)(struct lp_store *s, const struct lp_case_filter *f, int64_t *out,
			  struct lp_error *err);

	/* Events: append, list one case (after a seq), scan all (streaming). */
	int (*event_append)(struct lp_store *s, const struct lp_event *e, struct lp_error *err);
	int (*event_list)(struct lp_store *s, int64_t case_id, int64_t after, lp_event_cb cb,
			  void *ud, struct lp_error *err);
	int (*event_scan)(struct lp_store *s, lp_event_cb cb, void *ud, struct lp_error *err);

	/* Drafts: replace, get (malloc'd text), delete. */
	int (*draft_put)(struct lp_store *s, int64_t case_id, const char *login,
			 enum lp_action kind, const char *text, int64_t at, struct lp_error *err);
	int (*draft_get)(struct lp_store *s, int64_t case_id, const char *login,
			 enum lp_action *kind, char **text, struct lp_error *err);
	int (*draft_delete)(struct lp_store *s, int64_t case_id, const char *login,
			    struct lp_error *err);

	/* Calendar and SLA policies. */
	int (*holiday_put)(struct lp_store *s, const struct lp_holiday *h, struct lp_error *err);
	int (*holiday_list)(struct lp_store *s, const char *from, const char *to, lp_holiday_cb cb,
			    void *ud, struct lp_error *err);
	int (*policy_put)(struct lp_store *s, const struct lp_sla_policy *p, struct lp_error *err);
	int (*policy_get)(struct lp_store *s, enum lp_kind kind, enum lp_sla_stage stage,
			  bool field_check, struct lp_sla_policy *out, struct lp_error *err);
	int (*policy_list)(struct lp_store *s, lp_policy_cb cb, void *ud, struct lp_error *err);

	/* Settings: get (malloc'd value), put. */
	int (*meta_get)(struct lp_store *s, const char *key, char **out, struct lp_error *err);
	int (*meta_put)(struct lp_store *s, const char *key, const char *value,
			struct lp_error *err);

	/* Added by the PostgreSQL backend.  Officers' database identities:
	 * create/update the login role of o and its group; NULL = no-op. */
	int (*officer_provision)(struct lp_store *s, const struct lp_officer *o,
				 struct lp_error *err);
	/* The database role the connection acts as; NULL = none (SQLite). */
	const char *(*db_login)(const struct lp_store *s);

	/* Added with search (each may be NULL: store.c then answers LP_EUSAGE
	 * "not supported on this backend yet").  Query language, search,
	 * similar cases, saved queues, dashboard: see db/store.h. */
	int (*case_query)(struct lp_store *s, const struct lp_case_filter *f,
			  const struct lp_query *q, const struct lp_query_ctx *x, lp_case_cb cb,
			  void *ud, struct lp_error *err);
	int (*case_query_count)(struct lp_store *s, const struct lp_case_filter *f,
				const struct lp_query *q, const struct lp_query_ctx *x,
				int64_t *out, struct lp_error *err);
	int (*case_search)(struct lp_store *s, const struct lp_case_filter *f,
			   const struct lp_query_ctx *x, const char *text, int limit,
			   lp_search_cb cb, void *ud, struct lp_error *err);
	int (*case_similar)(struct lp_store *s, const struct lp_case_filter *f, int64_t id,
			    const char *region, const char *category, int limit, lp_case_cb cb,
			    void *ud, struct lp_error *err);
	int (*queue_put)(struct lp_store *s, struct lp_saved_queue *q, struct lp_error *err);
	int (*queue_delete)(struct lp_store *s, const char *owner, const char *agency,
			    const char *name, struct lp_error *err);
	int (*queue_list)(struct lp_store *s, const char *owner, const char *agency,
			  lp_queue_cb cb, void *ud, struct lp_error *err);
	int (*dash_counts)(struct lp_store *s, const struct lp_case_filter *f,
			   enum lp_dash_by by, int64_t now, int64_t soon, lp_dash_count_cb cb,
			   void *ud, struct lp_error *err);
	int (*dash_days)(struct lp_store *s, const struct lp_case_filter *f, int64_t first_day,
			 int days, int tz_minutes, int64_t *received, int64_t *closed,
			 struct lp_error *err);
	int (*dash_ontime)(struct lp_store *s, const struct lp_case_filter *f, int64_t since,
			   int64_t *on_time, int64_t *measured, struct lp_error *err);
	int (*dash_titles)(struct lp_store *s, const struct lp_case_filter *f,
			   const struct lp_query_ctx *x, int64_t from, int64_t to, int limit,
			   lp_text_cb cb, void *ud, struct lp_error *err);
	/* A new case with its first event (optional: NULL falls back in store.c). */
	int (*case_insert_first)(struct lp_store *s, struct lp_case *c, struct lp_event *e,
				 lp_seal_fn seal, struct lp_error *err);
	/* Performance reports (lp_store_stats; NULL: LP_EUSAGE). */
	int (*stats)(struct lp_store *s, const struct lp_case_filter *f, int64_t from,
		     int64_t to, enum lp_stats_by by, int64_t now, lp_stats_cb cb, void *ud,
		     struct lp_error *err);
	/* Copying a database (lapor migrate; each may be NULL: LP_EUSAGE). */
	int (*case_import)(struct lp_store *s, const struct lp_case *c, struct lp_error *err);
	int (*draft_scan)(struct lp_store *s, lp_draft_cb cb, void *ud, struct lp_error *err);
	int (*meta_list)(struct lp_store *s, lp_meta_cb cb, void *ud, struct lp_error *err);
	/* A bulk intake (lp_store_bulk_intake; NULL: a no-op, rows per trigger). */
	int (*bulk_intake)(struct lp_store *s, bool on, struct lp_error *err);
	/* A run of write transactions (lp_store_batch; NULL: a no-op). */
	int (*batch)(struct lp_store *s, bool on, struct lp_error *err);
	/* SLA outcomes of an action (lp_store_case_outcome; NULL: LP_EUSAGE). */
	int (*case_outcome)(struct lp_store *s, int64_t id, const struct lp_case_outcome *o,
			    struct lp_error *err);
	/* Report columns, copied (lp_store_case_report_scan, _put; NULL: LP_EUSAGE). */
	int (*case_report_scan)(struct lp_store *s, lp_case_report_cb cb, void *ud,
				struct lp_error *err);
	int (*case_report_put)(struct lp_store *s, const struct lp_case_report *r,
			       struct lp_error *err);
};

/* The head of every backend's handle. */
struct lp_store {
	const struct lp_store_ops *ops; /* the backend's table, static */
};

/* The SQLite backend (db/sqlite/). */
extern const struct lp_store_ops lp_sqlite_ops;
/* The PostgreSQL backend (db/pg/), when built with libpq. */
extern const struct lp_store_ops lp_pg_ops;

#endif
