/* sq_find.h: the SQLite backend's query language, search, saved queues
 * and dashboard (private to db/sqlite/), and the SQL builder they share:
 * text grows with "?" placeholders while the values are recorded in
 * order, then bound to the one statement prepared from the text. */
#ifndef LAPOR_SQ_FIND_H
#define LAPOR_SQ_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "sq_internal.h"

/* SQ_CASE_COLS (sq_case_row.h) qualified by the alias "c", for joins. */
#define SQ_CASE_COLS_C \
	"c.id, c.tracking_id, c.kind, c.channel, c.status, c.privacy, c.category, " \
	"c.region, c.agency, c.assignee, c.priority, c.submitted_at, c.created_at, " \
	"c.updated_at, c.due_at, c.escalation, c.escalated_to, c.version, " \
	"c.merged_into, c.field_check, c.extended_days, c.clock_stage, " \
	"c.clock_paused_at, c.event_count, c.last_hash, c.reporter_name, " \
	"c.reporter_phone, c.reporter_email, c.title, c.body"

/* One value to bind. */
struct sqb_value {
	bool is_text;      /* text, else integer */
	int64_t i;         /* the integer */
	const char *t;     /* the text: borrowed, or one of the builder's own */
};

/* A statement being built.  Zero-initialise; free with sqb_free. */
struct sqb {
	char *s;                 /* SQL text, NUL-terminated (NULL until the first put) */
	size_t len, cap;
	struct sqb_value *v;     /* values in placeholder order */
	size_t nv, capv;
	char **own;              /* strings the builder made (freed by sqb_free) */
	size_t nown, capown;
	bool oom;                /* an allocation failed: the text is unusable */
};

/* Appends SQL text (never a value). */
void sqb_put(struct sqb *b, const char *sql);
/* Appends "?" and records an integer / a borrowed text (must outlive the
 * statement) / a malloc'd text the builder frees (NULL sets oom). */
void sqb_int(struct sqb *b, int64_t v);
void sqb_text(struct sqb *b, const char *v);
void sqb_text_own(struct sqb *b, char *v);
/* Frees what the builder holds (not a prepared statement). */
void sqb_free(struct sqb *b);
/* Prepares the text (not cached) and binds the values; NULL with err set. */
sqlite3_stmt *sqb_prepare(struct sq_store *q, struct sqb *b, struct lp_error *err);
/* With $LAPOR_TRACE_SQL set, writes the statement with its values to
 * stderr (for tests/bench/find.sh, which replays it in sqlite3). */
void sqb_trace(sqlite3_stmt *st);

/* Appends " AND ..." for the scope and selection of f on the case table
 * aliased "c" (statuses too when with_status; an empty status set gives
 * " AND 0"). */
void sqb_filter(struct sqb *b, const struct lp_case_filter *f, bool with_status);
/* Appends " AND ..." limiting to cases whose text x lets be matched. */
void sqb_content(struct sqb *b, const struct lp_query_ctx *x);
/* Appends " AND c.agency IN (subtree of agency path)". */
void sqb_under_path(struct sqb *b, const char *path);
/* An FTS5 expression for white-space separated words: each word quoted
 * as a string (its '"' doubled), a trailing '*' kept as a prefix query,
 * joined by " " (all) or " OR " (any); malloc'd, NULL when out of
 * memory; "" when there is no word. */
char *sq_fts_words(const char *text, bool any);

/* The ops (see db/store.h). */
int sq_case_query(struct lp_store *s, const struct lp_case_filter *f, const struct lp_query *q,
		  const struct lp_query_ctx *x, lp_case_cb cb, void *ud, struct lp_error *err);
int sq_case_query_count(struct lp_store *s, const struct lp_case_filter *f,
			const struct lp_query *q, const struct lp_query_ctx *x, int64_t *out,
			struct lp_error *err);
int sq_case_search(struct lp_store *s, const struct lp_case_filter *f,
		   const struct lp_query_ctx *x, const char *text, int limit, lp_search_cb cb,
		   void *ud, struct lp_error *err);
int sq_case_similar(struct lp_store *s, const struct lp_case_filter *f, int64_t id,
		    const char *region, const char *category, int limit, lp_case_cb cb, void *ud,
		    struct lp_error *err);
int sq_queue_put(struct lp_store *s, struct lp_saved_queue *q, struct lp_error *err);
int sq_queue_delete(struct lp_store *s, const char *owner, const char *agency, const char *name,
		    struct lp_error *err);
int sq_queue_list(struct lp_store *s, const char *owner, const char *agency, lp_queue_cb cb,
		  void *ud, struct lp_error *err);
/* lp_store_case_count from the tallies of open cases (stat_open) when the
 * filter allows it (*done then true); else *done is false and the caller
 * counts the cases (sq_queue.c). */
int sq_case_count_tallied(struct sq_store *q, const struct lp_case_filter *f, int64_t *out,
			  bool *done, struct lp_error *err);
int sq_dash_counts(struct lp_store *s, const struct lp_case_filter *f, enum lp_dash_by by,
		   int64_t now, int64_t soon, lp_dash_count_cb cb, void *ud, struct lp_error *err);
int sq_dash_days(struct lp_store *s, const struct lp_case_filter *f, int64_t first_day, int days,
		 int tz_minutes, int64_t *received, int64_t *closed, struct lp_error *err);
int sq_dash_ontime(struct lp_store *s, const struct lp_case_filter *f, int64_t since,
		   int64_t *on_time, int64_t *measured, struct lp_error *err);
int sq_dash_titles(struct lp_store *s, const struct lp_case_filter *f,
		   const struct lp_query_ctx *x, int64_t from, int64_t to, int limit,
		   lp_text_cb cb, void *ud, struct lp_error *err);

#endif
