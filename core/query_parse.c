/* query_parse.c: the grammar of lapor-query(7): OR, AND, NOT, parentheses.
 * Terms are parsed in query_term.c. */
#include "i18n.h"
#include "query_internal.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void *lp_qp_fail(struct lp_qparser *p, size_t off, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	p->failed = true;
	p->code = LP_EUSAGE;
	p->err_col = lp_qp_column(p, off);
	lp_error_set(p->err, LP_EUSAGE, _("query: column %d: %s"), p->err_col, msg);
	return NULL;
}

void *lp_qp_nomem(struct lp_qparser *p)
{
	p->failed = true;
	p->code = LP_EINTERNAL;
	p->err_col = 0;
	lp_error_set(p->err, LP_EINTERNAL, _("query: out of memory"));
	return NULL;
}

static int column_of(const char *s, size_t off)
{
	int col = 1;
	for (size_t i = 0; i < off; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			col++;
	return col;
}

int lp_qp_column(const struct lp_qparser *p, size_t off)
{
	return column_of(p->s, off);
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

bool lp_qp_delim(char c)
{
	return c == '\0' || is_space(c) || c == '(' || c == ')' || c == '"';
}

static void skip_space(struct lp_qparser *p)
{
	while (p->pos < p->len && is_space(p->s[p->pos]))
		p->pos++;
}

/* True when the upper-case keyword kw stands as a whole word at p->pos. */
static bool at_keyword(const struct lp_qparser *p, const char *kw)
{
	size_t n = strlen(kw);
	return p->len - p->pos >= n && memcmp(p->s + p->pos, kw, n) == 0 &&
	       lp_qp_delim(p->s[p->pos + n]);
}

/* True when nothing that can start a term follows: the end, ")" or OR/AND. */
static bool at_term_end(const struct lp_qparser *p)
{
	return p->pos >= p->len || p->s[p->pos] == ')' || at_keyword(p, "OR") ||
	       at_keyword(p, "AND");
}

struct nodevec {
	struct lp_qnode **v;
	size_t n, cap;
};

/* Appends n, or n's children when n is of the type being built (flattening). */
static bool vec_push(struct nodevec *v, struct lp_qnode *n, enum lp_qnode_type type)
{
	size_t add = n->type == type ? n->nchildren : 1;
	if (v->n + add > v->cap) {
		size_t cap = v->cap ? v->cap * 2 : 8;
		while (cap < v->n + add)
			cap *= 2;
		struct lp_qnode **nv = realloc(v->v, cap * sizeof *nv);
		if (!nv)
			return false;
		v->v = nv;
		v->cap = cap;
	}
	if (n->type == type) {
		memcpy(v->v + v->n, n->children, add * sizeof *n->children);
		v->n += add;
	} else {
		v->v[v->n++] = n;
	}
	return true;
}

/* Makes an AND/OR node of v's nodes, or returns the only one. */
static struct lp_qnode *vec_node(struct lp_qparser *p, struct nodevec *v, enum lp_qnode_type t)
{
	if (v->n == 1)
		return v->v[0];
	struct lp_qnode *n = lp_query_alloc(p->q, sizeof *n);
	struct lp_qnode **kids = lp_query_alloc(p->q, v->n * sizeof *kids);
	if (!n || !kids)
		return lp_qp_nomem(p);
	memcpy(kids, v->v, v->n * sizeof *kids);
	n->type = t;
	n->column = v->v[0]->column;
	n->field = LP_QF_COUNT;
	n->op = LP_QOP_FLAG;
	n->children = kids;
	n->nchildren = v->n;
	return n;
}

static struct lp_qnode *parse_or(struct lp_qparser *p);
static struct lp_qnode *parse_unary(struct lp_qparser *p);

static struct lp_qnode *parse_group(struct lp_qparser *p)
{
	size_t open = p->pos++;
	if (++p->depth > LP_QUERY_MAX_DEPTH)
		return lp_qp_fail(p, open, _("nested deeper than %d levels"), LP_QUERY_MAX_DEPTH);
	skip_space(p);
	if (p->pos >= p->len)
		return lp_qp_fail(p, open, _("unbalanced parenthesis"));
	if (p->s[p->pos] == ')')
		return lp_qp_fail(p, open, _("empty parentheses"));
	struct lp_qnode *n = parse_or(p);
	if (!n)
		return NULL;
	skip_space(p);
	if (p->pos >= p->len || p->s[p->pos] != ')')
		return lp_qp_fail(p, open, _("unbalanced parenthesis"));
	p->pos++;
	p->depth--;
	return n;
}

static struct lp_qnode *parse_not(struct lp_qparser *p, size_t start, bool dash)
{
	if (++p->depth > LP_QUERY_MAX_DEPTH)
		return lp_qp_fail(p, start, _("nested deeper than %d levels"), LP_QUERY_MAX_DEPTH);
	if (dash) {
		if (p->pos >= p->len || is_space(p->s[p->pos]) || p->s[p->pos] == ')')
			return lp_qp_fail(p, start, _("\"-\" must be followed by a term, "
					  "with no space (e.g. -status:closed)"));
	} else {
		skip_space(p);
		if (at_term_end(p))
			return lp_qp_fail(p, start, _("\"NOT\" needs a term after it "
					  "(e.g. NOT status:closed)"));
	}
	struct lp_qnode *child = parse_unary(p);
	if (!child)
		return NULL;
	p->depth--;
	struct lp_qnode *n = lp_query_alloc(p->q, sizeof *n);
	struct lp_qnode **kids = lp_query_alloc(p->q, sizeof *kids);
	if (!n || !kids)
		return lp_qp_nomem(p);
	kids[0] = child;
	n->type = LP_QN_NOT;
	n->column = lp_qp_column(p, start);
	n->field = LP_QF_COUNT;
	n->op = LP_QOP_FLAG;
	n->children = kids;
	n->nchildren = 1;
	return n;
}

static struct lp_qnode *parse_unary(struct lp_qparser *p)
{
	size_t start = p->pos;
	char c = p->s[p->pos];

	if (c == '-') {
		p->pos++;
		return parse_not(p, start, true);
	}
	if (at_keyword(p, "NOT")) {
		p->pos += 3;
		return parse_not(p, start, false);
	}
	if (at_keyword(p, "OR") || at_keyword(p, "AND"))
		return lp_qp_fail(p, start, _("\"%s\" needs a term on each side"),
				  c == 'O' ? "OR" : "AND");
	if (c == '(')
		return parse_group(p);
	if (c == ')')
		return lp_qp_fail(p, start, _("unbalanced parenthesis"));
	if (c == '\0')
		return lp_qp_fail(p, start, _("expected a term"));
	return lp_qp_term(p);
}

static struct lp_qnode *parse_and(struct lp_qparser *p)
{
	struct nodevec v = { 0 };
	struct lp_qnode *n = NULL;

	for (;;) {
		skip_space(p);
		n = parse_unary(p);
		if (!n)
			goto out;
		if (!vec_push(&v, n, LP_QN_AND)) {
			n = lp_qp_nomem(p);
			goto out;
		}
		skip_space(p);
		if (at_keyword(p, "AND")) {
			size_t kw = p->pos;
			p->pos += 3;
			skip_space(p);
			if (at_term_end(p)) {
				n = lp_qp_fail(p, kw, _("\"AND\" needs a term on each side"));
				goto out;
			}
		} else if (at_term_end(p)) {
			break;
		}
	}
	n = vec_node(p, &v, LP_QN_AND);
out:
	free(v.v);
	return n;
}

static struct lp_qnode *parse_or(struct lp_qparser *p)
{
	struct nodevec v = { 0 };
	struct lp_qnode *n = NULL;

	for (;;) {
		n = parse_and(p);
		if (!n)
			goto out;
		if (!vec_push(&v, n, LP_QN_OR)) {
			n = lp_qp_nomem(p);
			goto out;
		}
		skip_space(p);
		if (!at_keyword(p, "OR"))
			break;
		size_t kw = p->pos;
		p->pos += 2;
		skip_space(p);
		if (at_term_end(p)) {
			n = lp_qp_fail(p, kw, _("\"OR\" needs a term on each side"));
			goto out;
		}
	}
	n = vec_node(p, &v, LP_QN_OR);
out:
	free(v.v);
	return n;
}

/* Length of the UTF-8 sequence at s (n bytes left) that is valid and not a
 * control character, or 0. */
static size_t good_char(const unsigned char *s, size_t n)
{
	unsigned c = s[0];
	size_t len;
	unsigned cp;

	if (c < 0x80)
		return (c >= 0x20 && c != 0x7f) || c == '\t' || c == '\n' || c == '\r';
	if (c >= 0xC2 && c <= 0xDF) {
		len = 2;
		cp = c & 0x1F;
	} else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		cp = c & 0x0F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		cp = c & 0x07;
	} else {
		return 0;
	}
	if (n < len)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3F);
	}
	if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) ||
	    (cp >= 0xD800 && cp <= 0xDFFF) || (cp >= 0x80 && cp <= 0x9F))
		return 0;
	return len;
}

