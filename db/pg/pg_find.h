/* pg_find.h: what the finding ops of db/pg/ share (private): statements
 * built in a struct sqlbuf (db/sqlbuf.h) with $n placeholders and run with
 * their values bound, the dialect of the shared conditions (db/query_sql.h),
 * and the tsquery of search words.  Values are never pasted into the text. */
#ifndef LAPOR_PG_FIND_H
#define LAPOR_PG_FIND_H

#include "pg_internal.h"
#include "query_sql.h"
#include "sqlbuf.h"

/* The PostgreSQL dialect of db/query_sql.h ("k.", tsquery matching);
 * build in a struct sqlbuf initialised with SQLBUF_INIT_DOLLAR. */
extern const struct qsql_dialect pg_sql;

/* Runs the statement (prepared once per connection and text, with the
 * values bound) and returns its result, owned by the caller (PQclear), or
 * NULL with err set.  Empties b. */
PGresult *pgb_run(struct pg_store *g, struct sqlbuf *b, struct lp_error *err);

/* The tsquery text (to_tsquery('simple', ...)) of one word: quoted, '
 * and \ escaped, ":*" for a prefix.  Malloc'd, NULL when out of memory. */
char *pg_ts_word(const char *w, size_t len, bool prefix);
/* The tsquery text of search words (all must match: " & "), as
 * sq_fts_words: a word ending in '*' is a prefix; "" when no word.
 * Malloc'd, NULL when out of memory. */
char *pg_ts_words(const char *text);

/* The relation cases are read from ("kase" or "case_visible"), after
 * probing this connection's privileges; NULL with err set. */
const char *pg_case_rel(struct pg_store *g, struct lp_error *err);
/* The relation events are read from ("event" or "event_visible"). */
const char *pg_event_rel(const struct pg_store *g);

/* The search vector of an event's text, as the index event_search. */
#define PG_EVENT_TSV "to_tsvector('simple'::regconfig, left(coalesce(e.text, ''), 262144))"
#define PG_EVENT_SEARCHED "e.action IN ('reply', 'note', 'message')"

/* The ops, by file. */
int pg_case_query(struct lp_store *s, const struct lp_case_filter *f, const struct lp_query *q,
		  const struct lp_query_ctx *x, lp_case_cb cb, void *ud, struct lp_error *err);
int pg_case_query_count(struct lp_store *s, const struct lp_case_filter *f,
			const struct lp_query *q, const struct lp_query_ctx *x, int64_t *out,
			struct lp_error *err);
int pg_case_search(struct lp_store *s, const struct lp_case_filter *f,
		   const struct lp_query_ctx *x, const char *text, int limit, lp_search_cb cb,
		   void *ud, struct lp_error *err);
int pg_case_similar(struct lp_store *s, const struct lp_case_filter *f, int64_t id,
		    const char *region, const char *category, int limit, lp_case_cb cb, void *ud,
		    struct lp_error *err);
int pg_queue_put(struct lp_store *s, struct lp_saved_queue *q, struct lp_error *err);
int pg_queue_delete(struct lp_store *s, const char *owner, const char *agency, const char *name,
		    struct lp_error *err);
int pg_queue_list(struct lp_store *s, const char *owner, const char *agency, lp_queue_cb cb,
		  void *ud, struct lp_error *err);
int pg_dash_counts(struct lp_store *s, const struct lp_case_filter *f, enum lp_dash_by by,
		   int64_t now, int64_t soon, lp_dash_count_cb cb, void *ud, struct lp_error *err);
int pg_dash_days(struct lp_store *s, const struct lp_case_filter *f, int64_t first_day, int days,
		 int tz_minutes, int64_t *received, int64_t *closed, struct lp_error *err);
int pg_dash_ontime(struct lp_store *s, const struct lp_case_filter *f, int64_t since_day,
		   int64_t *on_time, int64_t *measured, struct lp_error *err);
int pg_dash_titles(struct lp_store *s, const struct lp_case_filter *f,
		   const struct lp_query_ctx *x, int64_t from, int64_t to, int limit,
		   lp_text_cb cb, void *ud, struct lp_error *err);
int pg_stats(struct lp_store *s, const struct lp_case_filter *f, int64_t from, int64_t to,
	     enum lp_stats_by by, int64_t now, lp_stats_cb cb, void *ud, struct lp_error *err);

#endif
