/* store.c: the public store functions: pick a backend from the URI and
 * dispatch every call through its ops table (db/store_backend.h). */
#include "i18n.h"
#include "store.h"

#include <ctype.h>
#include <string.h>

#include "config.h"
#include "store_backend.h"

/* The start of every dispatch: err made non-NULL and cleared, a NULL
 * store refused.  Declares local_err_ in the caller's block. */
#define DISPATCH_CHECK()                                                                \
	struct lp_error local_err_;                                                     \
	if (!err)                                                                       \
		err = &local_err_;                                                      \
	if (!s)                                                                         \
		return lp_error_set(err, LP_EINTERNAL, _("no database is open"));          \
	lp_error_clear(err)

/* Checks the handle, clears err and calls the backend's op, which always
 * gets an lp_error to fill. */
#define DISPATCH(op, ...)                                                               \
	do {                                                                            \
		DISPATCH_CHECK();                                                       \
		return s->ops->op(s, __VA_ARGS__, err);                                 \
	} while (0)

/* True for a PostgreSQL connection URI or a libpq "key=value ..." string. */
static bool is_postgresql_uri(const char *uri)
{
	if (strncmp(uri, "postgresql://", 13) == 0 || strncmp(uri, "postgres://", 11) == 0)
		return true;
	const char *p = uri;
	while (isspace((unsigned char)*p))
		p++;
	const char *word = p;
	while (islower((unsigned char)*p) || *p == '_')
		p++;
	if (p == word)
		return false;
	while (*p == ' ' || *p == '\t')
		p++;
	return *p == '=';
}

void lp_case_filter_init(struct lp_case_filter *f)
{
	if (!f)
		return;
	memset(f, 0, sizeof *f);
	f->kind = -1;
	f->privacy = -1;
	f->order = LP_ORDER_ID;
}

int lp_store_open(const char *uri, int flags, struct lp_store **out, struct lp_error *err)
{
	struct lp_error local_err;
	if (!err)
		err = &local_err;
	lp_error_clear(err);
	if (!out)
		return lp_error_set(err, LP_EINTERNAL, "lp_store_open: no place for the result");
	*out = NULL;
	if (!uri || !*uri)
		return lp_error_set(err, LP_EUSAGE, _("no database given"));
	if (is_postgresql_uri(uri)) {
#if LAPOR_HAVE_POSTGRESQL
		return lp_pg_ops.open(uri, flags, out, err);
#else
		return lp_error_set(err, LP_EUSAGE,
				    _("this lapor was built without PostgreSQL support"));
#endif
	}
	return lp_sqlite_ops.open(uri, flags, out, err);
}

void lp_store_close(struct lp_store *s)
{
	if (s)
		s->ops->close(s);
}

const char *lp_store_backend(const struct lp_store *s)
{
	return s ? s->ops->name : "none";
}

bool lp_store_remote(const struct lp_store *s)
{
	return s && s->ops->remote;
}

int lp_store_migrate(struct lp_store *s, int *from, int *to, struct lp_error *err)
{
	DISPATCH(migrate, from, to);
}

int lp_store_begin(struct lp_store *s, bool write, struct lp_error *err)
{
	DISPATCH(begin, write);
}

int lp_store_commit(struct lp_store *s, struct lp_error *err)
{
	struct lp_error local_err;
	if (!err)
		err = &local_err;
	if (!s)
		return lp_error_set(err, LP_EINTERNAL, _("no database is open"));
	lp_error_clear(err);
	return s->ops->commit(s, err);
}

void lp_store_rollback(struct lp_store *s)
{
	if (s)
		s->ops->rollback(s);
}

int lp_store_data_version(struct lp_store *s, int64_t *out, struct lp_error *err)
{
	DISPATCH(data_version, out);
}

int lp_store_agency_put(struct lp_store *s, const struct lp_agency *a, struct lp_error *err)
{
	DISPATCH(agency_put, a);
}

int lp_store_agency_get(struct lp_store *s, const char *code, struct lp_agency *out,
		  struct lp_error *err)
{
	DISPATCH(agency_get, code, out);
}

