/* query_internal.h: the tree behind query.h, shared by query*.c only.
 *
 * A query owns an arena of blocks; every node, value array and string is
 * carved from it, so lp_query_destroy frees blocks and nothing else. */
#ifndef LAPOR_QUERY_INTERNAL_H
#define LAPOR_QUERY_INTERNAL_H

#include "query.h"

struct lp_qnode {
	enum lp_qnode_type type;
	int column;
	enum lp_qfield field;         /* TERM only; LP_QF_COUNT otherwise */
	enum lp_qop op;               /* TERM only */
	size_t nvalues;
	struct lp_qvalue *values;     /* arena */
	size_t nchildren;
	struct lp_qnode **children;   /* arena */
};

struct lp_qblock;

struct lp_query {
	struct lp_qblock *blocks;     /* arena, newest first */
	struct lp_qnode *root;        /* NULL: the empty query */
	size_t nterms;
};

/* Allocates n zeroed bytes from q's arena; NULL when out of memory. */
void *lp_query_alloc(struct lp_query *q, size_t n);
/* Copies len bytes of s into q's arena, NUL-terminated; NULL when out of memory. */
char *lp_query_strndup(struct lp_query *q, const char *s, size_t len);

/* Parser state, shared by query_parse.c (grammar) and query_term.c (terms). */
struct lp_qparser {
	const char *s;                /* the input, valid UTF-8 without control characters */
	size_t len;
	size_t pos;                   /* byte offset of the next character */
	struct lp_query *q;           /* the query being built */
	int depth;                    /* open parentheses and negations */
	size_t nvalues;               /* values so far */
	bool failed;
	int code;                     /* LP_EUSAGE or LP_EINTERNAL once failed */
	int err_col;                  /* column of the error, 0 when none or not positional */
	struct lp_error *err;
};

/* Sets the error "query: column N: ..." for byte offset `off`; returns NULL. */
void *lp_qp_fail(struct lp_qparser *p, size_t off, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* Sets the out-of-memory error; returns NULL. */
void *lp_qp_nomem(struct lp_qparser *p);
/* The 1-based character column of byte offset `off`. */
int lp_qp_column(const struct lp_qparser *p, size_t off);
/* True when c ends a bare word: NUL, white space, parenthesis or quote. */
bool lp_qp_delim(char c);
/* Parses the term at p->pos (a word, a "phrase", field:values, or a flag)
 * and advances p->pos past it; NULL on error (p->failed). */
struct lp_qnode *lp_qp_term(struct lp_qparser *p);

/* What a field takes. */
struct lp_qfield_info {
	unsigned ops;                 /* allowed operators, bit (1u << op); 0 for a flag */
	bool list;                    /* takes a comma-separated list after ':' */
	const char *example;          /* shown in messages: "status:assigned,in_progress" */
};
/* The static description of field f (< LP_QF_COUNT). */
const struct lp_qfield_info *lp_qp_field_info(enum lp_qfield f);
/* Checks value s (len bytes, quotes and escapes removed; quoted: it was in
 * quotes, so a trailing '*' is literal) for field f and op, starting at byte
 * `at`, and fills *v (strings in the arena); NULL on error (p->failed). */
void *lp_qp_value(struct lp_qparser *p, enum lp_qfield f, enum lp_qop op, const char *s,
		  size_t len, bool quoted, size_t at, struct lp_qvalue *v);
/* Fails with "unknown field" for the name at [at, at + len), with a suggestion. */
void *lp_qp_unknown_field(struct lp_qparser *p, size_t at, const char *name, size_t len);

#endif
