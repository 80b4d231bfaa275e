/* query_sql.h: the query language (core/query.h), the case filter and a
 * query context rendered as SQL conditions into a struct sqlbuf, for both
 * backends.  What differs between SQLite and PostgreSQL is a dialect:
 *
 *                    SQLite (sq_query.c)      PostgreSQL (pg_query.c)
 *   case alias       "c."                     "k."
 *   true / false     1 / 0                    true / false
 *   text value cast  (none)                   "::text" (path, prefix, code)
 *   prefix compare   col >= p                 col COLLATE "C" >= p
 *   top of a prefix  p || x'ff'               p || chr(1114111)
 *   due, updated     an every-status term     (none)
 *                    (reads the status index)
 *   text term        case_fts MATCH           search @@ to_tsquery
 *
 * Every value is a bound parameter; no value is pasted into the text. */
#ifndef LAPOR_QUERY_SQL_H
#define LAPOR_QUERY_SQL_H

#include <stdbool.h>

#include "query.h"
#include "sqlbuf.h"
#include "store.h"

struct qsql_dialect {
	const char *alias;        /* the case table's alias with its dot */
	const char *as;           /* the alias after a table name (" c") */
	const char *yes, *no;     /* literal true and false */
	const char *cast;         /* after a text value compared to a path or prefix */
	const char *collate;      /* after a column compared to a prefix */
	const char *top;          /* appended to a prefix: above all its completions */
	bool status_term;         /* due, updated: "status IN (every status) AND " */
	/* The full-text condition of a text term (STRING or PREFIX). */
	void (*match)(struct sqlbuf *b, const struct lp_qvalue *v);
};

/* Appends " AND ..." for the scope and selection of f (statuses too when
 * with_status; an empty status set gives " AND <no>"). */
void qsql_filter(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_case_filter *f,
		 bool with_status);
/* The statuses f selects (status_mask, or all, within scope_status_mask;
 * 0 when none). */
unsigned qsql_statuses(const struct lp_case_filter *f);
/* True when the query under n has a full-text term (NULL: none). */
bool qsql_has_text(const struct lp_qnode *n);
/* How many full-text terms the query under n has. */
size_t qsql_text_terms(const struct lp_qnode *n);
/* A text term the whole query needs (root itself, or a child of a root
 * AND), which a statement may read its full-text index for first (the
 * `driver` of qsql_cond); NULL when none.  Borrowed from the tree. */
const struct lp_qnode *qsql_text_driver(const struct lp_qnode *root);
/* Appends " AND <alias>status IN (...)" for the statuses in mask m (not 0). */
void qsql_status_in(struct sqlbuf *b, const struct qsql_dialect *d, unsigned m);
/* Appends " AND <alias>agency IN (agencies under path)". */
void qsql_under_path(struct sqlbuf *b, const struct qsql_dialect *d, const char *path);
/* Appends " AND ..." limiting to cases whose text x lets be matched. */
void qsql_content(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_query_ctx *x);
/* Appends the condition of the query tree n (lapor-query(7)): relative
 * values resolved with x.  The node `driver` (may be NULL), a text term
 * the statement reads its full-text index for, gives its privacy
 * condition only. */
void qsql_cond(struct sqlbuf *b, const struct qsql_dialect *d, const struct lp_qnode *n,
	       const struct lp_query_ctx *x, const struct lp_qnode *driver);

/* The next white-space separated word of search text at *p (advancing
 * *p), or NULL when none is left: *len its length without a trailing '*'
 * (*prefix then true: a prefix query).  A lone "*" is no word. */
const char *qsql_word(const char **p, size_t *len, bool *prefix);

/* Appends the open cases other than `id` that share the region or the
 * category (each when set) with it, newest first, at most `limit` of each:
 * one arm "<head><rel> <alias>WHERE ... LIMIT n)" per column, joined by
 * UNION; `head` opens the arm up to FROM. */
void qsql_similar(struct sqlbuf *b, const struct qsql_dialect *d, const char *head,
		  const char *rel, const struct lp_case_filter *f, int64_t id, const char *region,
		  const char *category, int limit);

#endif
