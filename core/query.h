/* query.h: the case query language of lapor-query(7), parsed into a tree.
 *
 *   status:assigned,in_progress agency:31.71 -status:closed due<2d
 *   (kind:complaint OR category:jalan) "jalan rusak" overdue
 *
 * Core parses the text; a store backend walks the tree and builds ONE
 * prepared statement whose every value is a bound parameter.  No part of
 * the query text is ever pasted into SQL: the tree holds only closed
 * enums, validated codes, numbers, dates and strings meant for binding.
 *
 * Grammar (OR binds looser than AND; adjacent terms are ANDed):
 *   query   := [or]
 *   or      := and { "OR" and }
 *   and     := unary { ["AND"] unary }
 *   unary   := "-" unary | "NOT" unary | primary        ("-" with no space)
 *   primary := "(" or ")" | term
 *   term    := field op value {"," value} | flag | word | "phrase"
 * AND, OR and NOT are keywords only in upper case ("or" is a word).
 *
 * The tree: a node is AND or OR (two or more children; nested nodes of
 * the same type are flattened), NOT (one child), or TERM (a field, an
 * operator and one or more values; flags have none).  Every node and
 * value records the 1-based column, in characters of the input, where
 * it starts.  An empty query has no root and selects every case.
 *
 * How a backend translates it (SQLite and PostgreSQL alike):
 *
 *   emit(node):
 *     AND/OR -> "(" emit(child 0) " AND "|" OR " emit(child 1) ... ")"
 *     NOT    -> "NOT (" emit(child) ")"
 *     TERM   -> one fragment per field, a placeholder ("?" in SQLite,
 *               "$n" in PostgreSQL) for each value, values bound in
 *               order: status:a,b -> "c.status IN (?, ?)";
 *               region:31.* -> "c.region LIKE ? ESCAPE '\'" with the
 *               prefix escaped for LIKE and "%" appended; text -> a
 *               full-text match (SQLite FTS5: "c.id IN (SELECT rowid
 *               FROM case_fts WHERE case_fts MATCH ?)" with the string
 *               bound as an FTS5 phrase, its '"' doubled; PostgreSQL:
 *               "c.tsv @@ phraseto_tsquery('simple', $n)").
 *   Relative values (durations, dates, "me") are resolved by the caller
 *   at run time: `now`, the agency's time zone, the acting officer.
 *
 * Values by field (kind: see enum lp_qvalue_kind; ops: see enum lp_qop):
 *   status, kind, channel, privacy  ENUM   ":" list
 *   agency                          CODE or PREFIX ("31.*")  ":" list
 *   under (agency subtree)          CODE   ":" list
 *   region (area code)              CODE or PREFIX           ":" list
 *   category, tracking              STRING or PREFIX         ":" list
 *   assignee                        ME, NONE or CODE (login) ":" list
 *                                   ("unassigned" = assignee:none)
 *   priority (0 normal .. 2 urgent) INT    any op; ":" list
 *   id                              INT    any op; ":" list
 *   due, created, updated           DATE with any op; DURATION with < <= > >=
 *   age                             DURATION with < <= > >=
 *   escalated, overdue              no value (op LP_QOP_FLAG)
 *   text (bare words, "phrases")    STRING or PREFIX ("jal*"), one value
 * Meaning of time values: a DATE is the start of that day in the zone the
 * caller chooses; created:D / updated:D / due:D (and "=") mean "during
 * day D", created<D "before day D starts", created<=D "before day D
 * ends", likewise > and >=.  A DURATION on due counts from now forward
 * (due<2d: due within 2 days, due_at < now + 2d); on created, updated
 * and age it counts backward (age>7d and created>7d: created more than
 * 7 days ago; updated<1h: updated within the last hour).
 *
 * Errors: LP_EUSAGE, with a message "query: column N: what is wrong"
 * naming the column of the bad token; LP_EINTERNAL when out of memory.
 *
 * Ownership: struct lp_query owns every node, value and string; the
 * const pointers returned by the accessors live until lp_query_destroy. */
#ifndef LAPOR_QUERY_H
#define LAPOR_QUERY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "error.h"

#define LP_QUERY_MAX_BYTES 4096   /* longest query text, in bytes */
#define LP_QUERY_MAX_TERMS 256    /* most terms (leaves) in one query */
#define LP_QUERY_MAX_VALUES 1024  /* most values in one query, all lists together */
#define LP_QUERY_MAX_DEPTH 32     /* deepest nesting of parentheses and negations */

/* X(enum suffix, name): the fields, in the order lapor-query(7) lists them. */
#define LP_QUERY_FIELD_LIST(X) \
	X(STATUS, "status") \
	X(AGENCY, "agency") \
	X(UNDER, "under") \
	X(KIND, "kind") \
	X(CHANNEL, "channel") \
	X(CATEGORY, "category") \
	X(REGION, "region") \
	X(ASSIGNEE, "assignee") \
	X(PRIVACY, "privacy") \
	X(PRIORITY, "priority") \
	X(ESCALATED, "escalated") \
	X(OVERDUE, "overdue") \
	X(DUE, "due") \
	X(AGE, "age") \
	X(CREATED, "created") \
	X(UPDATED, "updated") \
	X(ID, "id") \
	X(TRACKING, "tracking") \
	X(TEXT, "text")

#define LP_X_QFIELD(s, n) LP_QF_##s,
enum lp_qfield { LP_QUERY_FIELD_LIST(LP_X_QFIELD) LP_QF_COUNT };

