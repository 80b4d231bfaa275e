/* find.h: finding cases as the acting officer: the query language
 * (lapor-query(7)), full-text search with snippets, duplicate
 * suggestions, saved queues and the supervisor dashboard.
 *
 * Every function scopes to the officer (lp_case_scope) in the store's
 * SQL, adds the privacy condition for text matches there too (a secret
 * case's text never matches outside its handling agency), and masks
 * every case it returns (lp_mask_case).  Cases passed to callbacks are
 * borrowed: valid only during the call; a callback returning non-zero
 * stops the iteration and the function returns that value. */
#ifndef LAPOR_FIND_H
#define LAPOR_FIND_H

#include <stdbool.h>
#include <stdint.h>

#include "cases.h"
#include "clock.h"
#include "error.h"
#include "model.h"
#include "query.h"
#include "store.h"

struct lp_session;

/* Fills *x for the session's officer: now, the agency's zone, "me", and
 * what text the officer may match.  Pointers borrow from the session. */
void lp_query_ctx_from(struct lp_session *s, struct lp_query_ctx *x);

/* Calls cb for each case the officer may see that matches both the list
 * options o (NULL: every case, id order, no limit; their order, keyset
 * page and limit apply) and the query q (NULL or empty: every case), masked.
 * One store statement; the page is read through keyset pagination. */
int lp_cases_query(struct lp_session *s, const struct lp_list_opts *o, const struct lp_query *q,
		   lp_case_cb cb, void *ud, struct lp_error *err);
/* Counts them (page and limit ignored). */
int lp_cases_query_count(struct lp_session *s, const struct lp_list_opts *o,
			 const struct lp_query *q, int64_t *out, struct lp_error *err);
/* Counts them up to `max` (> 0): *out == max means "max or more".  Costs
 * at most reading `max` matches, for live counts of large queues. */
int lp_cases_query_count_max(struct lp_session *s, const struct lp_list_opts *o,
			     const struct lp_query *q, int64_t max, int64_t *out,
			     struct lp_error *err);
/* As lp_cases_query with the query given as text (parsed here; LP_EUSAGE
 * with the parser's message "query: column N: ..." when it is wrong). */
int lp_cases_query_text(struct lp_session *s, const struct lp_list_opts *o, const char *text,
			lp_case_cb cb, void *ud, struct lp_error *err);

/* A search result.  Borrowed by the callback. */
struct lp_find_hit {
	const struct lp_case *c;   /* masked for the officer */
	double rank;               /* lower is better */
	const char *where;         /* "title", "body", "reply", "note" or "message" */
	int64_t seq;               /* the event's seq for reply/note/message, else 0 */
	const char *snippet;       /* safe text (no control characters but the
				    * markers), matches between LP_HL_ON and
				    * LP_HL_OFF; NULL when none */
};
typedef int (*lp_find_hit_cb)(const struct lp_find_hit *h, void *ud);

/* Full-text search for `text` (words, all must match; "jal*" is a
 * prefix) over titles, bodies, replies, messages and internal notes of
 * the cases the officer may see, best first, at most `limit` (1..1000).
 * LP_EUSAGE when text has no word or is not valid UTF-8. */
int lp_search(struct lp_session *s, const char *text, int limit, lp_find_hit_cb cb, void *ud,
	      struct lp_error *err);

/* Duplicate suggestions for case `id` (which the officer must see):
 * open cases in the same region or category, ranked by the similarity
 * of their title and body words (0..1, best first; below 0.15 left out),
 * at most `limit`.  Cases whose text the officer may not read are never
 * compared. */
typedef int (*lp_similar_cb)(const struct lp_case *c, double score, void *ud);
int lp_case_similar(struct lp_session *s, int64_t id, int limit, lp_similar_cb cb, void *ud,
		    struct lp_error *err);

/* ---- saved queues ---- */

/* Saves (or replaces) the queue `name` with the query text (checked and
 * kept in canonical form): personal, or for the officer's whole agency
 * when agency_wide (supervisors, coordinators and admins only: LP_EPERM
 * otherwise).  Names: 1..64 bytes of printable UTF-8. */
int lp_queue_save(struct lp_session *s, const char *name, const char *query, bool agency_wide,
		  struct lp_error *err);
