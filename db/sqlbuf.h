/* sqlbuf.h: SQL text built with placeholders, and the values bound to
 * them, for the backends of db/ (no database header needed).  Text grows
 * with a placeholder per value while the values are recorded in order;
 * the backend binds them to the one statement prepared from the text
 * (db/sqlite/sq_sqb.c: sqlite3_bind; db/pg/pg_qb.c: PQexecParams).
 * Values are never pasted into the text. */
#ifndef LAPOR_SQLBUF_H
#define LAPOR_SQLBUF_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How a value's place is written. */
enum sqlbuf_style {
	SQLBUF_QMARK,  /* "?" (SQLite): the zero value */
	SQLBUF_DOLLAR, /* "$n", $1 the first value (PostgreSQL) */
};

/* One value to bind. */
struct sqlbuf_value {
	bool is_text;      /* text, else integer */
	int64_t i;         /* the integer */
	const char *t;     /* the text: borrowed, or one of the builder's own */
};

/* A statement being built.  Zero-initialise (SQLBUF_INIT_DOLLAR for
 * "$n"); free with sqlbuf_free. */
struct sqlbuf {
	char *s;                   /* SQL text, NUL-terminated (NULL until the first put) */
	size_t len, cap;
	struct sqlbuf_value *v;    /* values in placeholder order */
	size_t nv, capv;
	char **own;                /* strings the builder holds (freed by sqlbuf_free) */
	size_t nown, capown;
	enum sqlbuf_style style;
	bool oom;                  /* an allocation failed: the text is unusable */
};

#define SQLBUF_INIT_DOLLAR { .style = SQLBUF_DOLLAR }

/* Appends SQL text (never a value). */
void sqlbuf_put(struct sqlbuf *b, const char *sql);
/* Appends a placeholder and records an integer / a borrowed text (must
 * outlive the statement; NULL as '') / a copy of a text / a malloc'd
 * text the builder frees (NULL sets oom). */
void sqlbuf_int(struct sqlbuf *b, int64_t v);
void sqlbuf_text(struct sqlbuf *b, const char *v);
void sqlbuf_text_copy(struct sqlbuf *b, const char *v);
void sqlbuf_text_own(struct sqlbuf *b, char *v);
/* Frees what the builder holds and empties it (keeps its style). */
void sqlbuf_free(struct sqlbuf *b);

#endif