enum lp_qnode_type {
	LP_QN_AND,  /* all children match (two or more children) */
	LP_QN_OR,   /* any child matches (two or more children) */
	LP_QN_NOT,  /* the one child does not match */
	LP_QN_TERM, /* field op values */
};

enum lp_qop {
	LP_QOP_FLAG, /* no operator, no value: escalated, overdue */
	LP_QOP_IN,   /* ':' equal to one of the values */
	LP_QOP_EQ,   /* '=' equal to the one value */
	LP_QOP_LT,   /* '<' */
	LP_QOP_LE,   /* '<=' */
	LP_QOP_GT,   /* '>' */
	LP_QOP_GE,   /* '>=' */
};

enum lp_qvalue_kind {
	LP_QV_ENUM,     /* num: enum lp_status/lp_kind/lp_channel/lp_privacy value */
	LP_QV_INT,      /* num: the integer (id, priority), >= 0 */
	LP_QV_CODE,     /* text: agency or area code, or officer login, matched exactly */
	LP_QV_STRING,   /* text: category, tracking id, or full-text phrase, exactly as typed */
	LP_QV_PREFIX,   /* text: what a value ending in '*' starts with (the '*' removed) */
	LP_QV_ME,       /* assignee:me, the acting officer */
	LP_QV_NONE,     /* assignee:none, unassigned */
	LP_QV_DATE,     /* text: "YYYY-MM-DD"; num: days since 1970-01-01 */
	LP_QV_DURATION, /* num: amount; unit: 'm', 'h', 'd' (24 h) or 'w' */
};

/* One value of a term.  Read only; owned by the query. */
struct lp_qvalue {
	enum lp_qvalue_kind kind; /* what the value is */
	int column;               /* where it starts in the input (1-based, characters) */
	int64_t num;              /* ENUM, INT, DATE, DURATION: see the kind */
	char unit;                /* DURATION: 'm', 'h', 'd' or 'w'; else 0 */
	const char *text;         /* CODE, STRING, PREFIX, DATE: NUL-terminated UTF-8; else NULL */
};

struct lp_query;        /* a parsed query: owns its nodes */
struct lp_qnode;        /* a node of the tree: read through the accessors */

/* Parses text (NUL-terminated UTF-8, at most LP_QUERY_MAX_BYTES; NULL is
 * the empty query).  out must not be NULL.  On success *out is a new query
 * owned by the caller (free it with lp_query_destroy) and err is cleared.
 * On failure *out is NULL and err (may be NULL) says why. */
int lp_query_parse(const char *text, struct lp_query **out, struct lp_error *err);
/* As lp_query_parse; also sets *column (may be NULL) to the 1-based
 * character column of the bad token on a syntax error, for a caret, else 0. */
int lp_query_parse_ex(const char *text, struct lp_query **out, int *column,
		      struct lp_error *err);
/* Frees the query and everything it owns.  Accepts NULL. */
void lp_query_destroy(struct lp_query *q);

/* The root node, or NULL for the empty query (which matches every case). */
const struct lp_qnode *lp_query_root(const struct lp_query *q);
/* Number of terms (leaves) in the query. */
size_t lp_query_terms(const struct lp_query *q);

/* Node accessors; n must not be NULL. */
enum lp_qnode_type lp_qnode_type(const struct lp_qnode *n);
/* Column (1-based, characters) where the node's text starts. */
int lp_qnode_column(const struct lp_qnode *n);
/* AND, OR: two or more; NOT: one; TERM: none. */
size_t lp_qnode_child_count(const struct lp_qnode *n);
/* Child i (< lp_qnode_child_count), or NULL when out of range. */
const struct lp_qnode *lp_qnode_child(const struct lp_qnode *n, size_t i);
/* TERM: the field (other nodes: LP_QF_COUNT). */
enum lp_qfield lp_qnode_field(const struct lp_qnode *n);
/* TERM: the operator (other nodes: LP_QOP_FLAG). */
enum lp_qop lp_qnode_op(const struct lp_qnode *n);
/* TERM: number of values (0 for flags; more than 1 only with LP_QOP_IN). */
size_t lp_qnode_value_count(const struct lp_qnode *n);
/* TERM: value i (< lp_qnode_value_count), or NULL when out of range. */
const struct lp_qvalue *lp_qnode_value(const struct lp_qnode *n, size_t i);

/* DURATION value in seconds (m 60, h 3600, d 86400, w 604800); 0 for other kinds. */
int64_t lp_qvalue_seconds(const struct lp_qvalue *v);

/* Field name ("status"), static; "?" out of range. */
const char *lp_qfield_name(enum lp_qfield f);
/* Field for a name, or -1 when unknown. */
int lp_qfield_parse(const char *name);
/* Operator as typed (":", "=", "<", "<=", ">", ">="; "" for a flag), static. */
const char *lp_qop_text(enum lp_qop op);

/* Writes the canonical text of q into buf (size n, NUL-terminated when
 * n > 0, truncated if short) and returns the length it needs without the
 * NUL, like snprintf.  Parsing the canonical text gives an equal query
 * (it can exceed LP_QUERY_MAX_BYTES only when the input was near the
 * limit: escaped backslashes, "unassigned" printed as assignee:none). */
size_t lp_query_print(const struct lp_query *q, char *buf, size_t n);
/* The canonical text in a malloc'd string (caller frees), or NULL when
 * out of memory. */
char *lp_query_to_string(const struct lp_query *q);
/* True when a and b have the same tree and values (columns ignored).
 * NULL equals only NULL. */
bool lp_query_equal(const struct lp_query *a, const struct lp_query *b);

#endif