int lp_store_agency_list(struct lp_store *s, const char *under_path, lp_agency_cb cb, void *ud,
		  struct lp_error *err)
{
	DISPATCH(agency_list, under_path, cb, ud);
}

int lp_store_officer_put(struct lp_store *s, const struct lp_officer *o, struct lp_error *err)
{
	DISPATCH(officer_put, o);
}

int lp_store_officer_get(struct lp_store *s, const char *login, struct lp_officer *out,
		  struct lp_error *err)
{
	DISPATCH(officer_get, login, out);
}

int lp_store_officer_list(struct lp_store *s, const char *under_path, lp_officer_cb cb, void *ud,
		  struct lp_error *err)
{
	DISPATCH(officer_list, under_path, cb, ud);
}

int lp_store_case_insert(struct lp_store *s, struct lp_case *c, struct lp_error *err)
{
	DISPATCH(case_insert, c);
}

int lp_store_case_get(struct lp_store *s, int64_t id, struct lp_case *out, struct lp_error *err)
{
	DISPATCH(case_get, id, out);
}

int lp_store_case_get_by_tracking(struct lp_store *s, const char *tid, struct lp_case *out,
		  struct lp_error *err)
{
	DISPATCH(case_get_by_tracking, tid, out);
}

int lp_store_case_update(struct lp_store *s, const struct lp_case *c, int64_t expected_version,
		  struct lp_error *err)
{
	DISPATCH(case_update, c, expected_version);
}

int lp_store_case_list(struct lp_store *s, const struct lp_case_filter *f, lp_case_cb cb,
		  void *ud, struct lp_error *err)
{
	DISPATCH(case_list, f, cb, ud);
}

int lp_store_case_count(struct lp_store *s, const struct lp_case_filter *f, int64_t *out,
		  struct lp_error *err)
{
	DISPATCH(case_count, f, out);
}

int lp_store_event_append(struct lp_store *s, const struct lp_event *e, struct lp_error *err)
{
	DISPATCH(event_append, e);
}

int lp_store_event_list(struct lp_store *s, int64_t case_id, lp_event_cb cb, void *ud,
		  struct lp_error *err)
{
	DISPATCH(event_list, case_id, 0, cb, ud);
}

int lp_store_event_list_after(struct lp_store *s, int64_t case_id, int64_t after, lp_event_cb cb,
			      void *ud, struct lp_error *err)
{
	DISPATCH(event_list, case_id, after, cb, ud);
}

int lp_store_event_scan(struct lp_store *s, lp_event_cb cb, void *ud, struct lp_error *err)
{
	DISPATCH(event_scan, cb, ud);
}

int lp_store_draft_put(struct lp_store *s, int64_t case_id, const char *login, enum lp_action kind,
		      const char *text, int64_t at, struct lp_error *err)
{
	DISPATCH(draft_put, case_id, login, kind, text, at);
}

int lp_store_draft_get(struct lp_store *s, int64_t case_id, const char *login, enum lp_action *kind,
		      char **text, struct lp_error *err)
{
	DISPATCH(draft_get, case_id, login, kind, text);
}

int lp_store_draft_delete(struct lp_store *s, int64_t case_id, const char *login,
		  struct lp_error *err)
{
	DISPATCH(draft_delete, case_id, login);
}

int lp_store_holiday_put(struct lp_store *s, const struct lp_holiday *h, struct lp_error *err)
{
	DISPATCH(holiday_put, h);
}

int lp_store_holiday_list(struct lp_store *s, const char *from, const char *to, lp_holiday_cb cb,
		  void *ud, struct lp_error *err)
{
	DISPATCH(holiday_list, from, to, cb, ud);
}

int lp_store_policy_put(struct lp_store *s, const struct lp_sla_policy *p, struct lp_error *err)
{
	DISPATCH(policy_put, p);
}

int lp_store_policy_get(struct lp_store *s, enum lp_kind kind, enum lp_sla_stage stage,
		  bool field_check,
		      struct lp_sla_policy *out, struct lp_error *err)
{
	DISPATCH(policy_get, kind, stage, field_check, out);
}

int lp_store_policy_list(struct lp_store *s, lp_policy_cb cb, void *ud, struct lp_error *err)
{
	DISPATCH(policy_list, cb, ud);
}