/* Deletes the officer's personal queue `name` (or the agency's, with
 * agency_wide; same permission as saving), or LP_ENOENT. */
int lp_queue_delete(struct lp_session *s, const char *name, bool agency_wide,
		    struct lp_error *err);
/* Fills *out with the queue `name`: the officer's own, else the agency's.
 * LP_ENOENT when neither exists. */
int lp_queue_get(struct lp_session *s, const char *name, struct lp_saved_queue *out,
		 struct lp_error *err);
/* Live counts of saved queues stop here: a count equal to it reads
 * "1000+" (counting every case of a national queue costs a scan). */
#define LP_QUEUE_COUNT_CAP 1000
/* Counts the cases of a saved queue for the officer, up to
 * LP_QUEUE_COUNT_CAP (the live count of the sidebar).  A query that no
 * longer parses gives LP_EDATA. */
int lp_queue_count(struct lp_session *s, const struct lp_saved_queue *q, int64_t *out,
		   struct lp_error *err);
/* Calls cb for the officer's personal queues, then the agency's, each by
 * name; with counts, count is its live count (lp_queue_count: at most
 * LP_QUEUE_COUNT_CAP; -1 when it could not be counted), else -1.
 * Borrowed. */
typedef int (*lp_queue_info_cb)(const struct lp_saved_queue *q, int64_t count, void *ud);
int lp_queue_list(struct lp_session *s, bool counts, lp_queue_info_cb cb, void *ud,
		  struct lp_error *err);

/* ---- the supervisor dashboard ---- */

#define LP_DASH_DAYS 30    /* days of received/closed bars */
#define LP_DASH_HOT 10     /* hot words at most */
/* "Due soon": within this many hours, as the case list's clock (clock.h). */
#define LP_DASH_SOON_HOURS (LP_CLOCK_SOON_SECONDS / 3600)

struct lp_dash_row {
	char key[LP_LOGIN_MAX];    /* agency code (by agency) or officer login */
	char name[LP_NAME_MAX];    /* agency or officer name ("" when unknown) */
	int64_t open, due_soon, overdue;
};

struct lp_hot_word {
	char word[64];             /* lower-case word */
	int64_t this_week;         /* cases created in the last 7 days with it in the title
				    * (estimated from a sample of 3000 titles a week) */
	int64_t last_week;         /* ... in the 7 days before */
};

struct lp_dashboard {
	char agency[LP_CODE_MAX];  /* the officer's agency: root of the subtree */
	int64_t now;
	int tz_minutes;
	struct lp_dash_row total;  /* the whole subtree (key = agency) */
	struct lp_dash_row *by_agency; /* the agency itself and each child subtree, rolled up;
					* by overdue then open, descending */
	int n_agency;
	struct lp_dash_row *by_officer; /* assigned officers, same order */
	int n_officer;
	int64_t measured, on_time;     /* answers and closings of the last 30 days
					* with an SLA measured, and those on time */
	int64_t first_day;             /* local day number of received[0] */
	int64_t received[LP_DASH_DAYS];
	int64_t closed[LP_DASH_DAYS];
	struct lp_hot_word hot[LP_DASH_HOT]; /* rising fastest first */
	int n_hot;
};

/* Builds the dashboard of the officer's agency subtree.  Admins,
 * coordinators, supervisors and auditors only (LP_EPERM for a clerk).
 * *out is owned by the caller: free with lp_dashboard_destroy. */
int lp_dashboard_build(struct lp_session *s, struct lp_dashboard **out, struct lp_error *err);
/* Frees the dashboard.  Accepts NULL. */
void lp_dashboard_destroy(struct lp_dashboard *d);

/* ---- words: duplicate scores, hot words, highlighting ---- */

/* A highlighted range of text: bytes [start, start + len). */
struct lp_span {
	size_t start, len;
};
/* Finds the words of `words` (white-space separated; "jal*" a prefix;
 * quotes and a leading '-' ignored) in `text`, matching whole words
 * case-insensitively (ASCII) as the full-text search does, for the
 * console's highlighting of a case.  Fills at most `max` spans in text
 * order and returns how many it found (may exceed max). */
size_t lp_highlight(const char *text, const char *words, struct lp_span *spans, size_t max);

#endif
