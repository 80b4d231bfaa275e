/* sqlbuf.c: the SQL builder of sqlbuf.h. */
#include "sqlbuf.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static bool grow(void **p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return true;
	size_t n = *cap ? *cap * 2 : 16;
	while (n < need)
		n *= 2;
	void *q = realloc(*p, n * size);
	if (!q)
		return false;
	*p = q;
	*cap = n;
	return true;
}

void sqlbuf_put(struct sqlbuf *b, const char *sql)
{
	size_t n = strlen(sql);
	if (b->oom || !grow((void **)&b->s, &b->cap, b->len + n + 1, 1)) {
		b->oom = true;
		return;
	}
	memcpy(b->s + b->len, sql, n + 1);
	b->len += n;
}

static void add_value(struct sqlbuf *b, struct sqlbuf_value v)
{
	if (b->oom || !grow((void **)&b->v, &b->capv, b->nv + 1, sizeof *b->v)) {
		b->oom = true;
		return;
	}
	b->v[b->nv++] = v;
	if (b->style == SQLBUF_DOLLAR) {
		char num[24];
		snprintf(num, sizeof num, "$%zu", b->nv);
		sqlbuf_put(b, num);
	} else {
		sqlbuf_put(b, "?");
	}
}

void sqlbuf_int(struct sqlbuf *b, int64_t v)
{
	add_value(b, (struct sqlbuf_value){ false, v, NULL });
}

void sqlbuf_text(struct sqlbuf *b, const char *v)
{
	add_value(b, (struct sqlbuf_value){ true, 0, v ? v : "" });
}

void sqlbuf_text_own(struct sqlbuf *b, char *v)
{
	if (!v || b->oom || !grow((void **)&b->own, &b->capown, b->nown + 1, sizeof *b->own)) {
		free(v);
		b->oom = true;
		return;
	}
	b->own[b->nown++] = v;
	sqlbuf_text(b, v);
}

void sqlbuf_text_copy(struct sqlbuf *b, const char *v)
{
	sqlbuf_text_own(b, strdup(v ? v : ""));
}

void sqlbuf_free(struct sqlbuf *b)
{
	if (!b)
		return;
	enum sqlbuf_style style = b->style;
	for (size_t i = 0; i < b->nown; i++)
		free(b->own[i]);
	free(b->own);
	free(b->v);
	free(b->s);
	memset(b, 0, sizeof *b);
	b->style = style;
}