int lp_store_meta_get(struct lp_store *s, const char *key, char **out, struct lp_error *err)
{
	DISPATCH(meta_get, key, out);
}

int lp_store_meta_put(struct lp_store *s, const char *key, const char *value, struct lp_error *err)
{
	DISPATCH(meta_put, key, value);
}

int lp_store_officer_provision(struct lp_store *s, const struct lp_officer *o,
			       struct lp_error *err)
{
	struct lp_error local_err;
	if (!err)
		err = &local_err;
	if (!s)
		return lp_error_set(err, LP_EINTERNAL, _("no database is open"));
	lp_error_clear(err);
	if (!o || !o->login[0])
		return lp_error_set(err, LP_EDATA, _("an officer needs a login"));
	return s->ops->officer_provision ? s->ops->officer_provision(s, o, err) : LP_OK;
}

const char *lp_store_db_login(const struct lp_store *s)
{
	return s && s->ops->db_login ? s->ops->db_login(s) : NULL;
}

/* ---- finding cases (added with search) ---- */

/* As DISPATCH, for an op a backend may not have yet. */
#define DISPATCH_OPT(op, ...)                                                           \
	do {                                                                            \
		DISPATCH_CHECK();                                                       \
		if (!s->ops->op)                                                        \
			return lp_error_set(err, LP_EUSAGE, _("%s is not supported on " \
					    "this backend (%s) yet"), #op, s->ops->name);       \
		return s->ops->op(s, __VA_ARGS__, err);                                 \
	} while (0)

int lp_store_case_query(struct lp_store *s, const struct lp_case_filter *f,
			const struct lp_query *q, const struct lp_query_ctx *x, lp_case_cb cb,
			void *ud, struct lp_error *err)
{
	DISPATCH_OPT(case_query, f, q, x, cb, ud);
}

int lp_store_case_query_count(struct lp_store *s, const struct lp_case_filter *f,
			      const struct lp_query *q, const struct lp_query_ctx *x,
			      int64_t *out, struct lp_error *err)
{
	DISPATCH_OPT(case_query_count, f, q, x, out);
}

int lp_store_case_search(struct lp_store *s, const struct lp_case_filter *f,
			 const struct lp_query_ctx *x, const char *text, int limit,
			 lp_search_cb cb, void *ud, struct lp_error *err)
{
	DISPATCH_OPT(case_search, f, x, text, limit, cb, ud);
}

int lp_store_case_similar(struct lp_store *s, const struct lp_case_filter *f, int64_t id,
			  const char *region, const char *category, int limit, lp_case_cb cb,
			  void *ud, struct lp_error *err)
{
	DISPATCH_OPT(case_similar, f, id, region, category, limit, cb, ud);
}

int lp_store_queue_put(struct lp_store *s, struct lp_saved_queue *q, struct lp_error *err)
{
	DISPATCH_OPT(queue_put, q);
}

int lp_store_queue_delete(struct lp_store *s, const char *owner, const char *agency,
			  const char *name, struct lp_error *err)
{
	DISPATCH_OPT(queue_delete, owner, agency, name);
}

int lp_store_queue_list(struct lp_store *s, const char *owner, const char *agency,
			lp_queue_cb cb, void *ud, struct lp_error *err)
{
	DISPATCH_OPT(queue_list, owner, agency, cb, ud);
}

int lp_store_dash_counts(struct lp_store *s, const struct lp_case_filter *f,
			 enum lp_dash_by by, int64_t now, int64_t soon, lp_dash_count_cb cb,
			 void *ud, struct lp_error *err)
{
	DISPATCH_OPT(dash_counts, f, by, now, soon, cb, ud);
}

int lp_store_dash_days(struct lp_store *s, const struct lp_case_filter *f, int64_t first_day,
		       int days, int tz_minutes, int64_t *received, int64_t *closed,
		       struct lp_error *err)
{
	DISPATCH_OPT(dash_days, f, first_day, days, tz_minutes, received, closed);
}

int lp_store_dash_ontime(struct lp_store *s, const struct lp_case_filter *f, int64_t since_day,
			 int64_t *on_time, int64_t *measured, struct lp_error *err)
{
	DISPATCH_OPT(dash_ontime, f, since_day, on_time, measured);
}

int lp_store_dash_titles(struct lp_store *s, const struct lp_case_filter *f,
			 const struct lp_query_ctx *x, int64_t from, int64_t to, int limit,
			 lp_text_cb cb, void *ud, struct lp_error *err)
{
	DISPATCH_OPT(dash_titles, f, x, from, to, limit, cb, ud);
}

/* ---- a new case with its first event (added for the import's speed) ---- */

int lp_store_case_insert_first(struct lp_store *s, struct lp_case *c, struct lp_event *e,
			       lp_seal_fn seal, struct lp_error *err)
{
	struct lp_error local_err;
	if (!err)
		err = &local_err;
	if (!s)
		return lp_error_set(err, LP_EINTERNAL, _("no database is open"));
	lp_error_clear(err);
	if (!c || !e || !seal)
		return lp_error_set(err, LP_EINTERNAL,
				    "lp_store_case_insert_first: missing argument");
	if (s->ops->case_insert_first)
		return s->ops->case_insert_first(s, c, e, seal, err);
	/* The backend numbers the case on insert: the row is written twice. */
	int rc = s->ops->case_insert(s, c, err);
	if (rc != LP_OK)
		return rc;
	seal(c, e);
	if ((rc = s->ops->event_append(s, e, err)) != LP_OK)
		return rc;
	return s->ops->case_update(s, c, c->version, err);
}

/* ---- performance reports (added with `lapor stats`) ---- */

int lp_store_stats(struct lp_store *s, const struct lp_case_filter *f, int64_t from, int64_t to,
		   enum lp_stats_by by, int64_t now, lp_stats_cb cb, void *ud,
		   struct lp_error *err)
{
	DISPATCH_OPT(stats, f, from, to, by, now, cb, ud);
}

/* ---- copying a database (added with `lapor migrate`) ---- */

int lp_store_case_import(struct lp_store *s, const struct lp_case *c, struct lp_error *err)
{
	if (!c)
		return lp_error_set(err, LP_EINTERNAL, "lp_store_case_import: no case");
	DISPATCH_OPT(case_import, c);
}

int lp_store_draft_scan(struct lp_store *s, lp_draft_cb cb, void *ud, struct lp_error *err)
{
	DISPATCH_OPT(draft_scan, cb, ud);
}

int lp_store_meta_list(struct lp_store *s, lp_meta_cb cb, void *ud, struct lp_error *err)
{
	DISPATCH_OPT(meta_list, cb, ud);
}

/* ---- bulk intake (added for the import's speed) ---- */

/* A hint a backend may ignore: an op it lacks does nothing. */
#define DISPATCH_HINT(op, ...)                                                          \
	do {                                                                            \
		DISPATCH_CHECK();                                                       \
		return s->ops->op ? s->ops->op(s, __VA_ARGS__, err) : LP_OK;            \
	} while (0)

int lp_store_bulk_intake(struct lp_store *s, bool on, struct lp_error *err)
{
	DISPATCH_HINT(bulk_intake, on);
}

/* ---- a batch of write transactions (added for the sweep's speed) ---- */

int lp_store_batch(struct lp_store *s, bool on, struct lp_error *err)
{
	DISPATCH_HINT(batch, on);
}

/* ---- SLA outcomes (added with the on-time rate per stage) ---- */

int lp_store_case_outcome(struct lp_store *s, int64_t id, const struct lp_case_outcome *o,
			  struct lp_error *err)
{
	if (!o)
		return lp_error_set(err, LP_EINTERNAL, "lp_store_case_outcome: no outcome");
	DISPATCH_OPT(case_outcome, id, o);
}

/* ---- report columns, copied (added for lapor migrate) ---- */

int lp_store_case_report_scan(struct lp_store *s, lp_case_report_cb cb, void *ud,
			      struct lp_error *err)
{
	DISPATCH_OPT(case_report_scan, cb, ud);
}

int lp_store_case_report_put(struct lp_store *s, const struct lp_case_report *r,
			     struct lp_error *err)
{
	if (!r)
		return lp_error_set(err, LP_EINTERNAL, "lp_store_case_report_put: no report");
	DISPATCH_OPT(case_report_put, r);
}
