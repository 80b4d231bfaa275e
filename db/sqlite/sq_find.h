/* sq_find.h: the SQLite backend's query language, search, saved queues
 * and dashboard (private to db/sqlite/): statements built in a struct
 * sqlbuf (db/sqlbuf.h) with "?" placeholders, prepared and bound here. */
#ifndef LAPOR_SQ_FIND_H
#define LAPOR_SQ_FIND_H

#include <stdbool.h>
#include <stddef.h>

#include "query_sql.h"
#include "sq_case_row.h" /* SQ_CASE_COLS_C */
#include "sq_internal.h"
#include "sqlbuf.h"

/* The SQLite dialect of db/query_sql.h ("c.", "?", FTS5 matching). */
extern const struct qsql_dialect sq_sql;

/* Prepares the text (not cached) and binds the values; NULL with err set. */
sqlite3_stmt *sqb_prepare(struct sq_store *q, struct sqlbuf *b, struct lp_error *err);
/* With $LAPOR_TRACE_SQL set, writes the statement with its values to
 * stderr (for tests/bench/find.sh, which replays it in sqlite3). */
void sqb_trace(sqlite3_stmt *st);

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