/* Checks length, UTF-8 and control characters. */
static bool check_text(struct lp_qparser *p)
{
	if (p->len > LP_QUERY_MAX_BYTES) {
		lp_qp_fail(p, LP_QUERY_MAX_BYTES, _("the query is longer than %d bytes"),
			   LP_QUERY_MAX_BYTES);
		return false;
	}
	const unsigned char *s = (const unsigned char *)p->s;
	for (size_t i = 0; i < p->len;) {
		size_t n = good_char(s + i, p->len - i);
		if (n == 0) {
			bool ctl = s[i] < 0x20 || s[i] == 0x7f || (s[i] == 0xC2 && i + 1 < p->len &&
				   s[i + 1] >= 0x80 && s[i + 1] <= 0x9F);
			lp_qp_fail(p, i, ctl ? _("control character") : _("invalid UTF-8"));
			return false;
		}
		i += n;
	}
	return true;
}

int lp_query_parse_ex(const char *text, struct lp_query **out, int *column,
		      struct lp_error *err)
{
	struct lp_qparser p = { 0 };

	*out = NULL;
	if (column)
		*column = 0;
	lp_error_clear(err);
	p.s = text ? text : "";
	p.len = strnlen(p.s, LP_QUERY_MAX_BYTES + 1);
	p.err = err;
	if (!check_text(&p))
		goto fail;
	p.q = calloc(1, sizeof *p.q);
	if (!p.q) {
		lp_qp_nomem(&p);
		goto fail;
	}
	skip_space(&p);
	if (p.pos < p.len) {
		p.q->root = parse_or(&p);
		if (!p.q->root)
			goto fail;
		skip_space(&p);
		if (p.pos < p.len) {
			lp_qp_fail(&p, p.pos, _("unbalanced parenthesis"));
			goto fail;
		}
	}
	*out = p.q;
	return LP_OK;
fail:
	lp_query_destroy(p.q);
	if (column)
		*column = p.err_col;
	return p.code;
}

int lp_query_parse(const char *text, struct lp_query **out, struct lp_error *err)
{
	return lp_query_parse_ex(text, out, NULL, err);
}
